/**
 * The local stack, started in this process the way the tests' globalSetup and
 * test/support/stack.ts do it: stand-ins on free ports with a throwaway data dir,
 * DynamoDB in memory, then the gateway and event bus, then the demo tenants. With
 * `payments`, also the Stripe stand-in (never real Stripe) and the demo payment settings,
 * as `npm start` has them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoPayments } from '../infra/local/demoPayments';
import { DEMO_TENANTS } from '../infra/local/demoTenants';
import { SITE_DIR, handlerEnvironment, startPaymentsProvider, startServices, startStandIns } from '../infra/local/runtime';
import { seedDemoTenants } from '../infra/local/seed';
import { freePort } from '../infra/local/standins/process';

export interface BenchStack {
  port: number;
  startedInMs: number;
  /** What a Lambda of this stack is given: table, pools, the stand-ins' endpoints, credentials (infra/local/runtime.ts). */
  handlerEnv: Record<string, string>;
  /** Resolves once the event bus has delivered every event sent so far. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchStack(options: { payments?: boolean } = {}): Promise<BenchStack> {
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
    const running = await startStandIns({ ports, dataDir, persist: false, scope: 'bench' });
    standIns = running.standIns;
    const port = await freePort();
    const eventBusPort = await freePort();
    const tableName = 'portico-bench';
    let payments: Awaited<ReturnType<typeof startPaymentsProvider>> | undefined;
    if (options.payments) {
      // The stand-in, whatever STRIPE_SECRET_KEY says: a bench never calls real Stripe.
      delete process.env.STRIPE_SECRET_KEY;
      payments = await startPaymentsProvider({
        port: await freePort(),
        gatewayPort: port,
        merchantNames: Object.fromEntries(DEMO_TENANTS.map((t) => [t.id, t.name])),
      });
      standIns.push(payments.standIn!);
    }
    const services = await startServices({
      endpoints: running.endpoints,
      tableName,
      ports: { gateway: port, eventBus: eventBusPort },
      siteDir: SITE_DIR,
      ...(payments ? { payments: payments.provider } : {}),
    });
    try {
      await seedDemoTenants();
      if (payments) await seedDemoPayments(payments.provider);
    } catch (err) {
      await services.stop();
      throw err;
    }
    return {
      port,
      startedInMs: Date.now() - started,
      handlerEnv: handlerEnvironment(running.endpoints, tableName, `http://127.0.0.1:${eventBusPort}`, port),
      idle: () => services.bus.idle(),
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
