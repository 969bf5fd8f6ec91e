import { CSRF_HEADER } from '../../shared/api/access';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { Caller } from '../core/callers';
import { forbidden } from '../core/problems';
import { sameSecret } from '../core/secrets';
import { csrfTokenOf, presentedSessionCookie, viewerOrigin } from './cookies';
import type { ApiEvent } from './types';

/**
 * Cross-site request forgery, for everything a browser can be tricked into sending:
 * - any state-changing request that names another origin (`Origin`: scheme, host and
 *   port compared whole), or that the browser itself calls cross-site
 *   (`Sec-Fetch-Site`), is refused — this is what guards the public POSTs (sign-in,
 *   accept, reset), which have no session yet;
 * - a state-changing request authenticated by a session cookie must also carry that
 *   session's CSRF token in the `x-csrf-token` header: a token derived from the
 *   HttpOnly session cookie (`csrfTokenOf`), which the site reads from the CSRF cookie.
 *   Another site can make the browser send the cookies but cannot read the token; a
 *   CSRF cookie it plants (from a sibling subdomain) cannot carry the session's token,
 *   so the cookie itself is never trusted, only the header compared with the session.
 * API-key callers carry no ambient credential and are exempt.
 */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfFailed = (detail: string) => forbidden(detail, PROBLEM_TYPES.csrf);

/** The caller as far as CSRF cares: its kind, and whether a direct link's session is what signed it in. */
export function checkCsrf(event: ApiEvent, method: string, caller: { kind: Caller['kind']; link?: unknown }): void {
  if (!STATE_CHANGING.has(method) || caller.kind === 'api-key') return;
  assertSameOrigin(event);
  if (caller.kind === 'portal') assertCsrfToken(event, caller.link ? 'link' : 'portal');
  if (caller.kind === 'staff') assertCsrfToken(event, 'staff');
}

function assertSameOrigin(event: ApiEvent): void {
  const headers = event.headers ?? {};
  if (headers['sec-fetch-site']?.toLowerCase() === 'cross-site') throw csrfFailed('Requests from other sites are not accepted.');
  const origin = headers.origin;
  if (origin === undefined) return;
  const expected = viewerOrigin(event);
  if (!expected || originOf(origin) !== originOf(expected)) throw csrfFailed('Requests from other sites are not accepted.');
}

/** A URL's origin, normalised (case, default port); undefined for `null` (sandboxed or privacy-sensitive contexts) and garbage. */
function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/** The header carries the CSRF cookie's whole value: one token per session the browser holds, joined by dots. */
function assertCsrfToken(event: ApiEvent, session: 'portal' | 'staff' | 'link'): void {
  const cookie = presentedSessionCookie(event, session);
  const header = event.headers?.[CSRF_HEADER];
  const expected = cookie ? csrfTokenOf(cookie) : undefined;
  if (!expected || !header?.split('.').some((token) => sameSecret(token, expected))) {
    throw csrfFailed('The request is missing its security token. Reload the page and try again.');
  }
}
