import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../../functions/http/authenticate';
import { HttpProblem } from '../../functions/http/problem';
import { tenantRepository, type Tenant } from '../../functions/repositories/tenantRepository';
import { apiKeyRepository } from '../../functions/repositories/apiKeyRepository';
import { issueApiKey } from '../../functions/services/apiKeys';
import { demoApiKey } from '../../infra/local/seed';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let cognito: CognitoIdentityProviderClient;
let demo: Tenant;
let acme: Tenant;
const PASSWORD = 'Correct-Horse-9-Battery';

/** Signs a fresh user of `tenantId` into a cognito-local pool and returns its ID token. */
async function idTokenFor(pool: 'portalPool' | 'staffPool', tenantId: string): Promise<string> {
  const { poolId, clientId } = stack.endpoints[pool];
  const username = `${tenantId}.${randomUUID()}`;
  await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: `${username}@example.com` },
        { Name: 'custom:tenantId', Value: tenantId },
      ],
    }),
  );
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  const auth = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }));
  return auth.AuthenticationResult!.IdToken!;
}

const event = (headers: Record<string, string>, cookies?: string[]) => ({ headers, cookies }) as unknown as APIGatewayProxyEventV2;

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpProblem) return err.status;
    throw err;
  }
  throw new Error('expected the credential to be refused');
}

beforeAll(async () => {
  stack = await startTestStack();
  cognito = new CognitoIdentityProviderClient({ endpoint: stack.endpoints.cognito, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  demo = (await tenantRepository.get('demo'))!;
  acme = (await tenantRepository.get('acme'))!;
});
afterAll(async () => {
  cognito?.destroy();
  await stack?.stop();
});

describe('auth context: Cognito tokens from the local pools', () => {
  it('accepts a staff ID token from the session cookie and takes the tenant from it', async () => {
    const token = await idTokenFor('staffPool', 'demo');
    const principal = await authenticate(event({}, [`portico_staff_id=${token}`]), 'staff', demo);
    expect(principal).toMatchObject({ kind: 'staff', tenantId: 'demo' });
  });

  it('accepts a portal ID token as a bearer token for tools', async () => {
    const token = await idTokenFor('portalPool', 'acme');
    const principal = await authenticate(event({ authorization: `Bearer ${token}` }), 'portal', acme);
    expect(principal).toMatchObject({ kind: 'portal', tenantId: 'acme' });
  });

  it('refuses a token of another tenant on this tenant’s host', async () => {
    const token = await idTokenFor('portalPool', 'acme');
    expect(await refusal(authenticate(event({ authorization: `Bearer ${token}` }), 'portal', demo))).toBe(403);
  });

  it('refuses a portal token where staff are required, and the reverse', async () => {
    const portal = await idTokenFor('portalPool', 'demo');
    const staff = await idTokenFor('staffPool', 'demo');
    expect(await refusal(authenticate(event({ authorization: `Bearer ${portal}` }), 'staff', demo))).toBe(401);
    expect(await refusal(authenticate(event({ authorization: `Bearer ${staff}` }), 'portal', demo))).toBe(401);
  });

  it('refuses a token whose payload was altered (tenant swapped)', async () => {
    const token = await idTokenFor('portalPool', 'demo');
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims['custom:tenantId'] = 'acme';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    expect(await refusal(authenticate(event({ authorization: `Bearer ${forged}` }), 'portal', acme))).toBe(401);
  });

  it('refuses an unsigned token and garbage', async () => {
    const none = [Buffer.from('{"alg":"none"}').toString('base64url'), Buffer.from('{"custom:tenantId":"demo","token_use":"id"}').toString('base64url'), ''].join('.');
    expect(await refusal(authenticate(event({ authorization: `Bearer ${none}` }), 'portal', demo))).toBe(401);
    expect(await refusal(authenticate(event({ authorization: 'Bearer not-a-jwt' }), 'portal', demo))).toBe(401);
    expect(await refusal(authenticate(event({}), 'portal', demo))).toBe(401);
  });

  it('lets a public route through with no credential', async () => {
    expect(await authenticate(event({}), 'public', demo)).toEqual({ kind: 'anonymous' });
  });
});

describe('auth context: tenant API keys', () => {
  it('accepts the seeded demo key and takes the tenant from it', async () => {
    const principal = await authenticate(event({ authorization: `Bearer ${demoApiKey('demo').key}` }), 'api-key', undefined);
    expect(principal).toMatchObject({ kind: 'api-key', tenantId: 'demo', keyId: 'localdemo1' });
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
    await expect(authenticate(event({ 'x-api-key': issued }), 'api-key', undefined)).resolves.toMatchObject({ tenantId: 'demo' });
    await apiKeyRepository.revoke('demo', issued.split('.')[2]!);
    expect(await refusal(authenticate(event({ 'x-api-key': issued }), 'api-key', undefined))).toBe(401);
  });

  it('does not accept an API key on a portal route', async () => {
    expect(await refusal(authenticate(event({ authorization: `Bearer ${demoApiKey('demo').key}` }), 'portal', demo))).toBe(401);
  });
});
