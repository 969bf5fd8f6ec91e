import { LIMITS } from '../limits';
import * as z from 'zod/mini';
import { ATTACHMENT_CONTENT_TYPES, DOCUMENT_TYPES, MAX_ATTACHMENT_BYTES, SORTS, type DocumentType } from '../documentKinds';
import { id, lazily, pageQueryFields, trimmed } from './common';
import { TEMPLATE_EVENTS } from './notificationTemplates';
import type { PurchaseOrderSupplierView } from './purchaseOrders';

export * from '../documentKinds';

/**
 * Business documents the CRM publishes into the portal: what they hold, how they are
 * published and listed, and what a customer may do with each kind.
 */
export const documentTypeSchema = lazily(() => z.enum(DOCUMENT_TYPES));

/** An ISO 8601 calendar date, `2026-11-22`. */
export const isoDate = lazily(() =>
  z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
    z.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a calendar date'),
  ),
);

/** An ISO 4217 currency code, upper case. */
export const currency = lazily(() => {
  const iso4217 = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
  return z.string().check(
    z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as GBP'),
    z.refine((v) => iso4217.size === 0 || iso4217.has(v), 'is not an ISO 4217 currency'),
  );
});

/** Money in integer minor units (pence, cents); a document never holds more than ten billion major units. */
const MAX_MINOR = 1_000_000_000_000;
export const money = lazily(() => z.number().check(z.int('must be whole minor units (e.g. pence)'), z.minimum(-MAX_MINOR), z.maximum(MAX_MINOR)));
export const nonNegativeMoney = lazily(() => z.number().check(z.int('must be whole minor units (e.g. pence)'), z.minimum(0), z.maximum(MAX_MINOR)));

export const documentLine = lazily(() =>
  z.strictObject({
    description: trimmed(LIMITS.document.lineDescription),
    /** Up to three decimal places (0.5 hours, 2.125 m²). */
    quantity: z.number().check(
      z.minimum(-1_000_000),
      z.maximum(1_000_000),
      z.refine((v) => Number.isFinite(v) && Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, 'may have at most three decimal places'),
    ),
    unitPrice: money,
    /** Amount taken off this line, in minor units. */
    discount: z._default(nonNegativeMoney, 0),
    /** Tax on this line, in minor units, as the CRM computed it. */
    tax: z._default(money, 0),
    /** The tax rate for display, in basis points (2000 = 20 %). */
    taxRateBps: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(10_000))),
    /** Net + tax: round(quantity × unitPrice) − discount + tax. */
    total: money,
    sku: z.optional(trimmed(LIMITS.document.sku)),
    /** Purchase orders (and orders): when this line is due to be delivered. */
    deliveryDate: z.optional(isoDate),
  }),
);
export type DocumentLine = z.output<typeof documentLine>;

export const documentTotals = lazily(() =>
  z.strictObject({
    /** Σ (round(quantity × unitPrice) − discount). */
    subtotal: money,
    /** Σ tax. */
    tax: money,
    /** subtotal + tax. */
    total: money,
  }),
);

/** A file the CRM attaches to a document: a public https URL it serves, or a file uploaded to Portico first. */
export const documentAttachment = lazily(() =>
  z.strictObject({
    attachmentId: id,
    name: trimmed(200),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ATTACHMENT_BYTES)),
    url: z.string().check(z.maxLength(2000), z.url(), z.regex(/^https:\/\//, 'must be an https URL')),
    /** Artwork proof: a job with proofs asks the customer to approve or request changes. */
    proof: z.optional(z.boolean()),
  }),
);

export const documentPath = lazily(() => z.strictObject({ type: documentTypeSchema, documentId: id }));
export const typedDocumentPath = lazily(() => z.strictObject({ documentId: id }));
export const documentTypePath = lazily(() => z.strictObject({ type: documentTypeSchema }));

/** PUT /api/admin/documents/{type}/{documentId}: the document as the CRM holds it. */
export const publishDocumentBody = lazily(() =>
  z
    .strictObject({
      companyId: id,
      contactId: z.optional(id),
      projectId: z.optional(id),
      /** Quotes and jobs: the portal request (`GET /api/admin/requests`) this answers; it then shows as answered, linked to this document. */
      requestId: z.optional(id),
      number: trimmed(50),
      /** A short title ("Shop-front signage"). */
      title: z.optional(trimmed(LIMITS.document.title)),
      status: trimmed(30),
      issueDate: isoDate,
      dueDate: z.optional(isoDate),
      expiryDate: z.optional(isoDate),
      currency,
      lines: z.array(documentLine).check(z.maxLength(LIMITS.document.lines)),
      totals: documentTotals,
      /** Invoices and bills: what has been paid so far, in minor units; on a credit note (negative total), the part of the credit used. */
      amountPaid: z.optional(nonNegativeMoney),
      notes: z.optional(trimmed(LIMITS.document.notes, 0)),
      terms: z.optional(trimmed(LIMITS.document.terms, 0)),
      attachments: z.optional(z.array(documentAttachment).check(z.maxLength(LIMITS.document.attachments))),
      /** Jobs: the customer is asked to approve the artwork (or estimate) before work goes on. */
      approvalRequired: z.optional(z.boolean()),
      /** Whether the contact is emailed about this publication (default true when a contact is named). */
      notifyContact: z.optional(z.boolean()),
    })
    .check(z.superRefine(withinContentBudget)),
);

const utf8 = new TextEncoder();
/** A document's size as stored: its parsed body as compact UTF-8 JSON (at least what DynamoDB counts for the same attributes). */
export const documentContentBytes = (body: unknown): number => utf8.encode(JSON.stringify(body)).length;

/** The whole document within `LIMITS.document.contentBytes`, naming its largest part when not. */
function withinContentBudget(
  body: Record<string, unknown>,
  ctx: { addIssue: (issue: { code: 'custom'; message: string; path: string[]; input: unknown }) => void },
) {
  const size = documentContentBytes(body);
  const max = LIMITS.document.contentBytes;
  if (size <= max) return;
  const parts = (['lines', 'terms', 'notes', 'attachments'] as const).map((field) => [field, documentContentBytes(body[field] ?? '')] as const);
  const [largest, bytes] = parts.reduce((a, b) => (b[1] > a[1] ? b : a));
  ctx.addIssue({
    code: 'custom',
    path: [largest],
    input: body[largest],
    message: `makes the document too large: it is ${size} bytes as JSON, at most ${max} (this field is ${bytes} of them)`,
  });
}
export type PublishDocumentBody = z.output<typeof publishDocumentBody>;

export const listDocumentsQuery = lazily(() =>
  z.strictObject({
    ...pageQueryFields(),
    status: z.optional(trimmed(30)),
    sort: z.optional(z.enum(SORTS)),
    /** The start of a document number ("INV-10"). */
    q: z.optional(trimmed(50)),
  }),
);

export const acceptQuoteBody = lazily(() => z.strictObject({ purchaseOrderReference: z.optional(trimmed(LIMITS.purchaseOrderReference)) }));
export const rejectQuoteBody = lazily(() => z.strictObject({ reason: trimmed(LIMITS.decisionText) }));
export const approveBody = lazily(() => z.strictObject({ comment: z.optional(trimmed(LIMITS.decisionText, 0)) }));
export const requestChangesBody = lazily(() => z.strictObject({ comment: trimmed(LIMITS.decisionText) }));

/** A PIN is 4–8 digits. */
export const pin = lazily(() =>
  z
    .string()
    .check(z.regex(new RegExp(`^\\d{${LIMITS.pinDigits.min},${LIMITS.pinDigits.max}}$`), `must be ${LIMITS.pinDigits.min} to ${LIMITS.pinDigits.max} digits`)),
);
export const signOrderBody = lazily(() => z.strictObject({ signerName: trimmed(LIMITS.signerName.max, LIMITS.signerName.min), pin }));
export const setSigningPinBody = lazily(() => z.strictObject({ pin, currentPassword: z.string().check(z.minLength(1), z.maxLength(LIMITS.password.max)) }));

export const postMessageBody = lazily(() =>
  z.strictObject({
    body: trimmed(LIMITS.messageBody),
    /** Uploads made with the uploads route, by id. */
    attachmentIds: z.optional(z.array(id).check(z.maxLength(LIMITS.attachmentsPerMessage))),
  }),
);
export const createUploadBody = lazily(() =>
  z.strictObject({
    fileName: trimmed(200),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ATTACHMENT_BYTES, `must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)),
  }),
);
export const attachmentPath = lazily(() => z.strictObject({ type: documentTypeSchema, documentId: id, attachmentId: id }));

export const createDirectLinkBody = lazily(() =>
  z.strictObject({
    contactId: id,
    /** Days until the link stops working (default 14). */
    expiresInDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(90))),
    /** Whether Portico emails the link to the contact (default true). */
    send: z.optional(z.boolean()),
  }),
);
export const directLinkPath = lazily(() => z.strictObject({ linkId: id }));
export const directLinkTokenPath = lazily(() => z.strictObject({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link token')) }));

/** The document (and payment) events staff may be told of; their mails are the documents room's. */
export const DOCUMENT_NOTIFIED_EVENTS = [
  'document.published',
  'quote.accepted',
  'quote.rejected',
  'artwork.approved',
  'artwork.changes-requested',
  'order.signed',
  'message.posted',
  'direct-link.opened',
  'purchase-order.acknowledged',
  'purchase-order.dates-proposed',
  'purchase-order.bill-submitted',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
] as const;
export type DocumentNotifiedEvent = (typeof DOCUMENT_NOTIFIED_EVENTS)[number];
/** Every event staff may be told of: the documents' and commerce's (whose mails use the tenant's templates, shared/api/notificationTemplates). */
export const NOTIFIED_EVENTS = [...DOCUMENT_NOTIFIED_EVENTS, ...TEMPLATE_EVENTS] as const;
export type NotifiedEvent = (typeof NOTIFIED_EVENTS)[number];
const staffEmail = lazily(() => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email('must be an email address')));
/** Who among staff hears of each event: a staff member (by email) or one of the staff teams named in the settings. */
export const notificationRecipient = lazily(() => z.union([z.strictObject({ staffEmail }), z.strictObject({ staffTeam: id })]));
export const notificationSettingsBody = lazily(() =>
  z.strictObject({
    /** Staff teams for notifications, by id: a name and the staff emails in it. */
    teams: z._default(
      z.record(id, z.strictObject({ name: trimmed(100), members: z.array(staffEmail).check(z.minLength(1, 'name at least one member'), z.maxLength(50)) })),
      {},
    ),
    rules: z.partialRecord(z.enum(NOTIFIED_EVENTS), z.array(notificationRecipient).check(z.maxLength(20))),
    /** Per commerce event, the template of the staff mail and of the contact's confirmation (by id); the built-in default when absent. */
    templates: z._default(z.partialRecord(z.enum(TEMPLATE_EVENTS), z.strictObject({ staff: z.optional(id), contact: z.optional(id) })), {}),
  }),
);
export type NotificationSettings = z.output<typeof notificationSettingsBody>;

export const dashboardQuery = lazily(() => z.strictObject({}));

/** The document as the portal shows it. */
export interface DocumentView {
  type: DocumentType;
  documentId: string;
  number: string;
  title?: string;
  status: string;
  /** The filter it falls under today (e.g. `overdue`). */
  state: string;
  companyId: string;
  contactId?: string;
  projectId?: string;
  /** The quote or job request this document answers. */
  requestId?: string;
  issueDate: string;
  dueDate?: string;
  expiryDate?: string;
  currency: string;
  lines: DocumentLine[];
  totals: z.output<typeof documentTotals>;
  amountPaid?: number;
  /** Invoices: paid online through the portal, net of refunds and disputes (balance = total − amountPaid − portalPaid). */
  portalPaid?: number;
  /** Invoices and bills: what is still to pay (total − amountPaid − portalPaid). Absent on a credit note. */
  balance?: number;
  /** Invoices and bills (not void, not credit notes): how much of it is paid. */
  paymentStatus?: 'unpaid' | 'partially-paid' | 'paid';
  /**
   * Credit notes (an invoice or bill with a negative total; state `credit`), not void: the
   * credit left, in minor units (−total − amountPaid, where amountPaid is the part used; 0
   * once the CRM publishes it `paid`, all used). Never payable, never in the outstanding balance.
   */
  credit?: number;
  notes?: string;
  terms?: string;
  attachments: Array<{ attachmentId: string; name: string; contentType: string; size: number; proof?: boolean }>;
  approvalRequired?: boolean;
  version: number;
  contentHash: string;
  publishedAt: string;
  updatedAt: string;
  decision?: { kind: 'accepted' | 'rejected'; at: string; by: string; purchaseOrderReference?: string; reason?: string; version: number };
  approval?: { kind: 'approved' | 'changes-requested'; at: string; by: string; comment?: string; version: number };
  signature?: { signerName: string; at: string; version: number; contentHash: string; evidenceId: string };
  history: Array<{ at: string; action: string; by?: string; version: number; detail?: string }>;
  unreadMessages: number;
  messageCount: number;
  /** What the caller may do with it now. */
  actions: Array<'accept' | 'reject' | 'approve' | 'request-changes' | 'sign' | 'message' | 'pay' | 'acknowledge' | 'propose-dates' | 'submit-bill'>;
  /** Purchase orders: where it stands with the supplier (acknowledged, dates proposed, bills submitted). */
  supplier?: PurchaseOrderSupplierView;
}

/** One row of a list page. */
export type DocumentSummary = Pick<
  DocumentView,
  | 'type'
  | 'documentId'
  | 'number'
  | 'title'
  | 'status'
  | 'state'
  | 'issueDate'
  | 'dueDate'
  | 'expiryDate'
  | 'currency'
  | 'totals'
  | 'balance'
  | 'paymentStatus'
  | 'credit'
  | 'unreadMessages'
  | 'version'
>;

/** A page of a document list. */
export interface DocumentPage {
  items: DocumentSummary[];
  cursor?: string;
}

/**
 * GET /api/dashboard: the summary of transactions made and pending, by what the caller may
 * read. Card counts stop at 101: more than 100 reads as "100+".
 */
export interface DashboardView {
  /** Σ balance of outstanding invoices, per currency. Credit notes do not reduce it (see `credits`). */
  outstanding: Array<{ currency: string; balance: number; count: number }>;
  /** Σ credit left on credit notes (invoices with a negative total), per currency, and how many have some left. */
  credits: Array<{ currency: string; credit: number; count: number }>;
  overdue: { count: number; items: DocumentSummary[] };
  quotesAwaitingDecision: { count: number; items: DocumentSummary[] };
  ordersAwaitingSignature: { count: number; items: DocumentSummary[] };
  jobsAwaitingApproval: { count: number; items: DocumentSummary[] };
  unreadMessages: number;
  recentActivity: ActivityView[];
}

export interface ActivityView {
  at: string;
  type: DocumentType;
  documentId: string;
  number: string;
  /** e.g. `document.published`, `quote.accepted`, `message.posted`. */
  action: string;
  /** Who did it, as shown ("Brightline Print & Signs", "Nora Customer"). */
  actor: string;
  summary: string;
}

export interface AttachmentView {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
}

export interface MessageView {
  messageId: string;
  at: string;
  author: { kind: 'customer' | 'staff'; name: string };
  body: string;
  attachments: AttachmentView[];
}

/** `PUT /api/me/signing-pin`. */
export interface SigningPinSet {
  signingPinSet: true;
}

/** A thread page holds at most this many messages (and this many by default). */
export const THREAD_PAGE_MAX = 200;

/** GET …/messages: the newest page of a thread, or with `cursor` the page of messages before a page. */
export const threadQuery = lazily(() =>
  z.strictObject({
    limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(THREAD_PAGE_MAX))),
    cursor: pageQueryFields().cursor,
  }),
);

/** A page of a document's thread: the newest messages (or those before the page a cursor came from), oldest first. */
export interface MessageThread {
  items: MessageView[];
  /** Older messages exist beyond the ones shown. */
  truncated?: true;
  /** Pass back as `cursor` for the page of messages before these; absent when these are the oldest. */
  cursor?: string;
}

/** POST …/uploads: where to PUT the file (a presigned S3 URL) and the id to name it by in a message. */
export interface UploadTicket {
  attachmentId: string;
  url: string;
  /** Headers the PUT must carry exactly (the signature covers them). */
  headers: Record<string, string>;
  expiresAt: string;
}

/** A short-lived download link (presigned S3 GET). */
export interface DownloadLink {
  url: string;
  expiresAt: string;
  fileName: string;
}

/**
 * GET …/pdf while the PDF of the document's current version is being rendered (202, with
 * `Retry-After`): ask again after `retryAfterSeconds` for the link.
 */
export interface PdfPreparing {
  status: 'preparing';
  retryAfterSeconds: number;
}

/** GET …/pdf: the link once the PDF of the current version exists, else that it is being prepared. */
export type DocumentPdfReply = DownloadLink | PdfPreparing;

/** The evidence of an e-signature, downloadable by both sides. */
export interface SignatureEvidence {
  evidenceId: string;
  tenantId: string;
  type: 'sales-order';
  documentId: string;
  number: string;
  version: number;
  /** sha256 (hex) of the document's canonical content at that version. */
  contentHash: string;
  signerName: string;
  signer: { userId: string; contactId: string; email?: string };
  signedAt: string;
  ip: string;
  userAgent: string;
  /** How the signer was signed in: `password` (portal session) or `direct-link`. */
  authentication: 'password' | 'direct-link';
  voided?: { at: string; byVersion: number };
}

/** POST /api/direct/{token}/session: the one document the link opens. */
export interface DirectLinkSession {
  type: DocumentType;
  documentId: string;
  recipientName: string;
  expiresAt: string;
}
