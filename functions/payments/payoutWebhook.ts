import type Stripe from 'stripe';
import { logger } from '../aws/logger';
import { conflict } from '../core/problems';
import { retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { paidDocumentOf, paymentRepository, type PaidDocumentType, type StoredPayment } from './paymentRepository';
import { stripe } from './stripe';
import type { WebhookAnswer } from './paymentWebhook';

/**
 * Payout events (`payout.paid`, `payout.failed`, `payout.canceled`) of a connected account:
 * which payout carried each payment to the tenant's bank, for reconciliation.
 *
 * A payout event names no payment, so the payout's balance transactions are read from
 * Stripe (`GET /v1/balance_transactions?payout=po_…` on the account, every page) with their
 * charges expanded: a charge carries its PaymentIntent's `portico_*` metadata. Each payment
 * found is changed in its own transaction with the event's record under its invoice, the
 * same exactly-once record as the payment events (payments/paymentWebhook): a resend, or a
 * retry after a delivery that died half-way, finds the record of each payment already done
 * and carries on with the rest.
 *
 * `payout.failed` / `payout.canceled`: the money went back to the account's balance and a
 * later payout carries it, so the payout id is cleared where it is this payout's.
 */

export const PAYOUT_EVENTS = ['payout.paid', 'payout.failed', 'payout.canceled'] as const;

export const isPayoutEvent = (event: Stripe.Event): boolean => (PAYOUT_EVENTS as readonly string[]).includes(event.type);

type Found = { tenantId: string; documentId: string; paymentId: string; chargeId: string; type: PaidDocumentType };

export async function receivePayoutEvent(event: Stripe.Event): Promise<WebhookAnswer> {
  const payout = event.data.object as Stripe.Payout;
  // Payouts of the platform's own balance carry no tenant's payments.
  if (!event.account) return { received: true, outcome: 'ignored', reason: 'not a connected account’s payout' };
  const paid = event.type === 'payout.paid';
  const arrival = new Date(payout.arrival_date * 1000).toISOString().slice(0, 10);
  const outcomes: WebhookAnswer['outcome'][] = [];
  const client = await stripe();
  for await (const txn of client.balanceTransactionsOfPayout(payout.id, { stripeAccount: event.account, expand: ['data.source'] })) {
    const found = paymentOfTransaction(txn);
    if (!found) continue;
    outcomes.push(await recordPayout(event, found, paid ? { payoutId: payout.id, payoutArrivalDate: arrival } : undefined, payout.id));
  }
  const outcome = outcomes.includes('applied') ? 'applied' : outcomes.some((o) => o === 'no-op') ? 'no-op' : outcomes.length ? 'duplicate' : 'ignored';
  logger.info('Stripe payout event applied', { eventId: event.id, type: event.type, payoutId: payout.id, payments: outcomes.length, outcome });
  return { received: true, outcome, ...(outcome === 'ignored' ? { reason: 'the payout carried no Portico payment' } : {}) };
}

/** A charge's balance transaction names its payment in the charge's metadata; refunds, fees and the payout's own line name none. */
function paymentOfTransaction(txn: Stripe.BalanceTransaction): Found | undefined {
  const charge = typeof txn.source === 'object' && txn.source?.object === 'charge' ? (txn.source as Stripe.Charge) : undefined;
  if (!charge) return undefined;
  const { portico_tenant: tenantId, portico_invoice: documentId, portico_payment: paymentId } = charge.metadata ?? {};
  const type = paidDocumentOf(charge.metadata ?? {});
  return tenantId && documentId && paymentId && type ? { tenantId, documentId, paymentId, chargeId: charge.id, type } : undefined;
}

/** One payment's payout fields, set (`paid`) or cleared (failed/canceled, only where they are this payout's), exactly once per event. */
async function recordPayout(
  event: Stripe.Event,
  found: Found,
  paid: { payoutId: string; payoutArrivalDate: string } | undefined,
  payoutId: string,
): Promise<WebhookAnswer['outcome']> {
  return retryOnConflict(
    async () => {
      if (await paymentRepository.getEvent(found.tenantId, found.documentId, event.id, found.type)) return 'duplicate';
      const payment = await paymentRepository.get(found.tenantId, found.documentId, found.paymentId, true, found.type);
      // Only the account the payment was made on speaks for it, and only about its own charge.
      if (!payment || payment.stripeAccount !== event.account || (payment.chargeId && payment.chargeId !== found.chargeId)) {
        logger.warn('Stripe payout naming a payment of another account or charge refused', { eventId: event.id, paymentId: found.paymentId });
        return 'ignored';
      }
      const next: StoredPayment = { ...payment };
      if (paid) Object.assign(next, paid);
      else if (payment.payoutId === payoutId) {
        delete next.payoutId;
        delete next.payoutArrivalDate;
      }
      const now = new Date().toISOString();
      const changed = JSON.stringify(next) !== JSON.stringify(payment);
      if (changed) Object.assign(next, { revision: payment.revision + 1, updatedAt: now });
      const work = new UnitOfWork();
      work.write(
        paymentRepository.eventWrite(
          payment.documentId,
          {
            tenantId: payment.tenantId,
            eventId: event.id,
            type: event.type,
            paymentId: payment.paymentId,
            outcome: changed ? 'applied' : 'no-op',
            receivedAt: now,
          },
          found.type,
        ),
        ...(changed ? [paymentRepository.replaceWrite(next, payment.revision)] : []),
      );
      await work.commit();
      return changed ? 'applied' : 'no-op';
    },
    {
      attempts: 10,
      pause: (n) => 10 + Math.random() * 30 * n,
      exhausted: () => conflict('The payment is being changed by several events at once; try again.'),
    },
  );
}
