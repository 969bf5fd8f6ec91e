import { invalidRequest } from './errors';
import { newId, now, type Payout, type StripeEvent } from './objects';
import type { StripeContext } from './state';

/**
 * A payout of a connected account's balance, as Stripe makes one on its schedule: every
 * balance transaction of the account (in one currency) that no payout carried yet goes
 * out together, the payout is `paid` at once (the stand-in does not wait for banks), and
 * `payout.paid` is delivered to the webhook before this answers. `GET /v1/balance_transactions
 * ?payout=po_…` then lists what it carried.
 */
export async function createPayout(ctx: StripeContext, account: string, currency?: string): Promise<{ payout: Payout; events: StripeEvent[] }> {
  const waiting = ctx.state.all('balance_transaction', account).filter((t) => !ctx.state.payoutOfTransaction(t.id) && (!currency || t.currency === currency));
  const chosen = currency ?? waiting[0]?.currency;
  const carried = waiting.filter((t) => t.currency === chosen);
  const amount = carried.reduce((sum, t) => sum + t.net, 0);
  if (!carried.length || amount <= 0) throw invalidRequest('There is no available balance to pay out on this account.', 'amount');
  const created = now();
  const payout = ctx.state.put<Payout>(
    {
      id: newId('po'),
      object: 'payout',
      amount,
      arrival_date: created + 2 * 24 * 3600,
      automatic: true,
      balance_transaction: null,
      created,
      currency: chosen!,
      description: 'STRIPE PAYOUT',
      destination: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      method: 'standard',
      status: 'paid',
      type: 'bank_account',
    },
    account,
  );
  ctx.state.paidOut(
    carried.map((t) => t.id),
    payout.id,
  );
  const events = [ctx.webhooks.create('payout.paid', payout, account)];
  await ctx.webhooks.deliver(events);
  return { payout, events: events.map((e) => JSON.parse(e.payload) as StripeEvent) };
}
