import { readCard, type AcceptedCard, type CardField, type CardInput } from './cards';
import {
  DISPUTE_FEE,
  newId,
  now,
  processingFee,
  type BalanceTransaction,
  type Charge,
  type CheckoutSession,
  type Dispute,
  type FeeDetail,
  type PaymentIntent,
} from './objects';
import { isEmail, expireIfDue } from './sessions';
import type { StripeContext } from './state';
import type { RecordedEvent } from './webhooks';

/**
 * What happens when the customer pays a Checkout Session with a card: the session's
 * PaymentIntent (made on the first attempt and reused after a decline, as Checkout does),
 * a charge per attempt, and for a paid one its balance transaction and the events
 * `checkout.session.completed`, `payment_intent.succeeded`, `charge.succeeded`; for a
 * declined one `charge.failed` and `payment_intent.payment_failed`; for the dispute test
 * card, `charge.dispute.created` after the payment's events.
 */

export type PayOutcome =
  | { kind: 'succeeded'; session: CheckoutSession; paymentIntent: PaymentIntent; charge: Charge; dispute?: Dispute; events: RecordedEvent[] }
  | { kind: 'declined'; message: string; session: CheckoutSession; paymentIntent: PaymentIntent; charge: Charge; events: RecordedEvent[] }
  | { kind: 'invalid'; field: CardField; message: string; session: CheckoutSession }
  | { kind: 'not_open'; session: CheckoutSession }
  | { kind: 'not_found' };

export async function payCheckoutSession(ctx: StripeContext, sessionId: string, input: CardInput): Promise<PayOutcome> {
  const found = ctx.state.entry('checkout.session', sessionId);
  if (!found) return { kind: 'not_found' };
  const { object: session, account } = found;
  expireIfDue(ctx, session, account);
  if (session.status !== 'open') return { kind: 'not_open', session };

  const email = session.customer_email ?? input.email?.trim() ?? '';
  if (!email) return { kind: 'invalid', field: 'email', message: 'Your email is incomplete.', session };
  if (!isEmail(email)) return { kind: 'invalid', field: 'email', message: 'Your email address is invalid.', session };
  const read = readCard(input);
  if ('field' in read) return { kind: 'invalid', field: read.field, message: read.message, session };
  const { card } = read;

  const paymentIntent = paymentIntentFor(ctx, session, account);
  const paymentMethod = newId('pm');
  const charge = newCharge(session, paymentIntent, card, paymentMethod, email);
  paymentIntent.latest_charge = charge.id;
  paymentIntent.payment_method = paymentMethod;

  if (card.behaviour.kind === 'decline') {
    const { code, declineCode, message } = card.behaviour;
    Object.assign(charge, {
      status: 'failed',
      paid: false,
      captured: false,
      amount_captured: 0,
      failure_code: code,
      failure_message: message,
      outcome: {
        network_status: 'declined_by_network',
        reason: declineCode,
        risk_level: 'normal',
        seller_message: 'The bank did not return any further details with this decline.',
        type: 'issuer_declined',
      },
    } satisfies Partial<Charge>);
    paymentIntent.last_payment_error = {
      type: 'card_error',
      code,
      ...(code === 'card_declined' ? { decline_code: declineCode } : {}),
      message,
      charge: charge.id,
      doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
      payment_method: { id: paymentMethod, object: 'payment_method', type: 'card', card: card.details },
    };
    ctx.state.put(charge, account);
    const events = [ctx.webhooks.create('charge.failed', charge, account), ctx.webhooks.create('payment_intent.payment_failed', paymentIntent, account)];
    await ctx.webhooks.deliver(events);
    return { kind: 'declined', message, session, paymentIntent, charge, events };
  }

  const fees: FeeDetail[] = [
    { amount: processingFee(charge.amount), application: null, currency: charge.currency, description: 'Stripe processing fees', type: 'stripe_fee' },
  ];
  if (paymentIntent.application_fee_amount)
    fees.push({
      amount: paymentIntent.application_fee_amount,
      application: 'ca_local_platform',
      currency: charge.currency,
      description: 'Application fee',
      type: 'application_fee',
    });
  const charged = ctx.state.put(balanceTransaction(charge.id, charge.amount, charge.currency, fees, 'charge', 'charge', 'Payment'), account);
  charge.balance_transaction = charged.id;
  ctx.state.put(charge, account);
  Object.assign(paymentIntent, { status: 'succeeded', amount_received: charge.amount, last_payment_error: null } satisfies Partial<PaymentIntent>);
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    url: null,
    customer_details: { address: null, email, name: card.name, phone: null, tax_exempt: 'none', tax_ids: [] },
  } satisfies Partial<CheckoutSession>);

  const events = [
    ctx.webhooks.create('checkout.session.completed', session, account),
    ctx.webhooks.create('payment_intent.succeeded', paymentIntent, account),
    ctx.webhooks.create('charge.succeeded', charge, account),
  ];
  let dispute: Dispute | undefined;
  if (card.behaviour.kind === 'succeed_then_dispute') {
    dispute = openDispute(ctx, charge, account);
    events.push(ctx.webhooks.create('charge.dispute.created', dispute, account));
  }
  await ctx.webhooks.deliver(events);
  return { kind: 'succeeded', session, paymentIntent, charge, ...(dispute ? { dispute } : {}), events };
}

function paymentIntentFor(ctx: StripeContext, session: CheckoutSession, account: string | null): PaymentIntent {
  if (session.payment_intent) {
    const existing = ctx.state.find('payment_intent', session.payment_intent, account);
    if (existing) return existing;
  }
  const data = ctx.state.sessionExtras(session.id).paymentIntent;
  const id = newId('pi');
  const paymentIntent: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount: session.amount_total,
    amount_capturable: 0,
    amount_received: 0,
    application_fee_amount: data.applicationFeeAmount,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${newId('x', 24).slice(2)}`,
    confirmation_method: 'automatic',
    created: now(),
    currency: session.currency,
    customer: null,
    description: data.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { ...data.metadata },
    on_behalf_of: data.onBehalfOf,
    payment_method: null,
    payment_method_types: ['card'],
    receipt_email: data.receiptEmail,
    statement_descriptor: data.statementDescriptor,
    statement_descriptor_suffix: data.statementDescriptorSuffix,
    status: 'requires_payment_method',
    transfer_data: data.transferDestination ? { destination: data.transferDestination } : null,
  };
  session.payment_intent = id;
  return ctx.state.put(paymentIntent, account);
}

function newCharge(session: CheckoutSession, paymentIntent: PaymentIntent, card: AcceptedCard, paymentMethod: string, email: string): Charge {
  const id = newId('ch');
  return {
    id,
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: paymentIntent.amount,
    amount_refunded: 0,
    application_fee_amount: paymentIntent.application_fee_amount,
    balance_transaction: null,
    billing_details: { address: null, email, name: card.name, phone: null },
    captured: true,
    created: now(),
    currency: paymentIntent.currency,
    customer: null,
    description: paymentIntent.description,
    disputed: false,
    failure_code: null,
    failure_message: null,
    livemode: false,
    // Charges carry their PaymentIntent's metadata; the session's own metadata stays on the session.
    metadata: { ...paymentIntent.metadata },
    on_behalf_of: paymentIntent.on_behalf_of,
    outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: true,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod,
    payment_method_details: { type: 'card', card: card.details },
    receipt_email: paymentIntent.receipt_email ?? session.customer_email,
    receipt_url: null,
    refunded: false,
    status: 'succeeded',
    transfer_data: paymentIntent.transfer_data,
  };
}

export function balanceTransaction(
  source: string,
  amount: number,
  currency: string,
  fees: FeeDetail[],
  type: BalanceTransaction['type'],
  category: BalanceTransaction['reporting_category'],
  description: string | null,
): BalanceTransaction {
  const fee = fees.reduce((sum, f) => sum + f.amount, 0);
  const created = now();
  return {
    id: newId('txn'),
    object: 'balance_transaction',
    amount,
    available_on: created + 2 * 24 * 3600,
    created,
    currency,
    description,
    exchange_rate: null,
    fee,
    fee_details: fees,
    net: amount - fee,
    reporting_category: category,
    source,
    status: 'pending',
    type,
  };
}

function openDispute(ctx: StripeContext, charge: Charge, account: string | null): Dispute {
  const id = newId('dp');
  const withdrawal = ctx.state.put(
    balanceTransaction(
      id,
      -charge.amount,
      charge.currency,
      [{ amount: DISPUTE_FEE, application: null, currency: charge.currency, description: 'Dispute fee', type: 'stripe_fee' }],
      'adjustment',
      'dispute',
      `Chargeback withdrawal for ${charge.id}`,
    ),
    account,
  );
  charge.disputed = true;
  return ctx.state.put(
    {
      id,
      object: 'dispute',
      amount: charge.amount,
      balance_transactions: [withdrawal],
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: 'fraudulent',
      status: 'needs_response',
    },
    account,
  );
}
