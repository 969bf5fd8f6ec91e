/**
 * `tsx bench/coldStartStack.ts`, started by measureColdStarts (bench/coldStart.ts): a local
 * stack seeded with the demo tenants, and what the typical requests need from it — the
 * demo customer signed in once through the gateway, the CRM key, an invoice. Prints them on
 * one line, then keeps the stack up until its stdin closes.
 */
import '../infra/local/quietSdk';
import { DEMO_TENANTS } from '../infra/local/demoTenants';
import { DEMO_PORTAL_USER, demoApiKey, demoDocumentsOf } from '../infra/local/seed';
import { STACK_READY, type Fixtures } from './coldStart';
import { startBenchStack } from './localStack';
import { send } from './send';

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const stop = async (code: number) => {
    await stack.stop().catch(() => undefined);
    process.exit(code);
  };
  process.stdin.on('end', () => void stop(0));
  process.stdin.resume();
  try {
    const tenant = DEMO_TENANTS[0]!;
    const host = `${tenant.slug}.localhost:${stack.port}`;
    const customer = { email: DEMO_PORTAL_USER.email(tenant.slug), password: DEMO_PORTAL_USER.password };
    const login = await send(stack.port, host, 'POST', '/api/auth/login', {}, JSON.stringify(customer));
    if (login.status !== 200) throw new Error(`the demo customer could not sign in: ${login.status} ${login.body}`);
    const invoice = demoDocumentsOf(tenant, new Date().toISOString().slice(0, 10)).find((d) => d.type === 'invoice' && d.body.status === 'outstanding');
    if (!invoice) throw new Error(`the demo tenant ${tenant.id} has no outstanding invoice`);
    // The seed's events (mail about published documents) are delivered before anything is timed.
    await stack.idle();
    const fixtures: Fixtures = {
      handlerEnv: stack.handlerEnv,
      host,
      tenantId: tenant.id,
      customer: { ...customer, cookie: login.setCookies.map((c) => c.split(';')[0]).join('; ') },
      crmKey: demoApiKey(tenant.id).key,
      invoiceId: invoice.documentId,
    };
    process.stdout.write(`\n${STACK_READY}${JSON.stringify(fixtures)}\n`);
  } catch (err) {
    console.error(err);
    await stop(1);
  }
}

void main();
