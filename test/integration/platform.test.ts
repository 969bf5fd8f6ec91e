import { requestWithHost, startTestStack, type TestStack } from '../support/stack';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { publicTenantSchema } from '../../shared/tenant';
import * as z from 'zod/mini';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

describe('GET /api/health through the local gateway', () => {
  it('reports the table reachable', async () => {
    const res = await stack.api('demo', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { table: 'ok' } });
  });
});

describe('GET /api/public/tenant', () => {
  it.each(DEMO_TENANTS)('answers $slug with its own branding and modules', async (tenant) => {
    const res = await stack.api(tenant.slug, '/api/public/tenant');
    expect(res.status).toBe(200);
    const body = z.parse(publicTenantSchema, await res.json());
    expect(body).toMatchObject({ id: tenant.id, name: tenant.name, portalEnabled: true });
    expect(body.branding.primaryColour).toBe(tenant.branding.primaryColour);
    expect(new Set(body.modules)).toEqual(new Set(tenant.modules));
  });

  it('keeps the two tenants apart', async () => {
    const [demo, acme] = await Promise.all([stack.api('demo', '/api/public/tenant'), stack.api('acme', '/api/public/tenant')]);
    expect((await demo.json()).name).not.toBe((await acme.json()).name);
  });

  it('answers an unknown host with a 404 problem', async () => {
    const res = await stack.api('nope', '/api/public/tenant');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'No portal is served at this address.' });
  });

  it.each(['evil..host', 'a b', '-bad.localhost', 'x'.repeat(300)])('answers a malformed Host %p with a 400 problem, not a 5xx', async (host) => {
    const res = await requestWithHost(stack.port, host, '/api/public/tenant');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the local gateway', () => {
  it('answers an unknown API path with a 404 problem', async () => {
    const res = await stack.api('demo', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers a known path with the wrong method with a 405 problem', async () => {
    const res = await stack.api('demo', '/api/health', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ status: 405 });
  });

  it('serves the built site with the cloud security headers and the SPA fallback', async () => {
    const res = await stack.api('demo', '/quotes/some/client/route');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('does not serve files outside the site', async () => {
    const res = await fetch(`http://127.0.0.1:${stack.port}/..%2f..%2fpackage.json`, { headers: { host: 'demo.localhost' } });
    expect(res.status).toBe(404);
  });

  it('answers a missing asset with 404 rather than the app shell', async () => {
    const res = await stack.api('demo', '/assets/missing-0000.js');
    expect(res.status).toBe(404);
  });
});
