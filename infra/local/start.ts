/**
 * `npm start`: the whole portal on this machine, on the AWS stand-ins, with the demo
 * tenants seeded. Data persists under .data/ (git-ignored). Ctrl-C stops everything; what
 * a killed run left running, the next run stops first (standins/processRecord.ts).
 */
import './quietSdk';
import { showLogsReadably } from './readableLogs';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { LOCAL_NAMES, portsFromEnv } from './config';
import { DEMO_TENANTS } from './demoTenants';
import { seedDemoPayments } from './demoPayments';
import { REPO_ROOT, SITE_DIR, startPaymentsProvider, startServices, startStandIns } from './runtime';
import { DEMO_CLERK, DEMO_LOGIN_PASSWORD, DEMO_PORTAL_USER, DEMO_STAFF, demoApiKey, seedDemoTenants } from './seed';
import { LocalRuntimeError, type StandIn } from './standins/process';

// The handlers' JSON log entries reach this terminal as one short line each.
showLogsReadably();

async function main(): Promise<void> {
  const started = Date.now();
  const ports = portsFromEnv();
  const dataDir = process.env.PORTICO_DATA_DIR ?? join(REPO_ROOT, '.data');
  const stoppers: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Portico…');
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    if (!existsSync(join(SITE_DIR, 'index.html'))) {
      console.log('Building the portal site (first start)…');
      execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
    const { endpoints, standIns } = await startStandIns({ ports, dataDir, persist: true, scope: 'start' });
    stoppers.push(...standIns.map((s: StandIn) => () => s.stop()));
    const payments = await startPaymentsProvider({
      port: ports.stripe,
      gatewayPort: ports.gateway,
      merchantNames: Object.fromEntries(DEMO_TENANTS.map((t) => [t.id, t.name])),
    });
    if (payments.standIn) stoppers.push(() => payments.standIn!.stop());
    const services = await startServices({ endpoints, tableName: LOCAL_NAMES.table, ports, payments: payments.provider });
    stoppers.push(() => services.stop());
    await seedDemoTenants();
    const paying = await seedDemoPayments(payments.provider);
    // What seeding set off (mail about the demo documents, on a first start) is done and
    // logged before the banner, so the banner is the last thing start-up prints.
    await services.bus.idle();

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const lines = [
      '',
      `Portico is running (ready in ${seconds} s). Open:`,
      ...DEMO_TENANTS.map((t) => `  ${t.name.padEnd(28)} http://${t.slug}.localhost:${ports.gateway}`),
      `  Mailbox (local SES)          ${endpoints.mailbox}`,
      '',
      'CRM API keys (local demo only, never used in the cloud):',
      ...DEMO_TENANTS.map((t) => `  ${t.slug.padEnd(6)} ${demoApiKey(t.id).key}`),
      '',
      `Demo sign-ins (local demo only), password ${DEMO_LOGIN_PASSWORD} for all:`,
      ...DEMO_TENANTS.map(
        (t) =>
          `  ${t.slug.padEnd(6)} portal ${DEMO_PORTAL_USER.email(t.slug).padEnd(26)} staff ${DEMO_STAFF.email(t.slug)} (tenant admin), ${DEMO_CLERK.email(t.slug)} (staff)`,
      ),
      '',
      `API health: curl -H 'Host: demo.localhost' http://127.0.0.1:${ports.gateway}/api/health`,
      `Stand-ins: DynamoDB ${endpoints.dynamodb}  Cognito ${endpoints.cognito}  SES ${endpoints.ses}  S3 ${endpoints.s3}`,
      payments.standIn
        ? `Payments: local Stripe stand-in ${payments.standIn.endpoint} (test card 4242 4242 4242 4242, any future expiry, any CVC)`
        : `Payments: real Stripe, test mode${paying.length ? ` (online payment on for ${paying.join(', ')})` : ' (set PORTICO_DEMO_STRIPE_ACCOUNT=acct_… to take demo payments)'}; webhooks through \`stripe listen\``,
      'Press Ctrl-C to stop.',
      '',
    ];
    console.log(lines.join('\n'));
  } catch (err) {
    const message = err instanceof LocalRuntimeError ? err.message : `Portico could not start: ${(err as Error).message}`;
    console.error(message);
    await stopAll(1);
  }
}

void main();
