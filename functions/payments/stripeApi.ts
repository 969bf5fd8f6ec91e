import { createHmac, timingSafeEqual } from 'node:crypto';
import type Stripe from 'stripe';

/**
 * The part of Stripe's API Portico calls, over `fetch`, and webhook signature checking
 * with `node:crypto`: Stripe's own wire protocol and signing scheme, without the SDK.
 *
 * Why not the `stripe` SDK in the Lambda: it registers every one of Stripe's ~190 API
 * resources, 240 KB minified, which put the payments Lambda at 632 KB, over the 600 KB
 * bundle budget (docs/architecture.md, Budgets). Portico calls four endpoints. The SDK
 * stays the reference: its types describe every object here, its `constructEvent` is what
 * `verifyWebhook` is tested against (test/unit/stripeApi.test.ts), and the local stand-in
 * and the tests sign with its `generateTestHeaderString`.
 */

/** The API version of the pinned SDK (stripe 23.1.0), so objects have the shapes its types describe; a unit test keeps the two equal. */
export const STRIPE_API_VERSION = '2026-10-28.endive';
/** Stripe's default webhook tolerance, as `constructEvent` applies it. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface StripeApiOptions {
  secretKey: string;
  /** `https://api.stripe.com` unless a stand-in is named. */
  apiBase?: string;
  timeoutMs?: number;
  /** Retries after a network failure, a 409 (the same idempotency key still running), 429 or 5xx. */
  maxRetries?: number;
}

/** An error answer of Stripe's API, with what Stripe said. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }
}

/** The signature did not verify: wrong secret, changed body, too old, or no usable header. */
export class WebhookSignatureError extends Error {
  readonly type = 'StripeSignatureVerificationError';
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

type RequestOptions = { stripeAccount: string; idempotencyKey?: string };
/** A call the platform makes for itself: no `Stripe-Account`. */
type PlatformRequest = { stripeAccount?: undefined; idempotencyKey?: undefined };

export class StripeApi {
  private readonly base: string;

  constructor(private readonly options: StripeApiOptions) {
    this.base = (options.apiBase ?? 'https://api.stripe.com').replace(/\/$/, '');
  }

  createCheckoutSession(params: Stripe.Checkout.SessionCreateParams, options: RequestOptions & { idempotencyKey: string }): Promise<Stripe.Checkout.Session> {
    return this.request('POST', '/v1/checkout/sessions', params, options);
  }

  retrieveCheckoutSession(id: string, options: RequestOptions): Promise<Stripe.Checkout.Session> {
    return this.request('GET', `/v1/checkout/sessions/${encodeURIComponent(id)}`, {}, options);
  }

  expireCheckoutSession(id: string, options: RequestOptions): Promise<Stripe.Checkout.Session> {
    return this.request('POST', `/v1/checkout/sessions/${encodeURIComponent(id)}/expire`, {}, options);
  }

  retrievePaymentIntent(id: string, options: RequestOptions & { expand?: string[] }): Promise<Stripe.PaymentIntent> {
    return this.request('GET', `/v1/payment_intents/${encodeURIComponent(id)}`, options.expand ? { expand: options.expand } : {}, options);
  }

  /** A connected account as the platform sees it: does it exist (for us), and which capabilities are active. */
  retrieveAccount(id: string): Promise<Stripe.Account> {
    return this.request('GET', `/v1/accounts/${encodeURIComponent(id)}`, {}, {});
  }

  /**
   * Every balance transaction a payout carried, on the connected account the payout was made
   * on, page by page (100 a page) as the SDK's auto-pagination walks a list: `starting_after`
   * the last id while `has_more`. Written here because the SDK is not bundled (see above).
   */
  async *balanceTransactionsOfPayout(payoutId: string, options: RequestOptions & { expand?: string[] }): AsyncGenerator<Stripe.BalanceTransaction> {
    let startingAfter: string | undefined;
    for (;;) {
      const page: Stripe.ApiList<Stripe.BalanceTransaction> = await this.request(
        'GET',
        '/v1/balance_transactions',
        { payout: payoutId, limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}), ...(options.expand ? { expand: options.expand } : {}) },
        { stripeAccount: options.stripeAccount },
      );
      yield* page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      startingAfter = last.id;
    }
  }

  /**
   * One API call: form-encoded as Stripe expects, on the connected account, with the
   * idempotency key on every attempt, so a retry of a POST can never act twice.
   */
  private async request<T>(method: 'GET' | 'POST', path: string, params: object, options: RequestOptions | PlatformRequest): Promise<T> {
    const body = formEncode(params);
    const url = method === 'GET' && body ? `${this.base}${path}?${body}` : `${this.base}${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.secretKey}`,
      'stripe-version': STRIPE_API_VERSION,
      ...(options.stripeAccount ? { 'stripe-account': options.stripeAccount } : {}),
      'user-agent': 'Portico/1.0',
      ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(method === 'POST' && options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    };
    const retries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, { method, headers, ...(method === 'POST' ? { body } : {}), signal: AbortSignal.timeout(this.options.timeoutMs ?? 8_000) });
      } catch (err) {
        if (attempt < retries && (method === 'GET' || options.idempotencyKey)) {
          await backoff(attempt);
          continue;
        }
        throw new StripeApiError(0, 'api_connection_error', `Could not reach Stripe: ${(err as Error).message}`);
      }
      const text = await res.text();
      if (res.ok) return JSON.parse(text) as T;
      const retryable = res.status === 409 || res.status === 429 || res.status >= 500 || res.headers.get('stripe-should-retry') === 'true';
      if (retryable && res.headers.get('stripe-should-retry') !== 'false' && attempt < retries) {
        await backoff(attempt);
        continue;
      }
      let error: { type?: string; message?: string; code?: string } = {};
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
      } catch {
        /* not JSON: described by the status below */
      }
      throw new StripeApiError(res.status, error.type ?? 'api_error', error.message ?? `Stripe answered ${res.status}`, error.code);
    }
  }
}

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 300 * 2 ** attempt * (0.75 + Math.random() / 2)));

/**
 * Stripe's form encoding, as its SDK writes it: nested keys in brackets, arrays indexed
 * (`line_items[0][price_data][currency]=gbp`, `expand[0]=latest_charge`); undefined left out.
 */
export function formEncode(params: object): string {
  const pairs: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, `${key}[${i}]`);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}[${k}]` : k);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`);
  };
  walk(params, '');
  return pairs.join('&');
}

/**
 * The event, if `header` (Stripe-Signature) signs `payload` with `secret`: an HMAC-SHA256
 * of `<t>.<payload>` among the header's `v1` signatures (compared in constant time), and
 * `t` no older than the tolerance. The same rules, in the same order, as the SDK's
 * `webhooks.constructEvent`; then the payload is parsed as the event.
 */
export function verifyWebhook(
  payload: Buffer | string,
  header: string | undefined,
  secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): Stripe.Event {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  if (!text) throw new WebhookSignatureError('No webhook payload was provided.');
  if (!header) throw new WebhookSignatureError('No stripe-signature header value was provided.');
  let timestamp = -1;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const [k, v] = item.split('=');
    if (k === 't') timestamp = parseInt(v ?? '', 10);
    if (k === 'v1' && v !== undefined) signatures.push(v);
  }
  if (timestamp === -1 || Number.isNaN(timestamp)) throw new WebhookSignatureError('Unable to extract timestamp and signatures from header');
  if (!signatures.length) throw new WebhookSignatureError('No signatures found with expected scheme');
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${text}`, 'utf8').digest('hex'));
  const matches = signatures.some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookSignatureError('No signatures found matching the expected signature for payload.');
  const age = Math.floor((options.now ?? Date.now()) / 1000) - timestamp;
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  if (tolerance > 0 && age > tolerance) throw new WebhookSignatureError('Timestamp outside the tolerance zone');
  return JSON.parse(text) as Stripe.Event;
}
