import type { CardInput } from './cards';
import type { IdempotencyKeys } from './idempotency';
import { StripeApiError } from './errors';
import { payCheckoutSession } from './payments';
import { createPayout } from './payouts';
import type { StripeContext } from './state';

/**
 * `/_test/…`: what the test suites use besides Stripe's own API (no API key needed; the
 * stand-in listens on loopback only).
 *
 * - `GET  /_test/health` → `{ ok: true }`
 * - `GET  /_test/events[?type=charge.refunded&account=acct_…]` → `{ data: [{ id, type, account, created, payload, deliveries: [{ at, url, signature, status, error, ok }], delivered }] }`, oldest first
 * - `POST /_test/events/:id/redeliver` `{ times?: number }` → the same payload sent again, freshly signed, `times` times at once (at most 50) → `{ deliveries }`
 * - `POST /_test/checkout/:id/pay` `{ card_number?, expiry?, cvc?, name?, email? }` → pays as the page does (default card 4242…), webhooks delivered before it answers → `{ outcome, message?, session, payment_intent, charge, events }`
 * - `POST /_test/payouts` `{ account, currency? }` → pays out the account's balance not paid out yet (payouts.ts), `payout.paid` delivered before it answers → `{ payout, events }`; 400 when there is nothing to pay out
 * - `POST /_test/reset` → forgets every object, event and idempotency key
 */
export async function handleTestControl(
  ctx: StripeContext,
  keys: IdempotencyKeys,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): Promise<{ status: number; body: unknown }> {
  if (method === 'GET' && path === '/_test/health') return { status: 200, body: { ok: true } };

  if (method === 'GET' && path === '/_test/events') {
    const type = query.get('type');
    const account = query.get('account');
    const data = ctx.webhooks.list().filter((e) => (!type || e.type === type) && (!account || e.account === account));
    return { status: 200, body: { data } };
  }

  const redeliver = /^\/_test\/events\/(evt_[A-Za-z0-9]+)\/redeliver$/.exec(path);
  if (method === 'POST' && redeliver) {
    const times = Math.min(Math.max(Number(json(body).times ?? 1) || 1, 1), 50);
    const deliveries = await ctx.webhooks.redeliver(redeliver[1]!, times);
    return deliveries ? { status: 200, body: { deliveries } } : { status: 404, body: { error: { message: `No such event: '${redeliver[1]}'` } } };
  }

  const pay = /^\/_test\/checkout\/(cs_test_[A-Za-z0-9]+)\/pay$/.exec(path);
  if (method === 'POST' && pay) {
    const input = json(body);
    const card: CardInput = {
      number: String(input.card_number ?? '4242 4242 4242 4242'),
      expiry: String(input.expiry ?? `12 / ${String((new Date().getUTCFullYear() + 5) % 100).padStart(2, '0')}`),
      cvc: String(input.cvc ?? '123'),
      name: input.name === undefined ? undefined : String(input.name),
      email: String(input.email ?? 'customer@example.com'),
    };
    const outcome = await payCheckoutSession(ctx, pay[1]!, card);
    switch (outcome.kind) {
      case 'not_found':
        return { status: 404, body: { error: { message: `No such checkout.session: '${pay[1]}'` } } };
      case 'not_open':
        return { status: 409, body: { outcome: 'not_open', message: `The Checkout Session is ${outcome.session.status}.`, session: outcome.session } };
      case 'invalid':
        return { status: 400, body: { outcome: 'invalid', field: outcome.field, message: outcome.message, session: outcome.session } };
      case 'declined':
      case 'succeeded':
        return {
          status: outcome.kind === 'succeeded' ? 200 : 402,
          body: {
            outcome: outcome.kind,
            ...(outcome.kind === 'declined' ? { message: outcome.message } : {}),
            session: outcome.session,
            payment_intent: outcome.paymentIntent,
            charge: outcome.charge,
            ...(outcome.kind === 'succeeded' && outcome.dispute ? { dispute: outcome.dispute } : {}),
            events: outcome.events.map((e) => ({ id: e.id, type: e.type })),
          },
        };
    }
  }

  if (method === 'POST' && path === '/_test/payouts') {
    const input = json(body);
    const account = String(input.account ?? '');
    if (!/^acct_[A-Za-z0-9]+$/.test(account)) return { status: 400, body: { error: { message: 'Name the connected account: { "account": "acct_…" }' } } };
    try {
      return { status: 200, body: await createPayout(ctx, account, input.currency === undefined ? undefined : String(input.currency)) };
    } catch (err) {
      if (err instanceof StripeApiError) return { status: err.status, body: { error: err.body } };
      throw err;
    }
  }

  if (method === 'POST' && path === '/_test/reset') {
    ctx.state.reset();
    ctx.webhooks.reset();
    keys.reset();
    return { status: 200, body: { ok: true } };
  }

  return { status: 404, body: { error: { message: `No test control at ${method} ${path}` } } };
}

function json(body: string): Record<string, unknown> {
  if (!body.trim()) return {};
  const parsed: unknown = JSON.parse(body);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}
