import type Stripe from 'stripe';
import type { EventDetail, EventType } from '../../events/catalogue';
import { PROBLEM_TYPES } from '../../shared/problem';
import { badRequest, conflict, Problem } from '../core/problems';
import { releaseHeldEvents, retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { logger } from '../aws/logger';
import { stripe, stripeKeys } from './stripe';
import { verifyWebhook, WebhookSignatureError } from './stripeApi';
import { activityRepository } from '../documents/activityRepository';
import { documentKey, documentRepository, type StoredDocument } from '../documents/documentRepository';
import { paidDocumentOf, paymentRepository, type PaidDocumentType, type StoredPayment, type StripeEventRecord } from './paymentRepository';
import { paymentSettingsRepository } from './paymentSettingsRepository';
import { balanceOf, deadline, statusGroup } from '../documents/documentState';
import { withHistory } from '../documents/documentWrites';
import { formatAmount } from './amounts';
import { paymentReference } from './paymentViews';
import { isPayoutEvent, receivePayoutEvent } from './payoutWebhook';
import { observe, sameObjects, transition, type Effect, type EventSubject, type Observation } from './paymentTransitions';

/**
 * `POST /api/webhooks/stripe`: one endpoint for every tenant (Stripe Connect events carry
 * the connected `account`), verified with the platform's endpoint secret against the raw
 * body, with Stripe's default tolerance of 300 s.
 *
 * Exactly once: the event's id is recorded with a conditional Put in the same
 * DynamoDB transaction as its effect (payment, invoice, activity), and that transaction
 * is also conditional on the invoice's and the payment's revisions. A redelivery finds
 * the id and changes nothing; a concurrent delivery loses the transaction, reads again,
 * and finds the id; a different event about the same payment is read against the
 * payment as it is now (payments/paymentTransitions).
 */

export interface WebhookAnswer {
  received: true;
  /** `applied`: something changed; `no-op`: recorded, nothing to change; `duplicate`: seen before; `ignored`: not Portico's to act on. */
  outcome: 'applied' | 'no-op' | 'duplicate' | 'ignored';
  reason?: string;
}

const ATTEMPTS = 10;

export async function receiveStripeWebhook(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookAnswer> {
  const event = await verified(rawBody, signature);
  // A payout names no payment: the payments it carried are found through Stripe (payments/payoutWebhook).
  if (isPayoutEvent(event)) return receivePayoutEvent(event);
  const seen = observe(event);
  if (!seen) return ignored('Portico does not act on this event type');
  const ref = await paymentOf(event, seen.subject);
  if (!ref) return ignored('not a Portico payment');
  const payment = await paymentRepository.get(ref.tenantId, ref.documentId, ref.paymentId, true, ref.type);
  if (!payment) return ignored('no such payment');
  // Only the connected account the checkout was made on speaks for a payment: an event of
  // another account (another tenant's, or the platform's own) naming it changes nothing.
  if (!event.account || event.account !== payment.stripeAccount) {
    logger.warn('Stripe event for a payment of another account refused', { eventId: event.id, account: event.account, paymentId: payment.paymentId });
    return ignored('the event is not from the account of this payment');
  }
  if (!sameObjects(payment, seen.subject)) {
    logger.warn('Stripe event about another checkout naming a payment refused', { eventId: event.id, paymentId: payment.paymentId });
    return ignored('the event is about another checkout than this payment’s');
  }
  return apply(event, seen.observation, payment);
}

/** The event, if its signature verifies: 401 for anything else (the signature is this route's credential). */
async function verified(rawBody: Buffer | undefined, signature: string | undefined): Promise<Stripe.Event> {
  const refused = (reason: string) =>
    new Problem(
      401,
      'Signature not valid',
      'The Stripe-Signature header does not verify against the request body.',
      [{ name: 'headers.stripe-signature', reason }],
      PROBLEM_TYPES.webhookSignatureInvalid,
    );
  if (!signature) throw refused('is missing');
  const { webhookSecret } = await stripeKeys();
  try {
    return verifyWebhook(rawBody ?? Buffer.alloc(0), signature, webhookSecret);
  } catch (err) {
    if (err instanceof WebhookSignatureError) throw refused(err.message);
    // Signed correctly but not an event: nothing Stripe sends.
    throw badRequest([{ name: 'body', reason: 'is not a Stripe event' }], 'The body is not a Stripe event.');
  }
}

const ignored = (reason: string): WebhookAnswer => ({ received: true, outcome: 'ignored', reason });

/** The payment an event is about: from Portico's metadata, or from its PaymentIntent's (disputes carry none). */
async function paymentOf(
  event: Stripe.Event,
  subject: EventSubject,
): Promise<{ tenantId: string; documentId: string; paymentId: string; type: PaidDocumentType } | undefined> {
  let metadata = subject.metadata;
  if (!metadata.portico_payment && subject.paymentIntentId && event.account) {
    const client = await stripe();
    const intent = await client.retrievePaymentIntent(subject.paymentIntentId, { stripeAccount: event.account }).catch(() => undefined);
    metadata = intent?.metadata ?? {};
  }
  const { portico_tenant: tenantId, portico_invoice: documentId, portico_payment: paymentId } = metadata;
  const type = paidDocumentOf(metadata);
  return tenantId && documentId && paymentId && type ? { tenantId, documentId, paymentId, type } : undefined;
}

/** Stripe's fee and net for a successful payment, and its method, from the PaymentIntent's charge (best effort: a later event can fill them in). */
async function reconciliation(payment: StoredPayment, observation: Observation): Promise<Partial<StoredPayment>> {
  const intentId = ('paymentIntentId' in observation ? observation.paymentIntentId : undefined) ?? payment.paymentIntentId;
  if (!intentId || payment.fee !== undefined) return {};
  try {
    const client = await stripe();
    const intent = await client.retrievePaymentIntent(intentId, { expand: ['latest_charge.balance_transaction'], stripeAccount: payment.stripeAccount });
    const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
    const txn = charge && typeof charge.balance_transaction === 'object' ? charge.balance_transaction : null;
    return {
      paymentIntentId: intent.id,
      ...(charge ? { chargeId: charge.id, ...(charge.payment_method_details?.type ? { method: charge.payment_method_details.type } : {}) } : {}),
      ...(txn ? { balanceTransactionId: txn.id, fee: txn.fee, net: txn.net } : {}),
    };
  } catch (err) {
    logger.warn('could not read the payment’s fees from Stripe', { paymentId: payment.paymentId, error: (err as Error).message });
    return {};
  }
}

async function apply(event: Stripe.Event, observation: Observation, first: StoredPayment): Promise<WebhookAnswer> {
  const implySuccess = observation.kind === 'succeeded' || observation.kind === 'refunded' || observation.kind === 'disputed';
  const [details, settings] = await Promise.all([implySuccess ? reconciliation(first, observation) : {}, paymentSettingsRepository.get(first.tenantId)]);
  const type = first.documentType ?? 'invoice';
  const invoiceKey = documentKey(first.tenantId, type, first.documentId);
  return retryOnConflict(
    async () => {
      const recorded = await paymentRepository.getEvent(first.tenantId, first.documentId, event.id, type);
      if (recorded) {
        // Events still held a minute on: the delivery that recorded them died before the bus (a live one is done in seconds).
        await releaseHeldEvents(invoiceKey);
        return { received: true, outcome: 'duplicate' };
      }
      const [payment, doc] = await Promise.all([
        paymentRepository.get(first.tenantId, first.documentId, first.paymentId, true, type),
        documentRepository.get(first.tenantId, type, first.documentId, true),
      ]);
      if (!payment) return ignored('no such payment');
      const now = new Date().toISOString();
      const { next, effects } = transition(payment, observation, event.created, now);
      // Details Stripe gave on reading the charge; the method's bank account from the tenant's settings.
      for (const [k, v] of Object.entries(details))
        if (v !== undefined && (next as Record<string, unknown>)[k] === undefined) (next as Record<string, unknown>)[k] = v;
      if (next.method && !next.bankAccount && settings?.bankAccounts?.[next.method as keyof typeof settings.bankAccounts])
        next.bankAccount = settings.bankAccounts[next.method as keyof typeof settings.bankAccounts];
      const paymentChanged = JSON.stringify(next) !== JSON.stringify(payment);
      if (paymentChanged) {
        next.revision = payment.revision + 1;
        next.updatedAt = now;
      }

      const delta = next.counted - payment.counted;
      const closes = doc?.openPayment?.paymentId === payment.paymentId && (next.status === 'succeeded' || next.status === 'expired');
      const nextDoc = doc && (delta !== 0 || closes) ? invoiceAfter(doc, next, delta, effects, now) : undefined;
      const record: Omit<StripeEventRecord, 'ttl'> = {
        tenantId: payment.tenantId,
        eventId: event.id,
        type: event.type,
        paymentId: payment.paymentId,
        outcome: paymentChanged || nextDoc ? 'applied' : 'no-op',
        receivedAt: now,
      };
      // The invoice first (when it changes), then the event record, the payment, the activity line; the
      // event id's record exists once, so a concurrent duplicate loses the transaction and ends as `duplicate`.
      const work = nextDoc ? documentRepository.save(new UnitOfWork(), nextDoc, deadline(nextDoc), doc!) : new UnitOfWork();
      work.write(
        paymentRepository.eventWrite(payment.documentId, record, type),
        ...(paymentChanged ? [paymentRepository.replaceWrite(next, payment.revision)] : []),
      );
      const activity = nextDoc && activitySummary(next, effects);
      if (activity) {
        work.write({
          Put: {
            Item: activityRepository.item({
              tenantId: doc!.tenantId,
              companyId: doc!.companyId,
              at: now,
              type,
              documentId: doc!.documentId,
              number: doc!.number,
              action: activity.action,
              actor: activity.actor,
              summary: activity.summary,
            }),
          },
        });
      }
      if (doc) for (const e of catalogueEvents(event, next, nextDoc ?? doc, effects, now)) work.announce(e.type, e.detail as never);
      await work.commit(invoiceKey);
      logger.info('Stripe event applied', {
        eventId: event.id,
        type: event.type,
        paymentId: payment.paymentId,
        outcome: record.outcome,
        status: next.status,
        delta,
      });
      return { received: true, outcome: record.outcome };
    },
    // Stripe retries a non-2xx answer later: by then the contention is over.
    {
      attempts: ATTEMPTS,
      pause: (n) => 10 + Math.random() * 30 * n,
      exhausted: () => conflict('The payment is being changed by several events at once; try again.'),
    },
  );
}

/** The invoice with this payment's change: Portico-paid amount, balance, status group (documentState), deadline index, history; the open checkout released once it is over. */
function invoiceAfter(doc: StoredDocument, payment: StoredPayment, delta: number, effects: Effect[], now: string): StoredDocument {
  const portalPaid = (doc.portalPaid ?? 0) + delta;
  const next: StoredDocument = { ...doc, portalPaid, revision: doc.revision + 1, updatedAt: now };
  next.balance = balanceOf(next);
  if (doc.openPayment?.paymentId === payment.paymentId && (payment.status === 'succeeded' || payment.status === 'expired')) delete next.openPayment;
  const entries = effects
    .filter((e) => e.kind !== 'failed')
    .map((e) => ({
      at: now,
      action: historyAction(e),
      by: e.kind === 'succeeded' ? payment.payer.name : 'Stripe',
      version: doc.version,
      detail: historyDetail(e, payment),
    }));
  if (entries.length) next.history = withHistory(doc.history, ...entries);
  next.statusGroup = statusGroup(next);
  return next;
}

const historyAction = (e: Effect) =>
  e.kind === 'succeeded'
    ? 'payment-received'
    : e.kind === 'refunded'
      ? `payment-${e.cause === 'refund' ? 'refunded' : e.cause === 'dispute' ? 'disputed' : 'dispute-won'}`
      : 'payment-failed';

function historyDetail(e: Effect, p: StoredPayment): string {
  const ref = paymentReference(p.paymentId);
  if (e.kind === 'succeeded') return `${formatAmount(p.amount, p.currency)} paid online (${ref})`;
  if (e.kind === 'refunded' && e.cause === 'refund') return `${formatAmount(e.amount, p.currency)} refunded (${ref})`;
  if (e.kind === 'refunded' && e.cause === 'dispute') return `${formatAmount(e.amount, p.currency)} disputed by the card holder (${ref})`;
  if (e.kind === 'refunded') return `Dispute decided in your supplier's favour: ${formatAmount(e.amount, p.currency)} counts again (${ref})`;
  return `Payment failed (${ref})`;
}

function activitySummary(p: StoredPayment, effects: Effect[]): { action: string; actor: string; summary: string } | undefined {
  const e = effects.find((x) => x.kind !== 'failed');
  if (!e) return undefined;
  if (e.kind === 'succeeded')
    return {
      action: 'payment.succeeded',
      actor: p.payer.name,
      summary: `${p.payer.name} paid ${formatAmount(p.amount, p.currency)} of ${paidNoun(p)} ${p.invoiceNumber}`,
    };
  return { action: 'payment.refunded', actor: 'Stripe', summary: `${historyDetail(e, p)} on ${paidNoun(p)} ${p.invoiceNumber}` };
}

const paidNoun = (p: StoredPayment) => (p.documentType === 'sales-order' ? 'order' : 'invoice');

type Pending = { type: EventType; detail: Record<string, unknown> };

/** One catalogue event per change, built now and kept on the event record until it is on the bus. */
function catalogueEvents(event: Stripe.Event, p: StoredPayment, doc: StoredDocument, effects: Effect[], now: string): Pending[] {
  const common = {
    tenantId: p.tenantId,
    type: p.documentType ?? ('invoice' as const),
    documentId: p.documentId,
    number: p.invoiceNumber,
    companyId: p.companyId,
    contactId: p.payer.contactId,
    version: doc.version,
    paymentId: p.paymentId,
    reference: paymentReference(p.paymentId),
    amount: p.amount,
    currency: p.currency,
    balance: doc.balance ?? 0,
    portalPaid: doc.portalPaid ?? 0,
    payer: { contactId: p.payer.contactId, name: p.payer.name, ...(p.payer.email ? { email: p.payer.email } : {}) },
    ...(p.method ? { method: p.method } : {}),
    reconciliation: Object.fromEntries(
      Object.entries({
        paymentIntentId: p.paymentIntentId,
        chargeId: p.chargeId,
        balanceTransactionId: p.balanceTransactionId,
        fee: p.fee,
        net: p.net,
        payoutId: p.payoutId,
        bankAccount: p.bankAccount,
      }).filter(([, v]) => v !== undefined),
    ),
    stripeEventId: event.id,
    at: now,
  };
  const customer = { kind: 'customer' as const, id: p.payer.contactId, name: p.payer.name };
  const stripeActor = { kind: 'staff' as const, id: 'stripe', name: 'Stripe' };
  return effects.map((e): Pending => {
    if (e.kind === 'succeeded') return pending('payment.succeeded', { ...common, actor: customer });
    if (e.kind === 'failed') return pending('payment.failed', { ...common, actor: customer, ...(p.failureMessage ? { reason: p.failureMessage } : {}) });
    return pending('payment.refunded', {
      ...common,
      actor: stripeActor,
      cause: e.cause,
      change: e.amount,
      refunded: p.refunded,
      disputed: p.dispute?.withdrawn ?? 0,
    });
  });
}

const pending = <T extends EventType>(type: T, detail: EventDetail<T>): Pending => ({ type, detail: detail as Record<string, unknown> });
