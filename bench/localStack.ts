/**
 * The local stack, started in this process the way the tests' globalSetup and
 * test/support/stack.ts do it: stand-ins on free ports with a throwaway data dir,
 * DynamoDB in memory, then the gateway and event bus, then the demo tenants.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE_DIR, startServices, startStandIns } from '../infra/local/runtime';
import { seedDemoTenants } from '../infra/local/seed';
import { freePort } from '../infra/local/standins/process';

export interface BenchStack {
  port: number;
  startedInMs: number;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const ports = { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort(), s3: await freePort() };
  let standIns: Array<{ stop(): Promise<void> }> = [];
  const stopStandIns = async () => {
    await Promise.allSettled(standIns.map((s) => s.stop()));
    removeDataDir();
  };
  try {
    const running = await startStandIns({ ports, dataDir, persist: false });
    standIns = running.standIns;
    const port = await freePort();
    const services = await startServices({
      endpoints: running.endpoints,
      tableName: 'portico-bench',
      ports: { gateway: port, eventBus: await freePort() },
      siteDir: SITE_DIR,
    });
    try {
      await seedDemoTenants();
    } catch (err) {
      await services.stop();
      throw err;
    }
    return {
      port,
      startedInMs: Date.now() - started,
      async stop() {
        await services.stop();
        await stopStandIns();
      },
    };
  } catch (err) {
    await stopStandIns();
    throw err;
  }
}
