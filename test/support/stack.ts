import '../../infra/local/quietSdk';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { seedDemoPayments } from '../../infra/local/demoPayments';
import { startPaymentsProvider, startServices, type PaymentsProvider, type RunningServices, type StandInEndpoints } from '../../infra/local/runtime';
import { seedDemoTenants } from '../../infra/local/seed';
import type { StripeLocal } from '../../infra/local/standins/stripe';
import { freePort } from '../../infra/local/standins/process';
import { readSeedSnapshot, restoreSeedSnapshot, takeSeedSnapshot } from './seedSnapshot';

export interface TestStack {
  port: number;
  tableName: string;
  endpoints: StandInEndpoints;
  bus: RunningServices['bus'];
  /** This file's local Stripe: its API, hosted checkout page and test controls (`/_test/…`); webhooks go to this stack's gateway. */
  stripe: StripeLocal;
  /** What the payments Lambda was told: the webhook secret (to sign test events) and the demo tenants' connected accounts. */
  payments: PaymentsProvider;
  /** Holds the stand-in's webhook deliveries back (events are still made and recorded, for the test to post itself) and lets them go again. */
  stripeWebhooks: { hold(): void; release(): void };
  /** A Cognito client on the run's cognito-local, for tests that look at or shape users directly. */
  cognito: CognitoIdentityProviderClient;
  /** The URL a browser opens for a tenant: `http://demo.localhost:<port>`. */
  url(slug: string): string;
  /** Node's fetch cannot resolve `*.localhost`: call loopback with the tenant's Host header. */
  api(slug: string, path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export function standInEndpoints(): StandInEndpoints {
  const raw = process.env.PORTICO_TEST_STANDINS;
  if (!raw) throw new Error('Stand-ins are not running: run tests through jest (globalSetup starts them).');
  return JSON.parse(raw) as StandInEndpoints;
}

/**
 * The local runtime for one test file: its own table (seeded with the demo tenants),
 * its own event bus and gateway on free ports, on the stand-ins of the run.
 */
export async function startTestStack(options: { seed?: boolean; siteDir?: string; renderPdfOnPublish?: boolean } = {}): Promise<TestStack> {
  const endpoints = standInEndpoints();
  const tableName = `portico-test-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  // Each file its own Stripe stand-in, posting to its own gateway. Tests always use the stand-in
  // (they drive its test controls), even when a real STRIPE_SECRET_KEY is in the environment.
  const { STRIPE_SECRET_KEY: _ignored, ...env } = process.env;
  process.env = env;
  const {
    provider: payments,
    standIn,
    webhooks: stripeWebhooks,
  } = await startPaymentsProvider({
    port: await freePort(),
    gatewayPort: port,
    merchantNames: { demo: 'Brightline Print & Signs', acme: 'Acme Industrial Supply' },
  });
  const stripe = standIn!;
  const services = await startServices({ endpoints, tableName, ports: { gateway: port, eventBus: await freePort() }, payments, siteDir: options.siteDir });
  // No PDF rendered ahead on publish unless the file tests that (LocalEventBus.skip says why).
  if (!options.renderPdfOnPublish) services.bus.skip('render-document-pdf', 'document.published');
  if (options.seed !== false) {
    // The run's global setup seeded one stack through the services and kept its table's items
    // (seedOnce.ts); each file's stack copies them (seedSnapshot.ts). Without a snapshot (that
    // very stack) it seeds, and keeps the snapshot.
    const snapshot = readSeedSnapshot(process.env.PORTICO_TEST_SEED_SNAPSHOT);
    if (snapshot) await restoreSeedSnapshot(snapshot, endpoints.dynamodb, tableName);
    else {
      // Without the pdf Lambda: some 30 demo documents' renders that no test reads (a test that
      // asks for one's PDF gets it rendered on request, as the PDF routes do for any document).
      await services.bus.without('pdf', async () => {
        await seedDemoTenants();
        await seedDemoPayments(payments);
      });
      // What the seed's events write (notify's once-only marks) is part of the seed.
      await services.bus.idle();
      await takeSeedSnapshot(process.env.PORTICO_TEST_SEED_SNAPSHOT, endpoints.dynamodb, tableName);
    }
  }
  const cognito = new CognitoIdentityProviderClient({
    endpoint: endpoints.cognito,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    port,
    tableName,
    endpoints,
    bus: services.bus,
    stripe,
    payments,
    stripeWebhooks: stripeWebhooks!,
    cognito,
    url: (slug) => `http://${slug}.localhost:${port}`,
    api: (slug, path, init = {}) => requestWithHost(port, `${slug}.localhost:${port}`, path, init),
    stop: async () => {
      cognito.destroy();
      await services.stop();
      await stripe.stop();
    },
  };
}

/**
 * Node's fetch drops a caller's Host header, so this speaks HTTP/1.1 itself and hands
 * back a standard Response, as a browser on `<tenant>.localhost` would see it. Several
 * hosts send the Host header once for each (what a crafted request can do).
 */
export function requestWithHost(port: number, host: string | string[], path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.delete('host');
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body ? Buffer.from(init.body as ArrayBuffer) : undefined;
  if (body) headers.set('content-length', String(body.length));
  const raw = [...[host].flat().flatMap((h) => ['host', h]), ...[...headers].flat()];
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: raw }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : [value ?? '']) out.append(name, v);
        }
        const status = res.statusCode ?? 500;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
