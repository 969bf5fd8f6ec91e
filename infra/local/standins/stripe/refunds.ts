import { invalidParam, invalidRequest, noSuch } from './errors';
import type { Params } from './form';
import { formatAmount, newId, now, type Charge, type Refund } from './objects';
import { balanceTransaction } from './payments';
import type { RequestContext, StripeContext } from './state';

/**
 * `POST /v1/refunds` for a PaymentIntent or a charge, in full or in part: the refund, its
 * balance transaction (the amount back out, no fee returned), the charge's
 * `amount_refunded`/`refunded`, and the events `charge.refunded` and `refund.created`.
 */
export function createRefund(ctx: StripeContext, params: Params, req: RequestContext): Refund {
  params.only(['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
  const charge = chargeToRefund(ctx, params, req.account);
  const remaining = charge.amount - charge.amount_refunded;
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, undefined, 'charge_disputed');
  if (remaining === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
  const amount = params.integer('amount', { min: 1 }) ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const reason = params.string('reason', { oneOf: ['duplicate', 'fraudulent', 'requested_by_customer'] }) ?? null;
  const metadata = params.metadata() ?? {};

  const id = newId('re');
  const txn = ctx.state.put(balanceTransaction(id, -amount, charge.currency, [], 'refund', 'refund', 'REFUND FOR CHARGE'), req.account);
  const refund = ctx.state.put<Refund>(
    {
      id,
      object: 'refund',
      amount,
      balance_transaction: txn.id,
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata,
      payment_intent: charge.payment_intent,
      reason,
      status: 'succeeded',
    },
    req.account,
  );
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;

  const request = { id: req.requestId, idempotency_key: req.idempotencyKey };
  const events = [
    ctx.webhooks.create('charge.refunded', charge, req.account, request, previous),
    ctx.webhooks.create('refund.created', refund, req.account, request),
  ];
  // Sent in the background: the API call does not wait for the endpoint.
  void ctx.webhooks.deliver(events);
  return refund;
}

function chargeToRefund(ctx: StripeContext, params: Params, account: string | null): Charge {
  const chargeId = params.string('charge');
  const intentId = params.string('payment_intent');
  if (!chargeId && !intentId)
    throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', undefined, 'parameter_missing');
  if (chargeId) {
    const charge = ctx.state.find('charge', chargeId, account);
    if (!charge) throw noSuch('charge', chargeId, 'charge');
    if (intentId && charge.payment_intent !== intentId)
      throw invalidParam('payment_intent', `The charge ${chargeId} does not belong to PaymentIntent ${intentId}.`);
    if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${chargeId} has not succeeded and cannot be refunded.`, 'charge', 'charge_not_refundable');
    return charge;
  }
  const intent = ctx.state.find('payment_intent', intentId!, account);
  if (!intent) throw noSuch('payment_intent', intentId!, 'payment_intent');
  const charge = intent.status === 'succeeded' && intent.latest_charge ? ctx.state.find('charge', intent.latest_charge, account) : undefined;
  if (!charge)
    throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
  return charge;
}
