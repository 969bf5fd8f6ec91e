import { PROBLEM_TYPES } from '../../shared/problem';
import { conflict, notFoundIn, Problem } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { publishEvent } from '../aws/eventBus';
import { hashToken, newLinkToken } from '../core/secrets';
import { companyRepository } from '../customers/companyRepository';
import { emailedLinkRepository } from './emailedLinkRepository';
import { cognitoUsernameFor, LoginEmailTakenError, PortalUserChangedError, portalUserRepository, type PortalUser } from '../customers/portalUserRepository';
import { tenantRepository } from '../customers/tenantRepository';
import { recordAudit } from '../audit/audit';
import { requireContact } from '../customers/contacts';
import { renderInvitationEmail } from './invitationEmail';
import { checkTeamIds } from '../customers/teams';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export interface SentInvitation {
  userId: string;
  status: PortalUser['status'];
  invitationExpiresAt: string;
}

/**
 * Creates a contact's portal login, or sends its invitation again. The link's token is
 * random, stored only as its hash (on the EmailedLink and as the user's `invitationHash`),
 * and appears nowhere but in the email. A resend replaces the user's hash, so only the
 * newest link can be accepted. The Cognito user is created when the invitation is
 * accepted, not here: an unaccepted invitation leaves nothing that could sign in.
 */
export async function sendInvitation(caller: AdminCaller, contactId: string, teamIds: string[], now = new Date()): Promise<SentInvitation> {
  const { tenantId } = caller;
  const contact = await requireContact(tenantId, contactId);
  const [company, tenant] = await Promise.all([companyRepository.get(tenantId, contact.companyId), tenantRepository.get(tenantId)]);
  if (!company || !tenant) throw notFoundIn('contact');

  if (!company.allowPortal) {
    throw conflict(
      `${company.name} is not allowed into the portal. Allow it first (PATCH /api/admin/companies/${company.companyId} with {"allowPortal": true}), then create the login.`,
      PROBLEM_TYPES.companyNotAllowed,
    );
  }
  if (!contact.email) {
    throw conflict(
      `${contact.firstName} ${contact.lastName} has no email address to invite. Add one (PATCH /api/admin/contacts/${contactId}), then create the login.`,
    );
  }
  const teams = await checkTeamIds(tenantId, teamIds);
  const existing = await portalUserRepository.get(tenantId, contactId);
  if (existing?.status === 'active') {
    throw conflict(
      `${contact.firstName} ${contact.lastName} already has an active login. To change what they may do, set their teams (PUT /api/admin/portal-users/${contactId}/teams).`,
    );
  }
  if (existing?.status === 'deactivated') {
    throw conflict(
      `The login of ${contact.firstName} ${contact.lastName} is deactivated. Reactivate it (POST /api/admin/portal-users/${contactId}/reactivate) before inviting again.`,
    );
  }

  const token = newLinkToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  await emailedLinkRepository.create({ tenantId, tokenHash, purpose: 'invitation', userId: contactId, pool: 'portal', expiresAt: expiresAt.toISOString() });
  const invitation = { teams, invitationHash: tokenHash, invitationExpiresAt: expiresAt.toISOString(), invitedAt: now.toISOString() };
  await saveInvitedUser(existing, {
    tenantId,
    userId: contactId,
    companyId: contact.companyId,
    email: contact.email,
    cognitoUsername: cognitoUsernameFor(tenantId, contactId),
    status: 'invited',
    ...invitation,
  });

  const mail = renderInvitationEmail({ tenant, company, firstName: contact.firstName, token, expiresAt });
  await publishEvent('mail.requested', { tenantId, to: [contact.email], ...mail, purpose: 'invitation' });
  await recordAudit(caller, {
    action: 'invitation.sent',
    subjects: [`user:${contactId}`, `company:${contact.companyId}`],
    details: { teams, resent: !!existing, expiresAt: invitation.invitationExpiresAt },
  });
  return { userId: contactId, status: 'invited', invitationExpiresAt: invitation.invitationExpiresAt };
}

/**
 * First invitation: write the user and claim its login email (unique per tenant). A
 * resend: replace the invitation only while the user is still `invited` and unchanged,
 * so an acceptance or deactivation racing the resend is never overwritten.
 */
async function saveInvitedUser(existing: PortalUser | undefined, user: Omit<PortalUser, 'createdAt' | 'updatedAt'>): Promise<void> {
  try {
    if (!existing) return await portalUserRepository.save(user);
    // createdAt is kept: a put would otherwise stamp the resend as the user's creation.
    const { updatedAt, ...stored } = existing;
    await portalUserRepository.save({ ...stored, ...user }, existing.email, { ifUpdatedAt: updatedAt });
  } catch (err) {
    if (err instanceof LoginEmailTakenError) {
      throw new Problem(
        409,
        'Conflict',
        `Another portal login of this tenant already uses ${user.email}. Each login needs its own email address within a portal.`,
        [{ name: 'email', reason: `${user.email} is the email of another portal login` }],
        PROBLEM_TYPES.conflict,
      );
    }
    if (err instanceof PortalUserChangedError)
      throw conflict('The login changed while the invitation was being sent (accepted or deactivated meanwhile). Reload it and try again.');
    throw err;
  }
}
