import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { freePort } from '../../infra/local/standins/freePort';
import { startStripeLocal, type StripeLocal } from '../../infra/local/standins/stripe';

/**
 * The local Stripe stand-in, driven by the official SDK as Portico's server code drives
 * it, with a tiny HTTP server as the webhook endpoint that checks every event with
 * `stripe.webhooks.constructEvent` and the default tolerance.
 */

const SECRET = 'whsec_local_test_secret';
const FAIL_FIRST = 'fail-first-delivery';

interface Received {
  host: string;
  raw: string;
  signature: string;
  event: Stripe.Event;
}

let local: StripeLocal;
let stripe: Stripe;
let hook: Server;
const received: Received[] = [];
const refused: string[] = [];
const failedOnce = new Set<string>();

beforeAll(async () => {
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['stripe-signature'] ?? '');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(raw, signature, SECRET);
      } catch (err) {
        refused.push((err as Error).message);
        res.writeHead(400).end();
        return;
      }
      // An endpoint that fails the first delivery of marked events, to see them retried.
      if (raw.includes(FAIL_FIRST) && !failedOnce.has(event.id)) {
        failedOnce.add(event.id);
        res.writeHead(500).end('not now');
        return;
      }
      received.push({ host: String(req.headers.host), raw, signature, event });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  // Ports from this worker's slice, as every other listener of the run (freePort.ts).
  const hookPort = await freePort();
  await new Promise<void>((resolve) => hook.listen(hookPort, '127.0.0.1', resolve));
  // The platform's events to loopback; a connected account's to its tenant's host, as a per-tenant endpoint would be.
  const webhookUrl = (account?: string) =>
    account ? `http://demo.localhost:${hookPort}/api/webhooks/stripe` : `http://127.0.0.1:${hookPort}/api/webhooks/stripe`;
  local = await startStripeLocal({
    port: await freePort(),
    webhookUrl,
    webhookSecret: SECRET,
    merchantName: 'Brightline Print & Signs',
    webhookRetry: { baseDelayMs: 20 },
  });
  stripe = new Stripe('sk_test_local', { ...local.sdkOptions, maxNetworkRetries: 0 });
});

afterAll(async () => {
  await local?.stop();
  await new Promise<void>((resolve) => (hook ? hook.close(() => resolve()) : resolve()));
});

afterEach(() => expect(refused).toEqual([]));

function sessionParams(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 120050, product_data: { name: 'Invoice INV-2024-017' } } }],
    success_url: 'http://demo.localhost:3000/invoices/inv-17?paid={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://demo.localhost:3000/invoices/inv-17',
    customer_email: 'jo@example.com',
    client_reference_id: 'demo:inv-17',
    metadata: { tenantId: 'demo', invoiceId: 'inv-17', invoiceVersion: '3' },
    payment_intent_data: { metadata: { tenantId: 'demo', invoiceId: 'inv-17' } },
    ...overrides,
  };
}

/** Submits the hosted page's form as a browser without JavaScript would. */
async function payOnPage(session: Stripe.Checkout.Session, card: string, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${local.endpoint}/checkout/${session.id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: card, expiry: '12 / 34', cvc: '123', name: 'Jo Bloggs', ...extra }),
    redirect: 'manual',
  });
}

/** The events received so far that `filter` picks, waiting until `count` have arrived and every delivery has settled. */
async function eventsWhere(filter: (r: Received) => boolean, count: number): Promise<Stripe.Event[]> {
  const deadline = Date.now() + 5000;
  const matching = () => received.filter(filter).map((r) => r.event);
  while (matching().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await local.idle();
  return matching();
}

/** The events received that mention any of these object ids. */
function eventsFor(ids: string[], count: number): Promise<Stripe.Event[]> {
  return eventsWhere((r) => ids.some((id) => r.raw.includes(`"${id}"`)), count);
}

describe('the local Stripe stand-in', () => {
  it('replays a Checkout Session created twice with one idempotency key, and refuses the key with other parameters', async () => {
    const key = `invoice-demo-inv-17-v3-${Date.now()}`;
    const first = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: key });

    expect(first.id).toMatch(/^cs_test_/);
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 120050,
      currency: 'eur',
      metadata: { tenantId: 'demo', invoiceId: 'inv-17', invoiceVersion: '3' },
      client_reference_id: 'demo:inv-17',
      url: `${local.endpoint}/checkout/${first.id}`,
      payment_intent: null,
    });

    const other = stripe.checkout.sessions.create(sessionParams({ metadata: { tenantId: 'demo', invoiceId: 'inv-17', invoiceVersion: '4' } }), {
      idempotencyKey: key,
    });
    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(other).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
    // Without a key, the same parameters make another session.
    expect((await stripe.checkout.sessions.create(sessionParams())).id).not.toBe(first.id);
  });

  it('takes a payment with 4242 on the hosted page, redirects to the success URL and sends three signed events', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const page = await fetch(session.url!);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Brightline Print &amp; Signs');
    expect(html).toContain('€1,200.50');
    expect(html).toMatch(/<form method="post" action="\/checkout\/cs_test_\w+\/pay">/);
    expect(html).toContain('<label for="card-number">Card number</label>');
    expect(html).toContain('4242 4242 4242 4242');
    expect(html).toContain('href="http://demo.localhost:3000/invoices/inv-17"');
    expect(html).not.toContain('<script');

    const paid = await payOnPage(session, '4242 4242 4242 4242');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://demo.localhost:3000/invoices/inv-17?paid=${session.id}`);

    const after = await stripe.checkout.sessions.retrieve(session.id);
    expect(after).toMatchObject({ status: 'complete', payment_status: 'paid', url: null, payment_intent: expect.stringMatching(/^pi_/) });
    const intent = await stripe.paymentIntents.retrieve(after.payment_intent as string);
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 120050,
      amount_received: 120050,
      currency: 'eur',
      metadata: { tenantId: 'demo', invoiceId: 'inv-17' },
    });
    const charge = await stripe.charges.retrieve(intent.latest_charge as string, { expand: ['balance_transaction'] });
    const fee = Math.round(120050 * 0.015) + 20;
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      amount: 120050,
      payment_intent: intent.id,
      payment_method_details: { card: { last4: '4242', brand: 'visa' } },
    });
    expect(charge.balance_transaction).toMatchObject({
      object: 'balance_transaction',
      id: expect.stringMatching(/^txn_/),
      amount: 120050,
      fee,
      net: 120050 - fee,
      source: charge.id,
    });
    const txn = await stripe.balanceTransactions.retrieve((charge.balance_transaction as Stripe.BalanceTransaction).id);
    expect(txn).toMatchObject({ fee, net: 120050 - fee });

    const events = await eventsFor([session.id, intent.id], 3);
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded']);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    for (const event of events) {
      expect(event).toMatchObject({
        id: expect.stringMatching(/^evt_/),
        object: 'event',
        livemode: false,
        api_version: Stripe.API_VERSION,
        created: expect.any(Number),
      });
      expect(event.account).toBeUndefined();
    }
    expect(events[0]!.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
      payment_intent: intent.id,
      metadata: { invoiceId: 'inv-17' },
    });
    expect(events[1]!.data.object).toMatchObject({ id: intent.id, status: 'succeeded', latest_charge: charge.id });
    expect(events[2]!.data.object).toMatchObject({ id: charge.id, balance_transaction: txn.id, amount: 120050 });

    // A second press of Pay charges nothing more and lands on the success URL again.
    const twice = await payOnPage(session, '4242 4242 4242 4242');
    expect(twice.status).toBe(303);
    expect(twice.headers.get('location')).toContain(session.id);
    expect(await eventsFor([session.id, intent.id], 3)).toHaveLength(3);
  });

  it('shows a declined card on the page, sends payment_intent.payment_failed, and lets the customer pay with another card', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const declined = await payOnPage(session, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    const html = await declined.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('Your card was declined.');

    const open = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
    const intent = open.payment_intent as Stripe.PaymentIntent;
    expect(open).toMatchObject({ status: 'open', payment_status: 'unpaid' });
    expect(intent).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } });
    const failed = await eventsFor([intent.id], 2);
    expect(failed.map((e) => e.type)).toEqual(['charge.failed', 'payment_intent.payment_failed']);
    expect(failed[1]!.data.object).toMatchObject({ id: intent.id, last_payment_error: { message: 'Your card was declined.' } });

    // An incomplete card number is refused before anything is charged.
    const incomplete = await payOnPage(session, '4242 4242');
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('Your card number is incomplete.');

    expect((await payOnPage(session, '4242424242424242')).status).toBe(303);
    const paid = await stripe.paymentIntents.retrieve(intent.id);
    expect(paid).toMatchObject({ status: 'succeeded', last_payment_error: null });
    expect(paid.latest_charge).not.toBe((failed[0]!.data.object as Stripe.Charge).id);
  });

  it('refunds in part and then the rest, sending charge.refunded and refund.created, and refuses refunding more', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const paid = await fetch(`${local.endpoint}/_test/checkout/${session.id}/pay`, { method: 'POST', body: '{}' });
    expect(paid.status).toBe(200);
    const { payment_intent: intent, charge } = (await paid.json()) as { payment_intent: Stripe.PaymentIntent; charge: Stripe.Charge };

    const part = await stripe.refunds.create(
      { payment_intent: intent.id, amount: 20050, reason: 'requested_by_customer' },
      { idempotencyKey: `refund-${intent.id}-1` },
    );
    expect(part).toMatchObject({
      object: 'refund',
      id: expect.stringMatching(/^re_/),
      amount: 20050,
      charge: charge.id,
      payment_intent: intent.id,
      status: 'succeeded',
    });
    const events = await eventsWhere((r) => ['charge.refunded', 'refund.created'].includes(r.event.type) && r.raw.includes(`"${charge.id}"`), 2);
    expect(events.map((e) => e.type).sort()).toEqual(['charge.refunded', 'refund.created']);
    const refunded = events.find((e) => e.type === 'charge.refunded')!;
    expect(refunded.data.object).toMatchObject({ id: charge.id, amount_refunded: 20050, refunded: false });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });

    await expect(stripe.refunds.create({ charge: charge.id, amount: 100001 })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_large',
      param: 'amount',
    });
    const rest = await stripe.refunds.create({ charge: charge.id });
    expect(rest.amount).toBe(100000);
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 120050, refunded: true });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
  });

  it('retries a delivery the endpoint failed, and re-delivers an event on request with the same payload', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams({ metadata: { test: FAIL_FIRST } }));
    expect((await payOnPage(session, '4242 4242 4242 4242')).status).toBe(303);
    const [completed] = await eventsFor([session.id], 1);
    expect(completed!.type).toBe('checkout.session.completed');
    const record = local.events().find((e) => e.id === completed!.id)!;
    expect(record.deliveries.map((d) => d.status)).toEqual([500, 200]);

    const before = received.filter((r) => r.event.id === completed!.id);
    const again = await fetch(`${local.endpoint}/_test/events/${completed!.id}/redeliver`, { method: 'POST', body: JSON.stringify({ times: 3 }) });
    expect(((await again.json()) as { deliveries: { status: number }[] }).deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    const after = received.filter((r) => r.event.id === completed!.id);
    expect(after).toHaveLength(before.length + 3);
    expect(new Set(after.map((r) => r.raw)).size).toBe(1);

    const listed = (await (await fetch(`${local.endpoint}/_test/events?type=checkout.session.completed`)).json()) as {
      data: { id: string; payload: string }[];
    };
    expect(listed.data.find((e) => e.id === completed!.id)?.payload).toBe(before[0]!.raw);
  });

  it("keeps a connected account's objects to that account and names it on the events", async () => {
    const account = 'acct_1DemoTenant';
    const session = await stripe.checkout.sessions.create(
      sessionParams({ payment_intent_data: { application_fee_amount: 500, metadata: { invoiceId: 'inv-17' } } }),
      { stripeAccount: account },
    );
    await expect(stripe.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
    expect((await stripe.checkout.sessions.retrieve(session.id, {}, { stripeAccount: account })).id).toBe(session.id);

    expect((await payOnPage(session, '4242 4242 4242 4242')).status).toBe(303);
    const events = await eventsFor([session.id], 1);
    expect(events[0]).toMatchObject({ type: 'checkout.session.completed', account });
    expect(received.find((r) => r.event.id === events[0]!.id)?.host).toMatch(/^demo\.localhost:\d+$/);
    const intent = await stripe.paymentIntents.retrieve(
      (events[0]!.data.object as Stripe.Checkout.Session).payment_intent as string,
      { expand: ['latest_charge.balance_transaction'] },
      { stripeAccount: account },
    );
    const txn = (intent.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect(txn.fee).toBe(Math.round(120050 * 0.015) + 20 + 500);
    expect(txn.fee_details.map((f) => f.type)).toEqual(['stripe_fee', 'application_fee']);
  });

  it('pays out an account’s balance with payout.paid, and lists what the payout carried page by page', async () => {
    const account = 'acct_1PayoutTenant';
    const charges: string[] = [];
    for (let i = 0; i < 3; i++) {
      const session = await stripe.checkout.sessions.create(sessionParams(), { stripeAccount: account });
      expect((await payOnPage(session, '4242 4242 4242 4242')).status).toBe(303);
      await eventsFor([session.id], 1);
      const paidSession = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] }, { stripeAccount: account });
      const intent = paidSession.payment_intent as Stripe.PaymentIntent;
      charges.push(intent.latest_charge as string);
    }
    const res = await fetch(`${local.endpoint}/_test/payouts`, { method: 'POST', body: JSON.stringify({ account }) });
    const { payout } = (await res.json()) as { payout: Stripe.Payout };
    const [paid] = await eventsFor([payout.id], 1);
    expect(paid).toMatchObject({ type: 'payout.paid', account, data: { object: { id: payout.id, status: 'paid' } } });
    // The SDK's own auto-pagination, one a page, walks every transaction with starting_after.
    const carried = await stripe.balanceTransactions
      .list({ payout: payout.id, limit: 1, expand: ['data.source'] }, { stripeAccount: account })
      .autoPagingToArray({ limit: 10 });
    expect(carried.map((t) => (t.source as Stripe.Charge).id).sort()).toEqual([...charges].sort());
    expect(payout.amount).toBe(carried.reduce((sum, t) => sum + t.net, 0));
    // Nothing is left to pay out; and another account sees none of it.
    expect((await fetch(`${local.endpoint}/_test/payouts`, { method: 'POST', body: JSON.stringify({ account }) })).status).toBe(400);
    expect((await stripe.balanceTransactions.list({ payout: payout.id }, { stripeAccount: 'acct_1Other' })).data).toEqual([]);
  });

  it('sends charge.dispute.created after the payment events for the dispute test card', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect((await payOnPage(session, '4000 0000 0000 0259')).status).toBe(303);
    const { payment_intent: intentId } = await stripe.checkout.sessions.retrieve(session.id);
    const events = await eventsFor([session.id, intentId as string], 4);
    expect(events.map((e) => e.type)).toEqual(['checkout.session.completed', 'payment_intent.succeeded', 'charge.succeeded', 'charge.dispute.created']);
    expect(events[3]!.data.object).toMatchObject({
      object: 'dispute',
      id: expect.stringMatching(/^dp_/),
      amount: 120050,
      payment_intent: intentId,
      status: 'needs_response',
    });
  });

  it('expires a session on request, with checkout.session.expired, and the page no longer takes payment', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: 'expired', url: null });
    expect((await eventsFor([session.id], 1))[0]!.type).toBe('checkout.session.expired');
    const page = await fetch(`${local.endpoint}/checkout/${session.id}`);
    expect(await page.text()).toContain('This checkout has expired');
    const pay = await payOnPage(session, '4242 4242 4242 4242');
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe(`/checkout/${session.id}`);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('unpaid');
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError' });
  });

  it("answers bad requests with Stripe's errors", async () => {
    await expect(
      stripe.checkout.sessions.create({ ...sessionParams(), mode: undefined } as unknown as Stripe.Checkout.SessionCreateParams),
    ).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      param: 'mode',
    });
    await expect(stripe.checkout.sessions.create({ ...sessionParams(), colour: 'blue' } as Stripe.Checkout.SessionCreateParams)).rejects.toMatchObject({
      code: 'parameter_unknown',
      param: 'colour',
    });
    await expect(
      stripe.checkout.sessions.create(
        sessionParams({ line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 10, product_data: { name: 'Too little' } } }] }),
      ),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', param: 'line_items' });
    await expect(stripe.paymentIntents.retrieve('pi_doesnotexist')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such payment_intent: 'pi_doesnotexist'",
    });
    const noKey = await fetch(`${local.endpoint}/v1/charges/ch_x`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    await expect(new Stripe('sk_live_notallowedhere', { ...local.sdkOptions, maxNetworkRetries: 0 }).charges.retrieve('ch_x')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });
});
