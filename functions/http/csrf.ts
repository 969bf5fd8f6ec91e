import { COOKIES, CSRF_HEADER } from '../../shared/api/access';
import { PROBLEM_TYPES } from '../../shared/problem';
import { sameSecret } from '../core/secrets';
import { viewerHost } from '../customers/tenantHosts';
import { cookieOf } from './cookies';
import { forbidden } from '../core/problems';
import type { ApiEvent } from './types';

/**
 * Cross-site request forgery, for everything a browser can be tricked into sending:
 * - any state-changing request that names another origin (`Origin`), or that the
 *   browser itself calls cross-site (`Sec-Fetch-Site`), is refused — this is what
 *   guards the public POSTs (sign-in, accept, reset), which have no session yet;
 * - a state-changing request authenticated by session cookies must also echo the CSRF
 *   cookie in the `x-csrf-token` header (double submit). Another site can make the
 *   browser send the cookies, but cannot read the CSRF cookie to copy it.
 * API-key callers carry no ambient credential and are exempt.
 */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfFailed = (detail: string) => forbidden(detail, PROBLEM_TYPES.csrf);

export function checkCsrf(event: ApiEvent, method: string, caller: { kind: string }): void {
  if (!STATE_CHANGING.has(method) || caller.kind === 'api-key') return;
  assertSameOrigin(event);
  if (caller.kind === 'portal' || caller.kind === 'staff') assertCsrfToken(event);
}

function assertSameOrigin(event: ApiEvent): void {
  const headers = event.headers ?? {};
  if (headers['sec-fetch-site']?.toLowerCase() === 'cross-site') throw csrfFailed('Requests from other sites are not accepted.');
  const origin = headers.origin;
  if (origin === undefined) return;
  const host = viewerHost(headers)?.trim().toLowerCase();
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    originHost = undefined; // `null` (sandboxed or privacy-sensitive contexts) and garbage
  }
  if (!host || originHost !== host) throw csrfFailed('Requests from other sites are not accepted.');
}

function assertCsrfToken(event: ApiEvent): void {
  const cookie = cookieOf(event, COOKIES.csrf);
  const header = event.headers?.[CSRF_HEADER];
  if (!cookie || !header || !sameSecret(cookie, header)) {
    throw csrfFailed('The request is missing its security token. Reload the page and try again.');
  }
}
