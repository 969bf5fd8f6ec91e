import { PROBLEM_TYPES } from '../../shared/problem';
import { Problem } from '../core/problems';
import { hashToken } from '../core/secrets';
import { emailedLinkRepository, type LinkPurpose, type EmailedLink } from './emailedLinkRepository';

/**
 * Emailed single-use links (invitations, password resets): how a presented token is
 * found, consumed once, and why it no longer works. The problems name the reason, so
 * the site can say "this link was already used" rather than "error".
 */

const WHAT: Record<LinkPurpose, string> = { invitation: 'invitation', 'password-reset': 'password reset link' };

export const linkInvalid = (purpose: LinkPurpose) =>
  new Problem(
    404,
    'Link not valid',
    `This ${WHAT[purpose]} is not valid. Check that you copied the whole address from the email.`,
    undefined,
    PROBLEM_TYPES.linkInvalid,
  );
export const linkUsed = (purpose: LinkPurpose) =>
  new Problem(
    410,
    'Link already used',
    purpose === 'invitation'
      ? 'This invitation has already been accepted. Sign in with your email and password.'
      : 'This password reset link has already been used. Ask for a new one if you still need it.',
    undefined,
    PROBLEM_TYPES.invitationUsed,
  );
export const linkExpired = (purpose: LinkPurpose) =>
  new Problem(
    410,
    'Link expired',
    purpose === 'invitation'
      ? 'This invitation has expired. Ask the business to send you a new one.'
      : 'This password reset link has expired. Ask for a new one.',
    undefined,
    PROBLEM_TYPES.invitationExpired,
  );
export const invitationReplaced = () =>
  new Problem(410, 'Link replaced', 'A newer invitation was sent to you. Use the link in the most recent email.', undefined, PROBLEM_TYPES.invitationReplaced);

export const isExpired = (link: Pick<EmailedLink, 'expiresAt'>, now = new Date()) => link.expiresAt <= now.toISOString();

/** The link a token names; 404 `link-invalid` for a token Portico never issued (for this tenant and purpose). */
export async function findLink(tenantId: string, purpose: LinkPurpose, token: string): Promise<EmailedLink & { tokenHash: string }> {
  const link = await emailedLinkRepository.get(tenantId, purpose, hashToken(token));
  if (link?.pool !== 'portal') throw linkInvalid(purpose);
  return link;
}

/**
 * Uses a link, once: of two concurrent uses exactly one gets through; the other learns
 * why it cannot (used, or expired in the meantime).
 */
export async function consumeLink(link: EmailedLink): Promise<void> {
  if (await emailedLinkRepository.consume(link.tenantId, link.purpose, link.tokenHash)) return;
  const now = await emailedLinkRepository.get(link.tenantId, link.purpose, link.tokenHash);
  throw now?.usedAt ? linkUsed(link.purpose) : linkExpired(link.purpose);
}

/**
 * Runs the step a consumed link guards; if it fails, the link is given back so the user
 * can try again (e.g. with a password the identity provider accepts).
 */
export async function withConsumedLink<T>(link: EmailedLink, step: () => Promise<T>): Promise<T> {
  await consumeLink(link);
  try {
    return await step();
  } catch (err) {
    await emailedLinkRepository.release(link.tenantId, link.purpose, link.tokenHash).catch(() => undefined);
    throw err;
  }
}
