import Stripe from 'stripe';
import { LocalRuntimeError, type StandIn } from './process';
import { createStripeServer } from './stripe/server';
import { StripeState, type StripeContext } from './stripe/state';
import { WebhookSender, type RecordedEvent, type WebhookRetry, type WebhookTarget } from './stripe/webhooks';

export type { RecordedEvent, DeliveryAttempt } from './stripe/webhooks';

export interface StripeLocalOptions {
  /** Port on 127.0.0.1; 0 takes a free one (see `port` on the result). */
  port: number;
  /** The webhook endpoint, or one per connected account (`undefined`: the platform's own events). Undefined result: events are recorded, not sent. */
  webhookUrl: WebhookTarget['url'];
  /** The endpoint secret (`whsec_…`) events are signed with, or one per connected account. */
  webhookSecret: WebhookTarget['secret'];
  /** The merchant the checkout page names when the session's `metadata[merchant_name]` does not. */
  merchantName?: string | ((account: string | undefined) => string | undefined);
  /** Accept only this secret key; by default any test key (`sk_test_…`, `rk_test_…`) and never a live one. */
  secretKey?: string;
  /** `api_version` of the events; default the pinned SDK's (`Stripe.API_VERSION`). */
  apiVersion?: string;
  /** Webhook retries after a failed or non-2xx delivery (default 4 attempts in all, 250 ms doubling, 10 s timeout). */
  webhookRetry?: WebhookRetry;
}

export interface StripeLocal extends StandIn {
  port: number;
  /** What `new Stripe(key, { ...sdkOptions })` needs to talk to the stand-in instead of api.stripe.com. */
  sdkOptions: { host: string; port: number; protocol: 'http' };
  /** Every event made so far, oldest first, with its exact payload and delivery attempts. */
  events(): RecordedEvent[];
  /** Resolves once every webhook delivery and retry started so far has finished. */
  idle(): Promise<void>;
  /** Forgets every object, event and idempotency key. */
  reset(): void;
}

/**
 * A local stand-in for the part of Stripe Portico uses, in-process: Checkout Sessions,
 * PaymentIntents, charges, balance transactions, refunds and disputes in memory; a hosted
 * test checkout page at `/checkout/<session id>`; events signed with the endpoint secret
 * and POSTed to the webhook URL, with retries. The official `stripe` SDK talks to it with
 * `{ host, port, protocol: 'http' }`. Test controls under `/_test/` (stripe/testControls.ts).
 */
export async function startStripeLocal(options: StripeLocalOptions): Promise<StripeLocal> {
  const apiVersion = options.apiVersion ?? Stripe.API_VERSION;
  const webhooks = new WebhookSender({ url: options.webhookUrl, secret: options.webhookSecret }, apiVersion, {
    attempts: options.webhookRetry?.attempts ?? 4,
    baseDelayMs: options.webhookRetry?.baseDelayMs ?? 250,
    timeoutMs: options.webhookRetry?.timeoutMs ?? 10_000,
  });
  const ctx: StripeContext = {
    state: new StripeState(),
    webhooks,
    pageBase: '',
    merchantName: (session, account) => {
      const fromOption = typeof options.merchantName === 'function' ? options.merchantName(account ?? undefined) : options.merchantName;
      return session.metadata.merchant_name || fromOption || 'Local test merchant';
    },
  };
  const { server, keys } = createStripeServer(ctx, { apiVersion, secretKey: options.secretKey });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new LocalRuntimeError(
          err.code === 'EADDRINUSE'
            ? `Port ${options.port} (local Stripe) is already in use.`
            : `Cannot listen on port ${options.port} (local Stripe): ${err.message}`,
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const endpoint = `http://127.0.0.1:${port}`;
  ctx.pageBase = endpoint;
  return {
    name: 'local Stripe',
    endpoint,
    port,
    sdkOptions: { host: '127.0.0.1', port, protocol: 'http' },
    events: () => webhooks.list(),
    idle: () => webhooks.idle(),
    reset: () => {
      ctx.state.reset();
      webhooks.reset();
      keys.reset();
    },
    stop: async () => {
      webhooks.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
