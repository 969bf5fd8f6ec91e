import { apiHandler } from '../http/apiHandler';
import { cookieOf, linkSessionCookies } from '../http/cookies';
import { notFound } from '../http/problem';
import { ok } from '../http/responses';
import { COOKIES } from '../../shared/api/access';
import { newLinkToken } from '../lib/secrets';
import { openDirectLink as open } from '../services/documents/directLinks';

/** The shape of a CSRF token Portico issued: one the browser already holds is kept (requests in flight carry it). */
const CSRF_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Opens a direct link on the tenant's host: a session limited to the link's document,
 * in a cookie of its own (no Cognito tokens), plus the CSRF cookie.
 */
export const openDirectLink = apiHandler('POST /api/direct/{token}/session', async ({ input, event, hostTenant }) => {
  if (!hostTenant) throw notFound('No portal is served at this address.');
  const opened = await open(hostTenant, input.path.token, event);
  const held = cookieOf(event, COOKIES.csrf);
  const csrf = held && CSRF_TOKEN.test(held) ? held : newLinkToken();
  return { ...ok(opened.body), cookies: linkSessionCookies(event, opened.sessionCookie, opened.expiresAt, csrf) };
});
