import type { ApiEvent } from '../http/types';
import { portalUserRepository, type PortalUser } from '../repositories/portalUserRepository';
import { recordAudit, type AuditAction } from './audit';
import { passwordAuth } from './cognitoAuth';
import { openSession, type IssuedSession } from './sessions';

/**
 * Signs a portal user in with the password they have just set (invitation acceptance,
 * password reset): a session, their last sign-in, and the audit record of what they did.
 */
export async function signInWithNewPassword(args: {
  tenantId: string;
  user: Pick<PortalUser, 'userId' | 'companyId' | 'cognitoUsername'>;
  password: string;
  event: ApiEvent;
  action: Extract<AuditAction, 'invitation.accepted' | 'password-reset.completed'>;
}): Promise<IssuedSession> {
  const { tenantId, user, password, event, action } = args;
  const tokens = await passwordAuth('portal', user.cognitoUsername, password);
  if (!tokens) throw new Error('Cognito refused the password it was just given');
  const session = await openSession({ tenantId, pool: 'portal', userId: user.userId, companyId: user.companyId, tokens, event });
  await Promise.all([
    portalUserRepository.update(tenantId, user.userId, { lastSignInAt: new Date().toISOString() }),
    recordAudit({ tenantId, action, actor: `portal:${user.userId}`, subjects: [`user:${user.userId}`, `company:${user.companyId}`], event }),
  ]);
  return session;
}
