import { MODULE_LABELS } from '../../shared/permissions';
import type { Company } from '../customers/companyRepository';
import type { Tenant } from '../customers/tenantRepository';
import { portalUrl } from '../core/portalUrl';
import { effectiveModules } from '../customers/access';
import { renderBrandedEmail } from '../notify/brandedEmail';

export interface InvitationEmailInput {
  tenant: Pick<Tenant, 'name' | 'slug' | 'branding' | 'modules'>;
  company: Pick<Company, 'name' | 'moduleOverrides'>;
  firstName: string;
  /** The raw link token: it appears in this email and nowhere else. */
  token: string;
  expiresAt: Date;
}

function listOf(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** "12 May 2026, 14:05 UTC": unambiguous for a reader anywhere, whatever their locale. */
export const formatExpiry = (date: Date) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(date)} UTC`;

/**
 * The invitation a contact receives when staff create their portal login: the tenant's
 * branding, what the portal is for, one button to the tenant's own host, and when the
 * link stops working.
 */
export function renderInvitationEmail(input: InvitationEmailInput): { subject: string; text: string; html: string } {
  const { tenant, company } = input;
  // What the portal is for, in this company's terms: the modules its people will see.
  const modules = effectiveModules(tenant.modules, company.moduleOverrides).map((m) => MODULE_LABELS[m].toLowerCase());
  const listed = modules.length > 4 ? `${modules.slice(0, 4).join(', ')} and more` : listOf(modules);
  const purpose = modules.length
    ? `It is one place for your ${listed} with ${tenant.name}, whenever it suits you.`
    : `It is one place for what you do with ${tenant.name}, whenever it suits you.`;
  return renderBrandedEmail(tenant, {
    subject: `Your invitation to the ${tenant.name} portal`,
    paragraphs: [
      `Hello ${input.firstName},`,
      `${tenant.name} has invited you to its customer portal, on behalf of ${company.name}.`,
      purpose,
      'Accept the invitation to choose your password; you then sign in with this email address.',
    ],
    action: { label: 'Accept invitation', url: portalUrl(tenant.slug, `/invitation/${input.token}`) },
    footnote:
      `This invitation expires on ${formatExpiry(input.expiresAt)}. If it has expired, ask ${tenant.name} to send a new one. ` +
      'If you were not expecting it, you can ignore this email.',
  });
}
