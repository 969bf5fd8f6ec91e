import type { InvitationInfo } from '../../shared/api/access';
import { PASSWORD_RULES } from '../../shared/api/common';
import { conflict } from '../core/problems';
import type { RequestOrigin } from '../core/callers';
import type { IssuedSession } from '../core/replies';
import { companyRepository, type Company } from '../customers/companyRepository';
import { contactRepository } from '../customers/contactRepository';
import type { EmailedLink } from './emailedLinkRepository';
import { portalUserRepository, type PortalUser } from '../customers/portalUserRepository';
import type { Tenant } from '../customers/tenantRepository';
import { accountDeactivated, assertPortalAccess } from '../customers/access';
import { ensurePortalAccount, setPassword } from './cognitoAccounts';
import { findLink, invitationReplaced, isExpired, linkExpired, linkInvalid, linkUsed, withConsumedLink } from './emailedLinks';
import { signInWithNewPassword } from './newPasswordSignIn';

/**
 * The accepting side of an invitation. Staff (admin routes) create the PortalUser as
 * `invited`, a EmailedLink whose hash is also the user's `invitationHash`, and email the
 * link; a resend replaces both, so only the newest link works. Accepting sets the
 * password, activates the user and signs them in.
 */

/** The password policy in words, as the invitation page states it (the same as the pools'). */
export const PASSWORD_POLICY: InvitationInfo['passwordRules'] = {
  minLength: PASSWORD_RULES.minLength,
  requires: ['a lower-case letter', 'an upper-case letter', 'a digit', 'a symbol'],
};

interface UsableInvitation {
  link: EmailedLink;
  user: PortalUser;
  company: Company | undefined;
}

/**
 * An invitation that can still be accepted, or the problem that says why not: unknown
 * → 404; used, superseded by a resend, expired → 410; account, portal or company
 * switched off → 403.
 */
async function usableInvitation(tenant: Tenant, token: string): Promise<UsableInvitation> {
  const link = await findLink(tenant.tenantId, 'invitation', token);
  const user = await portalUserRepository.get(tenant.tenantId, link.userId, { consistent: true });
  if (!user) throw linkInvalid('invitation');
  if (link.usedAt || user.status === 'active') throw linkUsed('invitation');
  if (user.status === 'deactivated') throw accountDeactivated();
  if (user.invitationHash !== link.tokenHash) throw invitationReplaced();
  if (isExpired(link)) throw linkExpired('invitation');
  const company = await companyRepository.get(tenant.tenantId, user.companyId);
  assertPortalAccess(tenant, user, company);
  return { link, user, company };
}

export async function inspectInvitation(tenant: Tenant, token: string): Promise<InvitationInfo> {
  const { link, user, company } = await usableInvitation(tenant, token);
  const contact = await contactRepository.get(tenant.tenantId, user.userId);
  return {
    email: user.email,
    firstName: contact?.firstName ?? '',
    companyName: company?.name ?? '',
    expiresAt: link.expiresAt,
    passwordRules: PASSWORD_POLICY,
  };
}

export async function acceptInvitation(args: { tenant: Tenant; token: string; password: string; origin: RequestOrigin }): Promise<IssuedSession> {
  const { tenant, password, origin } = args;
  const { link, user } = await usableInvitation(tenant, args.token);
  const tenantId = tenant.tenantId;

  // Exactly one of two concurrent accepts gets past this; a refused password gives the link back.
  await withConsumedLink(link, async () => {
    await ensurePortalAccount(user.cognitoUsername, user.email, tenantId);
    await setPassword('portal', user.cognitoUsername, password);
  });

  const activated = await portalUserRepository.activate(tenantId, user.userId, link.tokenHash);
  if (!activated) {
    // Staff changed the user while the password was being set: deactivated, or invited again.
    const now = await portalUserRepository.get(tenantId, user.userId, { consistent: true });
    if (now?.status === 'deactivated') throw accountDeactivated();
    if (now?.status === 'invited') throw invitationReplaced();
    throw conflict('The invitation could not be accepted. Try signing in.');
  }

  return signInWithNewPassword({ tenantId, user, password, origin, action: 'invitation.accepted' });
}
