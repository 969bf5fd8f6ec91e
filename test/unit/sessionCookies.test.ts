import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { allowsInsecureCookies, clearedSessionCookies, csrfTokenOf, readCookie, sessionCookies } from '../../functions/http/cookies';
import { checkCsrf } from '../../functions/http/csrf';
import type { Problem } from '../../functions/core/problems';
import { hashToken, newLinkToken } from '../../functions/core/secrets';
import { parseSessionCookie } from '../../functions/identity/sessions';
import { COOKIES, CSRF_HEADER } from '../../shared/api/access';
import { problemType } from '../../shared/problem';

const event = (headers: Record<string, string>, cookies?: string[]) => ({ headers, cookies }) as unknown as APIGatewayProxyEventV2;

describe('Secure cookies', () => {
  it.each([
    [{ 'x-forwarded-proto': 'http', 'x-forwarded-host': 'demo.localhost:3000' }, true],
    [{ 'x-forwarded-proto': 'http', host: 'localhost' }, true],
    [{ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'demo.localhost:3000' }, false],
    [{ 'x-forwarded-proto': 'http', 'x-forwarded-host': 'demo.portal.example.com' }, false],
    [{ 'x-forwarded-proto': 'http', 'x-forwarded-host': 'localhost.evil.example' }, false],
    [{ 'x-forwarded-host': 'demo.localhost' }, false],
  ])('%j → insecure allowed: %p', (headers, insecure) => {
    expect(allowsInsecureCookies(event(headers))).toBe(insecure);
  });

  it('sets Secure on every cookie of a session, and on the clearing ones, outside local http', () => {
    const e = event({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'demo.portal.example.com' });
    const session = {
      pool: 'portal' as const,
      idToken: 'a.b.c',
      idTokenExpiresAt: new Date(Date.now() + 3_600_000),
      refreshToken: 'r',
      sessionCookie: 's',
      expiresAt: new Date(Date.now() + 86_400_000),
    };
    for (const c of [...sessionCookies(e, session), ...clearedSessionCookies(e, 'portal')]) expect(c).toMatch(/; Secure;/);
  });
});

describe('cookies', () => {
  it('reads a cookie from the v2 cookies array or a Cookie header, and survives bad encoding', () => {
    expect(readCookie(['a=1', 'b=two%20words'], undefined, 'b')).toBe('two words');
    expect(readCookie(undefined, 'a=1; b=2', 'b')).toBe('2');
    expect(readCookie(['b=%E0%A4%A'], undefined, 'b')).toBeUndefined();
  });

  it('keeps the shared CSRF cookie when the other pool still has a session', () => {
    const withStaff = clearedSessionCookies(event({}, [`${COOKIES.staff.session}=x`]), 'portal');
    expect(withStaff.some((c) => c.startsWith(`${COOKIES.csrf}=`))).toBe(false);
    expect(clearedSessionCookies(event({}), 'portal').some((c) => c.startsWith(`${COOKIES.csrf}=`))).toBe(true);
  });
});

describe('session cookie values', () => {
  it('hash the secret and carry the company id', () => {
    const secret = newLinkToken();
    expect(parseSessionCookie(`${secret}.co-1`)).toEqual({ sessionId: hashToken(secret), companyId: 'co-1' });
    expect(parseSessionCookie(secret)).toEqual({ sessionId: hashToken(secret) });
  });

  it.each(['', 'short', `${newLinkToken()}.bad company`, `${newLinkToken()}.a.b`, `${'x'.repeat(43)}!`])('refuse %p', (value) => {
    expect(parseSessionCookie(value)).toBeUndefined();
  });
});

describe('checkCsrf', () => {
  const portal = { kind: 'portal' as const };
  const refusal = (fn: () => void) => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return (err as Problem).type;
    }
  };
  const session = `${newLinkToken()}.co-1`;
  const token = csrfTokenOf(session);
  const host = { 'x-forwarded-host': 'demo.localhost:3000', 'x-forwarded-proto': 'http' };
  const withSession = (headers: Record<string, string>, more: string[] = []) =>
    event({ ...host, ...headers }, [`${COOKIES.portal.session}=${session}`, ...more]);
  const failed = problemType('csrf-check-failed');

  it('needs the header to carry the token of the session that signs the caller in', () => {
    expect(refusal(() => checkCsrf(withSession({}, [`${COOKIES.csrf}=${token}`]), 'PATCH', portal))).toBe(failed);
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: newLinkToken() }), 'PATCH', portal))).toBe(failed);
    expect(refusal(() => checkCsrf(event({ ...host, [CSRF_HEADER]: token }), 'DELETE', portal))).toBe(failed);
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: token }), 'PATCH', portal))).toBeUndefined();
    // The CSRF cookie of several sessions: the caller's own token among them.
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: `${csrfTokenOf('other')}.${token}` }), 'PATCH', portal))).toBeUndefined();
    expect(refusal(() => checkCsrf(withSession({}), 'GET', portal))).toBeUndefined();
  });

  it('never trusts the CSRF cookie itself: a planted one with a header to match is refused', () => {
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: 'forged' }, [`${COOKIES.csrf}=forged`]), 'POST', portal))).toBe(failed);
    // Another kind of session's token does not serve this one: a staff caller needs the staff session's.
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: token }), 'POST', { kind: 'staff' }))).toBe(failed);
    expect(refusal(() => checkCsrf(withSession({ [CSRF_HEADER]: token }), 'POST', { kind: 'portal', link: {} }))).toBe(failed);
  });

  it('exempts API keys and checks the origin of public posts', () => {
    const apiKey = { kind: 'api-key' as const };
    const anonymous = { kind: 'anonymous' as const };
    expect(refusal(() => checkCsrf(event({ ...host, origin: 'https://evil.example' }), 'POST', apiKey))).toBeUndefined();
    expect(refusal(() => checkCsrf(event({ ...host, origin: 'https://evil.example' }), 'POST', anonymous))).toBe(failed);
    expect(refusal(() => checkCsrf(event({ ...host, origin: 'http://demo.localhost:3000' }), 'POST', anonymous))).toBeUndefined();
    expect(refusal(() => checkCsrf(event(host), 'POST', anonymous))).toBeUndefined();
  });

  it.each([
    ['http://demo.portal.example.com', 'https', 'demo.portal.example.com', false],
    ['https://demo.portal.example.com', 'https', 'demo.portal.example.com', true],
    ['https://demo.portal.example.com:443', 'https', 'demo.portal.example.com', true],
    ['https://demo.portal.example.com:8443', 'https', 'demo.portal.example.com', false],
    ['HTTPS://Demo.Portal.Example.com', 'https', 'demo.portal.example.com', true],
    ['http://demo.localhost', 'https', 'demo.localhost', false],
    ['https://demo.localhost:3000', 'http', 'demo.localhost:3000', false],
    ['http://demo.localhost', 'http', 'demo.localhost:3000', false],
    // A spoofed x-forwarded-proto: http counts only for *.localhost.
    ['http://demo.portal.example.com', 'http', 'demo.portal.example.com', false],
  ])('compares the whole origin: %s over %s to %s → allowed %p', (origin, proto, viewer, allowed) => {
    const e = event({ origin, 'x-forwarded-proto': proto, 'x-forwarded-host': viewer });
    expect(refusal(() => checkCsrf(e, 'POST', { kind: 'anonymous' }))).toBe(allowed ? undefined : failed);
  });
});
