import type { Metafile } from 'esbuild';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaEntries } from '../../bench/bundles';
import { TYPICAL_REQUESTS, invocationOf, judge, type Fixtures, type Sample } from '../../bench/coldStart';
import { firstCallOfEachService, floorSource, sdkClientsOf } from '../../bench/floors';

/**
 * The bench's cold-start section (bench/coldStart.ts, bench/floors.ts): what it measures
 * and how it judges, not how fast anything is.
 */
const fixtures: Fixtures = {
  handlerEnv: { AWS_REGION: 'eu-west-1' },
  host: 'demo.localhost:3000',
  tenantId: 'demo',
  customer: { email: 'customer@demo.example', password: 'pw', cookie: 'portico_id=abc; portico_session=def' },
  crmKey: 'ptk.demo.key.secret',
  invoiceId: 'bl-inv-1',
};

describe('typical requests', () => {
  const invocations = TYPICAL_REQUESTS.map((r) => invocationOf(r, fixtures));

  it('give every Lambda a typical request it serves, found through the route and rule tables', () => {
    const served = new Set(invocations.map((i) => i.lambda));
    expect([...served].sort()).toEqual(
      lambdaEntries('/repo')
        .map((l) => l.name)
        .sort(),
    );
  });

  it("are API Gateway v2 events of a route of the table, with the caller's credentials", () => {
    const byLambda = new Map(invocations.map((i) => [i.lambda, i]));
    const portal = byLambda.get('portal')!.event() as APIGatewayProxyEventV2;
    expect(portal).toMatchObject({
      version: '2.0',
      routeKey: 'GET /api/documents/{type}',
      rawPath: '/api/documents/invoice',
      pathParameters: { type: 'invoice' },
      cookies: ['portico_id=abc', 'portico_session=def'],
    });
    expect(portal.headers['x-forwarded-host']).toBe('demo.localhost:3000');
    const admin = byLambda.get('admin')!.event() as APIGatewayProxyEventV2;
    expect(admin.headers.authorization).toBe('Bearer ptk.demo.key.secret');
    const auth = byLambda.get('auth')!.event() as APIGatewayProxyEventV2;
    expect(JSON.parse(auth.body!)).toEqual({ email: 'customer@demo.example', password: 'pw' });
    // Each invocation is a fresh request, as each cold start would get.
    expect(byLambda.get('public')!.event()).not.toEqual(byLambda.get('public')!.event());
  });

  it("deliver an event to the notify Lambda as the local bus does: the rule's target and the EventBridge envelope", () => {
    const notify = invocations.find((i) => i.lambda === 'notify')!.event() as {
      target: string;
      event: { 'detail-type': string; source: string; detail: { tenantId: string } };
    };
    expect(notify).toMatchObject({ target: 'sendMail', event: { 'detail-type': 'mail.requested', source: 'portico', detail: { tenantId: 'demo' } } });
  });
});

describe('floors', () => {
  it("hold the bundle's SDK client packages, as its metafile lists them", () => {
    const input = (path: string) => [path, { bytes: 1, imports: [] }];
    const metafile = {
      inputs: Object.fromEntries([
        input('node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js'),
        input('node_modules/@aws-sdk/lib-dynamodb/dist-es/index.js'),
        input('node_modules/@aws-sdk/client-s3/dist-es/S3Client.js'),
        input('node_modules/@aws-sdk/s3-request-presigner/dist-es/index.js'),
        input('node_modules/@smithy/core/dist-es/index.js'),
        input('functions/aws/files.ts'),
      ]),
      outputs: {},
    } as unknown as Metafile;
    const packageOf = (path: string) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(Portico code)';
    expect(sdkClientsOf(metafile, packageOf)).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/lib-dynamodb']);
  });

  const classes = { '@aws-sdk/client-dynamodb': 'DynamoDBClient', '@aws-sdk/lib-dynamodb': 'DynamoDBDocumentClient', '@aws-sdk/client-sesv2': 'SESv2Client' };
  const clients = Object.keys(classes);

  it('construct every client and call each service the request called, in its order, DynamoDB through the document client', () => {
    const { source, call } = floorSource(clients, classes, [
      { service: '@aws-sdk/client-dynamodb', call: { target: 'DynamoDB_20120810.PutItem' } },
      { service: '@aws-sdk/client-sesv2', call: { method: 'POST', path: '/v2/email/outbound-emails' } },
    ]);
    expect(call).toBe('DynamoDB PutItem + SES SendEmail');
    expect(source).toContain('new SESv2Client(');
    expect(source).toContain('new DynamoDBClient(');
    expect(source.indexOf('new DynamoDBClient(')).toBeLessThan(source.indexOf('DynamoDBDocumentClient.from('));
    expect(source).toMatch(/documentClient\.send\(new PutCommand\(/);
    expect(source.indexOf('new PutCommand(')).toBeLessThan(source.indexOf('new SendEmailCommand('));
    expect(source).not.toMatch(/functions\/|shared\//);
  });

  it('make no call, and say so, when the request called no service', () => {
    const { source, call } = floorSource(clients, classes, []);
    expect(call).toBeUndefined();
    expect(source).not.toContain('.send(');
  });

  it("tell the services apart by their stand-in's port, keep each one's first call, and count a JWKS fetch as none", () => {
    const env = { DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', COGNITO_ENDPOINT: 'http://127.0.0.1:9229' };
    const calls = firstCallOfEachService(
      [
        { method: 'GET', path: '/local_x/.well-known/jwks.json', port: 9229 },
        { target: 'DynamoDB_20120810.GetItem', port: 8000 },
        { target: 'DynamoDB_20120810.Query', port: 8000 },
        { target: 'AWSCognitoIdentityProviderService.InitiateAuth', port: 9229 },
        { method: 'GET', path: '/elsewhere', port: 443 },
      ],
      env,
    );
    expect(calls.map((c) => [c.service, c.call.target])).toEqual([
      ['@aws-sdk/client-dynamodb', 'DynamoDB_20120810.GetItem'],
      ['@aws-sdk/client-cognito-identity-provider', 'AWSCognitoIdentityProviderService.InitiateAuth'],
    ]);
  });
});

describe('verdicts', () => {
  const samples = (...ms: number[]): Sample[] => ms.map((m) => ({ ms: m, cpuMs: m / 2 }));
  const bare = samples(40, 40, 40);

  it('compare with the floor round by round, and with bare Node only where the floor allows', () => {
    const within = judge({ samples: samples(88, 90, 92) }, { samples: samples(78, 78, 78) }, bare);
    expect(within.vsFloor).toBeCloseTo(90 / 78);
    expect(within.floorVerdict).toBe('ok');
    expect(within.bareVerdict).toBe('OVER BUDGET');

    const floorTooHeavy = judge({ samples: samples(130, 130, 130) }, { samples: samples(100, 100, 100) }, bare);
    expect(floorTooHeavy.floorVerdict).toBe('OVER BUDGET');
    expect(floorTooHeavy.bareVerdict).toBe('n/a (floor 2.50x)');
  });

  it('judge a ratio as it is printed, to two decimals', () => {
    const atTheLimit = judge({ samples: samples(96.02) }, { samples: samples(80) }, samples(48.01));
    expect(atTheLimit.vsFloor).toBeGreaterThan(1.2);
    expect(atTheLimit.floorVerdict).toBe('ok');
    expect(atTheLimit.bareVerdict).toBe('ok');
  });

  it('never pass a figure that failed or was not measured', () => {
    const failed = judge({ samples: [{ ms: 50, cpuMs: 20, error: 'answered 401' }] }, { samples: samples(60) }, bare);
    expect(failed.floorVerdict).toBe('FAILED: answered 401');
    const missing = judge({ samples: [], missing: 'no local stack' }, { samples: samples(60) }, bare);
    expect(missing.bareVerdict).toBe('NOT MEASURED: no local stack');
  });
});
