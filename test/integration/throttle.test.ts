import { problemType } from '../../shared/problem';
import { auditRepository } from '../../functions/audit/auditRepository';
import { loginThrottleRepository } from '../../functions/identity/loginThrottleRepository';
import { THROTTLE } from '../../functions/identity/loginThrottle';
import { DEMO_STAFF } from '../../infra/local/seed';
import { activePortalUser, jsonRequest, PASSWORD } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const WRONG = 'Wrong-Password-000!';
const login = (email: string, password: string, slug = 'demo', path = '/api/auth/login') => stack.api(slug, path, jsonRequest('POST', { email, password }));
const problem = async (res: Response) => (await res.json()) as { type: string; detail: string; title: string };

async function failTimes(n: number, email: string, slug = 'demo'): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < n; i++) answers.push(await login(email, WRONG, slug));
  return answers;
}

describe('brute-force protection', () => {
  it(`locks a login after ${THROTTLE.maxFailures} failures, then refuses even the right password`, async () => {
    const user = await activePortalUser(stack, 'demo');
    const answers = await failTimes(THROTTLE.maxFailures, user.email);
    expect(answers.slice(0, -1).map((r) => r.status)).toEqual(Array(THROTTLE.maxFailures - 1).fill(401));
    const locked = answers.at(-1)!;
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(THROTTLE.lockSeconds - 10);
    const body = await problem(locked);
    expect(body.type).toBe(problemType('login-locked'));
    expect(body.detail).toMatch(/Try again in 15 minutes/);

    const right = await login(user.email, PASSWORD);
    expect(right.status).toBe(429);
    expect((await problem(right)).type).toBe(problemType('login-locked'));
    const trail = await auditRepository.listBySubject('demo', `user:${user.userId}`);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['sign-in.failed', 'sign-in.locked']));
  });

  it('locks an unknown email just the same, so the lock reveals nothing', async () => {
    const answers = await failTimes(THROTTLE.maxFailures + 1, `nobody-${Date.now()}@example.com`);
    expect(answers.map((r) => r.status)).toEqual([...Array(THROTTLE.maxFailures - 1).fill(401), 429, 429]);
  });

  it('says exactly the same to an unknown email as to a wrong password', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [wrong, unknown] = await Promise.all([login(user.email, WRONG), login(`ghost-${Date.now()}@example.com`, WRONG)]);
    expect(wrong.status).toBe(unknown.status);
    const [a, b] = await Promise.all([problem(wrong), problem(unknown)]);
    expect({ type: a.type, title: a.title, detail: a.detail }).toEqual({ type: b.type, title: b.title, detail: b.detail });
  });

  it('slows repeated failures before locking', async () => {
    const user = await activePortalUser(stack, 'demo');
    await failTimes(THROTTLE.slowFrom - 1, user.email);
    const started = Date.now();
    expect((await login(user.email, WRONG)).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(THROTTLE.slowStepMs - 20);
  });

  it('clears the count on a successful sign-in', async () => {
    const user = await activePortalUser(stack, 'demo');
    await failTimes(THROTTLE.maxFailures - 1, user.email);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    const after = await failTimes(THROTTLE.maxFailures - 1, user.email);
    expect(after.map((r) => r.status)).toEqual(Array(THROTTLE.maxFailures - 1).fill(401));
  });

  it('lets the user in again once the lock is over', async () => {
    const user = await activePortalUser(stack, 'demo');
    await failTimes(THROTTLE.maxFailures, user.email);
    expect((await login(user.email, PASSWORD)).status).toBe(429);
    await loginThrottleRepository.lock({ tenantId: 'demo', pool: 'portal', email: user.email }, new Date(Date.now() - 1000));
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it('counts per tenant: a lock at one tenant leaves the same email at another alone', async () => {
    const email = `both-${Date.now()}@example.com`;
    await activePortalUser(stack, 'demo', { email });
    await activePortalUser(stack, 'acme', { email });
    await failTimes(THROTTLE.maxFailures, email, 'demo');
    expect((await login(email, PASSWORD, 'demo')).status).toBe(429);
    expect((await login(email, PASSWORD, 'acme')).status).toBe(200);
  });

  it('protects the staff sign-in the same way, separately from the portal’s', async () => {
    const email = DEMO_STAFF.email('acme');
    const answers: number[] = [];
    for (let i = 0; i < THROTTLE.maxFailures; i++) answers.push((await login(email, WRONG, 'acme', '/api/auth/staff/login')).status);
    expect(answers).toEqual([...Array(THROTTLE.maxFailures - 1).fill(401), 429]);
    // Cleared (as a password reset would), the right password works again.
    await loginThrottleRepository.clear({ tenantId: 'acme', pool: 'staff', email });
    expect((await login(email, DEMO_STAFF.password, 'acme', '/api/auth/staff/login')).status).toBe(200);
  });
});
