import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { COOKIES, CSRF_HEADER } from '../../shared/api/access';
import { problemType } from '../../shared/problem';
import { hashToken, newLinkToken } from '../../functions/core/secrets';
import { portalUserRepository } from '../../functions/customers/portalUserRepository';
import { sessionRepository } from '../../functions/identity/sessionRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { DEMO_STAFF } from '../../infra/local/seed';
import { activePortalUser, CookieJar, deactivate, jsonRequest, PASSWORD, setCookiesOf, signInAs, type SignedInUser } from '../support/portalAccess';
import { requestWithHost, startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const me = (jar: CookieJar, slug = 'demo') => stack.api(slug, '/api/me', { headers: jar.headers() });
const post = (path: string, jar?: CookieJar, headers: Record<string, string> = {}) =>
  stack.api('demo', path, { method: 'POST', headers: { ...jar?.headers(), ...headers } });
const typeOf = async (res: Response) => ((await res.json()) as { type: string }).type;
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

describe('session cookies', () => {
  let user: SignedInUser;
  let cookies: ReturnType<typeof setCookiesOf>;
  beforeAll(async () => {
    user = await activePortalUser(stack, 'demo');
    cookies = setCookiesOf(await stack.api('demo', '/api/auth/login', jsonRequest('POST', { email: user.email, password: PASSWORD })));
  });
  const cookie = (name: string) => cookies.find((c) => c.name === name)!;

  it('keeps the ID token in an HttpOnly, SameSite=Lax cookie on / that lives as long as the token', () => {
    const c = cookie(COOKIES.portal.idToken);
    expect(c.attributes).toMatchObject({ path: '/', httponly: true, samesite: 'Lax' });
    const exp = Number(claims(c.value).exp);
    expect(Math.abs(Number(c.attributes['max-age']) - (exp - Date.now() / 1000))).toBeLessThan(5);
  });

  it('issues tokens that live one hour, as the cloud pools do (cognito-local would give 24)', async () => {
    const idToken = claims(cookie(COOKIES.portal.idToken).value);
    expect(Number(idToken.exp) - Number(idToken.iat)).toBe(3_600);
    const refreshed = await stack.cognito.send(
      new InitiateAuthCommand({
        ClientId: stack.endpoints.portalPool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: cookie(COOKIES.portal.refreshToken).value },
      }),
    );
    const access = claims(refreshed.AuthenticationResult!.AccessToken!);
    expect(access.token_use).toBe('access');
    expect(Number(access.exp) - Number(access.iat)).toBe(3_600);
  });

  it('sends the refresh token only to /api/auth, for the 30 days of the session', () => {
    expect(cookie(COOKIES.portal.refreshToken).attributes).toMatchObject({ path: '/api/auth', httponly: true, samesite: 'Lax' });
    expect(Math.abs(Number(cookie(COOKIES.portal.refreshToken).attributes['max-age']) - 30 * 86_400)).toBeLessThan(5);
  });

  it('keeps the session id HttpOnly, and the CSRF token readable by the site but SameSite=Strict', () => {
    expect(cookie(COOKIES.portal.session).attributes).toMatchObject({ path: '/', httponly: true, samesite: 'Lax' });
    const csrf = cookie(COOKIES.csrf);
    expect(csrf.attributes).toMatchObject({ path: '/', samesite: 'Strict' });
    expect(csrf.attributes.httponly).toBeUndefined();
    expect(csrf.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('leaves Secure off only for plain http to *.localhost', () => {
    for (const c of cookies) expect(c.attributes.secure).toBeUndefined();
  });

  it('marks every cookie Secure on any other host, even over the local http gateway', async () => {
    const host = `portal-${Date.now()}.example.com`;
    await tenantRepository.claimHost(`host:${host}`, 'demo', true);
    const res = await requestWithHost(stack.port, host, '/api/auth/login', jsonRequest('POST', { email: user.email, password: PASSWORD }));
    expect(res.status).toBe(200);
    const set = setCookiesOf(res);
    expect(set).toHaveLength(4);
    for (const c of set) expect(c.attributes.secure).toBe(true);
  });
});

describe('refresh', () => {
  it('renews the ID token cookie of a live session and keeps the CSRF token', async () => {
    const user = await activePortalUser(stack, 'demo');
    const res = await post('/api/auth/refresh', user.jar);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ signedIn: true, expiresAt: expect.any(String) });
    const renewed = user.jar.clone().take(res);
    expect(renewed.get(COOKIES.portal.idToken)).not.toBe(user.jar.get(COOKIES.portal.idToken));
    expect(renewed.get(COOKIES.csrf)).toBe(user.jar.get(COOKIES.csrf));
    expect((await me(renewed)).status).toBe(200);
  });

  it('refuses without a refresh cookie, or with a session that is not live, and clears the cookies', async () => {
    const user = await activePortalUser(stack, 'demo');
    const noRefresh = user.jar.clone();
    noRefresh.cookies.delete(COOKIES.portal.refreshToken);
    expect((await post('/api/auth/refresh', noRefresh)).status).toBe(401);

    await sessionRepository.revokeAllOf('demo', 'portal', user.userId);
    const res = await post('/api/auth/refresh', user.jar);
    expect(res.status).toBe(401);
    const cleared = setCookiesOf(res);
    expect(cleared.map((c) => c.name).sort()).toEqual([COOKIES.portal.idToken, COOKIES.portal.refreshToken, COOKIES.portal.session, COOKIES.csrf].sort());
    for (const c of cleared) expect(c.attributes['max-age']).toBe('0');
  });

  it('does not renew for a deactivated user', async () => {
    const user = await activePortalUser(stack, 'demo');
    await portalUserRepository.update('demo', user.userId, { status: 'deactivated' });
    const res = await post('/api/auth/refresh', user.jar);
    expect(res.status).toBe(403);
    expect(await typeOf(res)).toBe(problemType('account-deactivated'));
  });

  it('does not take one user’s refresh token with another user’s session', async () => {
    const [a, b] = await Promise.all([activePortalUser(stack, 'demo'), activePortalUser(stack, 'demo')]);
    const mixed = a.jar.clone();
    mixed.cookies.set(COOKIES.portal.refreshToken, b.jar.get(COOKIES.portal.refreshToken)!);
    expect((await post('/api/auth/refresh', mixed)).status).toBe(401);
  });
});

describe('logout', () => {
  it('revokes the refresh token and the session, and clears every cookie', async () => {
    const user = await activePortalUser(stack, 'demo');
    const refreshToken = user.jar.get(COOKIES.portal.refreshToken)!;
    const res = await post('/api/auth/logout', user.jar);
    expect(res.status).toBe(204);
    const cleared = setCookiesOf(res);
    expect(cleared.map((c) => c.name).sort()).toEqual([COOKIES.portal.idToken, COOKIES.portal.refreshToken, COOKIES.portal.session, COOKIES.csrf].sort());
    expect(cleared.find((c) => c.name === COOKIES.portal.refreshToken)!.attributes).toMatchObject({ 'max-age': '0', path: '/api/auth' });

    // The old cookies no longer open anything…
    expect((await me(user.jar)).status).toBe(401);
    expect((await post('/api/auth/refresh', user.jar)).status).toBe(401);
    // …and Cognito itself no longer takes the refresh token.
    const clientId = stack.endpoints.portalPool.clientId;
    await expect(
      stack.cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const sid = user.jar.get(COOKIES.portal.session)!.split('.')[0]!;
    expect((await sessionRepository.get('demo', hashToken(sid)))?.revokedAt).toBeTruthy();
  });

  it('answers 204 without any session, and again after signing out', async () => {
    expect((await post('/api/auth/logout')).status).toBe(204);
    const user = await activePortalUser(stack, 'demo');
    expect((await post('/api/auth/logout', user.jar)).status).toBe(204);
    expect((await post('/api/auth/logout', user.jar)).status).toBe(204);
  });

  it('takes an empty JSON object as no body, as the site’s fetch helper sends it', async () => {
    const user = await activePortalUser(stack, 'demo');
    const refreshed = await stack.api('demo', '/api/auth/refresh', jsonRequest('POST', {}, user.jar.headers()));
    expect(refreshed.status).toBe(200);
    const out = await stack.api('demo', '/api/auth/logout', jsonRequest('POST', {}, user.jar.headers()));
    expect(out.status).toBe(204);
    expect((await me(user.jar)).status).toBe(401);
  });

  it('ends only its own session: the same user signed in elsewhere stays in', async () => {
    const user = await activePortalUser(stack, 'demo');
    const elsewhere = await signInAs(stack, 'demo', user.email);
    await post('/api/auth/logout', user.jar);
    expect((await me(elsewhere)).status).toBe(200);
  });
});

describe('the auth context refuses at once', () => {
  it('a deactivated user, with cookies issued before', async () => {
    const user = await activePortalUser(stack, 'demo');
    expect((await me(user.jar)).status).toBe(200);
    await deactivate('demo', user.userId);
    const res = await me(user.jar);
    expect(res.status).toBe(403);
    expect(await typeOf(res)).toBe(problemType('account-deactivated'));
  });

  it('a deactivated user even if their sessions were left alone', async () => {
    const user = await activePortalUser(stack, 'demo');
    await portalUserRepository.update('demo', user.userId, { status: 'deactivated' });
    expect((await me(user.jar)).status).toBe(403);
  });

  it('a session that has expired, though the ID token has not', async () => {
    const user = await activePortalUser(stack, 'demo');
    const idToken = user.jar.get(COOKIES.portal.idToken)!;
    const secret = newLinkToken();
    await sessionRepository.create({
      tenantId: 'demo',
      sessionId: hashToken(secret),
      pool: 'portal',
      userId: user.userId,
      sub: String(claims(idToken).sub),
      companyId: user.companyId,
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const jar = user.jar.clone();
    jar.cookies.set(COOKIES.portal.session, `${secret}.${user.companyId}`);
    expect((await me(jar)).status).toBe(401);
  });

  it('a session cookie of another user, or naming another company', async () => {
    const [a, b] = await Promise.all([activePortalUser(stack, 'demo'), activePortalUser(stack, 'demo')]);
    const swapped = a.jar.clone();
    swapped.cookies.set(COOKIES.portal.session, b.jar.get(COOKIES.portal.session)!);
    expect((await me(swapped)).status).toBe(401);
    const otherCompany = a.jar.clone();
    otherCompany.cookies.set(COOKIES.portal.session, `${a.jar.get(COOKIES.portal.session)!.split('.')[0]}.${b.companyId}`);
    expect((await me(otherCompany)).status).toBe(401);
  });

  it('an ID token alone, a session alone, and a bearer ID token', async () => {
    const user = await activePortalUser(stack, 'demo');
    const idOnly = user.jar.clone();
    idOnly.cookies.delete(COOKIES.portal.session);
    const sidOnly = user.jar.clone();
    sidOnly.cookies.delete(COOKIES.portal.idToken);
    expect((await me(idOnly)).status).toBe(401);
    expect((await me(sidOnly)).status).toBe(401);
    const bearer = await stack.api('demo', '/api/me', { headers: { authorization: `Bearer ${user.jar.get(COOKIES.portal.idToken)}` } });
    expect(bearer.status).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  let user: SignedInUser;
  beforeAll(async () => {
    user = await activePortalUser(stack, 'demo');
  });
  const patchMe = (headers: Record<string, string>) => stack.api('demo', '/api/me', jsonRequest('PATCH', { phone: '+44 20 7946 0000' }, headers));

  it('requires the CSRF header, carrying the session’s token, on PATCH /api/me', async () => {
    const without = await patchMe(user.jar.headers({ csrf: false }));
    expect(without.status).toBe(403);
    expect(await typeOf(without)).toBe(problemType('csrf-check-failed'));
    const wrong = await patchMe({ ...user.jar.headers({ csrf: false }), [CSRF_HEADER]: newLinkToken() });
    expect(wrong.status).toBe(403);
    expect((await patchMe(user.jar.headers())).status).toBe(200);
  });

  it('refuses a sign-in posted from another origin, or that the browser calls cross-site', async () => {
    const body = { email: user.email, password: PASSWORD };
    const foreign = await stack.api('demo', '/api/auth/login', jsonRequest('POST', body, { origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    expect(await typeOf(foreign)).toBe(problemType('csrf-check-failed'));
    const sibling = await stack.api('demo', '/api/auth/login', jsonRequest('POST', body, { origin: `http://acme.localhost:${stack.port}` }));
    expect(sibling.status).toBe(403);
    const crossSite = await stack.api('demo', '/api/auth/login', jsonRequest('POST', body, { 'sec-fetch-site': 'cross-site' }));
    expect(crossSite.status).toBe(403);
    const nullOrigin = await stack.api('demo', '/api/auth/login', jsonRequest('POST', body, { origin: 'null' }));
    expect(nullOrigin.status).toBe(403);
    const sameOrigin = await stack.api(
      'demo',
      '/api/auth/login',
      jsonRequest('POST', body, { origin: `http://demo.localhost:${stack.port}`, 'sec-fetch-site': 'same-origin' }),
    );
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a second CSRF cookie, as a sibling subdomain could set, with a header to match', async () => {
    // A cookie set for the parent domain comes first when its path is longer; either order must fail.
    for (const cookie of [`${COOKIES.csrf}=forged; ${user.jar.headers().cookie}`, `${user.jar.headers().cookie}; ${COOKIES.csrf}=forged`]) {
      const res = await patchMe({ cookie, [CSRF_HEADER]: 'forged' });
      expect(res.status).toBe(403);
      expect(await typeOf(res)).toBe(problemType('csrf-check-failed'));
    }
  });

  it('refuses the CSRF token of another session, even as cookie and header both', async () => {
    const other = await activePortalUser(stack, 'demo');
    const borrowed = user.jar.clone();
    borrowed.cookies.set(COOKIES.csrf, other.jar.get(COOKIES.csrf)!);
    expect((await patchMe(borrowed.headers())).status).toBe(403);
    // A new sign-in of the same user is a new session with a token of its own.
    const again = await signInAs(stack, 'demo', user.email);
    expect(again.get(COOKIES.csrf)).not.toBe(user.jar.get(COOKIES.csrf));
    const mixed = again.clone();
    mixed.cookies.set(COOKIES.csrf, user.jar.get(COOKIES.csrf)!);
    expect((await patchMe(mixed.headers())).status).toBe(403);
  });

  it('compares the whole origin: scheme, host and port', async () => {
    const cookies = user.jar.headers();
    for (const origin of [`https://demo.localhost:${stack.port}`, `http://demo.localhost:${stack.port + 1}`, 'http://demo.localhost']) {
      const res = await patchMe({ ...cookies, origin });
      expect(res.status).toBe(403);
      expect(await typeOf(res)).toBe(problemType('csrf-check-failed'));
    }
    expect((await patchMe({ ...cookies, origin: `http://demo.localhost:${stack.port}` })).status).toBe(200);
  });

  it('keeps both sessions of one browser working: a portal sign-in and a staff sign-in', async () => {
    const jar = (await activePortalUser(stack, 'demo')).jar;
    jar.take(
      await stack.api('demo', '/api/auth/staff/login', jsonRequest('POST', { email: DEMO_STAFF.email('demo'), password: DEMO_STAFF.password }, jar.headers())),
    );
    expect(jar.get(COOKIES.staff.session)).toBeDefined();
    expect((await patchMe(jar.headers())).status).toBe(200);
    const staffPatch = await stack.api('demo', '/api/admin/settings', jsonRequest('PATCH', { name: 'Brightline Print & Signs' }, jar.headers()));
    expect(staffPatch.status).toBe(200);
    // A renewal re-issues the token of every session the browser holds.
    jar.take(await post('/api/auth/refresh', jar));
    expect((await patchMe(jar.headers())).status).toBe(200);
    // Signing out of the portal leaves the staff session's token working.
    jar.take(await post('/api/auth/logout', jar));
    expect(jar.get(COOKIES.portal.session)).toBeUndefined();
    const after = await stack.api('demo', '/api/admin/settings', jsonRequest('PATCH', { name: 'Brightline Print & Signs' }, jar.headers()));
    expect(after.status).toBe(200);
  });

  it('lets GET through without the header (nothing changes)', async () => {
    expect((await stack.api('demo', '/api/me', { headers: user.jar.headers({ csrf: false }) })).status).toBe(200);
  });
});

describe('staff sessions', () => {
  it('sign in, refresh and sign out with the staff cookies', async () => {
    const res = await stack.api('demo', '/api/auth/staff/login', jsonRequest('POST', { email: DEMO_STAFF.email('demo'), password: DEMO_STAFF.password }));
    expect(res.status).toBe(200);
    const jar = new CookieJar().take(res);
    const staffIdToken = claims(jar.get(COOKIES.staff.idToken)!);
    expect(Number(staffIdToken.exp) - Number(staffIdToken.iat)).toBe(3_600);
    const refreshCookie = setCookiesOf(res).find((c) => c.name === COOKIES.staff.refreshToken)!;
    expect(refreshCookie.attributes).toMatchObject({ path: '/api/auth/staff', httponly: true });
    expect(Math.abs(Number(refreshCookie.attributes['max-age']) - 12 * 3600)).toBeLessThan(5);

    const refreshed = await post('/api/auth/staff/refresh', jar);
    expect(refreshed.status).toBe(200);
    const out = await post('/api/auth/staff/logout', jar);
    expect(out.status).toBe(204);
    expect(setCookiesOf(out).map((c) => c.name)).toEqual(expect.arrayContaining([COOKIES.staff.idToken, COOKIES.staff.session, COOKIES.staff.refreshToken]));
    expect((await post('/api/auth/staff/refresh', jar)).status).toBe(401);
  });
});
