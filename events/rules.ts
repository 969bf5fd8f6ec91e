import type { EventType } from './catalogue';

/**
 * The rule table: event pattern → target. The CDK events stack makes one EventBridge
 * rule per row (with a dead-letter queue per target); the local bus dispatches the
 * same rows in-process. A row's `lambda` says which Lambda runs its target: `notify`
 * (the default; targets are exports of `functions/notify/targets.ts`) or `pdf` (PDF
 * rendering, off the request path: `functions/documents/pdf/pdfRendering.ts`).
 */
export interface EventRule {
  name: string;
  /** Matched against `detail-type`; the source is always `portico`. */
  detailTypes: EventType[];
  target: string;
  /** The Lambda whose target this is; `notify` when left out. */
  lambda?: EventLambda;
  description: string;
}

export type EventLambda = 'notify' | 'pdf';
export const EVENT_LAMBDAS: readonly EventLambda[] = ['notify', 'pdf'];
/**
 * Each event Lambda's timeout, for the CDK stack and the local runtime alike. `pdf` is
 * Lambda's longest: a ZIP of 1,000 documents' PDFs needs minutes when most must be rendered
 * first (the job stops itself a minute before, `documents/zips/zipBuilder.ts`).
 */
export const EVENT_LAMBDA_TIMEOUT_SECONDS: Record<EventLambda, number> = { notify: 30, pdf: 900 };

export const rules = [
  { name: 'send-requested-mail', detailTypes: ['mail.requested'], target: 'sendMail', description: 'Send mail a service asked for, through SES' },
  {
    name: 'notify-staff',
    detailTypes: [
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
    ],
    target: 'notifyStaff',
    description: 'Email staff about document events, as the tenant notification settings say',
  },
  {
    name: 'notify-contact',
    detailTypes: ['document.published', 'message.posted'],
    target: 'notifyContact',
    description: 'Email a document contact when it is published for them or staff reply',
  },
  {
    name: 'notify-staff-of-payments',
    detailTypes: ['payment.succeeded', 'payment.failed', 'payment.refunded'],
    target: 'notifyStaff',
    description: 'Email staff about online payments, as the tenant notification settings say',
  },
  {
    name: 'notify-staff-of-commerce',
    detailTypes: ['order.placed', 'quote.requested', 'job.requested'],
    target: 'notifyStaff',
    description: 'Email staff about orders placed and quotes and jobs requested, in the templates the notification settings choose',
  },
  {
    name: 'confirm-to-contact',
    detailTypes: ['order.placed', 'quote.requested', 'job.requested'],
    target: 'confirmToContact',
    description: 'Email the contact who placed an order or asked for a quote or job a confirmation, in the chosen template',
  },
  {
    name: 'send-payment-receipt',
    detailTypes: ['payment.succeeded'],
    target: 'sendPaymentReceipt',
    description: 'Email the payer a receipt once Stripe says the money moved',
  },
  {
    name: 'render-document-pdf',
    detailTypes: ['document.published', 'document.pdf-requested'],
    target: 'renderDocumentPdf',
    lambda: 'pdf',
    description: "Render and store the PDF of a document's new version, so the PDF routes answer at once",
  },
  {
    name: 'render-statement-pdf',
    detailTypes: ['statement.pdf-requested'],
    target: 'renderStatementPdf',
    lambda: 'pdf',
    description: "Compute a company's statement of account and store its PDF, for the statement PDF routes' link",
  },
  {
    name: 'build-document-zip',
    detailTypes: ['document-zip.requested'],
    target: 'buildDocumentZip',
    lambda: 'pdf',
    description: "Build a ZIP of selected documents' PDFs, with progress on the job",
  },
  {
    name: 'audit-settings-change',
    detailTypes: ['tenant.settings-changed'],
    target: 'recordAudit',
    description: 'Keep an audit record of tenant settings changes',
  },
] as const satisfies readonly EventRule[];

export type RuleTarget = Exclude<(typeof rules)[number], { lambda: 'pdf' }>['target'];
export type PdfTarget = Extract<(typeof rules)[number], { lambda: 'pdf' }>['target'];

export const lambdaOf = (rule: EventRule): EventLambda => rule.lambda ?? 'notify';

export const rulesFor = (detailType: string): EventRule[] => rules.filter((r) => (r.detailTypes as readonly string[]).includes(detailType));
