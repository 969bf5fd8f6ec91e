import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { InvitationInfo } from '../../shared/api/access';
import { problemType } from '../../shared/problem';
import { newLinkToken } from '../../functions/core/secrets';
import { auditRepository } from '../../functions/audit/auditRepository';
import { cognitoUsernameFor, portalUserRepository } from '../../functions/customers/portalUserRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { CookieJar, createTenant, invitePortalUser, jsonRequest, PASSWORD, resendInvitation } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const inspect = (token: string, slug = 'demo') => stack.api(slug, `/api/auth/invitations/${token}`);
const accept = (token: string, password = PASSWORD, slug = 'demo', headers: Record<string, string> = {}) =>
  stack.api(slug, `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password }, headers));

async function expectProblem(res: Response, status: number, slug: Parameters<typeof problemType>[0]): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(((await res.json()) as { type: string }).type).toBe(problemType(slug));
}

describe('a valid invitation', () => {
  it('describes itself: who it is for, the company, until when, and the password policy', async () => {
    const invited = await invitePortalUser('demo');
    const res = await inspect(invited.token);
    expect(res.status).toBe(200);
    const info = (await res.json()) as InvitationInfo;
    expect(info).toEqual({
      email: invited.email,
      firstName: 'Robin',
      companyName: `Company ${invited.companyId}`,
      expiresAt: expect.any(String),
      passwordRules: { minLength: 12, requires: expect.arrayContaining(['a digit', 'a symbol']) },
    });
  });

  it('is accepted once: the password is set, the user is active and signed in', async () => {
    const invited = await invitePortalUser('demo');
    const res = await accept(invited.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ signedIn: true });
    const jar = new CookieJar().take(res);
    expect((await stack.api('demo', '/api/me', { headers: jar.headers() })).status).toBe(200);

    const user = await portalUserRepository.get('demo', invited.userId);
    expect(user).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    expect(user?.invitationHash).toBeUndefined();
    const account = await stack.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.endpoints.portalPool.poolId, Username: cognitoUsernameFor('demo', invited.userId) }),
    );
    expect(account.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'custom:tenantId', Value: 'demo' },
        { Name: 'email', Value: invited.email },
      ]),
    );
    const trail = await auditRepository.listBySubject('demo', `user:${invited.userId}`);
    expect(trail.map((e) => e.action)).toContain('invitation.accepted');
  });
});

describe('an invitation that no longer works is refused with the reason', () => {
  it('used: a second accept, and a look at the link afterwards', async () => {
    const invited = await invitePortalUser('demo');
    expect((await accept(invited.token)).status).toBe(200);
    await expectProblem(await accept(invited.token, 'Another-Password-456!'), 410, 'invitation-used');
    await expectProblem(await inspect(invited.token), 410, 'invitation-used');
  });

  it('expired', async () => {
    const invited = await invitePortalUser('demo', { expiresAt: new Date(Date.now() - 60_000) });
    await expectProblem(await inspect(invited.token), 410, 'invitation-expired');
    await expectProblem(await accept(invited.token), 410, 'invitation-expired');
    expect((await portalUserRepository.get('demo', invited.userId))?.status).toBe('invited');
  });

  it('replaced by a resend: the old link is refused, the new one works', async () => {
    const invited = await invitePortalUser('demo');
    const newer = await resendInvitation(invited);
    await expectProblem(await inspect(invited.token), 410, 'invitation-replaced');
    await expectProblem(await accept(invited.token), 410, 'invitation-replaced');
    expect((await inspect(newer)).status).toBe(200);
    expect((await accept(newer)).status).toBe(200);
  });

  it('guessed: a random token is unknown, a malformed one is bad input', async () => {
    await expectProblem(await inspect(newLinkToken()), 404, 'link-invalid');
    await expectProblem(await accept(newLinkToken()), 404, 'link-invalid');
    const malformed = await inspect('short');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: { name: string }[] }).errors[0]!.name).toBe('path.token');
  });

  it('another tenant’s link on this tenant’s host is unknown here', async () => {
    const invited = await invitePortalUser('acme');
    await expectProblem(await inspect(invited.token, 'demo'), 404, 'link-invalid');
    await expectProblem(await accept(invited.token, PASSWORD, 'demo'), 404, 'link-invalid');
  });

  it('for a deactivated user, a company kept out, or a portal switched off', async () => {
    const deactivated = await invitePortalUser('demo');
    await portalUserRepository.update('demo', deactivated.userId, { status: 'deactivated' });
    await expectProblem(await inspect(deactivated.token), 403, 'account-deactivated');
    await expectProblem(await accept(deactivated.token), 403, 'account-deactivated');

    const keptOut = await invitePortalUser('demo', { allowPortal: false });
    await expectProblem(await inspect(keptOut.token), 403, 'company-not-allowed');
    await expectProblem(await accept(keptOut.token), 403, 'company-not-allowed');

    const slug = await createTenant();
    const offPortal = await invitePortalUser(slug);
    await tenantRepository.put({ ...(await tenantRepository.get(slug))!, portalEnabled: false });
    await expectProblem(await inspect(offPortal.token, slug), 403, 'portal-disabled');
  });
});

describe('accepting', () => {
  it('lets exactly one of two concurrent accepts win', async () => {
    const invited = await invitePortalUser('demo');
    const results = await Promise.all([accept(invited.token, 'First-Password-123!'), accept(invited.token, 'Second-Password-456!')]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
    const loser = results.find((r) => r.status === 410)!;
    expect(((await loser.json()) as { type: string }).type).toBe(problemType('invitation-used'));
    // The winner's password is the one that works.
    const winner = results.findIndex((r) => r.status === 200);
    const password = winner === 0 ? 'First-Password-123!' : 'Second-Password-456!';
    expect((await stack.api('demo', '/api/auth/login', jsonRequest('POST', { email: invited.email, password }))).status).toBe(200);
  });

  it('refuses a password below the policy, naming the field, and leaves the link usable', async () => {
    const invited = await invitePortalUser('demo');
    const res = await accept(invited.token, 'short');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name)).toContain('body.password');
    expect((await inspect(invited.token)).status).toBe(200);
  });

  it('works again after an earlier acceptance failed half-way (the Cognito login already exists)', async () => {
    const invited = await invitePortalUser('demo');
    await stack.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: stack.endpoints.portalPool.poolId,
        Username: cognitoUsernameFor('demo', invited.userId),
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'old-address@example.com' },
          { Name: 'custom:tenantId', Value: 'demo' },
        ],
      }),
    );
    expect((await accept(invited.token)).status).toBe(200);
    const account = await stack.cognito.send(
      new AdminGetUserCommand({ UserPoolId: stack.endpoints.portalPool.poolId, Username: cognitoUsernameFor('demo', invited.userId) }),
    );
    expect(account.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: invited.email }]));
  });

  it('refuses an accept posted from another site', async () => {
    const invited = await invitePortalUser('demo');
    await expectProblem(await accept(invited.token, PASSWORD, 'demo', { origin: 'https://evil.example' }), 403, 'csrf-check-failed');
    expect((await accept(invited.token)).status).toBe(200);
  });
});
