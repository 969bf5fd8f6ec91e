/**
 * What the site says about an emailed link (invitation, password reset) that no longer
 * works, keyed by the problem's slug (shared/problem.ts). Loaded with the pages that use it.
 */
import type { Explanation } from './accessMessages';

export type LinkProblem = 'expired' | 'used' | 'replaced' | 'invalid';

/** The link problem a slug (or an HTTP status) stands for, if it is one. */
export function linkProblemOf(slug: string | undefined, status?: number): LinkProblem | undefined {
  switch (slug) {
    case 'invitation-expired':
      return 'expired';
    case 'invitation-used':
      return 'used';
    case 'invitation-replaced':
      return 'replaced';
    case 'link-invalid':
      return 'invalid';
  }
  // A malformed token fails the path schema (400); an unknown one may be a plain 404.
  if (status === 404 || (status === 400 && (slug === 'invalid-request' || slug === undefined))) return 'invalid';
  return undefined;
}

export function invitationMessage(problem: LinkProblem, tenantName: string): Explanation {
  switch (problem) {
    case 'expired':
      return {
        title: 'This invitation has expired',
        lead: 'Invitation links only work for a limited time, and this one has run out.',
        next: `Please ask ${tenantName} to send you a new invitation.`,
      };
    case 'used':
      return {
        title: 'This invitation has already been used',
        lead: 'A password has already been set with this link, so your account is ready.',
        next: 'Sign in with your email address and password. If you have forgotten the password, you can reset it.',
      };
    case 'replaced':
      return {
        title: 'A newer invitation has been sent',
        lead: `${tenantName} has sent you a newer invitation, so this link no longer works.`,
        next: `Use the link in the most recent email from ${tenantName}, or ask them to send a new invitation.`,
      };
    case 'invalid':
      return {
        title: 'This invitation link is not valid',
        lead: 'The link may be incomplete or mistyped. Check that you opened the whole link from the email.',
        next: `If it still does not work, please ask ${tenantName} to send you a new invitation.`,
      };
  }
}

export function resetLinkMessage(problem: LinkProblem): Explanation {
  switch (problem) {
    case 'expired':
      return {
        title: 'This reset link has expired',
        lead: 'Password reset links only work for a limited time, and this one has run out.',
        next: 'Request a new link and use it soon after it arrives.',
      };
    case 'used':
      return {
        title: 'This reset link has already been used',
        lead: 'Your password was already changed with this link.',
        next: 'Sign in with your new password, or request a new link if you need to change it again.',
      };
    case 'replaced':
      return {
        title: 'A newer reset link has been sent',
        lead: 'You asked for another reset link after this one, so this link no longer works.',
        next: 'Use the link in the most recent email, or request a new one.',
      };
    case 'invalid':
      return {
        title: 'This reset link is not valid',
        lead: 'The link may be incomplete, mistyped or no longer in use.',
        next: 'Check that you opened the whole link from the email, or request a new one.',
      };
  }
}
