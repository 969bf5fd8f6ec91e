import { COOKIES, type SessionResponse } from '../../shared/api/access';
import { problemType } from '../../shared/problem';
import { auditRepository } from '../../functions/audit/auditRepository';
import { companyRepository } from '../../functions/customers/companyRepository';
import { portalUserRepository } from '../../functions/customers/portalUserRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { DEMO_COMPANIES, DEMO_PORTAL_USER, DEMO_STAFF } from '../../infra/local/seed';
import { activePortalUser, CookieJar, createTenant, deactivate, invitePortalUser, jsonRequest, PASSWORD, signInAs } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const login = (slug: string, email: string, password: string, headers: Record<string, string> = {}) =>
  stack.api(slug, '/api/auth/login', jsonRequest('POST', { email, password }, headers));

/** The parts of a problem a caller sees (the request id and path differ per request). */
async function problemOf(res: Response) {
  const { type, title, status, detail } = (await res.json()) as Record<string, unknown>;
  return { type, title, status, detail };
}

describe('POST /api/auth/login', () => {
  it('signs an active user in: 200, the session in cookies only, and /api/me works with them', async () => {
    const user = await activePortalUser(stack, 'demo');
    const res = await login('demo', user.email, PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SessionResponse;
    expect(body.signedIn).toBe(true);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(body)).not.toMatch(/eyJ/); // no token in the body
    const jar = new CookieJar().take(res);
    for (const name of [COOKIES.portal.idToken, COOKIES.portal.refreshToken, COOKIES.portal.session, COOKIES.csrf]) expect(jar.get(name)).toBeTruthy();
    const me = await stack.api('demo', '/api/me', { headers: jar.headers() });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: user.userId, email: user.email } });
  });

  it('accepts the email in any case and with spaces around it', async () => {
    const user = await activePortalUser(stack, 'demo');
    expect((await login('demo', `  ${user.email.toUpperCase()} `, PASSWORD)).status).toBe(200);
  });

  it('records when the user last signed in', async () => {
    const user = await activePortalUser(stack, 'demo');
    const before = Date.now();
    await signInAs(stack, 'demo', user.email);
    const stored = await portalUserRepository.get('demo', user.userId);
    expect(new Date(stored!.lastSignInAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('gives one and the same 401 for a wrong password, an unknown email and an invitation not yet accepted', async () => {
    const active = await activePortalUser(stack, 'demo');
    const invited = await invitePortalUser('demo');
    const answers = await Promise.all([
      login('demo', active.email, 'Wrong-Password-123!'),
      login('demo', `nobody-${Date.now()}@example.com`, PASSWORD),
      login('demo', invited.email, PASSWORD),
    ]);
    const problems = await Promise.all(answers.map(problemOf));
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(problems[0]).toEqual({ type: problemType('invalid-credentials'), title: 'Unauthorized', status: 401, detail: expect.any(String) });
    expect(problems[1]).toEqual(problems[0]);
    expect(problems[2]).toEqual(problems[0]);
  });

  it('tells a deactivated user so only after the right password', async () => {
    const user = await activePortalUser(stack, 'demo');
    await deactivate('demo', user.userId);
    const wrong = await login('demo', user.email, 'Wrong-Password-123!');
    expect(wrong.status).toBe(401);
    expect((await problemOf(wrong)).type).toBe(problemType('invalid-credentials'));
    const right = await login('demo', user.email, PASSWORD);
    expect(right.status).toBe(403);
    expect((await problemOf(right)).type).toBe(problemType('account-deactivated'));
    expect(right.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a user whose company was taken out of the portal, after the password check', async () => {
    const user = await activePortalUser(stack, 'demo');
    await companyRepository.update('demo', user.companyId, { allowPortal: false });
    expect((await login('demo', user.email, 'Wrong-Password-123!')).status).toBe(401);
    const right = await login('demo', user.email, PASSWORD);
    expect(right.status).toBe(403);
    expect((await problemOf(right)).type).toBe(problemType('company-not-allowed'));
  });

  it('refuses everyone while the tenant has switched its portal off', async () => {
    const slug = await createTenant();
    const user = await activePortalUser(stack, slug);
    const tenant = (await tenantRepository.get(slug))!;
    await tenantRepository.put({ ...tenant, portalEnabled: false });
    const res = await login(slug, user.email, PASSWORD);
    expect(res.status).toBe(403);
    expect((await problemOf(res)).type).toBe(problemType('portal-disabled'));
  });

  it('keeps tenants apart: the same email holds a separate login at each tenant', async () => {
    const email = `shared-${Date.now()}@example.com`;
    const atDemo = await activePortalUser(stack, 'demo', { email });
    const atAcme = await activePortalUser(stack, 'acme', { email });
    expect(atDemo.userId).not.toBe(atAcme.userId);
    expect((await login('demo', email, PASSWORD)).status).toBe(200);
    expect((await login('acme', email, PASSWORD)).status).toBe(200);
    // A session of one tenant is no good on the other's host.
    const demoJar = await signInAs(stack, 'demo', email);
    expect((await stack.api('acme', '/api/me', { headers: demoJar.headers() })).status).toBe(403);
  });

  it('answers 404 on a host that serves no portal', async () => {
    const res = await login('nowhere', 'someone@example.com', PASSWORD);
    expect(res.status).toBe(404);
  });

  it('names the field for bad input, never 5xx', async () => {
    const res = await stack.api('demo', '/api/auth/login', jsonRequest('POST', { email: 'not-an-email', password: '' }));
    expect(res.status).toBe(400);
    const names = ((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('audits success and failure with where they came from', async () => {
    const user = await activePortalUser(stack, 'demo');
    await login('demo', user.email, 'Wrong-Password-123!', { 'user-agent': 'audit-test/1.0' });
    await login('demo', user.email, PASSWORD, { 'user-agent': 'audit-test/1.0' });
    const trail = await auditRepository.listBySubject('demo', `user:${user.userId}`);
    const failed = trail.find((e) => e.action === 'sign-in.failed');
    const succeeded = trail.find((e) => e.action === 'sign-in.succeeded');
    expect(failed).toMatchObject({
      actor: 'anonymous',
      ip: expect.any(String),
      userAgent: 'audit-test/1.0',
      details: expect.objectContaining({ reason: 'wrong-password' }),
    });
    expect(succeeded).toMatchObject({ actor: `portal:${user.userId}`, userAgent: 'audit-test/1.0' });
    const companyTrail = await auditRepository.listBySubject('demo', `company:${user.companyId}`);
    expect(companyTrail.map((e) => e.action)).toEqual(expect.arrayContaining(['sign-in.failed', 'sign-in.succeeded', 'invitation.accepted']));
  });
});

describe('the seeded demo logins', () => {
  it('signs the demo portal user and the demo staff member in with the documented password', async () => {
    const portal = await login('demo', DEMO_PORTAL_USER.email('demo'), DEMO_PORTAL_USER.password);
    expect(portal.status).toBe(200);
    const me = await stack.api('demo', '/api/me', { headers: new CookieJar().take(portal).headers() });
    expect(await me.json()).toMatchObject({ company: { id: DEMO_COMPANIES.allowed.companyId } });
    const staff = await stack.api('demo', '/api/auth/staff/login', jsonRequest('POST', { email: DEMO_STAFF.email('demo'), password: DEMO_STAFF.password }));
    expect(staff.status).toBe(200);
    const jar = new CookieJar().take(staff);
    expect(jar.get(COOKIES.staff.idToken)).toBeTruthy();
    expect(jar.get(COOKIES.staff.session)).toBeTruthy();
    expect(jar.get(COOKIES.portal.idToken)).toBeUndefined();
  });

  it('keeps staff and portal pools apart: a portal password does not open the staff sign-in', async () => {
    const res = await stack.api(
      'demo',
      '/api/auth/staff/login',
      jsonRequest('POST', { email: DEMO_PORTAL_USER.email('demo'), password: DEMO_PORTAL_USER.password }),
    );
    expect(res.status).toBe(401);
    expect((await problemOf(res)).type).toBe(problemType('invalid-credentials'));
  });
});
