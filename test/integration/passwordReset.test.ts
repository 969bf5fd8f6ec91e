import { problemType } from '../../shared/problem';
import { hashToken, newLinkToken } from '../../functions/core/secrets';
import { auditRepository } from '../../functions/audit/auditRepository';
import { emailedLinkRepository } from '../../functions/identity/emailedLinkRepository';
import { activePortalUser, CookieJar, invitePortalUser, jsonRequest, mailTo, PASSWORD } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const NEW_PASSWORD = 'Brand-New-Password-77!';
const forgot = (email: string, headers: Record<string, string> = {}) => stack.api('demo', '/api/auth/forgot-password', jsonRequest('POST', { email }, headers));
const reset = (token: string, password = NEW_PASSWORD) => stack.api('demo', '/api/auth/reset-password', jsonRequest('POST', { token, password }));
const login = (email: string, password: string) => stack.api('demo', '/api/auth/login', jsonRequest('POST', { email, password }));
const typeOf = async (res: Response) => ((await res.json()) as { type: string }).type;

/** The reset token in the newest email to `email`. */
async function resetTokenFor(email: string): Promise<string> {
  const mails = await mailTo(stack, email);
  const text = mails.at(-1)?.body.text ?? '';
  const token = new RegExp(`http://demo\\.localhost:${stack.port}/reset-password\\?token=([A-Za-z0-9_-]{43})`).exec(text)?.[1];
  if (!token) throw new Error(`no reset link in: ${text}`);
  return token;
}

describe('POST /api/auth/forgot-password', () => {
  it('emails an active user a branded link to the tenant’s own host', async () => {
    const user = await activePortalUser(stack, 'demo');
    const res = await forgot(user.email);
    expect(res.status).toBe(202);
    const mails = await mailTo(stack, user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Reset your password for Brightline Print & Signs');
    expect(mails[0]!.body.html).toContain(`http://demo.localhost:${stack.port}/reset-password?token=`);
    await resetTokenFor(user.email);
    const trail = await auditRepository.listBySubject('demo', `user:${user.userId}`);
    expect(trail.map((e) => e.action)).toContain('password-reset.requested');
  });

  it('answers exactly the same for an unknown email and an invitation not yet accepted, and sends nothing', async () => {
    const user = await activePortalUser(stack, 'demo');
    const invited = await invitePortalUser('demo');
    const unknown = `nobody-${Date.now()}@example.com`;
    const answers = await Promise.all([forgot(user.email), forgot(unknown), forgot(invited.email)]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202]);
    expect(new Set(bodies).size).toBe(1);
    expect(await mailTo(stack, unknown)).toHaveLength(0);
    expect(await mailTo(stack, invited.email)).toHaveLength(0);
  });

  it('sends at most 3 emails an hour to one address, silently', async () => {
    const user = await activePortalUser(stack, 'demo');
    for (let i = 0; i < 5; i++) expect((await forgot(user.email)).status).toBe(202);
    expect(await mailTo(stack, user.email)).toHaveLength(3);
  });

  it('refuses a request posted from another site', async () => {
    const res = await forgot('someone@example.com', { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('POST /api/auth/reset-password', () => {
  it('sets the new password once, revokes the old sessions and signs the user in afresh', async () => {
    const user = await activePortalUser(stack, 'demo');
    const oldSession = user.jar;
    await forgot(user.email);
    const token = await resetTokenFor(user.email);

    const res = await reset(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ signedIn: true });
    const fresh = new CookieJar().take(res);
    expect((await stack.api('demo', '/api/me', { headers: fresh.headers() })).status).toBe(200);
    // Whoever held a session from before is out.
    expect((await stack.api('demo', '/api/me', { headers: oldSession.headers() })).status).toBe(401);
    // The new password works, the old one does not.
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
    expect((await login(user.email, PASSWORD)).status).toBe(401);
    // The link works once.
    const again = await reset(token, 'Yet-Another-Password-9!');
    expect(again.status).toBe(410);
    expect(await typeOf(again)).toBe(problemType('invitation-used'));

    const trail = await auditRepository.listBySubject('demo', `user:${user.userId}`);
    expect(trail.map((e) => e.action)).toContain('password-reset.completed');
  });

  it('refuses an expired link and an unknown one', async () => {
    const user = await activePortalUser(stack, 'demo');
    const token = newLinkToken();
    await emailedLinkRepository.create({
      tenantId: 'demo',
      tokenHash: hashToken(token),
      purpose: 'password-reset',
      userId: user.userId,
      pool: 'portal',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const expired = await reset(token);
    expect(expired.status).toBe(410);
    expect(await typeOf(expired)).toBe(problemType('invitation-expired'));
    const unknown = await reset(newLinkToken());
    expect(unknown.status).toBe(404);
    expect(await typeOf(unknown)).toBe(problemType('link-invalid'));
  });

  it('does not take an invitation link as a reset link', async () => {
    const invited = await invitePortalUser('demo');
    const res = await reset(invited.token);
    expect(res.status).toBe(404);
  });

  it('unlocks a login that too many failures had locked', async () => {
    const user = await activePortalUser(stack, 'demo');
    for (let i = 0; i < 5; i++) await login(user.email, 'Wrong-Password-000!');
    expect((await login(user.email, PASSWORD)).status).toBe(429);
    await forgot(user.email);
    expect((await reset(await resetTokenFor(user.email))).status).toBe(200);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('names the password field when it is below the policy', async () => {
    const res = await reset(newLinkToken(), 'weak');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name)).toContain('body.password');
  });
});
