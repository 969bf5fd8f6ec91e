import { LIMITS } from '../limits';
import * as z from 'zod/mini';
import { MODULES, PERMISSIONS } from '../permissions';
import { brandingSchema } from '../tenant';
import { address, email, id, lazily, linkToken, nonEmpty, pageQuery, pageQueryFields, password, phone, trimmed } from './common';
import { companyPaymentMethods } from './payments';
import type { DocumentType } from './documents';

export { pageQuery };

/** Request schemas of the access routes: companies, contacts, logins, teams, settings, sign-in. */

export const COMPANY_KINDS = ['customer', 'supplier', 'both'] as const;
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;
/** Fields of My Details a tenant may let contacts edit. */
export const PROFILE_FIELDS = ['name', 'phone', 'address', 'companyAddress'] as const;

const companyObject = () =>
  z.strictObject({
    name: trimmed(200),
    kind: z.enum(COMPANY_KINDS),
    allowPortal: z.optional(z.boolean()),
    moduleOverrides: z.optional(z.partialRecord(z.enum(MODULES), z.boolean())),
    /** Portal discount on catalogue prices, in basis points (1250 = 12.5 %). */
    portalDiscountBps: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000))),
    /** Online payment methods this company may use, within the tenant's (null: the tenant's list again; []: none). */
    paymentMethods: z.optional(companyPaymentMethods),
    address: z.optional(address),
    phone: z.optional(phone),
    externalId: z.optional(trimmed(100)),
  });

export const companyPath = lazily(() => z.strictObject({ companyId: id }));
export const createCompanyBody = lazily(companyObject);
export const updateCompanyBody = lazily(() => nonEmpty(z.partial(companyObject())));
export const listCompaniesQuery = lazily(() => z.strictObject({ ...pageQueryFields(), kind: z.optional(z.enum(COMPANY_KINDS)) }));

export const contactPath = lazily(() => z.strictObject({ contactId: id }));
const contactFields = () => ({
  firstName: trimmed(LIMITS.personName),
  lastName: trimmed(LIMITS.personName),
  email: z.optional(email),
  phone: z.optional(phone),
  jobTitle: z.optional(trimmed(100, 0)),
  address: z.optional(address),
  externalId: z.optional(trimmed(100)),
});
export const createContactBody = lazily(() => z.strictObject({ companyId: id, ...contactFields() }));
export const updateContactBody = lazily(() => nonEmpty(z.partial(z.strictObject(contactFields()))));

export const teamIds = lazily(() => z.array(id).check(z.minLength(1, 'name at least one team'), z.maxLength(20)));
export const portalLoginBody = lazily(() => z.strictObject({ teams: teamIds }));

export const userPath = lazily(() => z.strictObject({ userId: id }));
export const listUsersQuery = lazily(() => z.strictObject({ ...pageQueryFields(), companyId: z.optional(id), status: z.optional(z.enum(USER_STATUSES)) }));
export const userTeamsBody = lazily(() => z.strictObject({ teams: teamIds }));

export const teamPath = lazily(() => z.strictObject({ teamId: id }));
export const updateTeamBody = lazily(() =>
  nonEmpty(
    z.strictObject({
      name: z.optional(trimmed(100)),
      // At least one: the table stores a team's permissions as a DynamoDB set, which cannot be empty.
      permissions: z.optional(z.array(z.enum(PERMISSIONS)).check(z.minLength(1, 'name at least one permission'), z.maxLength(PERMISSIONS.length))),
    }),
  ),
);

/** How customers reach the business: printed on every document PDF. Each part optional; `{}` clears them. */
export const businessContactDetails = lazily(() =>
  z.strictObject({
    email: z.optional(email),
    phone: z.optional(phone),
    website: z.optional(trimmed(200, 0)),
    address: z.optional(address),
  }),
);
export type BusinessContactDetails = z.output<typeof businessContactDetails>;

export const updateSettingsBody = lazily(() =>
  nonEmpty(
    z.strictObject({
      name: z.optional(trimmed(200)),
      portalEnabled: z.optional(z.boolean()),
      branding: z.optional(brandingSchema),
      // At least one (stored as a DynamoDB set, which cannot be empty); `portalEnabled` is the switch for none.
      modules: z.optional(z.array(z.enum(MODULES)).check(z.minLength(1, 'name at least one module'), z.maxLength(MODULES.length))),
      editableProfileFields: z.optional(z.array(z.enum(PROFILE_FIELDS)).check(z.maxLength(PROFILE_FIELDS.length))),
      contactDetails: z.optional(businessContactDetails),
    }),
  ),
);

/**
 * What a CRM API key may do on the admin API, one scope per kind of record and access
 * (the route table names each route's, `scope`). `admin` is every scope: the one scope
 * keys had before scopes were checked, so those keys (and the local demo keys) keep the
 * access they had, and a key created without `scopes` gets it too.
 */
export const API_KEY_SCOPES = [
  'admin',
  'companies:read',
  'companies:write',
  'portal-users:read',
  'portal-users:write',
  'documents:read',
  'documents:write',
  'settings:read',
  'settings:write',
  'audit:read',
  'catalogue:read',
  'catalogue:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const createApiKeyBody = lazily(() =>
  z.strictObject({ name: trimmed(100), scopes: z.optional(z.array(z.enum(API_KEY_SCOPES)).check(z.minLength(1), z.maxLength(API_KEY_SCOPES.length))) }),
);
export const apiKeyPath = lazily(() => z.strictObject({ keyId: z.string().check(z.regex(/^[a-z0-9]{8,32}$/, 'is not a key id')) }));

export const auditQuery = lazily(() =>
  z
    .strictObject({ ...pageQueryFields(), companyId: z.optional(id), userId: z.optional(id) })
    .check(z.refine((q) => !!q.companyId !== !!q.userId, { message: 'name exactly one of companyId or userId', path: ['companyId'] })),
);

// Sign-in and self-service
export const invitationPath = lazily(() => z.strictObject({ token: linkToken }));
export const acceptInvitationBody = lazily(() => z.strictObject({ password }));
export const loginBody = lazily(() => z.strictObject({ email, password: z.string().check(z.minLength(1), z.maxLength(LIMITS.password.max)) }));
export const forgotPasswordBody = lazily(() => z.strictObject({ email }));
/** Refresh and logout take no input; an empty JSON object (what a fetch helper may send) is accepted as none. */
export const emptyBody = lazily(() => z.optional(z.strictObject({})));
export const resetPasswordBody = lazily(() => z.strictObject({ token: linkToken, password }));

export const updateMeBody = lazily(() =>
  nonEmpty(
    z.strictObject({
      firstName: z.optional(trimmed(LIMITS.personName)),
      lastName: z.optional(trimmed(LIMITS.personName)),
      phone: z.optional(phone),
      address: z.optional(address),
    }),
  ),
);
export const updateMyCompanyBody = lazily(() => nonEmpty(z.strictObject({ address: z.optional(address), phone: z.optional(phone) })));

// Responses the site reads (the API returns exactly these shapes).
import type { Module, Permission } from '../permissions';
import type { Address } from './common';

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** `GET /api/me` */
export interface MeResponse {
  user: { id: string; email: string; firstName: string; lastName: string; phone?: string; address?: Address; lastSignInAt?: string };
  company: { id: string; name: string; kind: (typeof COMPANY_KINDS)[number]; phone?: string; address?: Address };
  /** Effective: the union of the user's teams, limited by the tenant's modules and the company's overrides. */
  permissions: Permission[];
  /** Modules switched on for this user's company. */
  modules: Module[];
  /** Which My Details fields the tenant lets contacts edit. */
  editableFields: ProfileField[];
  /** Whether the user has set an e-signing PIN (PUT /api/me/signing-pin). */
  signingPinSet: boolean;
  /**
   * Set for a session opened from a direct link: the one document it reaches (the site
   * shows a minimal shell). `user` is then the link's recipient and `company` theirs;
   * `permissions` are what the link allows on that document.
   */
  directLink?: { type: DocumentType; documentId: string; expiresAt: string };
}

/** `GET /api/auth/invitations/{token}` (200 only for a link that can still be accepted). */
export interface InvitationInfo {
  email: string;
  firstName: string;
  companyName: string;
  expiresAt: string;
  passwordRules: { minLength: number; requires: string[] };
}

/** Successful sign-in, invitation acceptance, refresh and reset: the session is in cookies. */
export interface SessionResponse {
  signedIn: true;
  expiresAt: string;
}

/** `POST /api/auth/forgot-password`: the same answer whether or not the address has a login. */
export interface ResetRequested {
  accepted: true;
  detail: string;
}

/** Session cookie names, shared by the API and the site (which reads only the CSRF one). */
export const COOKIES = {
  portal: { idToken: 'portico_id', refreshToken: 'portico_refresh', session: 'portico_sid' },
  staff: { idToken: 'portico_staff_id', refreshToken: 'portico_staff_refresh', session: 'portico_staff_sid' },
  /** The CSRF token of each session the browser holds (derived from its session cookie): readable by the site, echoed in the `x-csrf-token` header. */
  csrf: 'portico_csrf',
  /** The session of a direct link (one document, no sign-in): its own name, so it never mixes with a real sign-in. */
  directLink: 'portico_link_sid',
} as const;
export const CSRF_HEADER = 'x-csrf-token';
