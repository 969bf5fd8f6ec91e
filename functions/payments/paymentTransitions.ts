import type Stripe from 'stripe';
import type { StoredPayment } from './paymentRepository';
import { canonicalJson } from '../documents/documentContent';

/**
 * What a Stripe event says about a payment, and what that does to it: pure functions,
 * so the rules that make redelivered, reordered and late events harmless are in one
 * place and easy to test.
 *
 * - Several events say "this payment succeeded" (`checkout.session.completed` when paid,
 *   `checkout.session.async_payment_succeeded`, `payment_intent.succeeded`,
 *   `charge.succeeded`); whichever comes first applies it, the others change nothing.
 * - A payment never moves backwards: a failure or expiry after success is ignored, and so
 *   is an expiry of a bank debit being processed.
 * - Refunds use Stripe's cumulative `amount_refunded`, taken only from an event at least as
 *   new as the one it was last taken from, so a late or repeated refund event never counts
 *   twice or undoes a newer one.
 * - A dispute takes the disputed amount off while the funds are withdrawn and gives it back
 *   when Stripe reinstates them (won); a closed dispute is not reopened by a late event.
 * - A refund or dispute implies the payment succeeded first, whatever order they arrive in.
 */

export type Observation =
  | { kind: 'succeeded'; amount?: number; paymentIntentId?: string; chargeId?: string; method?: string; balanceTransactionId?: string }
  | { kind: 'processing'; paymentIntentId?: string }
  | { kind: 'failed'; message?: string; paymentIntentId?: string }
  | { kind: 'expired' }
  | { kind: 'refunded'; refunded: number; amount: number; chargeId: string; paymentIntentId?: string; method?: string; balanceTransactionId?: string }
  | { kind: 'disputed'; disputeId: string; status: string; amount: number; reinstated: boolean; chargeId?: string; paymentIntentId?: string };

/** Which Stripe objects carry Portico's metadata, and the PaymentIntent to ask when they do not. */
export interface EventSubject {
  metadata: Record<string, string>;
  paymentIntentId?: string;
  /** Set for Checkout Session events: the session the event is about. */
  checkoutSessionId?: string;
}

const idOf = (value: string | { id: string } | null | undefined): string | undefined => (typeof value === 'string' ? value : (value?.id ?? undefined));

/** The observation an event makes, or undefined for events Portico does not act on. */
export function observe(event: Stripe.Event): { observation: Observation; subject: EventSubject } | undefined {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = event.data.object;
      const subject = { metadata: session.metadata ?? {}, paymentIntentId: idOf(session.payment_intent), checkoutSessionId: session.id };
      if (event.type === 'checkout.session.expired') return { observation: { kind: 'expired' }, subject };
      if (event.type === 'checkout.session.async_payment_failed')
        return { observation: { kind: 'failed', message: 'The bank did not complete the payment.', paymentIntentId: subject.paymentIntentId }, subject };
      if (session.payment_status === 'paid')
        return { observation: { kind: 'succeeded', amount: session.amount_total ?? undefined, paymentIntentId: subject.paymentIntentId }, subject };
      if (session.payment_status === 'unpaid') return { observation: { kind: 'processing', paymentIntentId: subject.paymentIntentId }, subject };
      return undefined;
    }
    case 'payment_intent.succeeded':
    case 'payment_intent.processing':
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled': {
      const intent = event.data.object;
      const subject = { metadata: intent.metadata ?? {}, paymentIntentId: intent.id };
      if (event.type === 'payment_intent.succeeded')
        return {
          observation: { kind: 'succeeded', amount: intent.amount_received, paymentIntentId: intent.id, chargeId: idOf(intent.latest_charge) },
          subject,
        };
      if (event.type === 'payment_intent.processing') return { observation: { kind: 'processing', paymentIntentId: intent.id }, subject };
      if (event.type === 'payment_intent.canceled') return { observation: { kind: 'expired' }, subject };
      return { observation: { kind: 'failed', message: intent.last_payment_error?.message, paymentIntentId: intent.id }, subject };
    }
    case 'charge.succeeded':
    case 'charge.failed':
    case 'charge.refunded': {
      const charge = event.data.object;
      const subject = { metadata: charge.metadata ?? {}, paymentIntentId: idOf(charge.payment_intent) };
      const method = charge.payment_method_details?.type;
      const balanceTransactionId = idOf(charge.balance_transaction);
      if (event.type === 'charge.failed')
        return { observation: { kind: 'failed', message: charge.failure_message ?? undefined, paymentIntentId: subject.paymentIntentId }, subject };
      if (event.type === 'charge.refunded') {
        return {
          observation: {
            kind: 'refunded',
            refunded: charge.amount_refunded,
            amount: charge.amount_captured,
            chargeId: charge.id,
            paymentIntentId: subject.paymentIntentId,
            method,
            balanceTransactionId,
          },
          subject,
        };
      }
      return {
        observation: {
          kind: 'succeeded',
          amount: charge.amount_captured,
          paymentIntentId: subject.paymentIntentId,
          chargeId: charge.id,
          method,
          balanceTransactionId,
        },
        subject,
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.updated':
    case 'charge.dispute.funds_withdrawn':
    case 'charge.dispute.funds_reinstated':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const subject = { metadata: {}, paymentIntentId: idOf(dispute.payment_intent) };
      return {
        observation: {
          kind: 'disputed',
          disputeId: dispute.id,
          status: dispute.status,
          amount: dispute.amount,
          reinstated: event.type === 'charge.dispute.funds_reinstated',
          chargeId: idOf(dispute.charge),
          paymentIntentId: subject.paymentIntentId,
        },
        subject,
      };
    }
    default:
      return undefined;
  }
}

/**
 * Whether an event's objects are this payment's: its Checkout Session, and its
 * PaymentIntent once known. Metadata alone could be copied onto another object of the
 * same account; the ids cannot.
 */
export function sameObjects(payment: Pick<StoredPayment, 'checkoutSessionId' | 'paymentIntentId'>, subject: EventSubject): boolean {
  if (subject.checkoutSessionId && payment.checkoutSessionId && subject.checkoutSessionId !== payment.checkoutSessionId) return false;
  if (subject.paymentIntentId && payment.paymentIntentId && subject.paymentIntentId !== payment.paymentIntentId) return false;
  return true;
}

/** The changes to announce: each becomes a catalogue event (payment.succeeded, payment.failed, payment.refunded). */
export type Effect = { kind: 'succeeded' } | { kind: 'failed' } | { kind: 'refunded'; cause: 'refund' | 'dispute' | 'dispute-won'; amount: number };

/** Statuses a dispute does not leave again. */
const CLOSED_DISPUTE = new Set(['won', 'lost', 'warning_closed', 'prevented']);
/** Statuses where Stripe has not taken the funds back: inquiries and won (or reinstated) disputes. */
const FUNDS_NOT_WITHDRAWN = new Set(['won', 'warning_closed', 'warning_needs_response', 'warning_under_review', 'prevented']);

/** What a payment counts towards its invoice: the amount, less refunds and withdrawn disputes, once it succeeded. */
export const countedOf = (p: Pick<StoredPayment, 'status' | 'amount' | 'refunded' | 'dispute'>): number =>
  p.status === 'succeeded' ? Math.max(0, p.amount - p.refunded - (p.dispute?.withdrawn ?? 0)) : 0;

/**
 * The payment after an observation made by an event created at `eventCreated` (Unix
 * seconds), with what changed. `now` is when it is applied. Reconciliation details are
 * filled in where still missing; they never count as a change of state.
 */
export function transition(payment: StoredPayment, observation: Observation, eventCreated: number, now: string): { next: StoredPayment; effects: Effect[] } {
  const next: StoredPayment = { ...payment, ...(payment.dispute ? { dispute: { ...payment.dispute } } : {}) };
  const effects: Effect[] = [];
  const succeed = (details: { amount?: number; paymentIntentId?: string; chargeId?: string; method?: string; balanceTransactionId?: string }) => {
    if (next.status !== 'succeeded') {
      next.status = 'succeeded';
      next.succeededAt = now;
      delete next.failureMessage;
      // The amount Stripe took is what counts (it is the amount asked for, unless something is badly wrong).
      if (details.amount !== undefined && details.amount > 0) next.amount = details.amount;
      effects.push({ kind: 'succeeded' });
    }
    fill(next, details);
  };

  switch (observation.kind) {
    case 'succeeded':
      succeed(observation);
      break;
    case 'processing':
      if (next.status === 'pending' || next.status === 'failed') next.status = 'processing';
      fill(next, observation);
      break;
    case 'failed':
      if (next.status === 'pending' || next.status === 'processing') effects.push({ kind: 'failed' });
      if (next.status === 'pending' || next.status === 'processing' || next.status === 'failed') {
        next.status = 'failed';
        if (observation.message) next.failureMessage = observation.message;
      }
      fill(next, observation);
      break;
    case 'expired':
      if (next.status === 'pending' || next.status === 'failed') next.status = 'expired';
      break;
    case 'refunded': {
      succeed({
        amount: observation.amount,
        chargeId: observation.chargeId,
        paymentIntentId: observation.paymentIntentId,
        method: observation.method,
        balanceTransactionId: observation.balanceTransactionId,
      });
      const newer =
        next.refundedAsOf === undefined || eventCreated > next.refundedAsOf || (eventCreated === next.refundedAsOf && observation.refunded > next.refunded);
      if (newer && observation.refunded !== next.refunded) {
        if (observation.refunded > next.refunded) effects.push({ kind: 'refunded', cause: 'refund', amount: observation.refunded - next.refunded });
        next.refunded = observation.refunded;
      }
      if (newer) next.refundedAsOf = eventCreated;
      break;
    }
    case 'disputed': {
      succeed({ chargeId: observation.chargeId, paymentIntentId: observation.paymentIntentId });
      const before = next.dispute;
      const stale = before && (before.asOf > eventCreated || (CLOSED_DISPUTE.has(before.status) && !CLOSED_DISPUTE.has(observation.status)));
      if (stale) break;
      const withdrawn = observation.reinstated || FUNDS_NOT_WITHDRAWN.has(observation.status) ? 0 : observation.amount;
      const previously = before?.withdrawn ?? 0;
      next.dispute = { disputeId: observation.disputeId, status: observation.status, amount: observation.amount, withdrawn, asOf: eventCreated };
      if (withdrawn > previously) effects.push({ kind: 'refunded', cause: 'dispute', amount: withdrawn - previously });
      if (withdrawn < previously) effects.push({ kind: 'refunded', cause: 'dispute-won', amount: previously - withdrawn });
      break;
    }
  }
  next.counted = countedOf(next);
  if (changed(payment, next)) {
    next.updatedAt = now;
    next.revision = payment.revision + 1;
  }
  return { next, effects };
}

function fill(next: StoredPayment, details: { paymentIntentId?: string; chargeId?: string; method?: string; balanceTransactionId?: string }): void {
  if (details.paymentIntentId && !next.paymentIntentId) next.paymentIntentId = details.paymentIntentId;
  if (details.chargeId && !next.chargeId) next.chargeId = details.chargeId;
  if (details.method && !next.method) next.method = details.method;
  if (details.balanceTransactionId && !next.balanceTransactionId) next.balanceTransactionId = details.balanceTransactionId;
}

/** Whether anything but the bookkeeping fields differs. */
export function changed(before: StoredPayment, after: StoredPayment): boolean {
  const strip = ({ updatedAt: _u, revision: _r, ...rest }: StoredPayment) => canonicalJson(rest);
  return strip(before) !== strip(after);
}
