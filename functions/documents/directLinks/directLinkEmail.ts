import { DOCUMENT_KINDS, type DocumentType } from '../../../shared/api/documents';
import type { Permission } from '../../../shared/permissions';
import type { Tenant } from '../../customers/tenantRepository';
import { renderBrandedEmail } from '../../notify/brandedEmail';
import { formatExpiry } from '../../identity/invitationEmail';

export interface DirectLinkEmailInput {
  tenant: Pick<Tenant, 'name' | 'branding'>;
  firstName: string;
  type: DocumentType;
  number: string;
  title?: string;
  /** What the link allows (documents/directLinks/directLinkAccess `linkPermissions`). */
  permissions: readonly Permission[];
  /** Whether the recipient can sign (an order needs their portal login's signing PIN). */
  canSign: boolean;
  /** The link itself: it appears in this email and nowhere else. */
  url: string;
  expiresAt: Date;
}

function listOf(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What the recipient can do with the document, as the email says it. */
function abilities(input: DirectLinkEmailInput): string[] {
  const can = (p: Permission) => input.permissions.includes(p);
  const out = ['read it', 'download it as a PDF'];
  if (input.type === 'quote' && can('quotes:accept')) out.push('accept or decline it');
  if (input.type === 'job' && can('artwork:approve')) out.push('approve the artwork or ask for changes');
  if (input.type === 'sales-order' && can('orders:sign') && input.canSign) out.push('sign it with your signing PIN');
  if (input.type === 'purchase-order' && can('purchase-orders:acknowledge')) out.push('acknowledge it, propose other delivery dates, submit your bill');
  if (can('messages:write')) out.push('send a message about it');
  return out;
}

/**
 * The email that carries a direct link: the tenant's branding, which document (type,
 * number, title), what the recipient can do with it, and until when the link works.
 */
export function renderDirectLinkEmail(input: DirectLinkEmailInput): { subject: string; text: string; html: string } {
  const { tenant } = input;
  const kind = DOCUMENT_KINDS[input.type].label;
  const named = `${kind.toLowerCase()} ${input.number}${input.title ? ` (${input.title})` : ''}`;
  return renderBrandedEmail(tenant, {
    subject: `${kind} ${input.number} from ${tenant.name}`,
    paragraphs: [
      `Hello ${input.firstName},`,
      `${tenant.name} has shared ${named} with you.`,
      `With the link below you can ${listOf(abilities(input))}. You do not need to sign in.`,
      'The link is for you alone: please do not forward this email.',
    ],
    action: { label: `View ${kind.toLowerCase()} ${input.number}`, url: input.url },
    footnote: `This link works until ${formatExpiry(input.expiresAt)}. If it has expired, ask ${tenant.name} for a new one. If you were not expecting it, you can ignore this email.`,
  });
}
