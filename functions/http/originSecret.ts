import { timingSafeEqual } from 'node:crypto';
import { forbidden } from '../core/problems';
import type { ApiEvent } from './types';

/**
 * The API answers only through CloudFront. CloudFront adds this header to every `/api/*`
 * request it forwards (an origin custom header, which replaces any value the viewer sent);
 * a request straight to the API's execute-api address lacks it, so it could not choose a
 * tenant with its own `x-forwarded-host`. Locally the gateway adds it as CloudFront would.
 */
export const ORIGIN_HEADER = 'x-portico-origin';

/** The variable that holds the expected value: API Lambdas only (the event Lambdas are not reachable over HTTP). */
export const ORIGIN_SECRET_ENV = 'ORIGIN_SECRET';

/**
 * Refuses a request that did not come through CloudFront, before the host or any credential
 * is read; fails closed when the secret is not configured. The header is then removed, so
 * nothing after this (logs, a webhook's headers) ever holds the secret.
 */
export function checkOrigin(event: ApiEvent): void {
  const expected = process.env[ORIGIN_SECRET_ENV];
  const presented = event.headers?.[ORIGIN_HEADER];
  if (event.headers) delete event.headers[ORIGIN_HEADER];
  if (!expected || !presented || !sameSecret(expected, presented)) {
    throw forbidden('The API answers only through the portal’s own address.');
  }
}

function sameSecret(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
