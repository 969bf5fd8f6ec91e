import type { DocumentType } from '../../shared/api/documents';
import type { Module, Permission } from '../../shared/permissions';
import type { Company } from '../customers/companyRepository';
import type { PortalUser } from '../customers/portalUserRepository';
import type { Tenant } from '../customers/tenantRepository';

/**
 * Who is calling, as the HTTP adapter establishes it from a verified credential and hands
 * it to a route's handler, typed by the route row's caller kind. The tenant and company
 * of a caller always come from its credential and its records, never from the request.
 */

export type PoolKind = 'portal' | 'staff';
/** A browser session: a sign-in of one pool, or a direct link's visit. */
export type SessionKind = PoolKind | 'link';

/** Where a request came from, as the gateway saw it: what audit trails and evidence record. */
export interface RequestOrigin {
  ip?: string;
  userAgent?: string;
  /** `https://<host>` of the tenant's portal the viewer is on, when the Host names one (emails and Stripe send people back there). */
  site?: string;
}

/** The session credentials a browser presented (read by the adapter; services never see a cookie name). */
export interface PresentedSession {
  idToken?: string;
  refreshToken?: string;
  session?: string;
}
export interface PresentedCredentials {
  portal: PresentedSession;
  staff: PresentedSession;
  /** A direct link's session. */
  link?: string;
}

/** Anyone, on a public route: sign-in, public branding, health. `tenant` is the one the Host names, if any. */
export interface PublicCaller {
  kind: 'anonymous';
  tenant?: Tenant;
  presented: PresentedCredentials;
  origin: RequestOrigin;
}

/** The one document a direct link opens: all its visitor may reach. */
export interface DirectLinkScope {
  linkId: string;
  type: DocumentType;
  documentId: string;
  expiresAt: string;
}

/** A portal user (or a direct-link visitor): one tenant, one company, effective permissions, and the records the check read. */
export interface PortalCaller {
  kind: 'portal';
  tenantId: string;
  /** The contact's id (a portal user's id is their contact's). */
  userId: string;
  username: string;
  companyId: string;
  permissions: Permission[];
  /** Set for a direct-link visitor. */
  link?: DirectLinkScope;
  tenant: Tenant;
  /** The portal login; absent only for a direct-link visitor whose contact has no active login. */
  user?: PortalUser;
  company: Company;
  /** The company's effective modules. */
  modules: Module[];
  /** `portal:<userId>`, as audit trails name it. */
  actor: string;
  origin: RequestOrigin;
}

/** A signed-in staff member of a tenant. */
export interface StaffCaller {
  kind: 'staff';
  tenantId: string;
  staffId: string;
  username: string;
  /** The staff pool's groups from the verified ID token (`identity/staffGroups`): the roles each route's row is checked against. */
  groups: string[];
  /** `staff:<staffId>`. */
  actor: string;
  origin: RequestOrigin;
}

/** The tenant's CRM, with one of its API keys; its scopes are checked against each route's (`http/adminAccess`). */
export interface ApiKeyCaller {
  kind: 'api-key';
  tenantId: string;
  keyId: string;
  scopes: string[];
  /** `api-key:<keyId>`. */
  actor: string;
  origin: RequestOrigin;
}

/** The admin API's callers: staff, or the CRM. */
export type AdminCaller = StaffCaller | ApiKeyCaller;

/** A signed webhook: its signature is its credential, checked by the handler against the exact bytes. */
export interface WebhookCaller {
  kind: 'webhook';
  payload?: Buffer;
  headers: Record<string, string | undefined>;
  origin: RequestOrigin;
}

export type Caller = PublicCaller | PortalCaller | StaffCaller | ApiKeyCaller | WebhookCaller;

/** Whoever an audit entry names as having acted, and from where. */
export interface Actor {
  tenantId: string;
  /** `portal:<id>`, `staff:<id>`, `api-key:<id>` or `anonymous`. */
  actor: string;
  origin?: RequestOrigin;
}
