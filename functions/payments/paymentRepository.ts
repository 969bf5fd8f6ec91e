import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentStatus } from '../../shared/api/payments';
import { documentKey } from '../documents/documentRepository';
import { dynamo, Expr, getItem, queryAll, toItem, updateParams, type Keys, type Write } from '../table/db';

/**
 * Online payments of an invoice and the Stripe events applied to them. Both live in the
 * invoice's own partition (`TENANT#t#DOC#invoice#<id>`), beside its `DOC` item, so the
 * payments of an invoice are one Query and every change to a payment can be one
 * transaction with the invoice it pays. A sales order paid at purchase (commerce/orders)
 * keeps its payments the same way in its own partition (`documentType: 'sales-order'`).
 */
export type PaidDocumentType = 'invoice' | 'sales-order';

/** What a Checkout's metadata says it pays: `portico_type` names a sales order; without it (every invoice payment) an invoice. */
export function paidDocumentOf(metadata: Record<string, string>): PaidDocumentType | undefined {
  const type = metadata.portico_type ?? 'invoice';
  return type === 'invoice' || type === 'sales-order' ? type : undefined;
}

export type StoredPayment = {
  tenantId: string;
  paymentId: string;
  /** What is paid: an invoice (absent, as on every payment made before orders were paid) or a sales order paid at purchase. */
  documentType?: PaidDocumentType;
  documentId: string;
  companyId: string;
  invoiceNumber: string;
  /** The invoice version the customer was shown when they started (also in Stripe's metadata). */
  invoiceVersion: number;
  payer: { contactId: string; name: string; email?: string; via: 'portal' | 'direct-link' };
  amount: number;
  currency: string;
  kind: 'full' | 'part';
  status: PaymentStatus;
  /** The connected account the Checkout Session was made on: every later event must come from it. */
  stripeAccount: string;
  /** The Stripe idempotency key the session was made with: a retry makes the same session. */
  idempotencyKey: string;
  /** What the session offers and where it sends the customer back: kept, so a retry sends Stripe the very same request. */
  methods: string[];
  returnUrl: string;
  checkoutSessionId?: string;
  checkoutUrl?: string;
  /** When the Checkout Session stops taking payment. */
  expiresAt: string;
  paymentIntentId?: string;
  chargeId?: string;
  balanceTransactionId?: string;
  method?: string;
  fee?: number;
  net?: number;
  /** The Stripe payout that carried this payment to the tenant's bank, and the day it arrives (YYYY-MM-DD), from `payout.paid`. */
  payoutId?: string;
  payoutArrivalDate?: string;
  bankAccount?: string;
  failureMessage?: string;
  /** Stripe's cumulative `amount_refunded` of the charge, and the `created` of the event it came from (late events never lower it). */
  refunded: number;
  refundedAsOf?: number;
  dispute?: { disputeId: string; status: string; amount: number; withdrawn: number; asOf: number };
  /** What this payment counts towards the invoice's `portalPaid` right now (kept in step in the same transactions). */
  counted: number;
  createdAt: string;
  updatedAt: string;
  succeededAt?: string;
  /** Optimistic lock of every write after creation. */
  revision: number;
};

/** What one Stripe event did, kept so a redelivery is recognised and changes nothing. */
export type StripeEventRecord = {
  tenantId: string;
  eventId: string;
  type: string;
  paymentId: string;
  /** `applied`: it changed the payment or invoice; `no-op`: the payment was already there (an earlier event said the same). */
  outcome: 'applied' | 'no-op';
  receivedAt: string;
  ttl: number;
};

const PAYMENT_ENTITY = 'payment';
export const PAYMENT_FIELDS = [
  'tenantId',
  'paymentId',
  'documentType',
  'documentId',
  'companyId',
  'invoiceNumber',
  'invoiceVersion',
  'payer',
  'amount',
  'currency',
  'kind',
  'status',
  'stripeAccount',
  'idempotencyKey',
  'methods',
  'returnUrl',
  'checkoutSessionId',
  'checkoutUrl',
  'expiresAt',
  'paymentIntentId',
  'chargeId',
  'balanceTransactionId',
  'method',
  'fee',
  'net',
  'payoutId',
  'payoutArrivalDate',
  'bankAccount',
  'failureMessage',
  'refunded',
  'refundedAsOf',
  'dispute',
  'counted',
  'createdAt',
  'updatedAt',
  'succeededAt',
  'revision',
] as const;
const EVENT_ENTITY = 'stripeEvent';
const EVENT_FIELDS = ['tenantId', 'eventId', 'type', 'paymentId', 'outcome', 'receivedAt', 'ttl'] as const;
/** Stripe retries for three days and lets an event be resent for thirty: a year is plenty. */
const EVENT_KEEP_SECONDS = 366 * 86_400;

const paidPartition = (tenantId: string, documentId: string, type: PaidDocumentType = 'invoice') => documentKey(tenantId, type, documentId).pk;
export const paymentKey = (tenantId: string, documentId: string, paymentId: string, type: PaidDocumentType = 'invoice'): Keys => ({
  pk: paidPartition(tenantId, documentId, type),
  sk: `PAYMENT#${paymentId}`,
});
const eventKey = (tenantId: string, documentId: string, eventId: string, type: PaidDocumentType = 'invoice'): Keys => ({
  pk: paidPartition(tenantId, documentId, type),
  sk: `STRIPE-EVENT#${eventId}`,
});
const keyOf = (p: Pick<StoredPayment, 'tenantId' | 'documentId' | 'paymentId' | 'documentType'>) =>
  paymentKey(p.tenantId, p.documentId, p.paymentId, p.documentType);

export const paymentRepository = {
  async get(
    tenantId: string,
    documentId: string,
    paymentId: string,
    consistent = false,
    type: PaidDocumentType = 'invoice',
  ): Promise<StoredPayment | undefined> {
    return getItem<StoredPayment>(paymentKey(tenantId, documentId, paymentId, type), PAYMENT_FIELDS, consistent);
  },

  /** Every payment of one invoice, oldest first (ids are random, so sorted here by creation). */
  async listOfInvoice(tenantId: string, documentId: string, type: PaidDocumentType = 'invoice'): Promise<StoredPayment[]> {
    const items = await queryAll<StoredPayment>({ partition: paidPartition(tenantId, documentId, type), sortPrefix: 'PAYMENT#' }, PAYMENT_FIELDS);
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },

  /** The Put of a new payment, for the transaction that also marks it open on the invoice. */
  createWrite(payment: StoredPayment): Write {
    const x = new Expr();
    return {
      Put: {
        Item: toItem(payment, PAYMENT_FIELDS, keyOf(payment), PAYMENT_ENTITY),
        ConditionExpression: `attribute_not_exists(${x.name('pk')})`,
        ...x.params(),
      },
    };
  },

  /** The whole new state of a payment, conditional on the revision it was read at. */
  replaceWrite(next: StoredPayment, expectedRevision: number): Write {
    const x = new Expr();
    const condition = `${x.name('revision')} = ${x.value(expectedRevision)}`;
    return {
      Put: {
        Item: toItem(next, PAYMENT_FIELDS, keyOf(next), PAYMENT_ENTITY),
        ConditionExpression: condition,
        ...x.params(),
      },
    };
  },

  /** Records the Checkout Session on a payment (once: a retry that made the same session writes the same). */
  async setCheckout(payment: StoredPayment, session: { id: string; url: string }): Promise<void> {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: updateParams(
              keyOf(payment),
              { set: { checkoutSessionId: session.id, checkoutUrl: session.url, updatedAt: new Date().toISOString() } },
              (x) =>
                `attribute_exists(${x.name('pk')}) AND (attribute_not_exists(${x.name('checkoutSessionId')}) OR ${x.name('checkoutSessionId')} = ${x.value(session.id)})`,
            ),
          },
        ],
      }),
    );
  },

  async getEvent(tenantId: string, documentId: string, eventId: string, type: PaidDocumentType = 'invoice'): Promise<StripeEventRecord | undefined> {
    return getItem<StripeEventRecord>(eventKey(tenantId, documentId, eventId, type), EVENT_FIELDS, true);
  },

  /** The Put that records a Stripe event; it fails if the event was recorded before, which cancels the transaction it is in. */
  eventWrite(documentId: string, record: Omit<StripeEventRecord, 'ttl'>, type: PaidDocumentType = 'invoice'): Write {
    const x = new Expr();
    const item = toItem(
      { ...record, ttl: Math.floor(Date.parse(record.receivedAt) / 1000) + EVENT_KEEP_SECONDS },
      EVENT_FIELDS,
      eventKey(record.tenantId, documentId, record.eventId, type),
      EVENT_ENTITY,
    );
    return { Put: { Item: item, ConditionExpression: `attribute_not_exists(${x.name('pk')})`, ...x.params() } };
  },
};
