import type { PoolKind, RequestOrigin } from '../core/callers';
import type { Tenant } from '../customers/tenantRepository';
import { recordAudit } from '../audit/audit';
import { parseLinkSessionCookie } from '../documents/directLinks/directLinkAccess';
import { revokeRefreshToken } from './cognitoAccounts';
import { sessionRepository } from './sessionRepository';
import { closeSession } from './sessions';

/**
 * Ends a session: revokes its refresh token at Cognito and the session in the table.
 * Signing out of the portal also ends a direct-link visit in the same browser, so
 * "sign out" leaves nothing signed in. Idempotent and quiet: whatever the browser still
 * holds, signing out succeeds.
 */
export async function signOut(args: {
  tenant?: Tenant;
  pool: PoolKind;
  refreshToken?: string;
  sessionCookie?: string;
  linkSessionCookie?: string;
  origin: RequestOrigin;
}): Promise<void> {
  const { tenant, pool, origin } = args;
  const link = pool === 'portal' ? parseLinkSessionCookie(args.linkSessionCookie) : undefined;
  const [, session] = await Promise.all([
    args.refreshToken ? revokeRefreshToken(pool, args.refreshToken) : undefined,
    tenant ? closeSession(tenant.tenantId, pool, args.sessionCookie) : undefined,
    link && tenant ? sessionRepository.revoke(tenant.tenantId, link.sessionId) : undefined,
  ]);
  if (tenant && session) {
    const subjects =
      pool === 'portal' ? [`user:${session.userId}`, ...(session.companyId ? [`company:${session.companyId}`] : [])] : [`staff:${session.userId}`];
    await recordAudit({ tenantId: tenant.tenantId, actor: `${pool}:${session.userId}`, origin }, { action: 'sign-out', subjects });
  }
}
