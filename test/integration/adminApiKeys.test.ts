import { apiKeyRepository } from '../../functions/identity/apiKeyRepository';
import { auditRepository } from '../../functions/audit/auditRepository';
import { adminClient, staffBrowser, type AdminClient } from '../support/adminApi';
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
