import { auditRepository } from '../../functions/audit/auditRepository';
import { adminClient, type AdminClient } from '../support/adminApi';
import { startTestStack, type TestStack } from '../support/stack';

/** Companies through the admin API: the demo CRM key on demo's host, the acme key on acme's. */
let stack: TestStack;
let demo: AdminClient;
let acme: AdminClient;

beforeAll(async () => {
  stack = await startTestStack();
  demo = adminClient(stack, 'demo');
  acme = adminClient(stack, 'acme');
});
afterAll(() => stack?.stop());

const newCompany = (overrides: Record<string, unknown> = {}) => ({ name: 'Harbour Signs Ltd', kind: 'customer', ...overrides });

describe('creating and reading companies', () => {
  it('creates a company with a Portico id, defaults and the CRM id as data', async () => {
    const res = await demo(
      'POST',
      '/api/admin/companies',
      newCompany({ externalId: 'CRM-1001', phone: '+44 20 7946 0000', address: { line1: '1 Quay St', city: 'Bristol', country: 'GB' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Harbour Signs Ltd',
      kind: 'customer',
      allowPortal: false,
      portalDiscountBps: 0,
      externalId: 'CRM-1001',
      address: { city: 'Bristol' },
    });
    expect(res.body.companyId).toMatch(/^co_[0-9a-z]{16}$/);
    expect(res.body).not.toHaveProperty('tenantId');
    expect(res.headers.get('location')).toBe(`/api/admin/companies/${res.body.companyId}`);

    const read = await demo('GET', `/api/admin/companies/${res.body.companyId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('answers an unknown company with a 404 problem', async () => {
    const res = await demo('GET', '/api/admin/companies/co_doesnotexist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, type: 'https://portico.dev/problems/not-found' });
  });

  it('refuses bad input with a 400 naming the field, never a 5xx', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'customer' }, 'body.name'],
      [newCompany({ kind: 'partner' }), 'body.kind'],
      [newCompany({ portalDiscountBps: 10_001 }), 'body.portalDiscountBps'],
      [newCompany({ moduleOverrides: { spaceships: true } }), 'body.moduleOverrides'],
      [newCompany({ tenantId: 'acme' }), 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await demo('POST', '/api/admin/companies', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name).some((n: string) => n.startsWith(field))).toBe(true);
    }
  });

  it('refuses a call without a credential or with a wrong key', async () => {
    const anonymous = await stack.api('demo', '/api/admin/companies');
    expect(anonymous.status).toBe(401);
    const forged = adminClient(stack, 'demo', `ptk.demo.localdemo1.${'A'.repeat(43)}`);
    expect((await forged('GET', '/api/admin/companies')).status).toBe(401);
  });
});

describe('listing companies', () => {
  it('pages with a cursor and filters by kind', async () => {
    for (let i = 0; i < 3; i++) expect((await acme('POST', '/api/admin/companies', newCompany({ name: `Supplier ${i}`, kind: 'supplier' }))).status).toBe(201);
    expect((await acme('POST', '/api/admin/companies', newCompany({ name: 'Customer only' }))).status).toBe(201);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await acme('GET', `/api/admin/companies?kind=supplier&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const c of res.body.items) {
        expect(c.kind).toBe('supplier');
        seen.push(c.companyId);
      }
      cursor = res.body.cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor made for another list', async () => {
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'TENANT#demo#COMPANIES', gsi1sk: 'COMPANY#x', pk: 'x', sk: 'x' })).toString('base64url');
    const res = await acme('GET', `/api/admin/companies?cursor=${forged}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'query.cursor' })]);
  });
});

describe('updating companies', () => {
  it('changes only what is given, and audits the fields that really changed', async () => {
    const { body: company } = await demo('POST', '/api/admin/companies', newCompany());
    const res = await demo('PATCH', `/api/admin/companies/${company.companyId}`, {
      name: 'Harbour Signs Ltd',
      allowPortal: true,
      moduleOverrides: { catalog: false, tickets: true },
      portalDiscountBps: 1250,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Harbour Signs Ltd',
      kind: 'customer',
      allowPortal: true,
      moduleOverrides: { catalog: false, tickets: true },
      portalDiscountBps: 1250,
    });

    const trail = await auditRepository.listBySubject('demo', `company:${company.companyId}`);
    expect(trail[0]).toMatchObject({
      action: 'company.changed',
      actor: 'api-key:localdemo1',
      details: { fields: ['allowPortal', 'moduleOverrides', 'portalDiscountBps'] },
    });

    // Sending the same values again changes nothing and leaves no record.
    await demo('PATCH', `/api/admin/companies/${company.companyId}`, { allowPortal: true });
    expect(await auditRepository.listBySubject('demo', `company:${company.companyId}`)).toHaveLength(trail.length);
  });

  it('refuses an empty change and unknown fields', async () => {
    const { body: company } = await demo('POST', '/api/admin/companies', newCompany());
    expect((await demo('PATCH', `/api/admin/companies/${company.companyId}`, {})).status).toBe(400);
    expect((await demo('PATCH', `/api/admin/companies/${company.companyId}`, { companyId: 'co_other' })).status).toBe(400);
  });

  it('answers 404 for an unknown company and does not create it', async () => {
    const res = await demo('PATCH', '/api/admin/companies/co_nothinghere', { name: 'Ghost' });
    expect(res.status).toBe(404);
    expect((await demo('GET', '/api/admin/companies/co_nothinghere')).status).toBe(404);
  });
});

describe('tenant isolation', () => {
  it("never shows or changes another tenant's company: 404, as if it did not exist", async () => {
    const { body: company } = await demo('POST', '/api/admin/companies', newCompany({ name: 'Demo only' }));
    expect((await acme('GET', `/api/admin/companies/${company.companyId}`)).status).toBe(404);
    expect((await acme('PATCH', `/api/admin/companies/${company.companyId}`, { name: 'Taken over' })).status).toBe(404);
    expect((await acme('GET', `/api/admin/companies/${company.companyId}/contacts`)).status).toBe(404);

    const listed = await acme('GET', '/api/admin/companies?limit=100');
    expect(listed.body.items.map((c: { companyId: string }) => c.companyId)).not.toContain(company.companyId);
    expect((await demo('GET', `/api/admin/companies/${company.companyId}`)).body.name).toBe('Demo only');
  });

  it("refuses one tenant's key on another tenant's host", async () => {
    const acmeKeyOnDemo = adminClient(stack, 'demo', (await import('../../infra/local/seed')).demoApiKey('acme').key);
    expect((await acmeKeyOnDemo('GET', '/api/admin/companies')).status).toBe(403);
  });
});
