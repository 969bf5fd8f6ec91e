import { auditRepository } from '../../functions/audit/auditRepository';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { adminClient, staffBrowser, type AdminClient } from '../support/adminApi';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let demo: AdminClient;
let acme: AdminClient;
const acmeTenant = DEMO_TENANTS.find((t) => t.id === 'acme')!;

beforeAll(async () => {
  stack = await startTestStack();
  demo = adminClient(stack, 'demo');
  acme = adminClient(stack, 'acme');
});
afterAll(() => stack?.stop());

const settingsEvents = (tenantId: string) =>
  stack.bus.history.filter((h) => h.envelope['detail-type'] === 'tenant.settings-changed' && (h.envelope.detail as { tenantId: string }).tenantId === tenantId);

describe('tenant settings', () => {
  it("reads the caller's own tenant's settings", async () => {
    const res = await acme('GET', '/api/admin/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tenantId: 'acme',
      slug: 'acme',
      name: acmeTenant.name,
      portalEnabled: true,
      branding: acmeTenant.branding,
      modules: acmeTenant.modules,
      editableProfileFields: expect.any(Array),
      contactDetails: {},
      domains: [{ host: 'acme.localhost', kind: 'subdomain', verified: true }],
      updatedAt: expect.any(String),
    });
  });

  it("keeps the business's contact details that every PDF prints, checked field by field", async () => {
    const crm = demo;
    const details = {
      email: 'sales@acme.example',
      phone: '+44 20 7946 0000',
      website: 'acme.example',
      address: { line1: '1 Dock Road', city: 'Hull', country: 'GB' },
    };
    const saved = await crm('PATCH', '/api/admin/settings', { contactDetails: details });
    expect(saved.status).toBe(200);
    expect(saved.body.contactDetails).toEqual(details);
    const bad = await crm('PATCH', '/api/admin/settings', { contactDetails: { email: 'not an email' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.contactDetails.email');
    expect((await crm('GET', '/api/admin/settings')).body.contactDetails).toEqual(details);
    expect((await crm('PATCH', '/api/admin/settings', { contactDetails: {} })).body.contactDetails).toEqual({});
  });

  it('changes settings, announces the changed fields and keeps an audit record', async () => {
    const branding = { ...acmeTenant.branding, primaryColour: '#7c3aed' };
    const res = await acme('PATCH', '/api/admin/settings', {
      branding,
      modules: ['catalog', 'quotes'],
      editableProfileFields: ['phone'],
      name: acmeTenant.name,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      branding: { primaryColour: '#7c3aed' },
      modules: ['quotes', 'catalog'],
      editableProfileFields: ['phone'],
      name: acmeTenant.name,
    });

    await stack.bus.idle();
    const [event] = settingsEvents('acme');
    expect(event!.envelope.detail).toEqual({ tenantId: 'acme', changedBy: 'api-key:localdemo1', fields: ['branding', 'editableProfileFields', 'modules'] });
    expect(event!.deliveries).toEqual([expect.objectContaining({ target: 'recordAudit', ok: true })]);
    const [record] = await auditRepository.listBySubject('acme', 'tenant:acme');
    expect(record).toMatchObject({
      action: 'tenant.settings-changed',
      actor: 'api-key:localdemo1',
      details: { fields: ['branding', 'editableProfileFields', 'modules'] },
    });

    // The portal shows the new branding and modules on its next request.
    const pub = await (await stack.api('acme', '/api/public/tenant')).json();
    expect(pub).toMatchObject({ branding: { primaryColour: '#7c3aed' }, modules: ['quotes', 'catalog'] });
  });

  it('announces nothing when nothing changes', async () => {
    const before = settingsEvents('acme').length;
    const current = (await acme('GET', '/api/admin/settings')).body;
    const res = await acme('PATCH', '/api/admin/settings', { modules: [...current.modules].reverse(), portalEnabled: current.portalEnabled });
    expect(res.status).toBe(200);
    await stack.bus.idle();
    expect(settingsEvents('acme')).toHaveLength(before);
  });

  it('switches the whole portal off and on, applied at once', async () => {
    const staff = adminClient(stack, 'demo', (await staffBrowser(stack, 'demo')).headers);
    expect((await staff('PATCH', '/api/admin/settings', { portalEnabled: false })).body.portalEnabled).toBe(false);
    expect((await (await stack.api('demo', '/api/public/tenant')).json()).portalEnabled).toBe(false);
    await stack.bus.idle();
    expect(settingsEvents('demo').at(-1)!.envelope.detail).toMatchObject({ changedBy: expect.stringMatching(/^staff:st_/), fields: ['portalEnabled'] });
    expect((await staff('PATCH', '/api/admin/settings', { portalEnabled: true })).body.portalEnabled).toBe(true);
  });

  it('refuses bad settings with a 400 naming the field, and changes nothing', async () => {
    const before = (await demo('GET', '/api/admin/settings')).body;
    for (const [body, field] of [
      [{ modules: ['quotes', 'teleportation'] }, 'body.modules'],
      [{ modules: [] }, 'body.modules'],
      [{ branding: { primaryColour: 'blue', accentColour: '#000000' } }, 'body.branding.primaryColour'],
      [{ editableProfileFields: ['salary'] }, 'body.editableProfileFields'],
      [{ portalEnabled: 'yes' }, 'body.portalEnabled'],
      [{ tenantId: 'acme' }, 'body'],
      [{}, 'body'],
    ] as const) {
      const res = await demo('PATCH', '/api/admin/settings', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name).some((n: string) => n.startsWith(field))).toBe(true);
    }
    expect((await demo('GET', '/api/admin/settings')).body).toEqual(before);
  });

  it("never touches another tenant's settings", async () => {
    const demoBefore = (await demo('GET', '/api/admin/settings')).body;
    await acme('PATCH', '/api/admin/settings', { name: 'Acme Renamed' });
    expect((await demo('GET', '/api/admin/settings')).body).toEqual(demoBefore);
    expect((await acme('GET', '/api/admin/settings')).body.name).toBe('Acme Renamed');
    // The acme key on demo's host is refused outright.
    const acmeOnDemo = adminClient(stack, 'demo', (await import('../../infra/local/seed')).demoApiKey('acme').key);
    expect((await acmeOnDemo('PATCH', '/api/admin/settings', { name: 'Hijacked' })).status).toBe(403);
    expect((await demo('GET', '/api/admin/settings')).body.name).toBe(demoBefore.name);
  });
});
