import type { ApiEvent } from '../http/types';
import type { PoolKind } from '../lib/tokens';
import type { Tenant } from '../repositories/tenantRepository';
import { recordAudit } from './audit';
import { revokeRefreshToken } from './cognitoAuth';
import { closeSession } from './sessions';

/**
 * Ends a session: revokes its refresh token at Cognito and the session in the table.
 * Idempotent and quiet: whatever the browser still holds, signing out succeeds.
 */
export async function signOut(args: { tenant?: Tenant; pool: PoolKind; refreshToken?: string; sessionCookie?: string; event: ApiEvent }): Promise<void> {
  const { tenant, pool, event } = args;
  const [, session] = await Promise.all([
    args.refreshToken ? revokeRefreshToken(pool, args.refreshToken) : undefined,
    tenant ? closeSession(tenant.tenantId, pool, args.sessionCookie) : undefined,
  ]);
  if (tenant && session) {
    const subjects = pool === 'portal' ? [`user:${session.userId}`, ...(session.companyId ? [`company:${session.companyId}`] : [])] : [`staff:${session.userId}`];
    await recordAudit({ tenantId: tenant.tenantId, action: 'sign-out', actor: `${pool}:${session.userId}`, subjects, event });
  }
}
