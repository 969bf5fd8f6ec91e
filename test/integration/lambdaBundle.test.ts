import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD } from '../../infra/lambdaBundling';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The Lambda code as deployed: bundled with the CDK's own settings (SDK inside, its
 * credential chain replaced by the environment provider), loaded in a fresh Node
 * process with only environment credentials, and called like API Gateway calls it,
 * against the local DynamoDB. Catches a bundle that breaks what tsx runs fine.
 */
const ROOT = join(__dirname, '..', '..');
let stack: TestStack;
let outDir: string;

beforeAll(async () => {
  stack = await startTestStack();
  outDir = mkdtempSync(join(tmpdir(), 'portico-bundle-'));
});
afterAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  await stack?.stop();
});

function invokeBundle(bundle: string, event: object): { statusCode: number; body: string } {
  const script = `require(${JSON.stringify(bundle)}).handler(${JSON.stringify(event)}, { awsRequestId: 'r1', functionName: 'portico-public', getRemainingTimeInMillis: () => 3000 })
    .then((r) => process.stdout.write(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });`;
  // Only what a Lambda gets: its environment (credentials included), no AWS config files.
  const env = {
    ...process.env,
    HOME: outDir,
    AWS_CONFIG_FILE: join(outDir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'none'),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }));
}

const apiEvent = (routeKey: string, host: string) => {
  const path = routeKey.split(' ')[1]!;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host },
    requestContext: { requestId: 'req-1', http: { method: 'GET', path, sourceIp: '203.0.113.9', userAgent: 'test' } },
    isBase64Encoded: false,
  };
};

it('the bundled public Lambda reads the table with environment credentials only', async () => {
  const bundle = join(outDir, 'public.js');
  await build({ ...LAMBDA_ESBUILD, entryPoints: [join(ROOT, 'functions/lambdas/public.ts')], outfile: bundle, absWorkingDir: ROOT, logLevel: 'silent' });
  expect(statSync(bundle).size).toBeGreaterThan(0);

  const health = invokeBundle(bundle, apiEvent('GET /api/health', 'demo.localhost'));
  expect(health.statusCode).toBe(200);
  expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', checks: { table: 'ok' } });

  const tenant = invokeBundle(bundle, apiEvent('GET /api/public/tenant', 'acme.localhost'));
  expect(tenant.statusCode).toBe(200);
  expect(JSON.parse(tenant.body).name).toBe('Acme Industrial Supply');
});
