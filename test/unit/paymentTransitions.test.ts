import type Stripe from 'stripe';
import { changed, countedOf, observe, sameObjects, transition, type Observation } from '../../functions/payments/paymentTransitions';

/**
 * paymentTransitions turns Stripe events into observations and applies them to a stored
 * payment. Redelivered, reordered and late events must be harmless: each rule below is
 * checked on hand-made payments and events, with the effects (what is announced) and
 * `counted` (what the payment counts towards its invoice) exact.
 */

type StoredPayment = Parameters<typeof transition>[0];

const CREATED_AT = '2026-11-23T10:00:00.000Z';
const SUCCEEDED_AT = '2026-11-23T10:05:00.000Z';
const NOW = '2026-11-23T12:00:00.000Z';
/** When the events are created, in Unix seconds. */
const T = 1_795_420_800;
const META = { portico_tenant: 'tenant-1', portico_invoice: 'inv-1', portico_version: '1', portico_payment: 'pay-1' };

/** A payment started for £100.00, before Stripe has said anything about it. */
function payment(overrides: Partial<StoredPayment> = {}): StoredPayment {
  return {
    tenantId: 'tenant-1',
    paymentId: 'pay-1',
    documentId: 'inv-1',
    companyId: 'company-1',
    invoiceNumber: 'INV-3108',
    invoiceVersion: 1,
    payer: { contactId: 'contact-1', name: 'Ann Buyer', via: 'portal' },
    amount: 10000,
    currency: 'GBP',
    kind: 'full',
    status: 'pending',
    stripeAccount: 'acct_1',
    idempotencyKey: 'portico-checkout-1',
    methods: ['card'],
    returnUrl: 'https://demo.example/invoices/inv-1',
    checkoutSessionId: 'cs_1',
    checkoutUrl: 'https://checkout.stripe.test/cs_1',
    expiresAt: '2026-11-23T10:31:00.000Z',
    refunded: 0,
    counted: 0,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    revision: 1,
    ...overrides,
  };
}

/** The same payment once it succeeded, with its reconciliation details and a consistent `counted`. */
function paid(overrides: Partial<StoredPayment> = {}): StoredPayment {
  const p = payment({
    status: 'succeeded',
    succeededAt: SUCCEEDED_AT,
    paymentIntentId: 'pi_1',
    chargeId: 'ch_1',
    method: 'card',
    balanceTransactionId: 'txn_1',
    updatedAt: SUCCEEDED_AT,
    revision: 2,
    ...overrides,
  });
  return { ...p, counted: Math.max(0, p.amount - p.refunded - (p.dispute?.withdrawn ?? 0)) };
}

const succeededObservation: Observation = {
  kind: 'succeeded',
  amount: 10000,
  paymentIntentId: 'pi_1',
  chargeId: 'ch_1',
  method: 'card',
  balanceTransactionId: 'txn_1',
};
const refund = (refunded: number): Observation => ({
  kind: 'refunded',
  refunded,
  amount: 10000,
  chargeId: 'ch_1',
  paymentIntentId: 'pi_1',
  method: 'card',
  balanceTransactionId: 'txn_1',
});
const dispute = (status: string, options: { amount?: number; reinstated?: boolean } = {}): Observation => ({
  kind: 'disputed',
  disputeId: 'dp_1',
  status,
  amount: options.amount ?? 10000,
  reinstated: options.reinstated ?? false,
  chargeId: 'ch_1',
  paymentIntentId: 'pi_1',
});
const disputed = (status: string, withdrawn: number, asOf: number, amount = 10000) => ({ disputeId: 'dp_1', status, amount, withdrawn, asOf });

const apply = (p: StoredPayment, observation: Observation, created = T) => transition(p, observation, created, NOW);
/** The payment after a change: revision raised once, updatedAt now. */
const bumped = (p: StoredPayment, changes: Partial<StoredPayment>): StoredPayment => ({ ...p, ...changes, updatedAt: NOW, revision: p.revision + 1 });

// Stripe events, as much of them as Portico reads.
let eventCount = 0;
function stripeEvent(type: string, object: object, created = T): Stripe.Event {
  eventCount += 1;
  return {
    id: `evt_${eventCount}`,
    object: 'event',
    api_version: '2025-01-01',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}
const session = (fields: Partial<Stripe.Checkout.Session> = {}) => ({
  id: 'cs_1',
  object: 'checkout.session',
  metadata: META,
  payment_intent: 'pi_1',
  payment_status: 'paid',
  amount_total: 10000,
  ...fields,
});
const intent = (fields: Partial<Stripe.PaymentIntent> = {}) => ({
  id: 'pi_1',
  object: 'payment_intent',
  metadata: META,
  amount: 10000,
  amount_received: 10000,
  latest_charge: 'ch_1',
  last_payment_error: null,
  ...fields,
});
const charge = (fields: Partial<Stripe.Charge> = {}) => ({
  id: 'ch_1',
  object: 'charge',
  metadata: META,
  payment_intent: 'pi_1',
  amount: 10000,
  amount_captured: 10000,
  amount_refunded: 0,
  balance_transaction: 'txn_1',
  payment_method_details: { type: 'card' },
  failure_message: null,
  ...fields,
});
const stripeDispute = (fields: Partial<Stripe.Dispute> = {}) => ({
  id: 'dp_1',
  object: 'dispute',
  metadata: { copied: 'yes' },
  charge: 'ch_1',
  payment_intent: 'pi_1',
  amount: 10000,
  status: 'needs_response',
  ...fields,
});

describe('observe', () => {
  const sessionSubject = { metadata: META, paymentIntentId: 'pi_1', checkoutSessionId: 'cs_1' };
  const intentSubject = { metadata: META, paymentIntentId: 'pi_1' };

  describe('checkout.session.completed', () => {
    it('says succeeded, with the amount and PaymentIntent, when the session is paid', () => {
      expect(observe(stripeEvent('checkout.session.completed', session()))).toEqual({
        observation: { kind: 'succeeded', amount: 10000, paymentIntentId: 'pi_1' },
        subject: sessionSubject,
      });
    });

    it('says processing when the session is unpaid (a bank debit on its way)', () => {
      expect(observe(stripeEvent('checkout.session.completed', session({ payment_status: 'unpaid' })))).toEqual({
        observation: { kind: 'processing', paymentIntentId: 'pi_1' },
        subject: sessionSubject,
      });
    });

    it('says nothing when no payment was required', () => {
      expect(observe(stripeEvent('checkout.session.completed', session({ payment_status: 'no_payment_required' })))).toBeUndefined();
    });

    it('reads an expanded PaymentIntent by its id, and copes with none, no amount and no metadata', () => {
      expect(
        observe(stripeEvent('checkout.session.completed', session({ payment_intent: { id: 'pi_9' } as Stripe.PaymentIntent })))?.subject.paymentIntentId,
      ).toBe('pi_9');
      const bare = observe(stripeEvent('checkout.session.completed', session({ payment_intent: null, amount_total: null, metadata: null })));
      expect(bare).toEqual({ observation: { kind: 'succeeded' }, subject: { metadata: {}, checkoutSessionId: 'cs_1' } });
    });
  });

  it('reads checkout.session.async_payment_succeeded as succeeded', () => {
    expect(observe(stripeEvent('checkout.session.async_payment_succeeded', session()))).toEqual({
      observation: { kind: 'succeeded', amount: 10000, paymentIntentId: 'pi_1' },
      subject: sessionSubject,
    });
  });

  it('reads checkout.session.async_payment_failed as failed, saying the bank did not complete it', () => {
    expect(observe(stripeEvent('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' })))).toEqual({
      observation: { kind: 'failed', message: 'The bank did not complete the payment.', paymentIntentId: 'pi_1' },
      subject: sessionSubject,
    });
  });

  it('reads checkout.session.expired as expired', () => {
    expect(observe(stripeEvent('checkout.session.expired', session({ payment_status: 'unpaid', payment_intent: null })))).toEqual({
      observation: { kind: 'expired' },
      subject: { metadata: META, checkoutSessionId: 'cs_1' },
    });
  });

  it('reads payment_intent.succeeded as succeeded, with the amount received and the latest charge', () => {
    expect(observe(stripeEvent('payment_intent.succeeded', intent({ amount_received: 9000 })))).toEqual({
      observation: { kind: 'succeeded', amount: 9000, paymentIntentId: 'pi_1', chargeId: 'ch_1' },
      subject: intentSubject,
    });
    expect(observe(stripeEvent('payment_intent.succeeded', intent({ latest_charge: { id: 'ch_9' } as Stripe.Charge })))?.observation).toMatchObject({
      chargeId: 'ch_9',
    });
  });

  it('reads payment_intent.processing as processing', () => {
    expect(observe(stripeEvent('payment_intent.processing', intent()))).toEqual({
      observation: { kind: 'processing', paymentIntentId: 'pi_1' },
      subject: intentSubject,
    });
  });

  it("reads payment_intent.payment_failed as failed, with Stripe's message when it gives one", () => {
    const error = { message: 'Your card was declined.' } as Stripe.PaymentIntent.LastPaymentError;
    expect(observe(stripeEvent('payment_intent.payment_failed', intent({ last_payment_error: error })))).toEqual({
      observation: { kind: 'failed', message: 'Your card was declined.', paymentIntentId: 'pi_1' },
      subject: intentSubject,
    });
    expect(observe(stripeEvent('payment_intent.payment_failed', intent()))?.observation).toEqual({ kind: 'failed', paymentIntentId: 'pi_1' });
  });

  it('reads payment_intent.canceled as expired', () => {
    expect(observe(stripeEvent('payment_intent.canceled', intent()))).toEqual({ observation: { kind: 'expired' }, subject: intentSubject });
  });

  it('reads charge.succeeded as succeeded, with the amount captured and every reconciliation detail', () => {
    expect(observe(stripeEvent('charge.succeeded', charge({ amount_captured: 9500 })))).toEqual({
      observation: { kind: 'succeeded', amount: 9500, paymentIntentId: 'pi_1', chargeId: 'ch_1', method: 'card', balanceTransactionId: 'txn_1' },
      subject: intentSubject,
    });
    const expanded = charge({ payment_intent: { id: 'pi_9' } as Stripe.PaymentIntent, balance_transaction: { id: 'txn_9' } as Stripe.BalanceTransaction });
    expect(observe(stripeEvent('charge.succeeded', expanded))?.observation).toMatchObject({ paymentIntentId: 'pi_9', balanceTransactionId: 'txn_9' });
  });

  it("reads charge.failed as failed, with the charge's failure message", () => {
    expect(observe(stripeEvent('charge.failed', charge({ failure_message: 'Insufficient funds.' })))).toEqual({
      observation: { kind: 'failed', message: 'Insufficient funds.', paymentIntentId: 'pi_1' },
      subject: intentSubject,
    });
    expect(observe(stripeEvent('charge.failed', charge()))?.observation).toEqual({ kind: 'failed', paymentIntentId: 'pi_1' });
  });

  it("reads charge.refunded as refunded, with Stripe's cumulative amount refunded and the amount captured", () => {
    expect(observe(stripeEvent('charge.refunded', charge({ amount_refunded: 2500 })))).toEqual({
      observation: {
        kind: 'refunded',
        refunded: 2500,
        amount: 10000,
        chargeId: 'ch_1',
        paymentIntentId: 'pi_1',
        method: 'card',
        balanceTransactionId: 'txn_1',
      },
      subject: intentSubject,
    });
  });

  it.each(['charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.funds_withdrawn', 'charge.dispute.closed'])(
    'reads %s as disputed, not reinstated, with no metadata of its own',
    (type) => {
      expect(observe(stripeEvent(type, stripeDispute({ status: 'under_review', amount: 4000 })))).toEqual({
        observation: {
          kind: 'disputed',
          disputeId: 'dp_1',
          status: 'under_review',
          amount: 4000,
          reinstated: false,
          chargeId: 'ch_1',
          paymentIntentId: 'pi_1',
        },
        subject: { metadata: {}, paymentIntentId: 'pi_1' },
      });
    },
  );

  it('reads charge.dispute.funds_reinstated as disputed and reinstated', () => {
    expect(observe(stripeEvent('charge.dispute.funds_reinstated', stripeDispute({ status: 'won' })))?.observation).toEqual({
      kind: 'disputed',
      disputeId: 'dp_1',
      status: 'won',
      amount: 10000,
      reinstated: true,
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
    });
  });

  it('reads expanded charges and PaymentIntents of a dispute by their ids', () => {
    const expanded = stripeDispute({ charge: { id: 'ch_9' } as Stripe.Charge, payment_intent: { id: 'pi_9' } as Stripe.PaymentIntent });
    expect(observe(stripeEvent('charge.dispute.created', expanded))?.observation).toMatchObject({ chargeId: 'ch_9', paymentIntentId: 'pi_9' });
  });

  it.each([
    'payment_intent.created',
    'payment_intent.requires_action',
    'charge.captured',
    'charge.refund.updated',
    'charge.updated',
    'checkout.session.async_payment_processing',
    'invoice.paid',
    'customer.created',
    'account.updated',
  ])('says nothing about %s', (type) => {
    expect(observe(stripeEvent(type, charge()))).toBeUndefined();
  });
});

describe('sameObjects', () => {
  const ids = { checkoutSessionId: 'cs_1', paymentIntentId: 'pi_1' };

  it("is true for the payment's own session and PaymentIntent", () => {
    expect(sameObjects(ids, { metadata: META, checkoutSessionId: 'cs_1', paymentIntentId: 'pi_1' })).toBe(true);
  });

  it('is false for another Checkout Session, whatever the metadata says', () => {
    expect(sameObjects(ids, { metadata: META, checkoutSessionId: 'cs_2', paymentIntentId: 'pi_1' })).toBe(false);
    expect(sameObjects(ids, { metadata: META, checkoutSessionId: 'cs_2' })).toBe(false);
  });

  it('is false for another PaymentIntent, whatever the metadata says', () => {
    expect(sameObjects(ids, { metadata: META, checkoutSessionId: 'cs_1', paymentIntentId: 'pi_2' })).toBe(false);
    expect(sameObjects(ids, { metadata: META, paymentIntentId: 'pi_2' })).toBe(false);
  });

  it('is true when the event does not name the object (a PaymentIntent event has no session)', () => {
    expect(sameObjects(ids, { metadata: META, paymentIntentId: 'pi_1' })).toBe(true);
    expect(sameObjects(ids, { metadata: META, checkoutSessionId: 'cs_1' })).toBe(true);
    expect(sameObjects(ids, { metadata: {} })).toBe(true);
  });

  it('is true while the payment does not know its PaymentIntent yet', () => {
    expect(sameObjects({ checkoutSessionId: 'cs_1' }, { metadata: META, checkoutSessionId: 'cs_1', paymentIntentId: 'pi_7' })).toBe(true);
    expect(sameObjects({}, { metadata: META, checkoutSessionId: 'cs_7', paymentIntentId: 'pi_7' })).toBe(true);
  });
});

describe('countedOf', () => {
  it.each(['pending', 'processing', 'failed', 'expired'] as const)('is nothing for a payment that is %s', (status) => {
    expect(countedOf({ status, amount: 10000, refunded: 0 })).toBe(0);
  });

  it('is the whole amount of a succeeded payment', () => {
    expect(countedOf({ status: 'succeeded', amount: 10000, refunded: 0 })).toBe(10000);
  });

  it('is the amount less refunds and withdrawn disputes', () => {
    expect(countedOf({ status: 'succeeded', amount: 10000, refunded: 2500 })).toBe(7500);
    expect(countedOf({ status: 'succeeded', amount: 10000, refunded: 2500, dispute: disputed('needs_response', 4000, T, 4000) })).toBe(3500);
  });

  it('counts a dispute by what it withdrew, not by its amount', () => {
    expect(countedOf({ status: 'succeeded', amount: 10000, refunded: 0, dispute: disputed('warning_needs_response', 0, T) })).toBe(10000);
  });

  it('is never below zero', () => {
    expect(countedOf({ status: 'succeeded', amount: 10000, refunded: 6000, dispute: disputed('lost', 10000, T) })).toBe(0);
  });
});

describe('changed', () => {
  it('is false for the same payment, or a copy of it', () => {
    const p = paid();
    expect(changed(p, p)).toBe(false);
    expect(changed(p, structuredClone(p))).toBe(false);
  });

  it('ignores the bookkeeping fields, updatedAt and revision', () => {
    expect(changed(paid(), paid({ updatedAt: NOW, revision: 9 }))).toBe(false);
  });

  it('ignores the order of fields and fields given as undefined', () => {
    const p = paid();
    const reordered = Object.fromEntries(Object.entries(p).reverse()) as StoredPayment;
    expect(changed(p, reordered)).toBe(false);
    expect(changed(p, { ...p, failureMessage: undefined })).toBe(false);
  });

  it('is true when any other field differs, is added or is removed, nested ones included', () => {
    const p = paid({ dispute: disputed('needs_response', 10000, T) });
    expect(changed(p, { ...p, status: 'failed' })).toBe(true);
    expect(changed(p, { ...p, refunded: 1 })).toBe(true);
    expect(changed(p, { ...p, payoutId: 'po_1' })).toBe(true);
    const { chargeId: _removed, ...withoutCharge } = p;
    expect(changed(p, withoutCharge)).toBe(true);
    expect(changed(p, { ...p, dispute: { ...p.dispute!, withdrawn: 0 } })).toBe(true);
    expect(changed(p, { ...p, payer: { ...p.payer, name: 'Bob' } })).toBe(true);
  });
});

describe('transition', () => {
  describe('on a success', () => {
    it('makes a pending payment succeeded: time, details, counted, revision and one succeeded effect', () => {
      const p = payment();
      const { next, effects } = apply(p, succeededObservation);
      expect(effects).toEqual([{ kind: 'succeeded' }]);
      expect(next).toStrictEqual(
        bumped(p, {
          status: 'succeeded',
          succeededAt: NOW,
          paymentIntentId: 'pi_1',
          chargeId: 'ch_1',
          method: 'card',
          balanceTransactionId: 'txn_1',
          counted: 10000,
        }),
      );
    });

    it.each(['processing', 'failed', 'expired'] as const)('makes a payment that is %s succeeded too, forgetting any failure message', (status) => {
      const { next, effects } = apply(payment({ status, failureMessage: 'Your card was declined.' }), succeededObservation);
      expect(effects).toEqual([{ kind: 'succeeded' }]);
      expect(next.status).toBe('succeeded');
      expect(next.counted).toBe(10000);
      expect(next).not.toHaveProperty('failureMessage');
    });

    it('counts the amount Stripe took when it gives a positive one, else the amount asked', () => {
      expect(apply(payment(), { kind: 'succeeded', amount: 9000 }).next).toMatchObject({ amount: 9000, counted: 9000 });
      expect(apply(payment(), { kind: 'succeeded', amount: 0 }).next).toMatchObject({ amount: 10000, counted: 10000 });
      expect(apply(payment(), { kind: 'succeeded' }).next).toMatchObject({ amount: 10000, counted: 10000 });
    });

    it('changes nothing on a payment that already succeeded: later successes are no-ops', () => {
      const p = paid();
      for (const observation of [succeededObservation, { ...succeededObservation, amount: 9000 }, { kind: 'succeeded' } as const]) {
        const { next, effects } = apply(p, observation, T + 3600);
        expect(effects).toEqual([]);
        expect(next).toStrictEqual(p);
      }
    });

    it('fills in reconciliation details still missing from a succeeded payment, announcing nothing', () => {
      const p = paid({ chargeId: undefined, method: undefined, balanceTransactionId: undefined });
      const { next, effects } = apply(p, {
        kind: 'succeeded',
        amount: 10000,
        paymentIntentId: 'pi_1',
        chargeId: 'ch_1',
        method: 'card',
        balanceTransactionId: 'txn_1',
      });
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { chargeId: 'ch_1', method: 'card', balanceTransactionId: 'txn_1' }));
    });

    it('never replaces a reconciliation detail already known', () => {
      const p = paid();
      const { next } = apply(p, { kind: 'succeeded', paymentIntentId: 'pi_2', chargeId: 'ch_2', method: 'bacs_debit', balanceTransactionId: 'txn_2' });
      expect(next).toStrictEqual(p);
    });
  });

  describe('on processing', () => {
    it('moves a pending payment to processing, announcing nothing and counting nothing yet', () => {
      const p = payment();
      const { next, effects } = apply(p, { kind: 'processing', paymentIntentId: 'pi_1' });
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { status: 'processing', paymentIntentId: 'pi_1' }));
    });

    it('moves a failed payment to processing (a new attempt in the same checkout)', () => {
      const { next, effects } = apply(payment({ status: 'failed' }), { kind: 'processing' });
      expect(effects).toEqual([]);
      expect(next.status).toBe('processing');
    });

    it.each([
      ['processing', payment({ status: 'processing', paymentIntentId: 'pi_1' })],
      ['succeeded', paid()],
      ['expired', payment({ status: 'expired', paymentIntentId: 'pi_1' })],
    ])('leaves a payment that is %s as it is', (_status, p) => {
      const { next, effects } = apply(p, { kind: 'processing', paymentIntentId: 'pi_1' });
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(p);
    });

    it('still fills in a missing PaymentIntent when it leaves the status as it is', () => {
      const p = payment({ status: 'expired' });
      const { next, effects } = apply(p, { kind: 'processing', paymentIntentId: 'pi_1' });
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { paymentIntentId: 'pi_1' }));
    });
  });

  describe('on a failure', () => {
    it.each(['pending', 'processing'] as const)('makes a payment that is %s failed, with the message, and announces it once', (status) => {
      const p = payment({ status });
      const { next, effects } = apply(p, { kind: 'failed', message: 'Your card was declined.', paymentIntentId: 'pi_1' });
      expect(effects).toEqual([{ kind: 'failed' }]);
      expect(next).toStrictEqual(bumped(p, { status: 'failed', failureMessage: 'Your card was declined.', paymentIntentId: 'pi_1' }));
    });

    it('makes a payment failed without a message when Stripe gives none', () => {
      const { next, effects } = apply(payment(), { kind: 'failed' });
      expect(effects).toEqual([{ kind: 'failed' }]);
      expect(next.status).toBe('failed');
      expect(next).not.toHaveProperty('failureMessage');
    });

    it('announces nothing more for a payment already failed, keeping the newest message', () => {
      const p = payment({ status: 'failed', failureMessage: 'Your card was declined.' });
      const again = apply(p, { kind: 'failed', message: 'Insufficient funds.' });
      expect(again.effects).toEqual([]);
      expect(again.next).toStrictEqual(bumped(p, { failureMessage: 'Insufficient funds.' }));
      const silent = apply(p, { kind: 'failed' });
      expect(silent.effects).toEqual([]);
      expect(silent.next).toStrictEqual(p);
    });

    it.each([
      ['succeeded', paid()],
      ['expired', payment({ status: 'expired', paymentIntentId: 'pi_1' })],
    ])('is ignored after the payment %s', (_status, p) => {
      const { next, effects } = apply(p, { kind: 'failed', message: 'Your card was declined.', paymentIntentId: 'pi_1' }, T + 3600);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(p);
    });
  });

  describe('on an expiry', () => {
    it.each(['pending', 'failed'] as const)('makes a payment that is %s expired, announcing nothing', (status) => {
      const p = payment({ status });
      const { next, effects } = apply(p, { kind: 'expired' });
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { status: 'expired' }));
    });

    it.each([
      ['processing', payment({ status: 'processing' })],
      ['succeeded', paid()],
      ['expired', payment({ status: 'expired' })],
    ])('is ignored for a payment that is %s', (_status, p) => {
      const { next, effects } = apply(p, { kind: 'expired' }, T + 3600);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(p);
    });
  });

  describe('on a refund', () => {
    it("takes Stripe's cumulative amount refunded off what the payment counts, and announces the refund", () => {
      const p = paid();
      const { next, effects } = apply(p, refund(2500));
      expect(effects).toEqual([{ kind: 'refunded', cause: 'refund', amount: 2500 }]);
      expect(next).toStrictEqual(bumped(p, { refunded: 2500, refundedAsOf: T, counted: 7500 }));
    });

    it('announces only the difference when a newer event refunds more', () => {
      const p = paid({ refunded: 2500, refundedAsOf: T });
      const { next, effects } = apply(p, refund(4000), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'refund', amount: 1500 }]);
      expect(next).toStrictEqual(bumped(p, { refunded: 4000, refundedAsOf: T + 60, counted: 6000 }));
    });

    it('counts a full refund as nothing paid', () => {
      const { next, effects } = apply(paid(), refund(10000));
      expect(effects).toEqual([{ kind: 'refunded', cause: 'refund', amount: 10000 }]);
      expect(next.counted).toBe(0);
    });

    it('never counts the same refund twice: a redelivered event changes nothing', () => {
      const p = paid({ refunded: 2500, refundedAsOf: T });
      const { next, effects } = apply(p, refund(2500), T);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(p);
    });

    it('ignores an event older than the one last used, whatever it says', () => {
      const p = paid({ refunded: 4000, refundedAsOf: T + 60 });
      for (const amount of [2500, 4000, 6000]) {
        const { next, effects } = apply(p, refund(amount), T);
        expect(effects).toEqual([]);
        expect(next).toStrictEqual(p);
      }
    });

    it('takes an event of the same second only when it refunds more', () => {
      const p = paid({ refunded: 2500, refundedAsOf: T });
      const more = apply(p, refund(4000), T);
      expect(more.effects).toEqual([{ kind: 'refunded', cause: 'refund', amount: 1500 }]);
      expect(more.next).toStrictEqual(bumped(p, { refunded: 4000, counted: 6000 }));
      const less = apply(more.next, refund(2500), T);
      expect(less.effects).toEqual([]);
      expect(less.next).toStrictEqual(more.next);
    });

    it('takes a lower figure from a newer event (a refund that failed), announcing no refund', () => {
      const p = paid({ refunded: 4000, refundedAsOf: T });
      const { next, effects } = apply(p, refund(2500), T + 60);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { refunded: 2500, refundedAsOf: T + 60, counted: 7500 }));
    });

    it('remembers a newer event with the same figure, so an older one cannot come after it', () => {
      const p = paid({ refunded: 2500, refundedAsOf: T });
      const same = apply(p, refund(2500), T + 60);
      expect(same.effects).toEqual([]);
      expect(same.next).toStrictEqual(bumped(p, { refundedAsOf: T + 60 }));
      const older = apply(same.next, refund(4000), T + 30);
      expect(older.effects).toEqual([]);
      expect(older.next).toStrictEqual(same.next);
    });

    it('implies the success when it arrives first: announced before the refund, counted net', () => {
      const p = payment();
      const { next, effects } = apply(p, { ...refund(2500), amount: 9800 } as Observation);
      expect(effects).toEqual([{ kind: 'succeeded' }, { kind: 'refunded', cause: 'refund', amount: 2500 }]);
      expect(next).toStrictEqual(
        bumped(p, {
          status: 'succeeded',
          succeededAt: NOW,
          amount: 9800,
          paymentIntentId: 'pi_1',
          chargeId: 'ch_1',
          method: 'card',
          balanceTransactionId: 'txn_1',
          refunded: 2500,
          refundedAsOf: T,
          counted: 7300,
        }),
      );
    });

    it.each(['processing', 'failed', 'expired'] as const)('implies the success of a payment that is %s too', (status) => {
      const { next, effects } = apply(payment({ status }), refund(2500));
      expect(effects).toEqual([{ kind: 'succeeded' }, { kind: 'refunded', cause: 'refund', amount: 2500 }]);
      expect(next).toMatchObject({ status: 'succeeded', refunded: 2500, counted: 7500 });
    });
  });

  describe('on a dispute', () => {
    it('takes the disputed amount off while the funds are withdrawn, and announces it', () => {
      const p = paid();
      const { next, effects } = apply(p, dispute('needs_response'));
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute', amount: 10000 }]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('needs_response', 10000, T), counted: 0 }));
    });

    it('takes off only the amount disputed', () => {
      const { next, effects } = apply(paid(), dispute('needs_response', { amount: 4000 }));
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute', amount: 4000 }]);
      expect(next.counted).toBe(6000);
    });

    it.each(['needs_response', 'under_review', 'lost'])('counts the funds as withdrawn while the dispute is %s', (status) => {
      const { next, effects } = apply(paid(), dispute(status));
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute', amount: 10000 }]);
      expect(next.dispute).toEqual(disputed(status, 10000, T));
    });

    it.each(['warning_needs_response', 'warning_under_review', 'warning_closed', 'won', 'prevented'])(
      'takes nothing off while the dispute is %s (the funds stay)',
      (status) => {
        const p = paid();
        const { next, effects } = apply(p, dispute(status));
        expect(effects).toEqual([]);
        expect(next).toStrictEqual(bumped(p, { dispute: disputed(status, 0, T) }));
      },
    );

    it('announces nothing more as the same dispute moves on with its funds still withdrawn', () => {
      const p = paid({ dispute: disputed('needs_response', 10000, T) });
      const { next, effects } = apply(p, dispute('under_review'), T + 60);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('under_review', 10000, T + 60) }));
    });

    it('takes the full amount off, and announces it, when an inquiry becomes a dispute', () => {
      const p = paid({ dispute: disputed('warning_under_review', 0, T) });
      const { next, effects } = apply(p, dispute('needs_response'), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute', amount: 10000 }]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('needs_response', 10000, T + 60), counted: 0 }));
    });

    it('announces only the further amount when more of the payment is disputed', () => {
      const p = paid({ dispute: disputed('needs_response', 4000, T, 4000) });
      const { next, effects } = apply(p, dispute('needs_response', { amount: 6000 }), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute', amount: 2000 }]);
      expect(next.counted).toBe(4000);
    });

    it('gives back only the difference when less of the payment is disputed', () => {
      const p = paid({ dispute: disputed('needs_response', 10000, T) });
      const { next, effects } = apply(p, dispute('under_review', { amount: 6000 }), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute-won', amount: 4000 }]);
      expect(next.counted).toBe(4000);
    });

    it('gives the amount back when the funds are reinstated, and announces it', () => {
      const p = paid({ dispute: disputed('under_review', 10000, T) });
      const { next, effects } = apply(p, dispute('under_review', { reinstated: true }), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute-won', amount: 10000 }]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('under_review', 0, T + 60), counted: 10000 }));
    });

    it('gives the amount back when the dispute is won', () => {
      const p = paid({ dispute: disputed('under_review', 4000, T, 4000) });
      const { next, effects } = apply(p, dispute('won', { amount: 4000 }), T + 60);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute-won', amount: 4000 }]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('won', 0, T + 60, 4000), counted: 10000 }));
    });

    it('keeps the amount off when the dispute is lost, announcing nothing more', () => {
      const p = paid({ dispute: disputed('under_review', 10000, T) });
      const { next, effects } = apply(p, dispute('lost'), T + 60);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('lost', 10000, T + 60) }));
    });

    it('ignores an event older than the last one applied', () => {
      const p = paid({ dispute: disputed('won', 0, T + 60) });
      for (const observation of [dispute('needs_response'), dispute('under_review'), dispute('lost')]) {
        const { next, effects } = apply(p, observation, T);
        expect(effects).toEqual([]);
        expect(next).toStrictEqual(p);
      }
    });

    it.each([
      ['won', 0],
      ['lost', 10000],
      ['warning_closed', 0],
      ['prevented', 0],
    ])('does not reopen a dispute closed as %s, even for a newer event', (status, withdrawn) => {
      const p = paid({ dispute: disputed(status, withdrawn, T) });
      for (const open of ['needs_response', 'under_review', 'warning_needs_response', 'warning_under_review']) {
        const { next, effects } = apply(p, dispute(open), T + 60);
        expect(effects).toEqual([]);
        expect(next).toStrictEqual(p);
      }
    });

    it('still applies a newer event that leaves the dispute closed (funds reinstated after it was won)', () => {
      const p = paid({ dispute: disputed('won', 0, T) });
      const { next, effects } = apply(p, dispute('won', { reinstated: true }), T + 60);
      expect(effects).toEqual([]);
      expect(next).toStrictEqual(bumped(p, { dispute: disputed('won', 0, T + 60) }));
    });

    it('applies an event of the same second as the last one', () => {
      const p = paid({ dispute: disputed('needs_response', 10000, T) });
      const { next, effects } = apply(p, dispute('won'), T);
      expect(effects).toEqual([{ kind: 'refunded', cause: 'dispute-won', amount: 10000 }]);
      expect(next.dispute).toEqual(disputed('won', 0, T));
    });

    it('implies the success when it arrives first: announced before the dispute, with the ids it carries', () => {
      const p = payment();
      const { next, effects } = apply(p, dispute('needs_response', { amount: 4000 }));
      expect(effects).toEqual([{ kind: 'succeeded' }, { kind: 'refunded', cause: 'dispute', amount: 4000 }]);
      expect(next).toStrictEqual(
        bumped(p, {
          status: 'succeeded',
          succeededAt: NOW,
          paymentIntentId: 'pi_1',
          chargeId: 'ch_1',
          dispute: disputed('needs_response', 4000, T, 4000),
          counted: 6000,
        }),
      );
    });

    it('counts a refund and a dispute together, never below zero', () => {
      const { next } = apply(paid({ refunded: 6000, refundedAsOf: T }), dispute('needs_response'), T + 60);
      expect(next.counted).toBe(0);
    });
  });

  describe('bookkeeping', () => {
    it('raises the revision by one and sets updatedAt only when something changed', () => {
      const p = payment({ revision: 7 });
      expect(apply(p, { kind: 'expired' }).next).toMatchObject({ revision: 8, updatedAt: NOW });
      const q = payment({ status: 'expired', revision: 7 });
      expect(apply(q, { kind: 'expired' }).next).toMatchObject({ revision: 7, updatedAt: CREATED_AT });
    });

    it('leaves the payment it was given untouched', () => {
      const inputs = [payment(), paid({ refunded: 2500, refundedAsOf: T }), paid({ dispute: disputed('needs_response', 10000, T) })];
      const observations: Observation[] = [
        succeededObservation,
        { kind: 'failed', message: 'x' },
        { kind: 'expired' },
        { kind: 'processing' },
        refund(5000),
        dispute('won', { reinstated: true }),
      ];
      for (const p of inputs) {
        const before = structuredClone(p);
        for (const observation of observations) apply(p, observation, T + 60);
        expect(p).toStrictEqual(before);
      }
    });
  });
});
