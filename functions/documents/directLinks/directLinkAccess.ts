import { DOCUMENT_KINDS, type DocumentType } from '../../../shared/api/documents';
import { PERMISSIONS, type Permission } from '../../../shared/permissions';
import { PROBLEM_TYPES } from '../../../shared/problem';
import { Problem } from '../../core/problems';
import type { Company } from '../../customers/companyRepository';
import type { PortalUser } from '../../customers/portalUserRepository';
import type { Tenant } from '../../customers/tenantRepository';
import { hashToken } from '../../core/secrets';
import { accountDeactivated, companyNotAllowed, portalDisabled } from '../../customers/access';

/**
 * What a direct-link visitor may do, and how their session is recognised. Kept apart
 * from documents/directLinks/directLinks (which makes links and emails them) so the auth
 * check of every portal request loads only this.
 */

/** Per type, the actions a link may allow on its document (if the recipient's permissions do). */
const LINK_ACTIONS: Record<DocumentType, Permission[]> = {
  quote: ['quotes:accept'],
  'sales-order': ['orders:sign'],
  invoice: ['invoices:pay'],
  job: ['artwork:approve'],
  'purchase-order': ['purchase-orders:acknowledge'],
  'supplier-bill': [],
};
/** Every document has a message thread. */
const THREAD: Permission[] = ['messages:write'];

/**
 * A link visitor's permissions: always the read permission of the document's type (the
 * link is staff's decision to show that document), plus those of the document's actions
 * and its thread that `granted` (the recipient's effective permissions) holds. Nothing
 * else: no other type, no profile, no catalogue.
 */
export function linkPermissions(type: DocumentType, granted: readonly Permission[]): Permission[] {
  const allowed = new Set<Permission>([DOCUMENT_KINDS[type].read, ...[...LINK_ACTIONS[type], ...THREAD].filter((p) => granted.includes(p))]);
  return PERMISSIONS.filter((p) => allowed.has(p));
}

/**
 * The team whose permissions a recipient without an active portal login gets (before
 * the rule above narrows them): the tenant's default customer team, or its default
 * supplier team for a supplier's documents.
 */
export const defaultTeamFor = (type: DocumentType): string =>
  type === 'purchase-order' || type === 'supplier-bill' ? 'customer-portal-supplier-users' : 'customer-portal-users';

/**
 * A link session is a portal-pool Session whose `sub` is this, never a Cognito sub (a
 * UUID): no ID token can ever be accepted with it, and the auth check tells the two apart.
 */
export const linkSessionSub = (linkId: string) => `direct-link:${linkId}`;
export const isLinkSession = (session: { sub: string }) => session.sub.startsWith('direct-link:');

const SECRET = /^[A-Za-z0-9_-]{43}$/;
const LINK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The link session cookie is `<secret>.<linkId>`: the session (by the secret's hash) and the link are read in one round. */
export function parseLinkSessionCookie(value: string | undefined): { sessionId: string; linkId: string } | undefined {
  if (!value) return undefined;
  const [secret, linkId, ...rest] = value.split('.');
  if (rest.length || !secret || !SECRET.test(secret) || !linkId || !LINK_ID.test(linkId)) return undefined;
  return { sessionId: hashToken(secret), linkId };
}

export const linkInvalid = () =>
  new Problem(404, 'Link not valid', 'This link is not valid. Check that you copied the whole address from the email.', undefined, PROBLEM_TYPES.linkInvalid);
export const linkExpired = () =>
  new Problem(
    410,
    'Link expired',
    'This link has expired. Ask the business to send you a new one, or sign in to the portal.',
    undefined,
    PROBLEM_TYPES.linkExpired,
  );
export const linkRevoked = () =>
  new Problem(
    410,
    'Link withdrawn',
    'This link has been withdrawn by the business. Ask them for a new one, or sign in to the portal.',
    undefined,
    PROBLEM_TYPES.linkRevoked,
  );

/**
 * The switches a link obeys like a sign-in: the recipient's login deactivated, the
 * tenant's portal off, the company kept out. A recipient with no login is fine.
 */
export function assertLinkAccess(
  tenant: Pick<Tenant, 'portalEnabled'>,
  company: Pick<Company, 'companyId' | 'allowPortal'> | undefined,
  companyId: string,
  user: Pick<PortalUser, 'status'> | undefined,
): void {
  if (user?.status === 'deactivated') throw accountDeactivated();
  if (!tenant.portalEnabled) throw portalDisabled();
  if (!company || company.companyId !== companyId || !company.allowPortal) throw companyNotAllowed();
}
