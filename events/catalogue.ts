import * as z from 'zod/mini';
import { lazily } from '../shared/api/common';

/**
 * The event catalogue: every event Portico publishes on its bus, by detail-type, with
 * the zod schema of its `detail`. Publishers validate against it before sending and
 * targets validate again on receipt, so a malformed event never reaches a notifier.
 */
export const EVENT_SOURCE = 'portico';

const tenantScoped = () => ({ tenantId: z.string().check(z.minLength(1)) });

const DOCUMENT_TYPES = ['quote', 'sales-order', 'invoice', 'job', 'purchase-order', 'supplier-bill'] as const;

/** Who did it: a portal user (or direct-link recipient), a staff member or the CRM. */
const actor = () => z.object({ kind: z.enum(['customer', 'staff', 'crm']), id: z.string(), name: z.string() });

/** What every document event names: the document, its company and contact, and the version acted on. */
const documentEvent = () => ({
  ...tenantScoped(),
  type: z.enum(DOCUMENT_TYPES),
  documentId: z.string().check(z.minLength(1)),
  number: z.string(),
  companyId: z.string(),
  contactId: z.optional(z.string()),
  version: z.number(),
  actor: actor(),
});

/** What every payment event names besides its invoice: the payment, what the invoice owes now, and what staff reconcile it by. */
const paymentEvent = () => ({
  ...documentEvent(),
  paymentId: z.string().check(z.minLength(1)),
  /** The short reference the customer's receipt and the portal show. */
  reference: z.string(),
  /** The payment's amount (minor units) and currency. */
  amount: z.number(),
  currency: z.string(),
  /** The invoice after this change: its balance, and what Portico payments count towards it. */
  balance: z.number(),
  portalPaid: z.number(),
  payer: z.object({ contactId: z.string(), name: z.string(), email: z.optional(z.string()) }),
  method: z.optional(z.string()),
  reconciliation: z.object({
    paymentIntentId: z.optional(z.string()),
    chargeId: z.optional(z.string()),
    balanceTransactionId: z.optional(z.string()),
    fee: z.optional(z.number()),
    net: z.optional(z.number()),
    payoutId: z.optional(z.string()),
    bankAccount: z.optional(z.string()),
  }),
  /** The Stripe event that made the change (one catalogue event per Stripe event and change). */
  stripeEventId: z.string(),
  at: z.string(),
});

/** A quote or job request (commerce room): who asked, and which request (targets read the rest from the table). */
const requestEvent = () => ({
  ...tenantScoped(),
  companyId: z.string(),
  contactId: z.string(),
  userId: z.string(),
  requestId: z.string().check(z.minLength(1)),
  kind: z.enum(['quote', 'job']),
  title: z.string(),
});

export const eventCatalogue = {
  /** The CRM or staff published a document (new, or a new version); `voided` names acceptances it undid. */
  'document.published': lazily(() =>
    z.object({
      ...documentEvent(),
      change: z.enum(['created', 'updated', 'republished']),
      voided: z.array(z.enum(['acceptance', 'rejection', 'signature', 'approval', 'acknowledgement'])),
      notifyContact: z.boolean(),
    }),
  ),
  'quote.accepted': lazily(() => z.object({ ...documentEvent(), purchaseOrderReference: z.optional(z.string()) })),
  'quote.rejected': lazily(() => z.object({ ...documentEvent(), reason: z.string() })),
  'artwork.approved': lazily(() => z.object({ ...documentEvent(), comment: z.optional(z.string()) })),
  'artwork.changes-requested': lazily(() => z.object({ ...documentEvent(), comment: z.string() })),
  'order.signed': lazily(() => z.object({ ...documentEvent(), evidenceId: z.string(), signerName: z.string() })),
  /** Either side posted on a document's thread. */
  'message.posted': lazily(() => z.object({ ...documentEvent(), messageId: z.string(), excerpt: z.string(), attachments: z.number() })),
  /**
   * Someone asked for the PDF of a document's version that is not rendered yet (published
   * before PDFs were rendered on publish, or its render failed): the `pdf` Lambda renders it.
   */
  'document.pdf-requested': lazily(() =>
    z.object({ ...tenantScoped(), type: z.enum(DOCUMENT_TYPES), documentId: z.string().check(z.minLength(1)), version: z.number() }),
  ),
  /**
   * Someone asked for the PDF of a company's statement of account as it is now and it is
   * not rendered yet: the `pdf` Lambda computes the statement (the same service as the
   * screen) and stores it. Only what the request path authorised: the company, the resolved
   * currency (none when the company has no ledger yet) and period.
   */
  'statement.pdf-requested': lazily(() =>
    z.object({
      ...tenantScoped(),
      companyId: z.string().check(z.minLength(1)),
      currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
      from: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
      to: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    }),
  ),
  /**
   * A customer asked for selected documents' PDFs as one ZIP: the `pdf` Lambda builds it. The
   * selection is in the job's record (up to 1,000 ids), not in the event (EventBridge's 256 KB).
   */
  'document-zip.requested': lazily(() =>
    z.object({
      ...tenantScoped(),
      companyId: z.string().check(z.minLength(1)),
      userId: z.string().check(z.minLength(1)),
      zipId: z.string().check(z.minLength(1)),
      type: z.enum(DOCUMENT_TYPES),
    }),
  ),
  /** A direct link's recipient opened it. */
  'direct-link.opened': lazily(() =>
    z.object({
      ...documentEvent(),
      linkId: z.string(),
      /** 1 on the first open: staff are told once, not on every visit. */ openCount: z.optional(z.number()),
    }),
  ),

  /** A supplier acknowledged a purchase order (this version); `evidence` is where from. */
  'purchase-order.acknowledged': lazily(() =>
    z.object({ ...documentEvent(), evidence: z.object({ ip: z.optional(z.string()), userAgent: z.optional(z.string()) }) }),
  ),
  /** A supplier proposed other delivery dates for some lines; the business answers by publishing a new version. */
  'purchase-order.dates-proposed': lazily(() =>
    z.object({
      ...documentEvent(),
      note: z.string(),
      lines: z.array(z.object({ line: z.number(), description: z.optional(z.string()), previousDate: z.optional(z.string()), proposedDate: z.string() })),
    }),
  ),
  /** A supplier submitted their bill against a purchase order (the CRM publishes the supplier-bill document once booked). */
  'purchase-order.bill-submitted': lazily(() =>
    z.object({
      ...documentEvent(),
      billId: z.string(),
      billNumber: z.string(),
      issueDate: z.string(),
      amount: z.number(),
      currency: z.string(),
      /** The PDF: GET /api/admin/documents/purchase-order/{documentId}/attachments/{attachmentId}. */
      attachmentId: z.string(),
      fileName: z.string(),
    }),
  ),

  /** Stripe says an online payment of an invoice went through; the invoice's balance already reflects it. */
  'payment.succeeded': lazily(() => z.object(paymentEvent())),
  /** An attempt to pay failed (declined card, bank debit refused); the customer may try again. */
  'payment.failed': lazily(() => z.object({ ...paymentEvent(), reason: z.optional(z.string()) })),
  /** Money of a payment went back: a refund, or a dispute withdrew it; `dispute-won` gives it back. `change` is this change, `refunded`/`disputed` the totals now. */
  'payment.refunded': lazily(() =>
    z.object({ ...paymentEvent(), cause: z.enum(['refund', 'dispute', 'dispute-won']), change: z.number(), refunded: z.number(), disputed: z.number() }),
  ),

  /**
   * A customer placed their cart as an order: a sales order Portico created (status
   * `submitted`), its lines and totals computed by Portico; the CRM hears of it here.
   * `paymentRequested`: they chose to pay at once (the payment's own events follow).
   */
  'order.placed': lazily(() =>
    z.object({
      ...tenantScoped(),
      companyId: z.string().check(z.minLength(1)),
      contactId: z.string().check(z.minLength(1)),
      userId: z.string().check(z.minLength(1)),
      documentId: z.string().check(z.minLength(1)),
      number: z.string(),
      currency: z.string(),
      total: z.number(),
      lineCount: z.number(),
      paymentRequested: z.boolean(),
    }),
  ),
  /** A portal user asked for a quote (free-form, or their cart sent as a quote request); `quote.requested`, and `job.requested` for a job. */
  'quote.requested': lazily(() => z.object(requestEvent())),
  'job.requested': lazily(() => z.object(requestEvent())),

  /** A tenant's settings (branding, modules, portal switch) changed. */
  'tenant.settings-changed': lazily(() =>
    z.object({
      ...tenantScoped(),
      changedBy: z.string(),
      fields: z.array(z.string()),
    }),
  ),
  /** A service asks for an email to be sent; the mail notifier renders and sends it through SES. */
  'mail.requested': lazily(() =>
    z.object({
      ...tenantScoped(),
      to: z.array(z.string().check(z.email())).check(z.minLength(1)),
      subject: z.string().check(z.minLength(1), z.maxLength(300)),
      text: z.string(),
      html: z.optional(z.string()),
      /** Why the mail is sent, for the audit trail (e.g. `invitation`). */
      purpose: z.string(),
    }),
  ),
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventDetail<T extends EventType> = z.infer<(typeof eventCatalogue)[T]>;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];

/** The envelope EventBridge delivers to a target; the local bus builds the same one. */
export interface EventEnvelope<T extends EventType = EventType> {
  version: '0';
  id: string;
  'detail-type': T;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: EventDetail<T>;
}
