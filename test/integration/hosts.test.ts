import { connect } from 'node:net';
import { problemType } from '../../shared/problem';
import { apiKeyCaller } from '../support/callers';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { requestWithHost, startTestStack, type TestStack } from '../support/stack';

/**
 * A credential is used on its own tenant's host (docs/architecture.md, Authentication):
 * the Host must name the credential's tenant, whatever the credential, with no exception:
 * a CRM API key on the API's own domain (execute-api in the cloud, the gateway's own
 * address 127.0.0.1 locally) is refused as on any host that names no tenant.
 */
let stack: TestStack;
let user: SignedInUser;
beforeAll(async () => {
  stack = await startTestStack();
  user = await activePortalUser(stack, 'demo');
});
afterAll(() => stack?.stop());

const on = (host: string | string[], path: string, init?: RequestInit) => requestWithHost(stack.port, host, path, init);
const hostOf = (slug: string) => `${slug}.localhost:${stack.port}`;
const demoKey = () => apiKeyCaller('demo').headers;
const bodyOf = async (res: Response) => (await res.json()) as { type?: string; errors?: Array<{ name: string }>; name?: string };

describe('a CRM API key', () => {
  it('works on its tenant’s host', async () => {
    expect((await on(hostOf('demo'), '/api/admin/settings', { headers: demoKey() })).status).toBe(200);
  });

  it('is refused on another tenant’s host, and on a host that names no tenant', async () => {
    expect((await on(hostOf('acme'), '/api/admin/settings', { headers: demoKey() })).status).toBe(403);
    expect((await on(hostOf('nowhere'), '/api/admin/settings', { headers: demoKey() })).status).toBe(403);
    expect((await on(`crm.example.com`, '/api/admin/settings', { headers: demoKey() })).status).toBe(403);
  });

  it('is refused on the API’s own domain (the gateway’s address), as it is in the cloud', async () => {
    for (const host of [`127.0.0.1:${stack.port}`, `localhost:${stack.port}`]) {
      const res = await on(host, '/api/admin/settings', { headers: demoKey() });
      expect(res.status).toBe(403);
      expect((await bodyOf(res)).type).toBe(problemType('forbidden'));
    }
  });
});

describe('a portal session', () => {
  it('is refused on a host that names no tenant, and on the API’s own domain', async () => {
    expect((await on(hostOf('demo'), '/api/me', { headers: user.jar.headers() })).status).toBe(200);
    for (const host of [hostOf('nowhere'), 'crm.example.com', `127.0.0.1:${stack.port}`]) {
      const res = await on(host, '/api/me', { headers: user.jar.headers() });
      expect(res.status).toBe(403);
      expect((await bodyOf(res)).type).toBe(problemType('forbidden'));
    }
  });
});

describe('the Host header', () => {
  // Functions: the port is known only once the stack runs.
  it.each<[string, () => string[]]>([
    ['two hosts', () => [hostOf('demo'), hostOf('acme')]],
    ['the same host twice', () => [hostOf('demo'), hostOf('demo')]],
    ['a host naming no tenant and the right one', () => [hostOf('nowhere'), hostOf('demo')]],
    ['a list in one header', () => [`${hostOf('nowhere')}, ${hostOf('demo')}`]],
    ['a malformed name', () => ['evil..host']],
    ['a name with a space', () => ['demo localhost']],
    ['a name starting with a dash', () => ['-bad.localhost']],
    ['an overlong name', () => ['x'.repeat(300)]],
    ['a port that is not a number', () => ['demo.localhost:abc']],
  ])('%s gets a 400 problem naming headers.host, whoever calls', async (_name, hostsOf) => {
    const hosts = hostsOf();
    for (const headers of [{}, demoKey(), user.jar.headers()]) {
      const res = await on(hosts, '/api/me', { headers });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect((await bodyOf(res)).errors?.map((e) => e.name)).toEqual(['headers.host']);
    }
    expect((await on(hosts, '/api/public/tenant')).status).toBe(400);
  });

  it('and a POST with a CSRF token gets the same 400, before anything changes', async () => {
    const res = await on([hostOf('demo'), hostOf('acme')], '/api/me', jsonRequest('PATCH', { phone: '+44 20 7946 0001' }, user.jar.headers()));
    expect(res.status).toBe(400);
  });
});

describe('x-forwarded-host sent by the client', () => {
  /** HTTP/1.0 lets a request carry no Host at all; the gateway must not take the client's x-forwarded-host instead. */
  const withoutHost = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = connect(stack.port, '127.0.0.1', () => {
        socket.write(
          `GET ${path} HTTP/1.0\r\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}\r\n`,
        );
      });
      let out = '';
      socket.on('data', (chunk) => (out += chunk.toString()));
      socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.\d (\d{3})/.exec(out)?.[1]), body: out.slice(out.indexOf('\r\n\r\n') + 4) }));
      socket.on('error', reject);
    });

  it('never chooses the tenant: the gateway overwrites it with the Host', async () => {
    const spoofed = await on(hostOf('acme'), '/api/public/tenant', { headers: { 'x-forwarded-host': hostOf('demo') } });
    const acme = await on(hostOf('acme'), '/api/public/tenant');
    expect((await bodyOf(spoofed)).name).toBe((await bodyOf(acme)).name);
    // A demo session presented on a host naming no tenant, pointing x-forwarded-host at demo: still refused.
    const cookie = user.jar.headers().cookie!;
    expect((await on(hostOf('nowhere'), '/api/me', { headers: { cookie, 'x-forwarded-host': hostOf('demo') } })).status).toBe(403);
  });

  it('comes with the origin secret the gateway adds as CloudFront does, whatever the client sent as it', async () => {
    const res = await on(hostOf('acme'), '/api/public/tenant', { headers: { 'x-portico-origin': 'guessed' } });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).name).toBe('Acme Industrial Supply');
  });

  it('is dropped when the request has no Host at all', async () => {
    expect((await withoutHost('/api/public/tenant', { 'x-forwarded-host': hostOf('demo') })).status).toBe(404);
    const me = await withoutHost('/api/me', { 'x-forwarded-host': hostOf('demo'), cookie: user.jar.headers().cookie! });
    expect(me.status).toBe(403);
    expect(me.body).not.toContain(user.email);
  });
});
