import type { SessionResponse } from '../../../shared/api/access';
import type { PoolKind, PublicCaller } from '../../core/callers';
import { roomHandlers } from '../../core/handlers';
import { notFound, Problem } from '../../core/problems';
import { accepted, noContent, ok, type IssuedSession, type Reply } from '../../core/replies';
import type { Tenant } from '../../customers/tenantRepository';
import { acceptInvitation, inspectInvitation } from '../invitationAcceptance';
import { requestPasswordReset, resetPassword } from '../passwordReset';
import { refreshSession } from '../sessionRefresh';
import { signInPortalUser, signInStaff } from '../signIn';
import { signOut } from '../signOut';

/** Every sign-in route runs on a tenant's own host: that is where its cookies belong. */
function tenantOf(caller: PublicCaller): Tenant {
  if (!caller.tenant) throw notFound('No portal is served at this address.');
  return caller.tenant;
}

/** A signed-in answer: the session travels in cookies only; the body says until when the ID token holds. */
function signedIn(session: IssuedSession): Reply<SessionResponse> {
  return { status: 200, body: { signedIn: true, expiresAt: session.idTokenExpiresAt.toISOString() }, session: { kind: 'signed-in', session } };
}

/** Renews the ID token; a refusal also ends the session in the browser, so it stops presenting one that is over. */
async function refresh(pool: PoolKind, caller: PublicCaller): Promise<Reply<SessionResponse>> {
  const tenant = tenantOf(caller);
  const presented = caller.presented[pool];
  try {
    const renewed = await refreshSession({ tenant, pool, refreshToken: presented.refreshToken, sessionCookie: presented.session });
    return {
      status: 200,
      body: { signedIn: true, expiresAt: renewed.idTokenExpiresAt.toISOString() },
      session: { kind: 'renewed', pool, idToken: renewed.idToken, idTokenExpiresAt: renewed.idTokenExpiresAt, sessionExpiresAt: renewed.sessionExpiresAt },
    };
  } catch (err) {
    if (err instanceof Problem && (err.status === 401 || err.status === 403)) throw err.with({ endsSession: pool });
    throw err;
  }
}

/** Always 204 with the session's cookies cleared, whether or not there was a session to end. */
async function logout(pool: PoolKind, caller: PublicCaller): Promise<Reply<undefined>> {
  const presented = caller.presented[pool];
  await signOut({
    tenant: caller.tenant,
    pool,
    refreshToken: presented.refreshToken,
    sessionCookie: presented.session,
    linkSessionCookie: caller.presented.link,
    origin: caller.origin,
  });
  return { ...noContent(), session: { kind: 'signed-out', pool } };
}

export default roomHandlers('identity', 'auth', {
  inspectInvitation: async ({ caller, input }) => ok(await inspectInvitation(tenantOf(caller), input.path.token)),
  acceptInvitation: async ({ caller, input }) =>
    signedIn(await acceptInvitation({ tenant: tenantOf(caller), token: input.path.token, password: input.body.password, origin: caller.origin })),

  login: async ({ caller, input }) =>
    signedIn(await signInPortalUser({ tenant: tenantOf(caller), email: input.body.email, password: input.body.password, origin: caller.origin })),
  refresh: async ({ caller }) => refresh('portal', caller),
  logout: async ({ caller }) => logout('portal', caller),

  staffLogin: async ({ caller, input }) =>
    signedIn(await signInStaff({ tenant: tenantOf(caller), email: input.body.email, password: input.body.password, origin: caller.origin })),
  staffRefresh: async ({ caller }) => refresh('staff', caller),
  staffLogout: async ({ caller }) => logout('staff', caller),

  /** 202 with the same body whether or not the address has a login: nothing to learn from it. */
  async forgotPassword({ caller, input }) {
    await requestPasswordReset({ tenant: tenantOf(caller), email: input.body.email, origin: caller.origin });
    return accepted({ accepted: true, detail: 'If this email has an account, a link to reset the password is on its way.' });
  },
  resetPassword: async ({ caller, input }) =>
    signedIn(await resetPassword({ tenant: tenantOf(caller), token: input.body.token, password: input.body.password, origin: caller.origin })),
});
