import '../../infra/local/quietSdk';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIns } from '../../infra/local/runtime';
import { freePort, type StandIn } from '../../infra/local/standins/process';

declare global {
  var __porticoStandIns: StandIn[] | undefined;
}

/**
 * Starts the AWS stand-ins once for the whole run (DynamoDB Local in memory, cognito-local
 * in a temp dir, SES, S3) on free ports, and tells the test workers where they are.
 * Each test file then makes its own table and its own gateway (test/support/stack.ts).
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-'));
  const ports = { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort(), s3: await freePort() };
  const { endpoints, standIns } = await startStandIns({ ports, dataDir, persist: false, scope: 'test' });
  globalThis.__porticoStandIns = standIns;
  process.env.PORTICO_TEST_STANDINS = JSON.stringify(endpoints);
  // The demo tenants seeded once, their items kept for every test file's table (test/support/seedSnapshot.ts).
  process.env.PORTICO_TEST_SEED_SNAPSHOT = join(dataDir, 'seed-snapshot.v8');
  await seedOnce();
}

function seedOnce(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const child = spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'seedOnce.ts')], {
    cwd: root,
    env: process.env,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Seeding the demo tenants failed (exit ${code}):\n${output}`))));
  });
}
