/**
 * Every setting a handler reads from its environment. The CDK stacks set the cloud
 * values; the local runtime sets the same names, plus the `*_ENDPOINT` overrides that
 * point the AWS SDK clients at the local stand-ins. Nothing else differs between them.
 */
export const ENV_NAMES = [
  'TABLE_NAME',
  'FILES_BUCKET',
  'EVENT_BUS_NAME',
  'PORTAL_USER_POOL_ID',
  'PORTAL_USER_POOL_CLIENT_ID',
  'STAFF_USER_POOL_ID',
  'STAFF_USER_POOL_CLIENT_ID',
  'COGNITO_ISSUER_BASE',
  'MAIL_FROM',
  'SES_CONFIGURATION_SET',
  'PORTAL_BASE_DOMAIN',
  /** How a tenant's portal URL is made, `{slug}` replaced: `https://{slug}.portal.example.com`. */
  'PORTAL_URL_TEMPLATE',
] as const;
/**
 * Online payments, read by the payments Lambda only (functions/payments/stripe.ts). Cloud:
 * `STRIPE_SECRET_ARN` (the Secrets Manager secret holding the platform's key and webhook
 * secret). Local: the key and secret themselves, and `STRIPE_API_BASE` for the stand-in.
 */
export const PAYMENT_ENV_NAMES = ['STRIPE_SECRET_ARN', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE'] as const;
export type EnvName = (typeof ENV_NAMES)[number];
export type PaymentEnvName = (typeof PAYMENT_ENV_NAMES)[number];

/** Optional endpoint overrides: set only by the local runtime. */
export const ENDPOINT_ENV = {
  dynamodb: 'DYNAMODB_ENDPOINT',
  cognito: 'COGNITO_ENDPOINT',
  ses: 'SES_ENDPOINT',
  s3: 'S3_ENDPOINT',
  eventbridge: 'EVENTBRIDGE_ENDPOINT',
} as const;
export type ServiceName = keyof typeof ENDPOINT_ENV;

export function env(name: EnvName): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export function optionalEnv(name: EnvName | PaymentEnvName): string | undefined {
  return process.env[name] || undefined;
}

export function endpointFor(service: ServiceName): string | undefined {
  return process.env[ENDPOINT_ENV[service]] || undefined;
}
