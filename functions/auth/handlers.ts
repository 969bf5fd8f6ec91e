import type { SessionResponse } from '../../shared/api/access';
import { apiHandler } from '../http/apiHandler';
import { clearedSessionCookies, csrfCookie, idTokenCookie, presentedLinkSession, presentedSession, sessionCookies } from '../http/cookies';
import { sessionRepository } from '../repositories/sessionRepository';
import { parseLinkSessionCookie } from '../services/documents/directLinkAccess';
import { HttpProblem, notFound } from '../http/problem';
import { json, noContent, ok } from '../http/responses';
import type { ApiEvent, ApiResult } from '../http/types';
import { newLinkToken } from '../lib/secrets';
import type { PoolKind } from '../lib/tokens';
import type { Tenant } from '../repositories/tenantRepository';
import { acceptInvitation as acceptInvitationService, inspectInvitation as inspectInvitationService } from '../services/invitationAcceptance';
import { requestPasswordReset, resetPassword as resetPasswordService } from '../services/passwordReset';
import { refreshSession } from '../services/sessionRefresh';
import type { IssuedSession } from '../services/sessions';
import { signInPortalUser, signInStaff } from '../services/signIn';
import { signOut } from '../services/signOut';

/** Every auth route runs on a tenant's own host: that is where its cookies belong. */
function tenantOf(hostTenant: Tenant | undefined): Tenant {
  if (!hostTenant) throw notFound('No portal is served at this address.');
  return hostTenant;
}

/** A signed-in answer: the session travels in cookies only; the body says until when the ID token holds. */
function signedIn(event: ApiEvent, session: IssuedSession): ApiResult {
  const body: SessionResponse = { signedIn: true, expiresAt: session.idTokenExpiresAt.toISOString() };
  return { ...ok(body), cookies: sessionCookies(event, session, newLinkToken()) };
}

export const inspectInvitation = apiHandler('GET /api/auth/invitations/{token}', async ({ input, hostTenant }) =>
  ok(await inspectInvitationService(tenantOf(hostTenant), input.path.token)),
);

export const acceptInvitation = apiHandler('POST /api/auth/invitations/{token}/accept', async ({ input, event, hostTenant }) =>
  signedIn(event, await acceptInvitationService({ tenant: tenantOf(hostTenant), token: input.path.token, password: input.body.password, event })),
);

export const login = apiHandler('POST /api/auth/login', async ({ input, event, hostTenant }) =>
  signedIn(event, await signInPortalUser({ tenant: tenantOf(hostTenant), email: input.body.email, password: input.body.password, event })),
);

export const staffLogin = apiHandler('POST /api/auth/staff/login', async ({ input, event, hostTenant }) =>
  signedIn(event, await signInStaff({ tenant: tenantOf(hostTenant), email: input.body.email, password: input.body.password, event })),
);

/** The shape of a CSRF token Portico issued (anything else in the cookie is replaced). */
const CSRF_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Renews the ID token cookie. The CSRF cookie keeps its value (requests in flight still
 * carry it) and is re-issued to live as long as the session. A refusal clears the
 * session's cookies, so the browser stops presenting a session that is over.
 */
async function refresh(pool: PoolKind, event: ApiEvent, hostTenant: Tenant | undefined): Promise<ApiResult> {
  const tenant = tenantOf(hostTenant);
  const presented = presentedSession(event, pool);
  try {
    const renewed = await refreshSession({ tenant, pool, refreshToken: presented.refreshToken, sessionCookie: presented.session });
    const body: SessionResponse = { signedIn: true, expiresAt: renewed.idTokenExpiresAt.toISOString() };
    const csrf = presented.csrf && CSRF_TOKEN.test(presented.csrf) ? presented.csrf : newLinkToken();
    const sessionSeconds = (renewed.sessionExpiresAt.getTime() - Date.now()) / 1000;
    return { ...ok(body), cookies: [idTokenCookie(event, pool, renewed.idToken, renewed.idTokenExpiresAt), csrfCookie(event, csrf, sessionSeconds)] };
  } catch (err) {
    if (err instanceof HttpProblem && (err.status === 401 || err.status === 403)) throw err.with({ cookies: clearedSessionCookies(event, pool) });
    throw err;
  }
}

export const refreshPortal = apiHandler('POST /api/auth/refresh', async ({ event, hostTenant }) => refresh('portal', event, hostTenant));
export const staffRefresh = apiHandler('POST /api/auth/staff/refresh', async ({ event, hostTenant }) => refresh('staff', event, hostTenant));

/** Always 204 with the cookies cleared, whether or not there was a session to end. */
async function logout(pool: PoolKind, event: ApiEvent, hostTenant: Tenant | undefined): Promise<ApiResult> {
  const presented = presentedSession(event, pool);
  await signOut({ tenant: hostTenant, pool, refreshToken: presented.refreshToken, sessionCookie: presented.session, event });
  // A direct-link visit in this browser ends too, server-side as well as its cookie.
  const link = pool === 'portal' ? parseLinkSessionCookie(presentedLinkSession(event)) : undefined;
  if (link && hostTenant) await sessionRepository.revoke(hostTenant.tenantId, link.sessionId);
  return { ...noContent(), cookies: clearedSessionCookies(event, pool) };
}

export const logoutPortal = apiHandler('POST /api/auth/logout', async ({ event, hostTenant }) => logout('portal', event, hostTenant));
export const staffLogout = apiHandler('POST /api/auth/staff/logout', async ({ event, hostTenant }) => logout('staff', event, hostTenant));

/** 202 with the same body whether or not the address has a login: nothing to learn from it. */
export const forgotPassword = apiHandler('POST /api/auth/forgot-password', async ({ input, event, hostTenant }) => {
  await requestPasswordReset({ tenant: tenantOf(hostTenant), email: input.body.email, event });
  return json(202, { accepted: true, detail: 'If this email has an account, a link to reset the password is on its way.' });
});

export const resetPassword = apiHandler('POST /api/auth/reset-password', async ({ input, event, hostTenant }) =>
  signedIn(event, await resetPasswordService({ tenant: tenantOf(hostTenant), token: input.body.token, password: input.body.password, event })),
);

// Export names are the route table's (`refresh`, `logout`); the local names above say which pool.
export { refreshPortal as refresh, logoutPortal as logout };

export * from './directLinkHandlers';
export * from './signingPinHandlers';
