import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  allowsInsecureCookies,
  clearedSessionCookies,
  cookieOf,
  csrfTokenOf,
  endedSessionCookies,
  presentedCredentials,
  readCookie,
  serializeCookie,
  sessionChangeCookies,
  sessionCookies,
  viewerOrigin,
} from '../../functions/http/cookies';
import { checkCsrf } from '../../functions/http/csrf';
import type { Problem } from '../../functions/core/problems';
import { hashToken, newLinkToken, sameSecret } from '../../functions/core/secrets';
import { isLive, parseSessionCookie } from '../../functions/identity/sessions';
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
    // The array first, then the header; names compared whole and trimmed; an entry without a name is no cookie.
    expect(readCookie(['b=array'], 'b=header', 'b')).toBe('array');
    expect(readCookie(undefined, 'ab=1;  b = 2 ', 'b')).toBe('2');
    expect(readCookie(['=b', 'x'], undefined, 'b')).toBeUndefined();
    expect(readCookie(['=b'], undefined, '')).toBeUndefined();
    expect(readCookie(undefined, undefined, 'b')).toBeUndefined();
    // An empty value is no cookie at all.
    expect(cookieOf(event({}, ['b=']), 'b')).toBeUndefined();
    expect(cookieOf(event({ cookie: 'b=v' }), 'b')).toBe('v');
  });

  const local = { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'demo.localhost:3000' };
  const remote = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'demo.portal.example.com' };
  const inADay = () => new Date(Date.now() + 86_400_000);
  const named = (cookies: string[], name: string) => cookies.find((c) => c.startsWith(`${name}=`));
  const maxAgeOf = (cookie: string | undefined) => Number(/Max-Age=(\d+)/.exec(cookie ?? '')?.[1]);

  it('writes each attribute: encoded value, path, whole non-negative Max-Age, HttpOnly, Secure but on local http, SameSite', () => {
    const a = { path: '/api/auth', maxAge: 90.9, httpOnly: true, sameSite: 'Lax' as const };
    expect(serializeCookie(event(local), 'n', 'a b;c', a)).toBe('n=a%20b%3Bc; Path=/api/auth; Max-Age=90; HttpOnly; SameSite=Lax');
    expect(serializeCookie(event(remote), 'n', 'v', { ...a, maxAge: -5, httpOnly: false, sameSite: 'Strict' })).toBe(
      'n=v; Path=/api/auth; Max-Age=0; Secure; SameSite=Strict',
    );
  });

  it('knows the viewer’s origin as a browser names it, and nothing without a host', () => {
    expect(viewerOrigin(event(local))).toBe('http://demo.localhost:3000');
    expect(viewerOrigin(event(remote))).toBe('https://demo.portal.example.com');
    expect(viewerOrigin(event({ 'x-forwarded-host': ' Demo.Portal.Example.com ' }))).toBe('https://demo.portal.example.com');
    expect(viewerOrigin(event({ 'x-forwarded-proto': 'http' }))).toBeUndefined();
    expect(allowsInsecureCookies(event({ 'x-forwarded-proto': ' HTTP , https', host: 'LOCALHOST:3000' }))).toBe(true);
    expect(allowsInsecureCookies(event({ 'x-forwarded-proto': 'https, http', host: 'localhost' }))).toBe(false);
    expect(allowsInsecureCookies(event({ 'x-forwarded-proto': 'http' }))).toBe(false);
  });

  it('sends the refresh token only to the routes that renew or end its pool’s session, and the CSRF token readable by the site', () => {
    const session = { idToken: 'a.b.c', idTokenExpiresAt: new Date(Date.now() + 3_600_000), refreshToken: 'r', sessionCookie: 's', expiresAt: inADay() };
    const portal = sessionCookies(event(local), { pool: 'portal', ...session });
    expect(portal).toHaveLength(4);
    expect(named(portal, COOKIES.portal.idToken)).toMatch(/^portico_id=a\.b\.c; Path=\/; Max-Age=3\d{3}; HttpOnly; SameSite=Lax$/);
    expect(maxAgeOf(named(portal, COOKIES.portal.idToken))).toBeGreaterThan(3590);
    expect(named(portal, COOKIES.portal.refreshToken)).toMatch(/^portico_refresh=r; Path=\/api\/auth; Max-Age=8\d{4}; HttpOnly; SameSite=Lax$/);
    expect(named(portal, COOKIES.portal.session)).toMatch(/^portico_sid=s; Path=\/; Max-Age=8\d{4}; HttpOnly; SameSite=Lax$/);
    expect(named(portal, COOKIES.csrf)).toMatch(new RegExp(`^portico_csrf=${csrfTokenOf('s')}; Path=/; Max-Age=8\\d{4}; SameSite=Strict$`));
    const staff = sessionCookies(event(local), { pool: 'staff', ...session, refreshToken: undefined });
    expect(staff.map((c) => c.split('=')[0])).toEqual([COOKIES.staff.idToken, COOKIES.staff.session, COOKIES.csrf]);
    expect(named(sessionCookies(event(local), { pool: 'staff', ...session }), COOKIES.staff.refreshToken)).toContain('Path=/api/auth/staff;');
  });

  it('puts the token of every session the browser holds in the CSRF cookie, living as long as the longest real session', () => {
    const held = event(local, [`${COOKIES.staff.session}=staff-sid`, `${COOKIES.directLink}=link-sid`]);
    const session = { pool: 'portal' as const, idToken: 'a.b.c', idTokenExpiresAt: inADay(), sessionCookie: 'new-sid', expiresAt: inADay() };
    const csrf = named(sessionCookies(held, session), COOKIES.csrf);
    expect(csrf).toContain(`=${[csrfTokenOf('new-sid'), csrfTokenOf('staff-sid'), csrfTokenOf('link-sid')].join('.')};`);
    expect(maxAgeOf(csrf)).toBe(30 * 86_400);
    // A renewal re-issues the presented session's own token; it never adopts the CSRF cookie the browser held.
    const renewed = sessionChangeCookies(event(local, [`${COOKIES.portal.session}=sid`, `${COOKIES.csrf}=planted`]), {
      kind: 'renewed',
      pool: 'portal',
      idToken: 'x.y.z',
      idTokenExpiresAt: inADay(),
      sessionExpiresAt: inADay(),
    });
    expect(renewed.map((c) => c.split(';')[0])).toEqual([`${COOKIES.portal.idToken}=x.y.z`, `${COOKIES.csrf}=${csrfTokenOf('sid')}`]);
    expect(maxAgeOf(renewed[1])).toBeGreaterThan(86_000);
    expect(maxAgeOf(renewed[1])).toBeLessThanOrEqual(86_400);
  });

  it('opens a direct link’s session with its own cookie, and a CSRF cookie never shorter than a real session', () => {
    const opened = sessionChangeCookies(event(local), { kind: 'link-opened', sessionCookie: 'link-sid', expiresAt: new Date(Date.now() + 60_000) });
    expect(opened[0]).toMatch(/^portico_link_sid=link-sid; Path=\/; Max-Age=(59|60); HttpOnly; SameSite=Lax$/);
    expect(opened[1]).toBe(`${COOKIES.csrf}=${csrfTokenOf('link-sid')}; Path=/; Max-Age=${30 * 86_400}; SameSite=Strict`);
    expect(sessionChangeCookies(event(local), { kind: 'signed-out', pool: 'staff' })).toEqual(clearedSessionCookies(event(local), 'staff'));
    expect(
      sessionChangeCookies(event(local), {
        kind: 'signed-in',
        session: { pool: 'portal', userId: 'u', idToken: 'a', idTokenExpiresAt: inADay(), sessionCookie: 's', expiresAt: inADay() },
      }).map((c) => c.split('=')[0]),
    ).toEqual([COOKIES.portal.idToken, COOKIES.portal.session, COOKIES.csrf]);
  });

  it('clears every cookie of a session on its own paths; signing out of the portal also ends a direct link', () => {
    const cleared = clearedSessionCookies(event(local), 'staff');
    expect(cleared).toEqual([
      `${COOKIES.staff.idToken}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      `${COOKIES.staff.refreshToken}=; Path=/api/auth/staff; Max-Age=0; HttpOnly; SameSite=Lax`,
      `${COOKIES.staff.session}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`,
      `${COOKIES.csrf}=; Path=/; Max-Age=0; SameSite=Strict`,
    ]);
    const withLink = event(local, [`${COOKIES.directLink}=l`]);
    const portalOut = clearedSessionCookies(withLink, 'portal');
    expect(portalOut).toContain(`${COOKIES.directLink}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
    expect(named(portalOut, COOKIES.csrf)).toBeDefined();
    // Signing out of the staff pool leaves the link, and the CSRF cookie it needs.
    const staffOut = clearedSessionCookies(withLink, 'staff');
    expect(named(staffOut, COOKIES.directLink)).toBeUndefined();
    expect(named(staffOut, COOKIES.csrf)).toBeUndefined();
    // Only the staff session's three cookies: keeping the CSRF cookie adds nothing in its place.
    expect(staffOut.map((c) => c.split('=')[0])).toEqual([COOKIES.staff.idToken, COOKIES.staff.refreshToken, COOKIES.staff.session]);
    expect(named(clearedSessionCookies(event(local, [`${COOKIES.portal.session}=p`]), 'staff'), COOKIES.csrf)).toBeUndefined();
    expect(endedSessionCookies(event(local), 'link')).toEqual([`${COOKIES.directLink}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`]);
    expect(endedSessionCookies(event(local), 'portal')).toEqual(clearedSessionCookies(event(local), 'portal'));
  });

  it('hands callers every session the browser presents', () => {
    const all = event({}, [
      `${COOKIES.portal.idToken}=pi`,
      `${COOKIES.portal.refreshToken}=pr`,
      `${COOKIES.portal.session}=ps`,
      `${COOKIES.staff.session}=ss`,
      `${COOKIES.directLink}=l`,
    ]);
    expect(presentedCredentials(all)).toEqual({
      portal: { idToken: 'pi', refreshToken: 'pr', session: 'ps' },
      staff: { idToken: undefined, refreshToken: undefined, session: 'ss' },
      link: 'l',
    });
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

  it('refuse a missing cookie, and keep a company id of 64 characters but not 65', () => {
    expect(parseSessionCookie(undefined)).toBeUndefined();
    const secret = newLinkToken();
    expect(parseSessionCookie(`${secret}.${'c'.repeat(64)}`)?.companyId).toBe('c'.repeat(64));
    expect(parseSessionCookie(`${secret}.${'c'.repeat(65)}`)).toBeUndefined();
    expect(parseSessionCookie(`${secret}.`)).toBeUndefined();
    expect(parseSessionCookie(`!${secret}`)).toBeUndefined();
  });
});

describe('sessions and secrets', () => {
  const now = new Date('2026-11-01T09:00:00.000Z');

  it('a session is live until it expires or is revoked', () => {
    expect(isLive({ expiresAt: '2026-11-01T09:00:00.001Z' }, now)).toBe(true);
    expect(isLive({ expiresAt: now.toISOString() }, now)).toBe(false);
    expect(isLive({ expiresAt: '2026-12-01T00:00:00.000Z', revokedAt: '2026-10-31T00:00:00.000Z' }, now)).toBe(false);
  });

  it('secrets are equal only when every byte is', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', '')).toBe(true);
  });

  it('stores a token as its SHA-256 in base64url, the form every stored hash already has', () => {
    // FIPS 180-2's test vector for "abc" (ba7816bf…15ad in hex): a change of digest or encoding would orphan every stored link and session.
    expect(hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(hashToken(newLinkToken())).toMatch(/^[A-Za-z0-9_-]{43}$/);
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

  it('refuses what the browser itself calls cross-site, whatever the case, and an origin it cannot read', () => {
    const anonymous = { kind: 'anonymous' as const };
    expect(refusal(() => checkCsrf(event({ ...host, 'sec-fetch-site': 'cross-site' }), 'POST', anonymous))).toBe(failed);
    expect(refusal(() => checkCsrf(event({ ...host, 'sec-fetch-site': 'Cross-Site' }), 'PUT', anonymous))).toBe(failed);
    expect(refusal(() => checkCsrf(event({ ...host, 'sec-fetch-site': 'same-origin' }), 'POST', anonymous))).toBeUndefined();
    expect(refusal(() => checkCsrf(event({ ...host, 'sec-fetch-site': 'cross-site' }), 'GET', anonymous))).toBeUndefined();
    expect(refusal(() => checkCsrf(event({ ...host, origin: 'null' }), 'POST', anonymous))).toBe(failed);
    expect(refusal(() => checkCsrf(event({ origin: 'http://demo.localhost:3000' }), 'POST', anonymous))).toBe(failed);
    // A request without headers is no exception to the rule, and no crash.
    expect(refusal(() => checkCsrf({ cookies: [`${COOKIES.portal.session}=${session}`] } as unknown as APIGatewayProxyEventV2, 'POST', portal))).toBe(failed);
  });

  it('checks a staff caller against the staff session and a link visitor against the link session', () => {
    const staffSession = `${newLinkToken()}`;
    const linkSession = `${newLinkToken()}.link-1`;
    const both = (header: string) =>
      event({ ...host, [CSRF_HEADER]: header }, [`${COOKIES.staff.session}=${staffSession}`, `${COOKIES.directLink}=${linkSession}`]);
    expect(refusal(() => checkCsrf(both(csrfTokenOf(staffSession)), 'POST', { kind: 'staff' }))).toBeUndefined();
    expect(refusal(() => checkCsrf(both(csrfTokenOf(linkSession)), 'POST', { kind: 'staff' }))).toBe(failed);
    expect(refusal(() => checkCsrf(both(csrfTokenOf(linkSession)), 'DELETE', { kind: 'portal', link: {} }))).toBeUndefined();
    expect(refusal(() => checkCsrf(both(csrfTokenOf(staffSession)), 'PATCH', { kind: 'portal', link: {} }))).toBe(failed);
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
