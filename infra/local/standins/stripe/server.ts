import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApiRequest } from './api';
import { checkoutPage, closedPage, notFoundPage } from './checkoutPage';
import { authenticationError, StripeApiError } from './errors';
import { canonical, Params, parseForm } from './form';
import { IdempotencyKeys, type Claim } from './idempotency';
import { newId } from './objects';
import { payCheckoutSession } from './payments';
import { expireIfDue, landingUrl } from './sessions';
import type { StripeContext } from './state';
import { handleTestControl } from './testControls';

export interface StripeServerOptions {
  /** Accept only this secret key; by default any test key (`sk_test_…`, `rk_test_…`). */
  secretKey?: string;
  /** The `Stripe-Version` answered when the request names none. */
  apiVersion: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * The stand-in's HTTP server: Stripe's API under `/v1` (Bearer secret key, form-encoded
 * bodies, JSON answers, `Stripe-Account`, `Idempotency-Key`), the hosted checkout page
 * under `/checkout`, and the test controls under `/_test`.
 */
export function createStripeServer(ctx: StripeContext, options: StripeServerOptions): { server: Server; keys: IdempotencyKeys } {
  const keys = new IdempotencyKeys();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: `The local Stripe stand-in failed: ${(err as Error).message}` } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stripe.local');
    const method = req.method ?? 'GET';
    const body = method === 'POST' ? await readBody(req) : '';
    if (body === undefined) return sendJson(res, 413, { error: { type: 'invalid_request_error', message: 'Request body too large.' } });
    if (url.pathname.startsWith('/v1/')) return api(req, res, method, url, body);
    if (url.pathname.startsWith('/_test/')) {
      try {
        const result = await handleTestControl(ctx, keys, method, url.pathname, url.searchParams, body);
        return sendJson(res, result.status, result.body);
      } catch (err) {
        if (err instanceof SyntaxError) return sendJson(res, 400, { error: { message: `Invalid JSON body: ${err.message}` } });
        throw err;
      }
    }
    return page(res, method, url.pathname, body);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string, url: URL, body: string): Promise<void> {
    const requestId = newId('req', 14);
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': header(req, 'stripe-version') ?? options.apiVersion };
    let claim: Claim | undefined;
    try {
      const apiKey = authenticate(header(req, 'authorization'), options.secretKey);
      const account = header(req, 'stripe-account') ?? null;
      if (account !== null && !/^acct_[A-Za-z0-9]+$/.test(account)) {
        throw new StripeApiError(403, {
          type: 'invalid_request_error',
          message: `The provided key '${mask(apiKey)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        });
      }
      const params = new Params(parseForm(method === 'POST' ? body : url.search.slice(1)));
      // Stripe ignores Idempotency-Key on GET and DELETE.
      const idempotencyKey = method === 'POST' ? (header(req, 'idempotency-key') ?? null) : null;
      if (idempotencyKey !== null) {
        const begun = keys.begin(`${apiKey}\u0000${account ?? ''}`, idempotencyKey, `${method} ${url.pathname}`, canonical(params.values));
        if ('refuse' in begun) throw begun.refuse;
        if ('replay' in begun) {
          headers['idempotent-replayed'] = 'true';
          headers['original-request'] = begun.replay.requestId;
          return sendRaw(res, begun.replay.status, begun.replay.body, headers);
        }
        claim = begun.claim;
      }
      const result = handleApiRequest(ctx, method, url.pathname, params, { account, requestId, idempotencyKey });
      const text = JSON.stringify(result, null, 2);
      claim?.save({ status: 200, body: text, requestId });
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      sendRaw(res, 200, text, headers);
    } catch (err) {
      if (!(err instanceof StripeApiError)) {
        const text = JSON.stringify({ error: { type: 'api_error', message: `The local Stripe stand-in failed: ${(err as Error).message}` } }, null, 2);
        // A failure after the request began executing is kept for its key, as Stripe keeps 500s.
        claim?.save({ status: 500, body: text, requestId });
        return sendRaw(res, 500, text, headers);
      }
      claim?.release();
      sendRaw(res, err.status, JSON.stringify({ error: err.body }, null, 2), headers);
    }
  }

  async function page(res: ServerResponse, method: string, path: string, body: string): Promise<void> {
    const view = /^\/checkout\/(cs_test_[A-Za-z0-9]+)$/.exec(path);
    const pay = /^\/checkout\/(cs_test_[A-Za-z0-9]+)\/pay$/.exec(path);
    const id = view?.[1] ?? pay?.[1];
    const found = id ? ctx.state.entry('checkout.session', id) : undefined;
    if (!found || (view && method !== 'GET' && method !== 'HEAD') || (pay && method !== 'POST')) return sendHtml(res, 404, notFoundPage());
    const { object: session, account } = found;
    const merchant = ctx.merchantName(session, account);
    const lineItems = ctx.state.sessionExtras(session.id).lineItems;

    if (view) {
      expireIfDue(ctx, session, account);
      return sendHtml(res, 200, session.status === 'open' ? checkoutPage({ session, merchant, lineItems }) : closedPage(session, merchant));
    }

    const form = new URLSearchParams(body);
    const input = {
      email: form.get('email') ?? undefined,
      number: form.get('card_number') ?? undefined,
      expiry: form.get('expiry') ?? undefined,
      cvc: form.get('cvc') ?? undefined,
      name: form.get('name') ?? undefined,
    };
    const outcome = await payCheckoutSession(ctx, session.id, input);
    const values = { email: input.email, number: input.number, expiry: input.expiry, name: input.name };
    switch (outcome.kind) {
      case 'succeeded':
        return redirect(res, session.success_url ? landingUrl(session.success_url, session.id) : `/checkout/${session.id}`);
      case 'not_open':
        // A second press of Pay after the payment went through lands where the first did.
        return redirect(res, session.status === 'complete' && session.success_url ? landingUrl(session.success_url, session.id) : `/checkout/${session.id}`);
      case 'declined':
        return sendHtml(res, 402, checkoutPage({ session, merchant, lineItems, values, problem: { message: outcome.message } }));
      case 'invalid':
        return sendHtml(res, 400, checkoutPage({ session, merchant, lineItems, values, problem: { field: outcome.field, message: outcome.message } }));
      case 'not_found':
        return sendHtml(res, 404, notFoundPage());
    }
  }

  return { server, keys };
}

/** The secret key from `Authorization: Bearer sk_test_…` (or Basic, as Stripe also accepts). */
function authenticate(authorization: string | undefined, expected: string | undefined): string {
  if (!authorization) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  const [scheme, credentials = ''] = authorization.split(' ', 2);
  const key = /^bearer$/i.test(scheme ?? '')
    ? credentials.trim()
    : /^basic$/i.test(scheme ?? '')
      ? Buffer.from(credentials, 'base64').toString('utf8').split(':')[0]!
      : '';
  if (/^pk_/.test(key)) {
    throw authenticationError(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
  const valid = expected ? key === expected : /^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key);
  if (!valid) {
    const why = /_live_/.test(key) ? ' The local Stripe stand-in accepts test keys only.' : '';
    throw authenticationError(`Invalid API Key provided: ${mask(key)}${why}`);
  }
  return key;
}

function mask(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key.replace(/./g, '*');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendRaw(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store', ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, JSON.stringify(body, null, 2), {});
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}
