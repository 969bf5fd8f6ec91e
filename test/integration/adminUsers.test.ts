import { auditRepository } from '../../functions/audit/auditRepository';
import { portalUserRepository } from '../../functions/customers/portalUserRepository';
import { adminClient, uniqueEmail, type AdminClient } from '../support/adminApi';
import { PASSWORD } from '../support/portalAccess';
import { portalUserViaAdminApi, signIn, type PortalUserFixture } from '../support/callers';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(60_000);

let stack: TestStack;
let demo: AdminClient;
let acme: AdminClient;

beforeAll(async () => {
  stack = await startTestStack();
  demo = adminClient(stack, 'demo');
  acme = adminClient(stack, 'acme');
});
afterAll(async () => {
  await stack?.stop();
});

const me = (user: PortalUserFixture) => stack.api('demo', '/api/me', { headers: user.caller.headers });

/** An invited (not yet accepted) user of a new demo company. */
async function invitedUser() {
  const { body: co } = await demo('POST', '/api/admin/companies', { name: 'Invited Co', kind: 'customer', allowPortal: true });
  const { body: ct } = await demo('POST', '/api/admin/contacts', { companyId: co.companyId, firstName: 'Ivy', lastName: 'Invited', email: uniqueEmail('ivy') });
  expect((await demo('POST', `/api/admin/contacts/${ct.contactId}/portal-login`, { teams: ['customer-portal-users'] })).status).toBe(201);
  return { userId: ct.contactId as string, companyId: co.companyId as string };
}

describe('deactivating and reactivating a signed-in user', () => {
  let user: PortalUserFixture;
  beforeAll(async () => {
    user = await portalUserViaAdminApi(stack, 'demo');
  });

  it('shows the active user with teams, permissions and effective status', async () => {
    const res = await demo('GET', `/api/admin/portal-users/${user.userId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      userId: user.userId,
      companyId: user.companyId,
      email: user.email,
      status: 'active',
      effectiveStatus: 'active',
      teams: [{ teamId: 'customer-portal-users', name: 'Customer Portal Users' }],
      activatedAt: expect.any(String),
    });
    expect(res.body.permissions).toContain('quotes:read');
    // Brightline has no purchase-orders module: that permission is never effective there.
    expect(res.body.permissions).not.toContain('purchase-orders:read');
    expect(res.body).not.toHaveProperty('invitationHash');
    expect(res.body).not.toHaveProperty('cognitoUsername');
    expect((await me(user)).status).toBe(200);
  });

  it('locks the user out at once: status and sessions; signing in again says the account is deactivated', async () => {
    const res = await demo('POST', `/api/admin/portal-users/${user.userId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'deactivated', effectiveStatus: 'deactivated', deactivatedAt: expect.any(String) });
    // The cookies of the session opened before are refused on the very next request.
    const refused = await me(user);
    expect([401, 403]).toContain(refused.status);
    const [record] = await auditRepository.listBySubject('demo', `user:${user.userId}`);
    expect(record).toMatchObject({ action: 'user.deactivated', actor: 'api-key:localdemo1', details: { from: 'active' } });
    expect(record!.details.sessionsRevoked).toBeGreaterThanOrEqual(1);
    // Signing in again is refused too.
    const again = await stack.api('demo', '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(again.status).toBe(403);
    expect((await again.json()).type).toBe('https://portico.dev/problems/account-deactivated');
  });

  it('is safe to repeat, and audits only the change', async () => {
    const before = (await auditRepository.listBySubject('demo', `user:${user.userId}`)).length;
    expect((await demo('POST', `/api/admin/portal-users/${user.userId}/deactivate`)).status).toBe(200);
    expect(await auditRepository.listBySubject('demo', `user:${user.userId}`)).toHaveLength(before);
  });

  it('lets the user in again on reactivation, with a new sign-in (old sessions stay revoked)', async () => {
    const res = await demo('POST', `/api/admin/portal-users/${user.userId}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', effectiveStatus: 'active' });
    expect(res.body).not.toHaveProperty('deactivatedAt');
    expect((await me(user)).status).toBe(401);
    const again = await signIn(stack, 'demo', user.email, PASSWORD);
    expect((await stack.api('demo', '/api/me', { headers: again.headers })).status).toBe(200);
    const trail = await auditRepository.listBySubject('demo', `company:${user.companyId}`);
    expect(trail.find((r) => r.action === 'user.reactivated')).toMatchObject({ actor: 'api-key:localdemo1', details: { to: 'active' } });
  });
});

describe('deactivating an invited user', () => {
  it('needs no Cognito user, withdraws the invitation, and comes back as invited', async () => {
    const { userId } = await invitedUser();
    const res = await demo('POST', `/api/admin/portal-users/${userId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('deactivated');
    const stored = await portalUserRepository.get('demo', userId);
    expect(stored?.invitationHash).toBeUndefined();
    expect((await auditRepository.listBySubject('demo', `user:${userId}`))[0]).toMatchObject({ action: 'user.deactivated', details: { from: 'invited' } });

    const back = await demo('POST', `/api/admin/portal-users/${userId}/reactivate`);
    expect(back.body).toMatchObject({ status: 'invited', effectiveStatus: 'invitation-expired' });
    // Staff then send a new invitation.
    expect((await demo('POST', `/api/admin/contacts/${userId}/portal-login`, { teams: ['customer-portal-users'] })).status).toBe(201);
    expect((await demo('GET', `/api/admin/portal-users/${userId}`)).body.effectiveStatus).toBe('invited');
  });

  it('of two deactivations at once, both answer and one is recorded', async () => {
    const { userId } = await invitedUser();
    const results = await Promise.all([1, 2, 3].map(() => demo('POST', `/api/admin/portal-users/${userId}/deactivate`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const records = (await auditRepository.listBySubject('demo', `user:${userId}`)).filter((r) => r.action === 'user.deactivated');
    expect(records).toHaveLength(1);
  });
});

describe('teams of a user', () => {
  it('sets the teams (PUT), de-duplicated, and audits from → to', async () => {
    const { userId, companyId } = await invitedUser();
    const res = await demo('PUT', `/api/admin/portal-users/${userId}/teams`, {
      teams: ['customer-portal-supplier-users', 'customer-portal-users', 'customer-portal-users'],
    });
    expect(res.status).toBe(200);
    expect(res.body.teams.map((t: { teamId: string }) => t.teamId)).toEqual(['customer-portal-supplier-users', 'customer-portal-users']);
    const [record] = await auditRepository.listBySubject('demo', `company:${companyId}`);
    expect(record).toMatchObject({
      action: 'user.teams-changed',
      details: { from: ['customer-portal-users'], to: ['customer-portal-supplier-users', 'customer-portal-users'] },
    });
  });

  it('refuses a team that does not exist, and an empty list', async () => {
    const { userId } = await invitedUser();
    const unknown = await demo('PUT', `/api/admin/portal-users/${userId}/teams`, { teams: ['ghosts'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ name: 'body.teams' })]);
    expect((await demo('PUT', `/api/admin/portal-users/${userId}/teams`, { teams: [] })).status).toBe(400);
    expect((await portalUserRepository.get('demo', userId))?.teams).toEqual(['customer-portal-users']);
  });

  it('takes effect on the user’s next request', async () => {
    const user = await portalUserViaAdminApi(stack, 'demo', { teams: ['customer-portal-users'] });
    expect((await me(user)).status).toBe(200);
    expect((await (await me(user)).json()).permissions).toContain('quotes:read');
    await demo('PUT', `/api/admin/portal-users/${user.userId}/teams`, { teams: ['customer-portal-supplier-users'] });
    expect((await (await me(user)).json()).permissions).not.toContain('quotes:read');
  });
});

describe('listing users', () => {
  it('lists by company and by status, a page at a time', async () => {
    const first = await invitedUser();
    const { body: second } = await demo('POST', '/api/admin/contacts', {
      companyId: first.companyId,
      firstName: 'Second',
      lastName: 'User',
      email: uniqueEmail('second'),
    });
    await demo('POST', `/api/admin/contacts/${second.contactId}/portal-login`, { teams: ['customer-portal-users'] });
    await demo('POST', `/api/admin/portal-users/${second.contactId}/deactivate`);

    const page1 = await demo('GET', `/api/admin/portal-users?companyId=${first.companyId}&limit=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    const page2 = await demo('GET', `/api/admin/portal-users?companyId=${first.companyId}&limit=1&cursor=${encodeURIComponent(page1.body.cursor)}`);
    const ids = [...page1.body.items, ...page2.body.items].map((u: { userId: string }) => u.userId).sort();
    expect(ids).toEqual([first.userId, second.contactId].sort());

    const deactivated = await demo('GET', `/api/admin/portal-users?companyId=${first.companyId}&status=deactivated`);
    expect(deactivated.body.items.map((u: { userId: string }) => u.userId)).toEqual([second.contactId]);
    expect(deactivated.body.items[0]).toMatchObject({
      effectiveStatus: 'deactivated',
      teams: [{ teamId: 'customer-portal-users', name: 'Customer Portal Users' }],
    });
  });

  it('refuses a bad status filter with a 400', async () => {
    const res = await demo('GET', '/api/admin/portal-users?status=banned');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'query.status' })]);
  });
});

describe('teams', () => {
  it('lists the two default teams with their permissions', async () => {
    const res = await acme('GET', '/api/admin/teams');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { teamId: string; name: string }) => [t.teamId, t.name])).toEqual([
      ['customer-portal-supplier-users', 'Customer Portal Supplier Users'],
      ['customer-portal-users', 'Customer Portal Users'],
    ]);
    expect(res.body.items[0].permissions).toContain('purchase-orders:read');
  });

  it('edits a team’s name and permissions; an edited team is not reset', async () => {
    const res = await acme('PATCH', '/api/admin/teams/customer-portal-supplier-users', {
      name: 'Suppliers',
      permissions: ['purchase-orders:read', 'supplier-bills:read'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      teamId: 'customer-portal-supplier-users',
      name: 'Suppliers',
      permissions: ['purchase-orders:read', 'supplier-bills:read'],
    });
    const listed = await acme('GET', '/api/admin/teams');
    expect(listed.body.items[0]).toMatchObject({ name: 'Suppliers', permissions: ['purchase-orders:read', 'supplier-bills:read'] });
    // demo's team of the same id is its own.
    expect((await demo('GET', '/api/admin/teams')).body.items[0].name).toBe('Customer Portal Supplier Users');
  });

  it('refuses a team without permissions (400), leaving it as it was', async () => {
    const res = await acme('PATCH', '/api/admin/teams/customer-portal-users', { permissions: [] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'body.permissions' })]);
    expect((await acme('GET', '/api/admin/teams')).body.items[1].permissions).toContain('quotes:read');
  });

  it('refuses an unknown team and an unknown permission', async () => {
    expect((await acme('PATCH', '/api/admin/teams/no-such-team', { name: 'X' })).status).toBe(404);
    const res = await acme('PATCH', '/api/admin/teams/customer-portal-users', { permissions: ['root:everything'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].name).toMatch(/^body\.permissions/);
  });
});

describe('tenant isolation', () => {
  it("never shows or changes another tenant's user", async () => {
    const { userId, companyId } = await invitedUser();
    expect((await acme('GET', `/api/admin/portal-users/${userId}`)).status).toBe(404);
    expect((await acme('POST', `/api/admin/portal-users/${userId}/deactivate`)).status).toBe(404);
    expect((await acme('POST', `/api/admin/portal-users/${userId}/reactivate`)).status).toBe(404);
    expect((await acme('PUT', `/api/admin/portal-users/${userId}/teams`, { teams: ['customer-portal-users'] })).status).toBe(404);
    expect((await acme('GET', `/api/admin/portal-users?companyId=${companyId}`)).body.items).toEqual([]);
    expect((await acme('GET', `/api/admin/audit?userId=${userId}`)).status).toBe(404);
    expect((await acme('GET', `/api/admin/audit?companyId=${companyId}`)).status).toBe(404);
    expect((await portalUserRepository.get('demo', userId))?.status).toBe('invited');
  });
});

describe('the audit trail', () => {
  it("lists a company's and a user's trail, newest first, a page at a time", async () => {
    const { userId, companyId } = await invitedUser();
    await demo('PUT', `/api/admin/portal-users/${userId}/teams`, { teams: ['customer-portal-supplier-users'] });
    await demo('POST', `/api/admin/portal-users/${userId}/deactivate`);

    const byUser = await demo('GET', `/api/admin/audit?userId=${userId}`);
    expect(byUser.status).toBe(200);
    expect(byUser.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.deactivated',
      'user.teams-changed',
      'invitation.sent',
      'details.changed',
    ]);
    expect(byUser.body.items[0]).toMatchObject({ actor: 'api-key:localdemo1', at: expect.any(String), subject: `user:${userId}` });
    expect(byUser.body.items[0]).not.toHaveProperty('tenantId');

    const first = await demo('GET', `/api/admin/audit?companyId=${companyId}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const rest = await demo('GET', `/api/admin/audit?companyId=${companyId}&cursor=${encodeURIComponent(first.body.cursor)}`);
    const actions = [...first.body.items, ...rest.body.items].map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['user.deactivated', 'user.teams-changed', 'invitation.sent']);
    expect(actions).toContain('company.changed');

    // A cursor of the company's trail is no good for the user's.
    expect((await demo('GET', `/api/admin/audit?userId=${userId}&cursor=${encodeURIComponent(first.body.cursor)}`)).status).toBe(400);
  });

  it('needs exactly one of companyId and userId', async () => {
    expect((await demo('GET', '/api/admin/audit')).status).toBe(400);
    expect((await demo('GET', '/api/admin/audit?companyId=a&userId=b')).status).toBe(400);
  });
});
