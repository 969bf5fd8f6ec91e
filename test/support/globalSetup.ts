import '../../infra/local/quietSdk';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
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
  // Where the first seeded test stack keeps the demo tenants' items for the others (test/support/seedSnapshot.ts).
  process.env.PORTICO_TEST_SEED_SNAPSHOT = join(dataDir, 'seed-snapshot.v8');
}
