import { apiKeyRepository } from '../../functions/identity/apiKeyRepository';
import { auditRepository } from '../../functions/audit/auditRepository';
import { DEMO_CLERK } from '../../infra/local/seed';
import { problemType } from '../../shared/problem';
import { adminClient, staffBrowser, uniqueEmail, type AdminClient } from '../support/adminApi';
import { signIn } from '../support/callers';
import { jsonRequest } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(60_000);

let stack: TestStack;
let staff: AdminClient;
let staffId: string;
let crm: AdminClient;

beforeAll(async () => {
  stack = await startTestStack();
  const browser = await staffBrowser(stack, 'demo');
  staffId = browser.staffId;
  staff = adminClient(stack, 'demo', browser.headers);
  crm = adminClient(stack, 'demo');
});
afterAll(() => stack?.stop());

describe('API keys, managed by staff', () => {
  it('creates a key and shows it once, in full', async () => {
    const res = await staff('POST', '/api/admin/api-keys', { name: 'Our CRM (production)' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      keyId: expect.stringMatching(/^[a-z0-9]{20}$/),
      name: 'Our CRM (production)',
      scopes: ['admin'],
      createdAt: expect.any(String),
      key: expect.stringMatching(/^ptk\.demo\.[a-z0-9]{20}\.[A-Za-z0-9_-]{43}$/),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Only the hash is kept.
    const stored = await apiKeyRepository.get('demo', res.body.keyId);
    expect(JSON.stringify(stored)).not.toContain(res.body.key.split('.')[3]);
    const [record] = await auditRepository.listBySubject('demo', 'tenant:demo');
    expect(record).toMatchObject({ action: 'api-key.created', actor: `staff:${staffId}`, details: { keyId: res.body.keyId } });

    // The new key works on the admin API at once.
    const withNewKey = adminClient(stack, 'demo', res.body.key);
    expect((await withNewKey('GET', '/api/admin/companies')).status).toBe(200);
  });

  it('lists keys without their secrets or hashes', async () => {
    const { body: created } = await staff('POST', '/api/admin/api-keys', { name: 'Listed', scopes: ['admin'] });
    const res = await staff('GET', '/api/admin/api-keys');
    expect(res.status).toBe(200);
    const listed = res.body.items.find((k: { keyId: string }) => k.keyId === created.keyId);
    expect(listed).toEqual({ keyId: created.keyId, name: 'Listed', scopes: ['admin'], createdAt: created.createdAt });
    expect(res.body.items.map((k: { keyId: string }) => k.keyId)).toContain('localdemo1');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/secretHash|ptk\./);
  });

  it('revokes a key, which the API refuses from the very next request', async () => {
    const { body: created } = await staff('POST', '/api/admin/api-keys', { name: 'Short-lived' });
    const key = adminClient(stack, 'demo', created.key);
    expect((await key('GET', '/api/admin/companies')).status).toBe(200);

    const res = await staff('DELETE', `/api/admin/api-keys/${created.keyId}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await key('GET', '/api/admin/companies')).status).toBe(401);

    const listed = (await staff('GET', '/api/admin/api-keys')).body.items.find((k: { keyId: string }) => k.keyId === created.keyId);
    expect(listed.revokedAt).toEqual(expect.any(String));
    // Revoking again changes nothing (the first revocation's time stays).
    expect((await staff('DELETE', `/api/admin/api-keys/${created.keyId}`)).status).toBe(204);
    expect((await staff('GET', '/api/admin/api-keys')).body.items.find((k: { keyId: string }) => k.keyId === created.keyId).revokedAt).toBe(listed.revokedAt);
    const revocations = (await auditRepository.listBySubject('demo', 'tenant:demo')).filter(
      (r) => r.action === 'api-key.revoked' && r.details.keyId === created.keyId,
    );
    expect(revocations).toHaveLength(1);
  });

  it('answers 404 for an unknown key and for another tenant’s', async () => {
    expect((await staff('DELETE', '/api/admin/api-keys/abcdefgh12345678')).status).toBe(404);
    const acmeStaff = adminClient(stack, 'acme', (await staffBrowser(stack, 'acme')).headers);
    const { body: demoKey } = await staff('POST', '/api/admin/api-keys', { name: 'Demo only' });
    expect((await acmeStaff('DELETE', `/api/admin/api-keys/${demoKey.keyId}`)).status).toBe(404);
    expect((await acmeStaff('GET', '/api/admin/api-keys')).body.items.map((k: { keyId: string }) => k.keyId)).not.toContain(demoKey.keyId);
    expect((await adminClient(stack, 'demo', demoKey.key)('GET', '/api/admin/companies')).status).toBe(200);
  });

  it('refuses bad input', async () => {
    expect((await staff('POST', '/api/admin/api-keys', {})).status).toBe(400);
    expect((await staff('POST', '/api/admin/api-keys', { name: 'x', scopes: ['root'] })).status).toBe(400);
    expect((await staff('POST', '/api/admin/api-keys', { name: 'x', scopes: [] })).status).toBe(400);
    expect((await staff('DELETE', '/api/admin/api-keys/NOT_A_KEY')).status).toBe(400);
  });
});

describe('staff-only routes', () => {
  it('refuse the CRM key: a key cannot mint, list or revoke keys', async () => {
    expect([401, 403]).toContain((await crm('POST', '/api/admin/api-keys', { name: 'Escalation' })).status);
    expect([401, 403]).toContain((await crm('GET', '/api/admin/api-keys')).status);
    expect([401, 403]).toContain((await crm('DELETE', '/api/admin/api-keys/localdemo1')).status);
    expect((await apiKeyRepository.get('demo', 'localdemo1'))?.revokedAt).toBeUndefined();
  });

  it('refuse a caller with no credential', async () => {
    expect((await stack.api('demo', '/api/admin/api-keys')).status).toBe(401);
  });
});

describe('staff on the rest of the admin API', () => {
  it('work the same as the CRM key, audited as the staff member', async () => {
    const res = await staff('POST', '/api/admin/companies', { name: 'Staff-made Ltd', kind: 'both' });
    expect(res.status).toBe(201);
    const [record] = await auditRepository.listBySubject('demo', `company:${res.body.companyId}`);
    expect(record!.actor).toBe(`staff:${staffId}`);
  });

  it("are refused on another tenant's host", async () => {
    const onAcme = adminClient(stack, 'acme', (await staffBrowser(stack, 'demo')).headers);
    expect([401, 403]).toContain((await onAcme('GET', '/api/admin/companies')).status);
  });
});

describe('staff roles (issue 18)', () => {
  let clerk: AdminClient;
  beforeAll(async () => {
    clerk = adminClient(stack, 'demo', (await signIn(stack, 'demo', DEMO_CLERK.email('demo'), DEMO_CLERK.password, 'staff')).headers);
  });

  it('let plain staff do day-to-day work: companies, contacts, invitations, documents', async () => {
    const company = await clerk('POST', '/api/admin/companies', { name: 'Clerk-made Ltd', kind: 'customer', allowPortal: true });
    expect(company.status).toBe(201);
    const contact = await clerk('POST', '/api/admin/contacts', {
      companyId: company.body.companyId,
      firstName: 'Cleo',
      lastName: 'Clerk',
      email: uniqueEmail(),
    });
    expect(contact.status).toBe(201);
    expect((await clerk('POST', `/api/admin/contacts/${contact.body.contactId}/portal-login`, { teams: ['customer-portal-users'] })).status).toBe(201);
    expect((await clerk('GET', '/api/admin/teams')).status).toBe(200);
    expect((await clerk('GET', `/api/admin/audit?companyId=${company.body.companyId}`)).status).toBe(200);
    expect((await clerk('GET', `/api/admin/documents/quote/${'no-such-quote'}`)).status).toBe(404);
  });

  it('keep settings, keys, teams, notification and payment settings for tenant admins', async () => {
    const refused = [
      await clerk('GET', '/api/admin/settings'),
      await clerk('PATCH', '/api/admin/settings', { name: 'Clerk Was Here' }),
      await clerk('PATCH', '/api/admin/teams/customer-portal-users', { name: 'Clerk team' }),
      await clerk('POST', '/api/admin/api-keys', { name: 'Clerk key' }),
      await clerk('GET', '/api/admin/api-keys'),
      await clerk('DELETE', '/api/admin/api-keys/localdemo1'),
      await clerk('PUT', '/api/admin/notifications', { rules: {} }),
      await clerk('GET', '/api/admin/payment-settings'),
      await clerk('GET', '/api/admin/audit/tenant'),
    ];
    for (const res of refused) expect([res.status, res.body.type]).toEqual([403, problemType('role-required')]);
    expect((await apiKeyRepository.get('demo', 'localdemo1'))?.revokedAt).toBeUndefined();
    expect((await staff('GET', '/api/admin/settings')).body.name).not.toBe('Clerk Was Here');
    // A tenant admin may do all of it.
    expect((await staff('GET', '/api/admin/payment-settings')).status).toBe(200);
    expect((await staff('GET', '/api/admin/audit/tenant')).status).toBe(200);
  });

  it('refuse a staff login in no group at all', async () => {
    const { headers } = await staffBrowser(stack, 'demo', 'demo', null);
    const res = await adminClient(stack, 'demo', headers)('GET', '/api/admin/companies');
    expect([res.status, res.body.type]).toEqual([403, problemType('role-required')]);
  });
});

describe('API key scopes (issue 18)', () => {
  const keyWith = async (scopes: string[]) => {
    const res = await staff('POST', '/api/admin/api-keys', { name: `Scoped ${scopes.join(' ')}`, scopes });
    expect([res.status, res.body.scopes]).toEqual([201, scopes]);
    return adminClient(stack, 'demo', res.body.key);
  };

  it('let a key do what its scopes name, and nothing else', async () => {
    const companies = await keyWith(['companies:read', 'companies:write']);
    const made = await companies('POST', '/api/admin/companies', { name: 'Scoped Ltd', kind: 'customer' });
    expect(made.status).toBe(201);
    expect((await companies('GET', `/api/admin/companies/${made.body.companyId}`)).status).toBe(200);
    for (const res of [
      await companies('GET', '/api/admin/portal-users'),
      await companies('GET', '/api/admin/documents/quote/any-quote'),
      await companies('GET', '/api/admin/settings'),
      await companies('GET', `/api/admin/audit?companyId=${made.body.companyId}`),
    ]) {
      expect([res.status, res.body.type]).toEqual([403, problemType('scope-required')]);
    }
    const reader = await keyWith(['documents:read']);
    expect((await reader('GET', '/api/admin/documents/quote/any-quote')).status).toBe(404);
    const publish = await reader('PUT', '/api/admin/documents/quote/any-quote', {});
    expect([publish.status, publish.body.detail]).toEqual([403, 'This API key lacks the scope documents:write.']);
  });

  it('keep the keys made before scopes (scope admin) and keys made without scopes working everywhere', async () => {
    expect((await crm('GET', '/api/admin/settings')).status).toBe(200);
    expect((await crm('GET', '/api/admin/audit/tenant')).status).toBe(200);
    const { body } = await staff('POST', '/api/admin/api-keys', { name: 'Unscoped' });
    expect(body.scopes).toEqual(['admin']);
    expect((await adminClient(stack, 'demo', body.key)('GET', '/api/admin/payment-settings')).status).toBe(200);
  });
});

describe("the tenant's own audit trail", () => {
  it('lists keys made and revoked and settings changed, newest first, a page at a time', async () => {
    const { body: key } = await staff('POST', '/api/admin/api-keys', { name: 'Audited key' });
    expect((await staff('DELETE', `/api/admin/api-keys/${key.keyId}`)).status).toBe(204);
    const before = (await staff('GET', '/api/admin/settings')).body;
    expect((await staff('PATCH', '/api/admin/settings', { editableProfileFields: [] })).status).toBe(200);
    await stack.bus.idle();
    expect((await staff('PATCH', '/api/admin/settings', { editableProfileFields: before.editableProfileFields })).status).toBe(200);
    await stack.bus.idle();
    // A sign-in to an address with no login is kept under the tenant, but is no change of the tenant's: left out.
    expect((await stack.api('demo', '/api/auth/login', jsonRequest('POST', { email: uniqueEmail('nobody'), password: 'Wrong-Pass-2026!' }))).status).toBe(401);

    const res = await staff('GET', '/api/admin/audit/tenant');
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 4)).toEqual(['tenant.settings-changed', 'tenant.settings-changed', 'api-key.revoked', 'api-key.created']);
    expect(actions.filter((a: string) => a.startsWith('sign-in.'))).toEqual([]);
    expect(res.body.items[2]).toMatchObject({ actor: `staff:${staffId}`, subject: 'tenant:demo', details: { keyId: key.keyId } });
    expect(JSON.stringify(res.body)).not.toMatch(/tenantId/);
    // Page by page (a page may be short: the sign-in left out still counts towards its limit), the same entries.
    const paged: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5 && paged.length < 4; page++) {
      const next = await staff('GET', `/api/admin/audit/tenant?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...next.body.items);
      cursor = next.body.cursor;
    }
    expect(paged.slice(0, 4)).toEqual(res.body.items.slice(0, 4));
    // Another tenant's trail is its own.
    const acme = await adminClient(stack, 'acme')('GET', '/api/admin/audit/tenant');
    expect(JSON.stringify(acme.body)).not.toContain(key.keyId);
  });
});
