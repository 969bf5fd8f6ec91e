import type { RequestOrigin } from '../core/callers';
import type { IssuedSession } from '../core/replies';
import { portalUserRepository, type PortalUser } from '../customers/portalUserRepository';
import { recordAudit, type AuditAction } from '../audit/audit';
import { passwordAuth } from './cognitoAccounts';
import { openSession } from './sessions';

/**
 * Signs a portal user in with the password they have just set (invitation acceptance,
 * password reset): a session, their last sign-in, and the audit record of what they did.
 */
export async function signInWithNewPassword(args: {
  tenantId: string;
  user: Pick<PortalUser, 'userId' | 'companyId' | 'cognitoUsername'>;
  password: string;
  origin: RequestOrigin;
  action: Extract<AuditAction, 'invitation.accepted' | 'password-reset.completed'>;
}): Promise<IssuedSession> {
  const { tenantId, user, password, origin, action } = args;
  const tokens = await passwordAuth('portal', user.cognitoUsername, password);
  if (!tokens) throw new Error('Cognito refused the password it was just given');
  const session = await openSession({ tenantId, pool: 'portal', userId: user.userId, companyId: user.companyId, tokens, origin });
  await Promise.all([
    portalUserRepository.update(tenantId, user.userId, { lastSignInAt: new Date().toISOString() }),
    recordAudit({ tenantId, actor: `portal:${user.userId}`, origin }, { action, subjects: [`user:${user.userId}`, `company:${user.companyId}`] }),
  ]);
  return session;
}
