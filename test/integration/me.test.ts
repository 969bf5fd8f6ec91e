import type { MeResponse } from '../../shared/api/access';
import { PERMISSIONS } from '../../shared/permissions';
import { problemType } from '../../shared/problem';
import { dynamo } from '../../functions/table/db';
import { auditRepository } from '../../functions/audit/auditRepository';
import { companyRepository } from '../../functions/customers/companyRepository';
import { contactRepository } from '../../functions/customers/contactRepository';
import { DEFAULT_TEAMS, teamRepository } from '../../functions/customers/teamRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { activePortalUser, createTenant, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const getMe = async (user: SignedInUser, slug = user.tenantId) => {
  const res = await stack.api(slug, '/api/me', { headers: user.jar.headers() });
  expect(res.status).toBe(200);
  return (await res.json()) as MeResponse;
};
const patch = (user: SignedInUser, path: string, body: unknown) => stack.api(user.tenantId, path, jsonRequest('PATCH', body, user.jar.headers()));
const teamPermissions = (teamId: string) => DEFAULT_TEAMS.find((t) => t.teamId === teamId)!.permissions;

describe('GET /api/me', () => {
  it('tells the user who they are, their company, what they may do, and what they may edit', async () => {
    const user = await activePortalUser(stack, 'demo');
    const me = await getMe(user);
    expect(me.user).toEqual({ id: user.userId, email: user.email, firstName: 'Robin', lastName: 'Tester', lastSignInAt: expect.any(String) });
    expect(me.company).toEqual({ id: user.companyId, name: `Company ${user.companyId}`, kind: 'both' });
    expect(me.modules).toEqual(['quotes', 'orders', 'invoices', 'jobs', 'catalog', 'tickets', 'knowledge-base', 'projects']);
    // Every permission of the team, since the demo tenant has every module the team's permissions need.
    expect(new Set(me.permissions)).toEqual(new Set(teamPermissions('customer-portal-users')));
    expect(me.editableFields).toEqual(['name', 'phone', 'address']);
  });

  it('unites the permissions of both teams, limited by the tenant’s modules', async () => {
    // acme: quotes, orders, invoices, purchase-orders, supplier-bills, catalog (no jobs, tickets, knowledge base, projects).
    const user = await activePortalUser(stack, 'acme', { teams: ['customer-portal-users', 'customer-portal-supplier-users'] });
    const me = await getMe(user);
    expect(me.permissions).toEqual(
      expect.arrayContaining(['quotes:accept', 'invoices:pay', 'purchase-orders:acknowledge', 'supplier-bills:read', 'messages:write', 'profile:write']),
    );
    for (const p of ['jobs:read', 'artwork:approve', 'tickets:write', 'knowledge-base:read', 'projects:read']) expect(me.permissions).not.toContain(p);
    // In the catalogue's order, each once.
    expect(me.permissions).toEqual(PERMISSIONS.filter((p) => me.permissions.includes(p)));
  });

  it('applies the company’s module overrides: true adds a module, false removes one', async () => {
    const user = await activePortalUser(stack, 'demo', {
      teams: ['customer-portal-users', 'customer-portal-supplier-users'],
      moduleOverrides: { jobs: false, 'purchase-orders': true },
    });
    const me = await getMe(user);
    expect(me.modules).toContain('purchase-orders');
    expect(me.modules).not.toContain('jobs');
    expect(me.permissions).toEqual(expect.arrayContaining(['purchase-orders:read', 'purchase-orders:acknowledge']));
    expect(me.permissions).not.toContain('jobs:read');
    expect(me.permissions).not.toContain('supplier-bills:read'); // supplier bills stay off for this company
  });

  it('follows changes by staff at once: team permissions, tenant modules, company overrides', async () => {
    const slug = await createTenant({ modules: ['quotes', 'invoices'] });
    const user = await activePortalUser(stack, slug);
    expect((await getMe(user)).permissions).toEqual(expect.arrayContaining(['quotes:read', 'invoices:pay']));

    await teamRepository.update(slug, 'customer-portal-users', { permissions: ['quotes:read', 'profile:write'] });
    expect((await getMe(user)).permissions).toEqual(['quotes:read', 'profile:write']);

    await tenantRepository.put({ ...(await tenantRepository.get(slug))!, modules: ['invoices'] });
    expect((await getMe(user)).permissions).toEqual(['profile:write']);

    await companyRepository.update(slug, user.companyId, { moduleOverrides: { quotes: true } });
    expect((await getMe(user)).permissions).toEqual(['quotes:read', 'profile:write']);
  });

  it('reads little per request: a handful of GetItems and one Query, whatever the tenant holds', async () => {
    const user = await activePortalUser(stack, 'demo');
    await getMe(user); // the Host → tenant lookup is cached after the first request
    const commands: string[] = [];
    const client = dynamo();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? 'unknown');
        return next(args);
      },
      { step: 'initialize', name: 'countForTest' },
    );
    try {
      await getMe(user);
    } finally {
      client.middlewareStack.remove('countForTest');
    }
    const count = (name: string) => commands.filter((c) => c === name).length;
    // Tenant, user, session, company, contact, signing PIN (its own item); teams in one Query; nothing else.
    expect(count('GetItemCommand')).toBe(6);
    expect(count('QueryCommand')).toBe(1);
    expect(commands).toHaveLength(7);
  });
});

describe('PATCH /api/me and /api/me/company', () => {
  it('updates the fields the tenant lets contacts edit, and audits which changed', async () => {
    const user = await activePortalUser(stack, 'demo');
    const address = { line1: '1 High Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' };
    const res = await patch(user, '/api/me', { firstName: 'Robyn', phone: '+44 113 496 0000', address });
    expect(res.status).toBe(200);
    const me = (await res.json()) as MeResponse;
    expect(me.user).toMatchObject({ firstName: 'Robyn', lastName: 'Tester', phone: '+44 113 496 0000', address });
    expect(await contactRepository.get('demo', user.userId)).toMatchObject({ firstName: 'Robyn', phone: '+44 113 496 0000', address });

    const trail = await auditRepository.listBySubject('demo', `company:${user.companyId}`);
    const change = trail.find((e) => e.action === 'details.changed');
    expect(change).toMatchObject({ actor: `portal:${user.userId}`, details: { fields: ['firstName', 'phone', 'address'] }, ip: expect.any(String) });
  });

  it('refuses a field the tenant does not allow, naming it, and changes nothing', async () => {
    const user = await activePortalUser(stack, 'demo');
    const res = await patch(user, '/api/me/company', { address: { line1: 'Elsewhere 2' } });
    expect(res.status).toBe(403);
    const problem = (await res.json()) as { type: string; errors: { name: string }[] };
    expect(problem.type).toBe(problemType('forbidden'));
    expect(problem.errors.map((e) => e.name)).toEqual(['body.address']);
    expect((await companyRepository.get('demo', user.companyId))?.address).toBeUndefined();
  });

  it('follows the tenant’s setting: only the company address editable', async () => {
    const slug = await createTenant();
    const tenant = (await tenantRepository.get(slug))!;
    await tenantRepository.put({ ...tenant, editableProfileFields: ['companyAddress'] });
    const user = await activePortalUser(stack, slug);
    expect((await getMe(user)).editableFields).toEqual(['companyAddress']);

    const company = await patch(user, '/api/me/company', { address: { line1: '9 Dock Road', country: 'GB' }, phone: '+44 20 7946 0001' });
    expect(company.status).toBe(200);
    expect(((await company.json()) as MeResponse).company).toMatchObject({ address: { line1: '9 Dock Road', country: 'GB' }, phone: '+44 20 7946 0001' });

    const mine = await patch(user, '/api/me', { firstName: 'X', phone: '+1 555 0100' });
    expect(mine.status).toBe(403);
    expect(((await mine.json()) as { errors: { name: string }[] }).errors.map((e) => e.name)).toEqual(['body.firstName', 'body.phone']);
  });

  it('needs the profile:write permission', async () => {
    const slug = await createTenant();
    await teamRepository.update(slug, 'customer-portal-users', { permissions: ['quotes:read'] });
    const user = await activePortalUser(stack, slug);
    const res = await patch(user, '/api/me', { firstName: 'Nope' });
    expect(res.status).toBe(403);
  });

  it('names bad fields with 400, never 5xx', async () => {
    const user = await activePortalUser(stack, 'demo');
    const res = await patch(user, '/api/me', { phone: 'call me maybe', email: 'x@example.com' });
    expect(res.status).toBe(400);
    const names = ((await res.json()) as { errors: { name: string }[] }).errors.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['body.phone']));
  });
});
