import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authenticate } from '../../functions/http/authenticate';
import { Problem } from '../../functions/core/problems';
import type { HostTenant } from '../../functions/customers/tenantHosts';
import { tenantRepository, type Tenant } from '../../functions/customers/tenantRepository';
import { apiKeyRepository } from '../../functions/identity/apiKeyRepository';
import { staffLoginRepository } from '../../functions/identity/staffLoginRepository';
import { issueApiKey } from '../../functions/identity/apiKeyCredentials';
import { COOKIES } from '../../shared/api/access';
import { DEMO_STAFF, demoApiKey } from '../../infra/local/seed';
import { activePortalUser, CookieJar, jsonRequest } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
/** The tenants the Host names, as the adapter hands them to authenticate. */
let demo: HostTenant;
let acme: HostTenant;
const hostOf = (tenant: Tenant): HostTenant => ({ tenantId: tenant.tenantId, record: async () => tenant });

const event = (headers: Record<string, string>, cookies?: string[]) => ({ headers, cookies }) as unknown as APIGatewayProxyEventV2;
/** The request a browser holding this jar sends (API Gateway v2 splits the cookies out). */
const withCookies = (jar: CookieJar, headers: Record<string, string> = {}) =>
  event(
    headers,
    [...jar.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
  );

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Problem) return err.status;
    throw err;
  }
  throw new Error('expected the credential to be refused');
}

/** A signed-in portal user's cookies (through the accept route: ID token, refresh token, session, CSRF). */
const portalJar = async (slug: string) => (await activePortalUser(stack, slug)).jar;

async function staffJar(slug: string): Promise<CookieJar> {
  const res = await stack.api(slug, '/api/auth/staff/login', jsonRequest('POST', { email: DEMO_STAFF.email(slug), password: DEMO_STAFF.password }));
  if (res.status !== 200) throw new Error(`staff sign-in failed: ${res.status}`);
  return new CookieJar().take(res);
}

beforeAll(async () => {
  stack = await startTestStack();
  demo = hostOf((await tenantRepository.get('demo'))!);
  acme = hostOf((await tenantRepository.get('acme'))!);
});
afterAll(async () => {
  await stack?.stop();
});

describe('auth context: people, by cookies (Cognito ID token + live session)', () => {
  it('accepts a staff ID token with its session and takes the tenant from it', async () => {
    const principal = await authenticate(withCookies(await staffJar('demo')), 'staff', demo);
    const login = await staffLoginRepository.getByEmail('demo', DEMO_STAFF.email('demo'));
    expect(principal).toMatchObject({ kind: 'staff', tenantId: 'demo', staffId: login!.staffId, groups: ['tenant-admin'] });
  });

  it('accepts a portal user with their company and effective permissions', async () => {
    const user = await activePortalUser(stack, 'acme');
    const principal = await authenticate(withCookies(user.jar), 'portal', acme);
    expect(principal).toMatchObject({ kind: 'portal', tenantId: 'acme', userId: user.userId, companyId: user.companyId });
    expect(principal.kind === 'portal' && principal.permissions).toContain('quotes:read');
  });

  it('no longer accepts a bearer ID token, nor a token without its session', async () => {
    const jar = await portalJar('demo');
    const idToken = jar.get(COOKIES.portal.idToken)!;
    expect(await refusal(authenticate(event({ authorization: `Bearer ${idToken}` }), 'portal', demo))).toBe(401);
    expect(await refusal(authenticate(event({}, [`${COOKIES.portal.idToken}=${idToken}`]), 'portal', demo))).toBe(401);
  });

  it('refuses a session of another tenant on this tenant’s host', async () => {
    expect(await refusal(authenticate(withCookies(await portalJar('acme')), 'portal', demo))).toBe(403);
  });

  it('refuses a session on a host that names no tenant, staff and portal alike', async () => {
    expect(await refusal(authenticate(withCookies(await portalJar('demo')), 'portal', undefined))).toBe(403);
    expect(await refusal(authenticate(withCookies(await staffJar('demo')), 'staff', undefined))).toBe(403);
  });

  it('refuses a portal session where staff are required, and the reverse', async () => {
    expect(await refusal(authenticate(withCookies(await portalJar('demo')), 'staff', demo))).toBe(401);
    expect(await refusal(authenticate(withCookies(await staffJar('demo')), 'portal', demo))).toBe(401);
  });

  it('refuses a token whose payload was altered (tenant swapped)', async () => {
    const jar = await portalJar('demo');
    const [header, payload, signature] = jar.get(COOKIES.portal.idToken)!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims['custom:tenantId'] = 'acme';
    jar.cookies.set(COOKIES.portal.idToken, [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.'));
    expect(await refusal(authenticate(withCookies(jar), 'portal', acme))).toBe(401);
  });

  it('refuses an unsigned token and garbage', async () => {
    const jar = await portalJar('demo');
    const none = [
      Buffer.from('{"alg":"none"}').toString('base64url'),
      Buffer.from('{"custom:tenantId":"demo","token_use":"id"}').toString('base64url'),
      '',
    ].join('.');
    for (const token of [none, 'not-a-jwt']) {
      jar.cookies.set(COOKIES.portal.idToken, token);
      expect(await refusal(authenticate(withCookies(jar), 'portal', demo))).toBe(401);
    }
    expect(await refusal(authenticate(event({}), 'portal', demo))).toBe(401);
  });

  it('lets a public route through with no credential', async () => {
    expect(await authenticate(event({}), 'public', demo)).toEqual({ kind: 'anonymous' });
  });
});

describe('auth context: tenant API keys', () => {
  it('accepts the seeded demo key and takes the tenant from it', async () => {
    const principal = await authenticate(event({ authorization: `Bearer ${demoApiKey('demo').key}` }), 'api-key', demo);
    expect(principal).toMatchObject({ kind: 'api-key', tenantId: 'demo', keyId: 'localdemo1' });
  });

  it('refuses a key on a host that names no tenant, the API’s own domain included', async () => {
    const key = { authorization: `Bearer ${demoApiKey('demo').key}` };
    const onHost = (host: string, domainName: string) => ({ ...event({ ...key, host }), requestContext: { domainName } }) as APIGatewayProxyEventV2;
    expect(await refusal(authenticate(event(key), 'api-key', undefined))).toBe(403);
    expect(await refusal(authenticate(onHost('crm.example.com', 'abc123.execute-api.eu-west-1.amazonaws.com'), 'api-key', undefined))).toBe(403);
    // Addressed to the API's own domain (execute-api, or the local gateway's address): no tenant host, so no key is honoured.
    const direct = onHost('abc123.execute-api.eu-west-1.amazonaws.com', 'abc123.execute-api.eu-west-1.amazonaws.com');
    expect(await refusal(authenticate(direct, 'api-key', undefined))).toBe(403);
    expect(await refusal(authenticate(onHost('127.0.0.1:3000', '127.0.0.1:3000'), 'api-key', undefined))).toBe(403);
    expect(await refusal(authenticate(direct, 'api-key', acme))).toBe(403);
  });

  it('accepts a key in x-api-key where staff or a key may call', async () => {
    const principal = await authenticate(event({ 'x-api-key': demoApiKey('acme').key }), 'staff-or-api-key', acme);
    expect(principal).toMatchObject({ kind: 'api-key', tenantId: 'acme' });
  });

  it('refuses one tenant’s key on another tenant’s host', async () => {
    expect(await refusal(authenticate(event({ 'x-api-key': demoApiKey('acme').key }), 'api-key', demo))).toBe(403);
  });

  it('refuses a wrong secret, a key naming another tenant, and a revoked key', async () => {
    const { keyId, secret } = demoApiKey('demo');
    const wrongSecret = `ptk.demo.${keyId}.${'A'.repeat(43)}`;
    const otherTenant = `ptk.acme.${keyId}.${secret}`;
    expect(await refusal(authenticate(event({ 'x-api-key': wrongSecret }), 'api-key', undefined))).toBe(401);
    expect(await refusal(authenticate(event({ 'x-api-key': otherTenant }), 'api-key', undefined))).toBe(401);

    const issued = await issueApiKey('demo', 'to revoke', ['admin']);
    await expect(authenticate(event({ 'x-api-key': issued }), 'api-key', demo)).resolves.toMatchObject({ tenantId: 'demo' });
    await apiKeyRepository.revoke('demo', issued.split('.')[2]!);
    expect(await refusal(authenticate(event({ 'x-api-key': issued }), 'api-key', demo))).toBe(401);
  });

  it('does not accept an API key on a portal route', async () => {
    expect(await refusal(authenticate(event({ authorization: `Bearer ${demoApiKey('demo').key}` }), 'portal', demo))).toBe(401);
  });
});
