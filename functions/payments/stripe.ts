import { optionalEnv } from '../aws/env';
import { StripeApi } from './stripeApi';

/**
 * The platform's Stripe client (Stripe Connect: one platform key, every tenant call made
 * with `stripeAccount`; functions/payments/stripeApi.ts) and the webhook endpoint's signing secret.
 *
 * Where the keys come from:
 * - cloud: `STRIPE_SECRET_ARN` names a Secrets Manager secret `{"secretKey","webhookSecret"}`,
 *   read once per cold start through the AWS Parameters and Secrets Lambda extension on
 *   localhost (no SDK client in the bundle); never plain environment variables, never the table;
 * - local: `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET` from the environment, and
 *   `STRIPE_API_BASE` pointing these calls at the local stand-in (absent: real Stripe, test mode).
 */
export interface StripeKeys {
  secretKey: string;
  webhookSecret: string;
}

let keys: Promise<StripeKeys> | undefined;
let client: Promise<StripeApi> | undefined;

export function stripeKeys(): Promise<StripeKeys> {
  keys ??= loadKeys().catch((err: unknown) => {
    // A failed read is retried by the next request rather than cached.
    keys = undefined;
    throw err;
  });
  return keys;
}

export function stripe(): Promise<StripeApi> {
  client ??= stripeKeys().then(({ secretKey }) => new StripeApi({ secretKey, apiBase: optionalEnv('STRIPE_API_BASE'), maxRetries: 2, timeoutMs: 6_000 }));
  return client;
}

/** Forgets the keys and client (tests that switch stand-ins). */
export function resetStripe(): void {
  keys = undefined;
  client = undefined;
}

async function loadKeys(): Promise<StripeKeys> {
  const secretKey = optionalEnv('STRIPE_SECRET_KEY');
  const webhookSecret = optionalEnv('STRIPE_WEBHOOK_SECRET');
  if (secretKey && webhookSecret) return { secretKey, webhookSecret };
  const secretArn = optionalEnv('STRIPE_SECRET_ARN');
  if (!secretArn) throw new Error('Stripe is not configured: set STRIPE_SECRET_ARN (cloud) or STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (local)');
  return parseSecret(await readSecret(secretArn));
}

/**
 * GetSecretValue through the Parameters and Secrets extension's local HTTP endpoint,
 * authenticated with the function's own session token, as the extension requires.
 */
async function readSecret(secretArn: string): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const res = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (!res.ok) throw new Error(`Reading the Stripe secret failed: HTTP ${res.status}`);
  const body = (await res.json()) as { SecretString?: string };
  if (!body.SecretString) throw new Error('The Stripe secret has no SecretString');
  return body.SecretString;
}

export function parseSecret(text: string): StripeKeys {
  let value: Partial<StripeKeys>;
  try {
    value = JSON.parse(text) as Partial<StripeKeys>;
  } catch {
    throw new Error('The Stripe secret must be JSON: {"secretKey":"sk_…","webhookSecret":"whsec_…"}');
  }
  if (!value.secretKey?.startsWith('sk_') && !value.secretKey?.startsWith('rk_')) throw new Error('The Stripe secret has no secretKey (sk_… or rk_…)');
  if (!value.webhookSecret?.startsWith('whsec_')) throw new Error('The Stripe secret has no webhookSecret (whsec_…)');
  return { secretKey: value.secretKey, webhookSecret: value.webhookSecret };
}
