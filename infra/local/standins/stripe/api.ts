import { retrieveAccount } from './accounts';
import { invalidRequest, noSuch } from './errors';
import type { Params } from './form';
import { list, type StripeEvent } from './objects';
import { createRefund } from './refunds';
import { createCheckoutSession, expireCheckoutSession, retrieveCheckoutSession } from './sessions';
import type { RequestContext, StoredObject, StripeContext } from './state';

/**
 * The `/v1` routes the stand-in answers, each as Stripe answers it. A handler returns the
 * response object; `expand[]` is applied to it here, for every route alike.
 */
export function handleApiRequest(ctx: StripeContext, method: string, path: string, params: Params, req: RequestContext): object {
  const matched = /^\/v1\/(checkout\/sessions|payment_intents|charges|balance_transactions|payouts|refunds|disputes|events|accounts)\/([^/]+)(\/[^/]+)?$/.exec(
    path,
  );
  const id = matched ? decode(matched[2]!) : '';
  const route = matched ? `${method} /v1/${matched[1]}/:id${matched[3] ?? ''}` : `${method} ${path}`;
  const { account } = req;
  const expand = () => params.stringList('expand') ?? [];
  const retrieve = <K extends StoredObject['object']>(kind: K, param = 'id') => {
    params.only(['expand']);
    const object = ctx.state.find(kind, id, account);
    if (!object) throw noSuch(kind, id, param);
    return ctx.state.expand(object, expand(), account);
  };

  switch (route) {
    case 'GET /v1/accounts/:id':
      // The platform reads a connected account; an account cannot read another.
      params.only([]);
      if (account !== null) throw invalidRequest('Only the platform can retrieve a connected account.', undefined, undefined, 403);
      return retrieveAccount(id);
    case 'POST /v1/checkout/sessions':
      return ctx.state.expand(createCheckoutSession(ctx, params, req), expand(), account);
    case 'GET /v1/checkout/sessions': {
      params.only(['limit', 'payment_intent', 'status', 'client_reference_id', 'expand']);
      const limit = params.integer('limit', { min: 1, max: 100 }) ?? 10;
      const status = params.string('status', { oneOf: ['open', 'complete', 'expired'] });
      const intent = params.string('payment_intent');
      const reference = params.string('client_reference_id');
      const matching = ctx.state
        .all('checkout.session', account)
        .map((s) => retrieveCheckoutSession(ctx, s.id, account))
        .filter((s) => (!status || s.status === status) && (!intent || s.payment_intent === intent) && (!reference || s.client_reference_id === reference))
        .reverse();
      return ctx.state.expand(list(matching.slice(0, limit), '/v1/checkout/sessions', matching.length > limit), expand(), account);
    }
    case 'GET /v1/checkout/sessions/:id':
      params.only(['expand']);
      return ctx.state.expand(retrieveCheckoutSession(ctx, id, account), expand(), account);
    case 'GET /v1/checkout/sessions/:id/line_items': {
      params.only(['limit', 'expand']);
      const limit = params.integer('limit', { min: 1, max: 100 }) ?? 10;
      retrieveCheckoutSession(ctx, id, account);
      const items = ctx.state.sessionExtras(id).lineItems;
      return ctx.state.expand(list(items.slice(0, limit), `/v1/checkout/sessions/${id}/line_items`, items.length > limit), expand(), account);
    }
    case 'POST /v1/checkout/sessions/:id/expire':
      params.only(['expand']);
      return ctx.state.expand(expireCheckoutSession(ctx, id, req), expand(), account);
    case 'GET /v1/payment_intents/:id':
      return retrieve('payment_intent', 'intent');
    case 'GET /v1/charges/:id':
      return retrieve('charge', 'charge');
    case 'GET /v1/balance_transactions/:id':
      return retrieve('balance_transaction');
    case 'GET /v1/balance_transactions': {
      // What a payout carried (the one filter Portico uses), oldest first, paged with `starting_after`.
      params.only(['limit', 'payout', 'starting_after', 'expand']);
      const limit = params.integer('limit', { min: 1, max: 100 }) ?? 10;
      const payout = params.string('payout');
      const after = params.string('starting_after');
      const all = ctx.state.all('balance_transaction', account).filter((t) => !payout || ctx.state.payoutOfTransaction(t.id) === payout);
      const from = after ? all.findIndex((t) => t.id === after) + 1 : 0;
      if (after && from === 0) throw invalidRequest(`No such balance_transaction: '${after}'`, 'starting_after');
      const page = all.slice(from, from + limit);
      return ctx.state.expand(list(page, '/v1/balance_transactions', from + limit < all.length), expand(), account);
    }
    case 'GET /v1/payouts/:id':
      return retrieve('payout', 'payout');
    case 'GET /v1/refunds/:id':
      return retrieve('refund', 'refund');
    case 'GET /v1/disputes/:id':
      return retrieve('dispute', 'dispute');
    case 'POST /v1/refunds':
      return ctx.state.expand(createRefund(ctx, params, req), expand(), account);
    case 'GET /v1/events/:id': {
      params.only(['expand']);
      const event = ctx.webhooks.get(id);
      if (!event || event.account !== account) throw noSuch('event', id);
      return JSON.parse(event.payload) as StripeEvent;
    }
    case 'GET /v1/events': {
      params.only(['limit', 'type', 'expand']);
      const limit = params.integer('limit', { min: 1, max: 100 }) ?? 10;
      const type = params.string('type');
      const events = ctx.webhooks
        .list()
        .filter((e) => e.account === account && (!type || matchesType(e.type, type)))
        .reverse();
      return list(
        events.slice(0, limit).map((e) => JSON.parse(e.payload) as StripeEvent),
        '/v1/events',
        events.length > limit,
      );
    }
    default:
      throw invalidRequest(
        `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/. (The local Stripe stand-in answers only the requests Portico makes.)`,
        undefined,
        undefined,
        404,
      );
  }
}

/** Stripe's event type filter accepts a trailing wildcard: `charge.*`. */
function matchesType(type: string, filter: string): boolean {
  return filter.endsWith('.*') ? type.startsWith(filter.slice(0, -1)) : type === filter;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
