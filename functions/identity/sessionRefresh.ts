import { unauthorized } from '../core/problems';
import type { PoolKind } from '../core/callers';
import { verifyIdToken } from './idTokens';
import { companyRepository } from '../customers/companyRepository';
import { portalUserRepository } from '../customers/portalUserRepository';
import { staffLoginRepository } from './staffLoginRepository';
import type { Tenant } from '../customers/tenantRepository';
import { accountDeactivated, assertPortalAccess } from '../customers/access';
import { refreshAuth } from './cognitoAccounts';
import { liveSession } from './sessions';

/**
 * A new ID token for a session that is still live, for a user who may still come in.
 * The refresh token alone is not enough: a revoked session (logout, deactivation,
 * password reset) ends renewals at once, whatever Cognito would still accept.
 */
export async function refreshSession(args: {
  tenant: Tenant;
  pool: PoolKind;
  refreshToken?: string;
  sessionCookie?: string;
}): Promise<{ idToken: string; idTokenExpiresAt: Date; sessionExpiresAt: Date }> {
  const { tenant, pool } = args;
  if (!args.refreshToken) throw unauthorized();
  const session = await liveSession(tenant.tenantId, pool, args.sessionCookie);
  if (!session) throw unauthorized('Your session has ended. Sign in again.');

  if (pool === 'portal') {
    const user = await portalUserRepository.get(tenant.tenantId, session.userId, { consistent: true });
    if (!user || user.status === 'invited') throw unauthorized();
    assertPortalAccess(tenant, user, await companyRepository.get(tenant.tenantId, user.companyId));
  } else {
    const login = await staffLoginRepository.getByStaffId(tenant.tenantId, session.userId);
    if (!login) throw unauthorized();
    if (login.status !== 'active') throw accountDeactivated();
  }

  const idToken = await refreshAuth(pool, args.refreshToken);
  const identity = idToken ? await verifyIdToken(pool, idToken) : undefined;
  // The refresh token must be the one of this session's user, on this tenant.
  if (!idToken || !identity || identity.sub !== session.sub || identity.tenantId !== tenant.tenantId)
    throw unauthorized('Your session has ended. Sign in again.');
  return { idToken, idTokenExpiresAt: new Date(identity.expiresAt * 1000), sessionExpiresAt: new Date(session.expiresAt) };
}
