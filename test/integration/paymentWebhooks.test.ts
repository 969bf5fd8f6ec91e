import Stripe from 'stripe';
import type { EventDetail } from '../../events/catalogue';
import { adminClient } from '../support/adminApi';
import { mailTo } from '../support/mailbox';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import {
  adminInvoice,
  demoAccount,
  invoiceOf,
  outstandingInvoice,
  payCheckout,
  paymentsOf,
  postWebhook,
  recordedEvent,
  sessionIdOf,
  sign,
  startPayment,
} from '../support/payments';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The Stripe webhook, through the local gateway, with events the stand-in made for real
 * payments: refused unless signed by this endpoint's secret within the tolerance over the
 * very bytes received, ignored when another account speaks for a payment, and applied
 * exactly once however often and in whatever order they arrive.
 */
jest.setTimeout(60_000);

let stack: TestStack;
let stripe: Stripe;
beforeAll(async () => {
  stack = await startTestStack();
  stripe = new Stripe(stack.payments.secretKey, { host: '127.0.0.1', port: stack.stripe.port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => stack?.stop());
afterEach(() => stack.stripeWebhooks.release());

const TOTAL = 24_000;

/** A started payment for a fresh invoice, paid on the stand-in with its webhooks held back: the test delivers them. */
async function paidWithEventsHeld(options: { amount?: number; card?: string } = {}) {
  const user = await activePortalUser(stack, 'demo');
  const invoiceId = await outstandingInvoice(stack, user, TOTAL);
  const started = await startPayment(stack, user, invoiceId, options.amount ? { amount: options.amount } : {});
  expect(started.status).toBe(201);
  stack.stripeWebhooks.hold();
  const paid = await payCheckout(stack, started.body.checkoutUrl, options.card ? { card_number: options.card } : {});
  stack.stripeWebhooks.release();
  const events = Object.fromEntries(paid.events.map((e) => [e.type, recordedEvent(stack, e.id)]));
  return { user, invoiceId, paymentId: started.body.paymentId, checkoutUrl: started.body.checkoutUrl, events, paid };
}

/** Everything a webhook could change: the invoice as the CRM sees it and its payments with their reconciliation fields. */
async function state(invoiceId: string) {
  const invoice = await adminInvoice(stack, 'demo', invoiceId);
  const payments = (await adminClient(stack, 'demo')('GET', `/api/admin/documents/invoice/${invoiceId}/payments`)).body;
  return JSON.stringify({ invoice, payments });
}

const busEvents = (type: string, paymentId: string) =>
  stack.bus.history.filter((d) => d.envelope['detail-type'] === type && (d.envelope.detail as { paymentId?: string }).paymentId === paymentId);

async function settled(): Promise<void> {
  await stack.stripe.idle();
  await stack.bus.idle();
}

describe('signatures', () => {
  it('refuses a forged signature, a stale timestamp, a body changed after signing and a missing header, and changes nothing', async () => {
    const { invoiceId, events } = await paidWithEventsHeld();
    const completed = events['checkout.session.completed']!.payload;
    const before = await state(invoiceId);

    const forged = await postWebhook(stack, completed, sign(stack, completed, { secret: 'whsec_an_attackers_guess' }));
    const stale = await postWebhook(stack, completed, sign(stack, completed, { timestamp: Math.floor(Date.now() / 1000) - 301 }));
    const signature = sign(stack, completed);
    const changed = await postWebhook(stack, completed.replace(`"amount_total": ${TOTAL}`, '"amount_total": 1'), signature);
    const missing = await postWebhook(stack, completed);
    for (const res of [forged, stale, changed, missing]) {
      expect(res.status).toBe(401);
      expect(res.body.type).toMatch(/webhook-signature-invalid$/);
      expect(res.body.errors?.map((e) => e.name)).toEqual(['headers.stripe-signature']);
    }
    await settled();
    expect(await state(invoiceId)).toBe(before);

    // The genuine delivery still works afterwards.
    expect((await postWebhook(stack, completed, signature)).body.outcome).toBe('applied');
  });
});

describe('another account', () => {
  it("ignores an event from another tenant's account (or the platform's) naming this tenant's payment, and changes nothing", async () => {
    const { invoiceId, events } = await paidWithEventsHeld();
    const before = await state(invoiceId);
    const genuine = JSON.parse(events['checkout.session.completed']!.payload) as Stripe.Event;
    // Signed with the platform's endpoint secret, as every Connect event is: only `account` tells them apart.
    for (const account of [demoAccount(stack, 'acme'), undefined]) {
      const forgedAccount = JSON.stringify({ ...genuine, id: `evt_other_${account ?? 'platform'}`, account }, null, 2);
      const res = await postWebhook(stack, forgedAccount, sign(stack, forgedAccount));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('account') });
    }
    await settled();
    expect(await state(invoiceId)).toBe(before);
  });

  it('ignores an event of the right account about another checkout that carries this payment’s metadata', async () => {
    const { invoiceId, events } = await paidWithEventsHeld();
    const before = await state(invoiceId);
    const genuine = JSON.parse(events['checkout.session.completed']!.payload) as Stripe.Event & { data: { object: { id: string } } };
    const copied = JSON.stringify(
      { ...genuine, id: `${genuine.id}copy`, data: { object: { ...genuine.data.object, id: 'cs_test_someOtherCheckout' } } },
      null,
      2,
    );
    expect((await postWebhook(stack, copied, sign(stack, copied))).body).toMatchObject({
      outcome: 'ignored',
      reason: expect.stringContaining('another checkout'),
    });
    await settled();
    expect(await state(invoiceId)).toBe(before);
  });

  it('ignores an event for a payment Portico does not know and an event type it does not act on', async () => {
    const unknown = JSON.stringify({
      id: 'evt_unknown_payment',
      object: 'event',
      type: 'payment_intent.succeeded',
      account: demoAccount(stack),
      created: Math.floor(Date.now() / 1000),
      data: {
        object: {
          id: 'pi_x',
          object: 'payment_intent',
          metadata: { portico_tenant: 'demo', portico_invoice: 'nope', portico_payment: 'pay_nope' },
          amount_received: 100,
        },
      },
    });
    expect((await postWebhook(stack, unknown, sign(stack, unknown))).body).toMatchObject({ outcome: 'ignored' });
    const other = JSON.stringify({
      id: 'evt_customer',
      object: 'event',
      type: 'customer.created',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'cus_x', object: 'customer' } },
    });
    expect((await postWebhook(stack, other, sign(stack, other))).body).toMatchObject({ outcome: 'ignored' });
  });
});

describe('exactly once', () => {
  it('the same event ten times, then another that changes nothing ten times at once: one payment, the right balance, one event on the bus, one receipt', async () => {
    const { user, invoiceId, paymentId, events } = await paidWithEventsHeld();
    const completed = events['checkout.session.completed']!.payload;
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) outcomes.push((await postWebhook(stack, completed, sign(stack, completed))).body.outcome!);
    expect(outcomes).toEqual(['applied', ...Array(9).fill('duplicate')]);
    // Ten concurrent resends of an event that changes nothing: only the event record's once-only
    // condition tells them apart (a no-op changes no revision that could fail instead, and
    // sequential resends stop at the read before it): one no-op, nine duplicates.
    const succeeded = events['payment_intent.succeeded']!.payload;
    const answers = await Promise.all(Array.from({ length: 10 }, () => postWebhook(stack, succeeded, sign(stack, succeeded))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(['no-op', ...Array(9).fill('duplicate')].sort());
    await settled();
    await expectPaidOnce(user, invoiceId, paymentId, TOTAL);
    const receipts = (await mailTo(stack, user.email)).filter((m) => m.subject.startsWith('Receipt'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.body.text).toEqual(expect.stringContaining('paid in full'));
  });

  it('two different events for one payment in reverse order: applied once, the later-arriving one recorded as a no-op', async () => {
    const { user, invoiceId, paymentId, events, paid } = await paidWithEventsHeld();
    const order = ['charge.succeeded', 'payment_intent.succeeded', 'checkout.session.completed'];
    const outcomes = [];
    for (const type of order) outcomes.push((await postWebhook(stack, events[type]!.payload, sign(stack, events[type]!.payload))).body.outcome);
    expect(outcomes).toEqual(['applied', 'no-op', 'no-op']);
    await settled();
    await expectPaidOnce(user, invoiceId, paymentId, TOTAL);
    // Reconciliation: Stripe's ids, fee and net from the charge's balance transaction, the bank account of the method.
    const [payment] = (await adminClient(stack, 'demo')('GET', `/api/admin/documents/invoice/${invoiceId}/payments`)).body.items;
    expect(payment).toMatchObject({
      chargeId: paid.charge.id,
      paymentIntentId: paid.payment_intent.id,
      method: 'card',
      fee: Math.round(TOTAL * 0.015) + 20,
      net: TOTAL - (Math.round(TOTAL * 0.015) + 20),
      bankAccount: 'Barclays Business 20-45-77 43718820',
      stripeAccount: demoAccount(stack),
    });
    expect(payment.payoutId).toBeUndefined();
  });

  it('twenty concurrent deliveries of one event (the stand-in resends it at once): one payment', async () => {
    const { user, invoiceId, paymentId, events } = await paidWithEventsHeld();
    const res = await fetch(`${stack.stripe.endpoint}/_test/events/${events['checkout.session.completed']!.id}/redeliver`, {
      method: 'POST',
      body: JSON.stringify({ times: 20 }),
    });
    const { deliveries } = (await res.json()) as { deliveries: Array<{ status: number }> };
    expect(deliveries).toHaveLength(20);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    await settled();
    await expectPaidOnce(user, invoiceId, paymentId, TOTAL);
  });
});

describe('later changes', () => {
  it('a declined card then a good one on the same checkout: one failure event, then paid; a late failure does not undo it', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invoiceId = await outstandingInvoice(stack, user, TOTAL);
    const started = await startPayment(stack, user, invoiceId);
    const declined = await payCheckout(stack, started.body.checkoutUrl, { card_number: '4000000000000002' });
    expect(declined.outcome).toBe('declined');
    await settled();
    expect((await paymentsOf(stack, user, invoiceId)).items[0]).toMatchObject({ status: 'failed', failureMessage: 'Your card was declined.' });
    expect(busEvents('payment.failed', started.body.paymentId)).toHaveLength(1);
    // Asking to pay again (same amount) returns the same checkout, which still takes payment.
    expect((await startPayment(stack, user, invoiceId)).body.checkoutUrl).toBe(started.body.checkoutUrl);
    await payCheckout(stack, started.body.checkoutUrl);
    await settled();
    const failure = declined.events.find((e) => e.type === 'payment_intent.payment_failed')!;
    const late = recordedEvent(stack, failure.id).payload;
    // The same failure again is a duplicate; the same failure under a new event id is read against the paid payment.
    expect((await postWebhook(stack, late, sign(stack, late))).body.outcome).toBe('duplicate');
    const again = late.replace(failure.id, `${failure.id}x`);
    expect((await postWebhook(stack, again, sign(stack, again))).body.outcome).toBe('no-op');
    await settled();
    await expectPaidOnce(user, invoiceId, started.body.paymentId, TOTAL);
  });

  it('refunds count once each by Stripe’s cumulative amount; a late, older refund event changes nothing', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invoiceId = await outstandingInvoice(stack, user, TOTAL);
    const started = await startPayment(stack, user, invoiceId);
    const paid = await payCheckout(stack, started.body.checkoutUrl);
    await settled();
    const account = { stripeAccount: demoAccount(stack) };
    await stripe.refunds.create({ payment_intent: paid.payment_intent.id, amount: 5_000 }, account);
    await settled();
    await stripe.refunds.create({ payment_intent: paid.payment_intent.id, amount: 3_000 }, account);
    await settled();
    expect(await invoiceOf(stack, user, invoiceId)).toMatchObject({
      balance: 8_000,
      portalPaid: TOTAL - 8_000,
      state: 'outstanding',
      paymentStatus: 'partially-paid',
    });
    expect((await paymentsOf(stack, user, invoiceId)).items[0]).toMatchObject({ status: 'succeeded', refunded: 8_000, counted: TOTAL - 8_000 });
    // The dashboard's running balance moved with the payment and both refunds: the invoice is back in it with 8,000.
    const dashboard = await stack.api('demo', '/api/dashboard', { headers: user.jar.headers() });
    expect(((await dashboard.json()) as { outstanding: unknown }).outstanding).toEqual([{ currency: 'GBP', balance: 8_000, count: 1 }]);
    const refundEvents = busEvents('payment.refunded', started.body.paymentId).map((d) => d.envelope.detail as EventDetail<'payment.refunded'>);
    expect(refundEvents.map((d) => [d.cause, d.change, d.refunded])).toEqual([
      ['refund', 5_000, 5_000],
      ['refund', 3_000, 8_000],
    ]);

    // The first refund's event again, under a new id and older than the second: nothing moves back.
    const first = stack.stripe.events().filter((e) => e.type === 'charge.refunded')[0]!;
    const older = JSON.parse(first.payload) as Stripe.Event;
    const late = JSON.stringify({ ...older, id: `${older.id}late`, created: older.created - 5 }, null, 2);
    expect((await postWebhook(stack, late, sign(stack, late))).body.outcome).toBe('no-op');
    await settled();
    expect(await invoiceOf(stack, user, invoiceId)).toMatchObject({ balance: 8_000, portalPaid: TOTAL - 8_000 });
  });

  it('a dispute puts the balance back up; won, it comes down again; a late "created" does not reopen it', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invoiceId = await outstandingInvoice(stack, user, TOTAL);
    const started = await startPayment(stack, user, invoiceId);
    const paid = await payCheckout(stack, started.body.checkoutUrl, { card_number: '4000000000000259' });
    expect(paid.events.map((e) => e.type)).toContain('charge.dispute.created');
    await settled();
    expect(await invoiceOf(stack, user, invoiceId)).toMatchObject({ balance: TOTAL, state: 'outstanding' });
    expect((await paymentsOf(stack, user, invoiceId)).items[0]).toMatchObject({ status: 'succeeded', disputed: TOTAL, counted: 0 });

    const created = recordedEvent(stack, paid.events.find((e) => e.type === 'charge.dispute.created')!.id);
    const dispute = JSON.parse(created.payload) as Stripe.Event;
    const closed = JSON.stringify(
      {
        ...dispute,
        id: `${dispute.id}won`,
        type: 'charge.dispute.closed',
        created: dispute.created + 10,
        data: { object: { ...(dispute.data.object as object), status: 'won' } },
      },
      null,
      2,
    );
    expect((await postWebhook(stack, closed, sign(stack, closed))).body.outcome).toBe('applied');
    await settled();
    expect(await invoiceOf(stack, user, invoiceId)).toMatchObject({ balance: 0, state: 'paid' });
    const reopened = JSON.stringify({ ...dispute, id: `${dispute.id}late`, created: dispute.created + 20 }, null, 2);
    expect((await postWebhook(stack, reopened, sign(stack, reopened))).body.outcome).toBe('no-op');
    await settled();
    expect(await invoiceOf(stack, user, invoiceId)).toMatchObject({ balance: 0, state: 'paid' });
    expect(busEvents('payment.refunded', started.body.paymentId).map((d) => (d.envelope.detail as EventDetail<'payment.refunded'>).cause)).toEqual([
      'dispute',
      'dispute-won',
    ]);
  });

  it('an expired checkout frees the invoice for a new payment and never counts', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invoiceId = await outstandingInvoice(stack, user, TOTAL);
    const started = await startPayment(stack, user, invoiceId);
    await stripe.checkout.sessions.expire(sessionIdOf(started.body.checkoutUrl), {}, { stripeAccount: demoAccount(stack) });
    await settled();
    expect((await paymentsOf(stack, user, invoiceId)).items[0]).toMatchObject({ status: 'expired', counted: 0 });
    const again = await startPayment(stack, user, invoiceId);
    expect(again.status).toBe(201);
    expect(again.body.paymentId).not.toBe(started.body.paymentId);
  });
});

describe('payouts', () => {
  /** A fresh invoice paid in full by `user`, its webhooks delivered. */
  async function paidInvoice(user: SignedInUser) {
    const invoiceId = await outstandingInvoice(stack, user, TOTAL);
    const started = await startPayment(stack, user, invoiceId);
    await payCheckout(stack, started.body.checkoutUrl);
    await settled();
    return invoiceId;
  }
  const adminPayments = async (invoiceId: string) => (await adminClient(stack, 'demo')('GET', `/api/admin/documents/invoice/${invoiceId}/payments`)).body.items;

  it('payout.paid records its payout on every payment it carried; a resend changes nothing; payout.failed clears it', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invoices = [await paidInvoice(user), await paidInvoice(user)];
    // The stand-in pays out the account's balance and posts the signed payout.paid before it answers.
    const res = await fetch(`${stack.stripe.endpoint}/_test/payouts`, { method: 'POST', body: JSON.stringify({ account: demoAccount(stack) }) });
    expect(res.status).toBe(200);
    const { payout, events } = (await res.json()) as { payout: Stripe.Payout; events: Array<{ id: string; type: string }> };
    await settled();
    const arrival = new Date(payout.arrival_date * 1000).toISOString().slice(0, 10);
    for (const invoiceId of invoices)
      expect((await adminPayments(invoiceId))[0]).toMatchObject({ status: 'succeeded', payoutId: payout.id, payoutArrivalDate: arrival });

    const before = await Promise.all(invoices.map(state));
    const paid = recordedEvent(stack, events.find((e) => e.type === 'payout.paid')!.id).payload;
    expect((await postWebhook(stack, paid, sign(stack, paid))).body.outcome).toBe('duplicate');
    await settled();
    expect(await Promise.all(invoices.map(state))).toEqual(before);

    // Failed after all (Stripe can say so days later): the money is back in the balance, the next payout carries it.
    const failed = JSON.stringify({ ...JSON.parse(paid), id: `${JSON.parse(paid).id}failed`, type: 'payout.failed' }, null, 2);
    expect((await postWebhook(stack, failed, sign(stack, failed))).body.outcome).toBe('applied');
    for (const invoiceId of invoices) expect((await adminPayments(invoiceId))[0].payoutId).toBeUndefined();
  });
});

async function expectPaidOnce(user: SignedInUser, invoiceId: string, paymentId: string, amount: number): Promise<void> {
  const invoice = await invoiceOf(stack, user, invoiceId);
  expect(invoice).toMatchObject({ balance: TOTAL - amount, portalPaid: amount });
  expect(invoice.history.filter((h) => h.action === 'payment-received')).toHaveLength(1);
  const { items } = await paymentsOf(stack, user, invoiceId);
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ paymentId, status: 'succeeded', amount, counted: amount });
  expect(busEvents('payment.succeeded', paymentId)).toHaveLength(1);
}
