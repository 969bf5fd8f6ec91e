/**
 * What the site says when the API refuses a user or a link, keyed by the problem's slug
 * (shared/problem.ts). Plain words, and always what to do next.
 */
import type { RefusalSlug } from './api';

export interface Explanation {
  title: string;
  /** The main sentence. */
  lead: string;
  /** What to do about it. */
  next: string;
}

export function refusalMessage(slug: RefusalSlug, tenantName: string, companyName?: string): Explanation {
  switch (slug) {
    case 'account-deactivated':
      return {
        title: 'Your account has been deactivated',
        lead: `${tenantName} has switched off your access to this portal, so you can no longer sign in.`,
        next: `If you think this is a mistake, please contact ${tenantName}.`,
      };
    case 'company-not-allowed':
      return {
        title: 'Your company does not have portal access',
        lead: `${tenantName} has not opened the portal to ${companyName ?? 'your company'} at the moment.`,
        next: `Please contact ${tenantName} if you need access.`,
      };
    case 'portal-disabled':
      return {
        title: 'The portal is switched off',
        lead: `${tenantName} has paused its customer portal for the moment. Your account and documents are safe.`,
        next: `Please try again later, or contact ${tenantName} directly if you need help now.`,
      };
  }
}
