import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { deleteFile, fileInfo, presignDownload } from '../../functions/aws/files';
import { pdfKey } from '../../functions/documents/pdf/documentPdfs';
import { fontSources } from '../../functions/documents/pdf/fonts';
import { zipObjectKey, zipRepository } from '../../functions/documents/zips/zipRepository';
import { dynamo, tableName } from '../../functions/table/db';
import { ORIGIN_HEADER } from '../../functions/http/originSecret';
import { LAMBDA_ESBUILD } from '../../infra/lambdaBundling';
import { LOCAL_ORIGIN_SECRET } from '../../infra/local/originSecret';
import { docId, documentBody, publish } from '../support/documents';
import { pdfText } from '../support/pdfText';
import { activePortalUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { zipEntries } from '../support/zips';

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

/** An event as API Gateway passes it on from CloudFront, which adds the origin secret; `origin` replaces or (undefined) drops it. */
const apiEvent = (routeKey: string, host: string, origin: string | undefined = LOCAL_ORIGIN_SECRET) => {
  const path = routeKey.split(' ')[1]!;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { host, ...(origin === undefined ? {} : { [ORIGIN_HEADER]: origin }) },
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

  // Straight to execute-api, around CloudFront: no origin secret, or a guessed one, and any
  // x-forwarded-host the caller likes. Refused before the host picks a tenant.
  for (const origin of [undefined, 'guessed', `${LOCAL_ORIGIN_SECRET}x`]) {
    const bypass = invokeBundle(bundle, {
      ...apiEvent('GET /api/public/tenant', 'abc123.execute-api.eu-west-1.amazonaws.com', origin),
      headers: {
        host: 'abc123.execute-api.eu-west-1.amazonaws.com',
        'x-forwarded-host': 'acme.localhost',
        ...(origin === undefined ? {} : { [ORIGIN_HEADER]: origin }),
      },
    });
    expect(bypass.statusCode).toBe(403);
    expect(bypass.body).not.toContain('Acme');
  }
});

it('the bundled pdf Lambda finds its fonts beside the bundle, as the CDK copies them, and renders and stores a PDF in every script', async () => {
  const bundle = join(outDir, 'pdf.js');
  await build({ ...LAMBDA_ESBUILD, entryPoints: [join(ROOT, 'functions/lambdas/pdf.ts')], outfile: bundle, absWorkingDir: ROOT, logLevel: 'silent' });
  mkdirSync(join(outDir, 'fonts'), { recursive: true });
  for (const { from, to } of fontSources()) copyFileSync(join(ROOT, 'node_modules', from), join(outDir, 'fonts', to));

  const user = await activePortalUser(stack, 'demo');
  const id = docId('inv');
  const title = 'Łukasz · Ελληνικά · Кириллица · 北京 · 東京のサイン · مرحبا · שלום · 🎉';
  expect((await publish(stack, 'demo', 'invoice', id, documentBody('invoice', user.companyId, { number: 'INV-BUNDLE-1', title }))).status).toBe(201);
  await stack.bus.idle();
  const key = pdfKey({ tenantId: 'demo', type: 'invoice', documentId: id, version: 1 });
  await deleteFile(key);

  const event = {
    version: '0',
    id: 'e-1',
    'detail-type': 'document.pdf-requested',
    source: 'portico',
    account: '0',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: { tenantId: 'demo', type: 'invoice', documentId: id, version: 1 },
  };
  // Run away from the repository, so fonts can only come from beside the bundle.
  const script = `require(${JSON.stringify(bundle)}).handler(${JSON.stringify({ target: 'renderDocumentPdf', event })}, { awsRequestId: 'r1', functionName: 'portico-pdf', getRemainingTimeInMillis: () => 60000 })
    .then(() => process.stdout.write('ok'), (e) => { console.error(e); process.exit(1); });`;
  const env = {
    ...process.env,
    HOME: outDir,
    AWS_CONFIG_FILE: join(outDir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'none'),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  // Asynchronously: the S3 stand-in answers from this process.
  expect((await promisify(execFile)(process.execPath, ['-e', script], { env, encoding: 'utf8', cwd: outDir })).stdout).toBe('ok');
  expect(await fileInfo(key)).toMatchObject({ contentType: 'application/pdf' });
  const link = await presignDownload(key, { fileName: 'x.pdf' });
  const text = await pdfText(new Uint8Array(await (await fetch(link.url)).arrayBuffer()));
  expect(text).toContain(title);
  expect(text).toContain('INV-BUNDLE-1');
}, 120_000);

it('the bundled pdf Lambda builds a ZIP of PDFs, streamed to the files bucket (yazl and lib-storage as bundled)', async () => {
  const bundle = join(outDir, 'pdf.js');
  if (!existsSync(bundle))
    await build({ ...LAMBDA_ESBUILD, entryPoints: [join(ROOT, 'functions/lambdas/pdf.ts')], outfile: bundle, absWorkingDir: ROOT, logLevel: 'silent' });
  const user = await activePortalUser(stack, 'demo');
  const id = docId('inv');
  expect((await publish(stack, 'demo', 'invoice', id, documentBody('invoice', user.companyId, { number: 'INV-ZIP-BUNDLE' }))).status).toBe(201);
  await stack.bus.idle();

  // A queued job written as the POST writes it, for the bundle (not the in-process bus) to build.
  const owner = { tenantId: 'demo', companyId: user.companyId, userId: user.userId };
  const now = new Date();
  const zipId = `bundle${now.getTime()}`;
  const job = {
    ...owner,
    zipId,
    type: 'invoice' as const,
    status: 'queued' as const,
    total: 1,
    done: 0,
    skipped: 0,
    fileName: 'invoices-1-pdf.zip',
    key: zipObjectKey(owner, zipId),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    ttl: Math.floor(now.getTime() / 1000) + 86_400,
  };
  for (const write of zipRepository.createWrites(job, [id], `bundle-${job.zipId}`)) {
    if ('Put' in write) await dynamo().send(new PutCommand({ TableName: tableName(), ...write.Put }));
  }
  const event = {
    version: '0',
    id: 'e-zip',
    'detail-type': 'document-zip.requested',
    source: 'portico',
    account: '0',
    time: now.toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: { ...owner, zipId: job.zipId, type: 'invoice' },
  };
  const script = `require(${JSON.stringify(bundle)}).handler(${JSON.stringify({ target: 'buildDocumentZip', event })}, { awsRequestId: 'r2', functionName: 'portico-pdf', getRemainingTimeInMillis: () => 900000 })
    .then(() => process.stdout.write('ok'), (e) => { console.error(e); process.exit(1); });`;
  const env = {
    ...process.env,
    HOME: outDir,
    AWS_CONFIG_FILE: join(outDir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'none'),
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
  expect((await promisify(execFile)(process.execPath, ['-e', script], { env, encoding: 'utf8', cwd: outDir })).stdout).toBe('ok');
  expect(await zipRepository.get(owner, job.zipId, true)).toMatchObject({ status: 'ready', done: 1, skipped: 0 });
  const link = await presignDownload(job.key, { fileName: job.fileName });
  const entries = await zipEntries(new Uint8Array(await (await fetch(link.url)).arrayBuffer()));
  expect(entries.map((e) => e.name)).toEqual(['Invoice-INV-ZIP-BUNDLE.pdf']);
  expect(await pdfText(entries[0]!.bytes)).toContain('INV-ZIP-BUNDLE');
}, 120_000);
