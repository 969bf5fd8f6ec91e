import type { EventDetail } from '../../events/catalogue';
import { DOCUMENT_KINDS, documentLabel, isCreditNote, type DocumentType, type DocumentNotifiedEvent as NotifiedEvent } from '../../shared/api/documents';
import { portalUrl } from '../core/portalUrl';
import type { StoredDocument } from './documentRepository';
import type { Tenant } from '../customers/tenantRepository';
import { renderBrandedEmail } from '../notify/brandedEmail';
import { paymentStaffNotice } from '../payments/paymentEmails';

/**
 * The emails document events send: to staff (what a customer did, or what was
 * published) and to a document's contact (a document is ready for them, a reply came).
 * Pure functions of what the notifier has read, so they are easy to test and to read.
 */

type Rendered = { subject: string; text: string; html: string };
type TenantInfo = Pick<Tenant, 'name' | 'slug' | 'branding'>;
/** What a document email shows of the document; all of it optional, since staff mail goes out even if the document was withdrawn since. */
export type DocumentInfo = Partial<Pick<StoredDocument, 'title' | 'currency' | 'totals' | 'balance' | 'dueDate' | 'expiryDate' | 'withdrawnAt' | 'status'>>;

/** Where each type lives in the portal: `/quotes`, `/orders`, … (the site's module paths). */
export const documentPortalPath = (type: DocumentType, documentId: string): string => `/${DOCUMENT_KINDS[type].module}/${encodeURIComponent(documentId)}`;

/** The document in the tenant's portal, for a contact. */
export const documentPortalUrl = (slug: string, type: DocumentType, documentId: string): string => portalUrl(slug, documentPortalPath(type, documentId));

import { formatMoney } from '../core/money';

export { formatMoney };

/** "22 November 2026": unambiguous wherever the reader is. */
export const formatDate = (isoDate: string): string =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

/** "quote", or "credit note" for an invoice or bill with a negative total (when the document is known). */
const lower = (type: DocumentType, doc?: DocumentInfo) =>
  (doc?.totals ? documentLabel({ type, totals: doc.totals }) : DOCUMENT_KINDS[type].label).toLowerCase();
/** "quote Q-1001" / "sales order SO-3001" / "credit note CN-1001". */
const named = (type: DocumentType, number: string, doc?: DocumentInfo) => `${lower(type, doc)} ${number}`;
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const quoted = (text: string) => `“${text.trim()}”`;

/** One line about the document: title, amount, the date that matters. */
function documentLine(type: DocumentType, number: string, doc: DocumentInfo | undefined): string {
  const parts = [`${capital(named(type, number, doc))}${doc?.title ? `, ${doc.title}` : ''}`];
  if (doc?.totals && doc.currency && isCreditNote({ type, totals: doc.totals })) {
    parts.push(`a credit of ${formatMoney(-doc.totals.total, doc.currency)}`);
  } else if (doc?.totals && doc.currency) {
    const payable = (type === 'invoice' || type === 'supplier-bill') && doc.balance !== undefined && doc.balance !== doc.totals.total;
    parts.push(
      payable
        ? `${formatMoney(doc.totals.total, doc.currency)} (${formatMoney(doc.balance!, doc.currency)} to pay)`
        : formatMoney(doc.totals.total, doc.currency),
    );
  }
  if (type === 'quote' && doc?.expiryDate) parts.push(`valid until ${formatDate(doc.expiryDate)}`);
  if ((type === 'invoice' || type === 'supplier-bill') && doc?.dueDate && !(doc.totals && isCreditNote({ type, totals: doc.totals })))
    parts.push(`due ${formatDate(doc.dueDate)}`);
  return `${parts.join(' · ')}.`;
}

export type StaffEventInput = {
  [E in NotifiedEvent]: { event: E; detail: EventDetail<E> };
}[NotifiedEvent];

export interface StaffEmailInput {
  tenant: TenantInfo;
  notice: StaffEventInput;
  document?: DocumentInfo;
  company?: { name: string };
  /** The customer the document is for or who acted: the acting customer, else the document's contact. */
  customer?: { name: string; email?: string };
}

/**
 * The email staff receive about a document event. There is no staff page for documents
 * yet, and the portal's document page is for customers (staff cannot sign in there), so
 * it has no button: it says what happened, to which document (its number is how staff
 * find it in the CRM it came from), who and which company, and what they wrote; the
 * footnote names the document as the admin API does.
 */
export function renderStaffEmail(input: StaffEmailInput): Rendered {
  const { tenant, notice, document: doc } = input;
  const { type, number, actor } = notice.detail;
  const company = input.company?.name ?? 'a company';
  const who = notice.detail.actor.kind === 'customer' ? actor.name : (input.customer?.name ?? company);
  const whoAt = notice.detail.actor.kind === 'customer' ? `${actor.name} (${company})` : company;
  const it = named(type, number);
  let subject: string;
  let happened: string;
  const said: string[] = [];
  switch (notice.event) {
    case 'document.published': {
      const d = notice.detail;
      const verb = d.change === 'created' ? 'published' : d.change === 'republished' ? 'published again' : 'updated';
      subject = `${capital(it)} ${verb} for ${company}`;
      happened = `${actor.kind === 'crm' ? 'The CRM' : actor.name} ${verb} ${it} for ${company} in the portal (version ${d.version}).`;
      if (d.voided.length) said.push(`This change voided the customer's earlier ${d.voided.join(' and ')}; they are asked again.`);
      said.push(d.notifyContact ? `${input.customer?.name ?? 'The contact'} is emailed about it.` : 'The contact is not emailed about it.');
      break;
    }
    case 'quote.accepted': {
      subject = `${company} accepted ${it}`;
      happened = `${whoAt} accepted ${it} (version ${notice.detail.version}).`;
      if (notice.detail.purchaseOrderReference) said.push(`Their purchase order reference: ${notice.detail.purchaseOrderReference}`);
      break;
    }
    case 'quote.rejected':
      subject = `${company} rejected ${it}`;
      happened = `${whoAt} rejected ${it} (version ${notice.detail.version}).`;
      said.push(`Their reason: ${quoted(notice.detail.reason)}`);
      break;
    case 'artwork.approved':
      subject = `Artwork approved: ${it} for ${company}`;
      happened = `${whoAt} approved the artwork of ${it} (version ${notice.detail.version}). Work can go ahead.`;
      if (notice.detail.comment) said.push(`Their comment: ${quoted(notice.detail.comment)}`);
      break;
    case 'artwork.changes-requested':
      subject = `Changes requested: ${it} for ${company}`;
      happened = `${whoAt} asked for changes to the artwork of ${it} (version ${notice.detail.version}).`;
      said.push(`What they asked for: ${quoted(notice.detail.comment)}`);
      break;
    case 'order.signed':
      subject = `${capital(it)} signed by ${notice.detail.signerName} (${company})`;
      happened = `${notice.detail.signerName} signed ${it} for ${company} (version ${notice.detail.version}). The signature's evidence record is ${notice.detail.evidenceId}.`;
      break;
    case 'message.posted': {
      const d = notice.detail;
      subject = `New message from ${who} on ${it}`;
      happened = `${whoAt} wrote on the thread of ${it}:`;
      said.push(quoted(d.excerpt));
      if (d.attachments) said.push(`With ${d.attachments} attachment${d.attachments === 1 ? '' : 's'}.`);
      break;
    }
    case 'direct-link.opened':
      subject = `Direct link opened: ${it} (${company})`;
      happened = `${whoAt} opened the direct link to ${it} that was sent to them.`;
      break;
    case 'purchase-order.acknowledged':
      subject = `${company} acknowledged ${it}`;
      happened = `${whoAt} acknowledged ${it} (version ${notice.detail.version}) as it stands.`;
      break;
    case 'purchase-order.dates-proposed': {
      const d = notice.detail;
      subject = `New delivery dates proposed: ${it} (${company})`;
      happened = `${whoAt} proposed other delivery dates for ${d.lines.length} line${d.lines.length === 1 ? '' : 's'} of ${it} (version ${d.version}). Publish a new version with the dates you accept to answer.`;
      said.push(`Their note: ${quoted(d.note)}`);
      for (const l of d.lines.slice(0, 20))
        said.push(`Line ${l.line + 1}${l.description ? ` (${l.description.slice(0, 80)})` : ''}: ${l.previousDate ?? 'no date'} → ${l.proposedDate}`);
      if (d.lines.length > 20) said.push(`…and ${d.lines.length - 20} more lines.`);
      break;
    }
    case 'purchase-order.bill-submitted': {
      const d = notice.detail;
      subject = `Bill ${d.billNumber} submitted against ${it} (${company})`;
      happened = `${whoAt} submitted bill ${d.billNumber} of ${d.issueDate} for ${formatMoney(d.amount, d.currency)} against ${it}, with its PDF (${d.fileName}).`;
      break;
    }
    case 'payment.succeeded':
    case 'payment.failed':
    case 'payment.refunded': {
      const notice2 = paymentStaffNotice(notice.event, notice.detail, company);
      ({ subject, happened } = notice2);
      said.push(...notice2.said);
      break;
    }
  }
  const paragraphs = [happened, ...said, documentLine(type, number, doc)];
  if (input.customer) paragraphs.push(`Customer: ${input.customer.name}${input.customer.email ? ` <${input.customer.email}>` : ''}, ${company}.`);
  if (doc?.withdrawnAt) paragraphs.push('The document has since been withdrawn from the portal.');
  return renderBrandedEmail(tenant, {
    subject,
    paragraphs,
    footnote: `You receive this because the ${tenant.name} portal's notification settings name you for “${notice.event}”. Document reference: ${type}/${notice.detail.documentId} (GET /api/admin/documents/${type}/${notice.detail.documentId}).`,
  });
}

/** What a contact is asked to do with a newly published document, if anything. */
function askOf(type: DocumentType, voided: string[]): { ask?: string; again?: string } {
  if (voided.includes('signature')) return { ask: 'Please review and sign it again.', again: 'signature' };
  if (voided.includes('approval')) return { ask: 'Please review and approve it again.', again: 'approval' };
  if (voided.includes('acknowledgement')) return { ask: 'Please review the new version and acknowledge it again.', again: 'acknowledgement' };
  if (voided.length) return { ask: 'Please review it and accept or reject it again.', again: 'decision' };
  switch (type) {
    case 'quote':
      return { ask: 'You can accept it (with your purchase order reference) or reject it in the portal.' };
    case 'sales-order':
      return { ask: 'It is waiting for your signature in the portal.' };
    case 'job':
      return { ask: 'You can follow its progress and approve artwork in the portal.' };
    case 'purchase-order':
      return { ask: 'Please acknowledge it in the portal with your delivery date.' };
    case 'supplier-bill':
      return { ask: 'You can follow its payment in the portal.' };
    default:
      return {};
  }
}

/** The subject of a new document: the customer's documents are theirs; a supplier receives an order, and its own bill was recorded. */
function newSubject(type: DocumentType, number: string, tenantName: string, doc?: DocumentInfo): string {
  switch (type) {
    case 'sales-order':
      return `Your sales order ${number} from ${tenantName} is ready to sign`;
    case 'purchase-order':
      return `New purchase order ${number} from ${tenantName}`;
    case 'supplier-bill':
      return `${tenantName} has recorded your bill ${number}`;
    default:
      return `Your ${named(type, number, doc)} from ${tenantName} is ready`;
  }
}

export interface ContactPublishedInput {
  tenant: TenantInfo;
  detail: EventDetail<'document.published'>;
  document: DocumentInfo;
  contact: { firstName: string };
  /** Their portal login is still an invitation: say so, since the link needs a login. */
  invited?: boolean;
}

/** "Your quote Q-1001 from Brightline is ready" / "… was updated and needs your decision again". */
export function renderDocumentPublishedEmail(input: ContactPublishedInput): Rendered {
  const { tenant, detail, document: doc } = input;
  const it = named(detail.type, detail.number, doc);
  const { ask, again } = askOf(detail.type, detail.voided);
  const subject = again
    ? `Your ${it} from ${tenant.name} was updated and needs your ${again} again`
    : detail.change === 'updated'
      ? `Your ${it} from ${tenant.name} was updated`
      : newSubject(detail.type, detail.number, tenant.name, doc);
  const opening = again
    ? `${tenant.name} has changed ${it}, so your earlier ${detail.voided.join(' and ')} no longer applies.`
    : detail.change === 'updated'
      ? `${tenant.name} has updated ${it}.`
      : detail.type === 'supplier-bill'
        ? `${tenant.name} has recorded your bill ${detail.number}.`
        : `${tenant.name} has sent you ${it}.`;
  return renderBrandedEmail(tenant, {
    subject,
    paragraphs: [`Hello ${input.contact.firstName},`, opening, documentLine(detail.type, detail.number, doc), ...(ask ? [ask] : [])],
    action: { label: `View ${lower(detail.type, doc)}`, url: documentPortalUrl(tenant.slug, detail.type, detail.documentId) },
    footnote: input.invited
      ? `Accept your invitation to the ${tenant.name} portal first (we emailed it to you); ask ${tenant.name} for a new one if it has expired.`
      : 'Sign in to the portal with this email address to see it.',
  });
}

export interface ContactReplyInput {
  tenant: TenantInfo;
  detail: EventDetail<'message.posted'>;
  contact: { firstName: string };
  invited?: boolean;
}

/** A staff (or CRM) reply on a document's thread, for the document's contact. */
export function renderReplyEmail(input: ContactReplyInput): Rendered {
  const { tenant, detail } = input;
  const it = named(detail.type, detail.number);
  const from = detail.actor.kind === 'staff' ? `${detail.actor.name} at ${tenant.name}` : tenant.name;
  return renderBrandedEmail(tenant, {
    subject: `New reply from ${tenant.name} on ${it}`,
    paragraphs: [
      `Hello ${input.contact.firstName},`,
      `${from} replied on ${it}:`,
      quoted(detail.excerpt),
      ...(detail.attachments ? [`The reply has ${detail.attachments} attachment${detail.attachments === 1 ? '' : 's'}.`] : []),
    ],
    action: { label: 'Read and reply', url: documentPortalUrl(tenant.slug, detail.type, detail.documentId) },
    footnote: input.invited
      ? `Accept your invitation to the ${tenant.name} portal first (we emailed it to you).`
      : 'Sign in to the portal with this email address to read the whole conversation.',
  });
}
