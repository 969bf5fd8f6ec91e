import type { RequestOrigin } from '../core/callers';
import type { IssuedSession } from '../core/replies';
import { logger } from '../aws/logger';
import { portalUrl } from '../core/portalUrl';
import { hashToken, newLinkToken } from '../core/secrets';
import { companyRepository } from '../customers/companyRepository';
import { contactRepository } from '../customers/contactRepository';
import { emailedLinkRepository } from './emailedLinkRepository';
import { portalUserRepository } from '../customers/portalUserRepository';
import { rateLimitRepository } from '../table/rateLimitRepository';
import { sessionRepository } from './sessionRepository';
import type { Tenant } from '../customers/tenantRepository';
import { assertPortalAccess } from '../customers/access';
import { auditWrites } from '../audit/audit';
import { UnitOfWork } from '../table/unitOfWork';
import { setPassword } from './cognitoAccounts';
import { findLink, isExpired, linkExpired, linkInvalid, linkUsed, withConsumedLink } from './emailedLinks';
import { clearFailures } from './loginThrottle';
import { renderBrandedEmail } from '../notify/brandedEmail';
import { signInWithNewPassword } from './newPasswordSignIn';

/**
 * Forgotten passwords, with Portico's own emailed link (the same locally and in the
 * cloud, in the tenant's branding, on the tenant's host) rather than Cognito's code mail.
 */

export const RESET_LINK_SECONDS = 3_600;
/** Reset emails per address per hour; more are dropped silently (the answer is the same). */
export const RESET_EMAILS_PER_HOUR = 3;

/**
 * Emails a reset link when the address belongs to an active portal user who may sign in;
 * does nothing otherwise. The caller always answers the same, so this never tells
 * anyone whether an address has a login.
 */
export async function requestPasswordReset(args: { tenant: Tenant; email: string; origin: RequestOrigin }): Promise<void> {
  const { tenant, email, origin } = args;
  const tenantId = tenant.tenantId;
  const sent = await rateLimitRepository.hit({ tenantId, bucket: 'password-reset', subject: email }, 3_600);
  if (sent > RESET_EMAILS_PER_HOUR) {
    logger.info('password reset request over the hourly limit, dropped', { count: sent });
    return;
  }
  const userId = await portalUserRepository.userIdForEmail(tenantId, email);
  const user = userId ? await portalUserRepository.get(tenantId, userId) : undefined;
  if (user?.status !== 'active') return;
  const [company, contact] = await Promise.all([companyRepository.get(tenantId, user.companyId), contactRepository.get(tenantId, user.userId)]);
  try {
    assertPortalAccess(tenant, user, company);
  } catch {
    return;
  }

  const token = newLinkToken();
  const mail = renderBrandedEmail(tenant, {
    subject: `Reset your password for ${tenant.name}`,
    paragraphs: [
      `Hello${contact?.firstName ? ` ${contact.firstName}` : ''},`,
      `Someone, hopefully you, asked to reset the password of your ${tenant.name} portal account (${user.email}).`,
      'Choose a new password with the button below.',
    ],
    action: { label: 'Choose a new password', url: portalUrl(tenant.slug, `/reset-password?token=${token}`) },
    footnote: 'The link works once and expires in 1 hour. If you did not ask for it, ignore this email: your password stays as it is.',
  });
  const expiresAt = new Date(Date.now() + RESET_LINK_SECONDS * 1000).toISOString();
  await new UnitOfWork()
    .write(
      emailedLinkRepository.createWrite({ tenantId, tokenHash: hashToken(token), purpose: 'password-reset', userId: user.userId, pool: 'portal', expiresAt }),
    )
    .write(
      ...auditWrites(
        { tenantId, actor: 'anonymous', origin },
        { action: 'password-reset.requested', subjects: [`user:${user.userId}`, `company:${user.companyId}`] },
      ),
    )
    .announce('mail.requested', { tenantId, to: [user.email], subject: mail.subject, text: mail.text, html: mail.html, purpose: 'password-reset' })
    .commit();
}

/**
 * Sets a new password from a reset link, once. Every session the user had is revoked
 * (whoever knew the old password is out), the failure counter is cleared, and the user
 * is signed in afresh.
 */
export async function resetPassword(args: { tenant: Tenant; token: string; password: string; origin: RequestOrigin }): Promise<IssuedSession> {
  const { tenant, password, origin } = args;
  const tenantId = tenant.tenantId;
  const link = await findLink(tenantId, 'password-reset', args.token);
  if (link.usedAt) throw linkUsed('password-reset');
  if (isExpired(link)) throw linkExpired('password-reset');
  const user = await portalUserRepository.get(tenantId, link.userId, { consistent: true });
  if (!user || user.status === 'invited') throw linkInvalid('password-reset');
  assertPortalAccess(tenant, user, await companyRepository.get(tenantId, user.companyId));

  await withConsumedLink(link, () => setPassword('portal', user.cognitoUsername, password));
  await Promise.all([sessionRepository.revokeAllOf(tenantId, 'portal', user.userId), clearFailures({ tenantId, pool: 'portal', email: user.email })]);

  return signInWithNewPassword({ tenantId, user, password, origin, action: 'password-reset.completed' });
}
