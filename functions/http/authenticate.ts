import type { ApiKeyCaller, PortalCaller, RequestOrigin, StaffCaller } from '../core/callers';
import { forbidden, type Problem, unauthorized } from '../core/problems';
import { assertPortalAccess, accountDeactivated, effectiveModules, effectivePermissions } from '../customers/access';
import { companyRepository } from '../customers/companyRepository';
import { portalUserRepository } from '../customers/portalUserRepository';
import { teamRepository } from '../customers/teamRepository';
import type { HostTenant } from '../customers/tenantHosts';
import { directLinkRepository } from '../documents/directLinks/directLinkRepository';
import {
  assertLinkAccess,
  defaultTeamFor,
  linkExpired,
  linkPermissions,
  linkRevoked,
  linkSessionSub,
  parseLinkSessionCookie,
} from '../documents/directLinks/directLinkAccess';
import { verifyApiKey } from '../identity/apiKeyCredentials';
import { verifyIdToken, type VerifiedIdentity } from '../identity/idTokens';
import { sessionRepository } from '../identity/sessionRepository';
import { isLive, parseSessionCookie } from '../identity/sessions';
import { staffLoginRepository } from '../identity/staffLoginRepository';
import type { CallerKind } from '../routes';
import { presentedLinkSession, presentedSession } from './cookies';
import type { ApiEvent } from './types';

/** Which credential kinds a caller kind accepts. */
const ACCEPTS: Record<CallerKind, Array<'portal' | 'staff' | 'api-key'>> = {
  public: [],
  webhook: [],
  portal: ['portal'],
  staff: ['staff'],
  'api-key': ['api-key'],
  'staff-or-api-key': ['staff', 'api-key'],
};

function apiKeyPresented(event: ApiEvent): string | undefined {
  const header = event.headers?.authorization;
  const bearer = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
  const key = bearer ?? event.headers?.['x-api-key'];
  return key?.startsWith('ptk.') ? key : undefined;
}

/**
 * Establishes the caller from verified credentials only, typed by the route's caller kind.
 * - Machines (the tenant's CRM): an API key, as a bearer token or in `x-api-key`.
 * - People: cookies only — a Cognito ID token and a live server-side session. Both are
 *   needed, and the user's current records are read on every request, so logging out,
 *   deactivation and switches flipped by staff apply to the very next request, even with
 *   an ID token issued before.
 * The tenant always comes from the credential, and the Host must name that same tenant,
 * with no exception: a CRM key too calls its tenant's host (in the cloud the API's own
 * execute-api address answers nothing without CloudFront's origin secret, and the local
 * gateway's address behaves the same, so both runtimes agree). Public and
 * webhook routes take no credential of these: their caller is anonymous (a webhook's
 * signature is checked by its handler).
 */
export type Identity = { kind: 'anonymous' } | PortalCaller | StaffCaller | ApiKeyCaller;

export async function authenticate(event: ApiEvent, caller: CallerKind, host: HostTenant | undefined, origin: RequestOrigin = {}): Promise<Identity> {
  const accepts = ACCEPTS[caller];
  if (accepts.length === 0) return { kind: 'anonymous' };

  const key = apiKeyPresented(event);
  if (key) {
    const verified = accepts.includes('api-key') ? await verifyApiKey(key) : undefined;
    if (!verified) throw unauthorized();
    assertSameTenant(host, verified.tenantId);
    // What the key may do on this route (its scopes against the row's) is ./adminAccess's, once the caller is known.
    return { kind: 'api-key', tenantId: verified.tenantId, keyId: verified.keyId, scopes: verified.scopes, actor: `api-key:${verified.keyId}`, origin };
  }

  for (const pool of ['portal', 'staff'] as const) {
    if (!accepts.includes(pool)) continue;
    const cookies = presentedSession(event, pool);
    // A direct link's session, only when no real sign-in is presented (a real one always wins).
    const linkCookie = pool === 'portal' && !cookies.idToken ? presentedLinkSession(event) : undefined;
    if (linkCookie) return linkCaller(linkCookie, host, origin);
    if (!cookies.idToken || !cookies.session) continue;
    const identity = await verifyIdToken(pool, cookies.idToken);
    if (!identity) throw unauthorized('Your session has expired. Sign in again.');
    assertSameTenant(host, identity.tenantId);
    return pool === 'portal' ? portalCaller(identity, cookies.session, host, origin) : staffCaller(identity, cookies.session, origin);
  }
  throw unauthorized();
}

/** A credential is used on its own tenant's host: another tenant's, or a host naming none, is refused alike. */
function assertSameTenant(host: HostTenant | undefined, tenantId: string): asserts host is HostTenant {
  if (host?.tenantId !== tenantId) throw forbidden('This sign-in belongs to another portal.');
}

/** Portico's Cognito usernames are `<tenantId>.<id>`: the id is the user's (or staff member's) own. */
function ownId(identity: VerifiedIdentity): string {
  const prefix = `${identity.tenantId}.`;
  if (!identity.username.startsWith(prefix) || identity.username.length === prefix.length) throw unauthorized();
  return identity.username.slice(prefix.length);
}

/**
 * One round of reads, in parallel: user, session, company (named by the session
 * cookie, checked against both records), the tenant's teams (one Query) and the tenant
 * (the Host's, already known to be the token's). User and session are strongly
 * consistent reads.
 */
async function portalCaller(identity: VerifiedIdentity, sessionCookie: string, host: HostTenant, origin: RequestOrigin): Promise<PortalCaller> {
  const tenantId = identity.tenantId;
  const userId = ownId(identity);
  const parsed = parseSessionCookie(sessionCookie);
  if (!parsed?.companyId) throw unauthorized();
  const [user, session, company, teams, tenant] = await Promise.all([
    portalUserRepository.get(tenantId, userId, { consistent: true }),
    sessionRepository.get(tenantId, parsed.sessionId, { consistent: true }),
    companyRepository.get(tenantId, parsed.companyId),
    teamRepository.list(tenantId),
    host.record(),
  ]);
  // The session must be this user's, from a sign-in of this very Cognito identity.
  if (!user || !session || session.pool !== 'portal' || session.userId !== userId || session.sub !== identity.sub || session.companyId !== parsed.companyId) {
    throw unauthorized();
  }
  if (!tenant || user.status === 'invited') throw unauthorized();
  // A deactivated user hears so even though their sessions were revoked with it.
  assertPortalAccess(tenant, user, company);
  if (!isLive(session)) throw unauthorized('Your session has ended. Sign in again.');

  const modules = effectiveModules(tenant.modules, company!.moduleOverrides);
  return {
    kind: 'portal',
    tenantId,
    userId,
    username: identity.username,
    companyId: user.companyId,
    permissions: effectivePermissions(teams, user.teams ?? [], modules),
    tenant,
    user,
    company: company!,
    modules,
    actor: `portal:${userId}`,
    origin,
  };
}

async function staffCaller(identity: VerifiedIdentity, sessionCookie: string, origin: RequestOrigin): Promise<StaffCaller> {
  const tenantId = identity.tenantId;
  const staffId = ownId(identity);
  const parsed = parseSessionCookie(sessionCookie);
  if (!parsed || parsed.companyId) throw unauthorized();
  const [session, login] = await Promise.all([
    sessionRepository.get(tenantId, parsed.sessionId, { consistent: true }),
    staffLoginRepository.getByStaffId(tenantId, staffId),
  ]);
  if (session?.pool !== 'staff' || session.userId !== staffId || session.sub !== identity.sub || !login || login.cognitoUsername !== identity.username) {
    throw unauthorized();
  }
  if (login.status !== 'active') throw accountDeactivated();
  if (!isLive(session)) throw unauthorized('Your session has ended. Sign in again.');
  return { kind: 'staff', tenantId, staffId, username: identity.username, groups: identity.groups, actor: `staff:${staffId}`, origin };
}

/**
 * A direct-link visitor: a portal caller built from the link their session cookie names
 * (no Cognito token; the session cookie alone, on the link's tenant's host). The link is
 * read on every request, so revoking it, its expiry, or deactivating the recipient's
 * login ends the session at the very next one. Two rounds of reads: session, link, teams
 * and the tenant; then the recipient's login and company.
 *
 * Permissions: the recipient's effective permissions (their login's teams if it is
 * active, else the tenant's default team for the document's kind, within the company's
 * modules), narrowed to the document's read permission plus its actions and thread
 * (documents/directLinks/directLinkAccess `linkPermissions`).
 */
async function linkCaller(cookie: string, host: HostTenant | undefined, origin: RequestOrigin): Promise<PortalCaller> {
  const ended = (problem: Problem) => problem.with({ endsSession: 'link' });
  const parsed = parseLinkSessionCookie(cookie);
  // A link session lives on its tenant's host only.
  if (!host || !parsed) throw ended(unauthorized());
  const tenantId = host.tenantId;
  const [session, link, teams, tenant] = await Promise.all([
    sessionRepository.get(tenantId, parsed.sessionId, { consistent: true }),
    directLinkRepository.get(tenantId, parsed.linkId),
    teamRepository.list(tenantId),
    host.record(),
  ]);
  if (
    !tenant ||
    !session ||
    !link ||
    session.pool !== 'portal' ||
    session.sub !== linkSessionSub(link.linkId) ||
    session.userId !== link.contactId ||
    session.companyId !== link.companyId
  ) {
    throw ended(unauthorized());
  }
  if (link.revokedAt) throw ended(linkRevoked());
  if (link.expiresAt <= new Date().toISOString()) throw ended(linkExpired());
  if (!isLive(session)) throw ended(unauthorized("This link's session has ended. Open the link from your email again."));

  const [user, company] = await Promise.all([
    portalUserRepository.get(tenantId, link.contactId, { consistent: true }),
    companyRepository.get(tenantId, link.companyId),
  ]);
  assertLinkAccess(tenant, company, link.companyId, user);
  const modules = effectiveModules(tenant.modules, company!.moduleOverrides);
  const active = user?.status === 'active' ? user : undefined;
  const granted = effectivePermissions(teams, active ? (active.teams ?? []) : [defaultTeamFor(link.type)], modules);
  return {
    kind: 'portal',
    tenantId,
    userId: link.contactId,
    username: linkSessionSub(link.linkId),
    companyId: link.companyId,
    permissions: linkPermissions(link.type, granted),
    link: { linkId: link.linkId, type: link.type, documentId: link.documentId, expiresAt: link.expiresAt },
    tenant,
    ...(active ? { user: active } : {}),
    company: company!,
    modules,
    actor: `portal:${link.contactId}`,
    origin,
  };
}
