import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { STAFF_GROUPS } from '../../functions/identity/staffGroups';
import { LOCAL_NAMES } from './config';
import { LocalEventBus } from './eventBus';
import { startFilesHousekeeping } from './filesHousekeeping';
import { createGateway } from './gateway';
import { LOCAL_ORIGIN_SECRET } from './originSecret';
import { ORIGIN_SECRET_ENV } from '../../functions/http/originSecret';
import { ensureTable, ensureUserPool, type PoolIds } from './provision';
import { startCognitoLocal } from './standins/cognito';
import { startDynamoDbLocal } from './standins/dynamodb';
import { assertPortFree, LocalRuntimeError, type StandIn } from './standins/process';
import { ProcessRecord, type RecordScope } from './standins/processRecord';
import { startStripeLocal, type StripeLocal } from './standins/stripe';
import { startS3Local } from './standins/s3';
import { startSesLocal } from './standins/ses';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SITE_DIR = join(REPO_ROOT, 'dist', 'web');

/** Endpoints of the running stand-ins, as the handlers' environment needs them. */
export interface StandInEndpoints {
  dynamodb: string;
  cognito: string;
  ses: string;
  s3: string;
  mailbox: string;
  portalPool: PoolIds;
  staffPool: PoolIds;
}

/** Stripe as the payments Lambda is told about it: the platform key, the webhook secret, and the stand-in's address (absent: real Stripe). */
export interface PaymentsProvider {
  secretKey: string;
  webhookSecret: string;
  apiBase?: string;
  /** The connected account each demo tenant takes payments on. */
  demoAccounts: Record<string, string>;
}

/** The connected accounts of the demo tenants on the stand-in (any `acct_…` works there). */
const LOCAL_DEMO_ACCOUNTS: Record<string, string> = { demo: 'acct_1LocalDemoBrightline', acme: 'acct_1LocalDemoAcme' };

/**
 * Stripe for the local runtime. With STRIPE_SECRET_KEY (a test key) set, real Stripe in
 * test mode: STRIPE_WEBHOOK_SECRET comes from `stripe listen`, and
 * PORTICO_DEMO_STRIPE_ACCOUNT names the connected account the `demo` tenant uses.
 * Without it, the local stand-in (infra/local/standins/stripe.ts) on `port`, posting its
 * signed events to the gateway's webhook route, with a fresh endpoint secret per run.
 */
export async function startPaymentsProvider(options: {
  port: number;
  gatewayPort: number;
  merchantNames: Record<string, string>;
}): Promise<{ provider: PaymentsProvider; standIn?: StripeLocal; webhooks?: { hold(): void; release(): void } }> {
  const realKey = process.env.STRIPE_SECRET_KEY;
  if (realKey) {
    if (!/^(sk|rk)_test_/.test(realKey))
      throw new LocalRuntimeError('STRIPE_SECRET_KEY must be a Stripe test key (sk_test_… or rk_test_…): the local runtime never uses live keys.');
    const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
    if (!webhookSecret) throw new LocalRuntimeError('With STRIPE_SECRET_KEY set, also set STRIPE_WEBHOOK_SECRET: the whsec_… that `stripe listen` prints.');
    const demo = process.env.PORTICO_DEMO_STRIPE_ACCOUNT;
    return { provider: { secretKey: realKey, webhookSecret, demoAccounts: demo ? { demo } : {} } };
  }
  await assertPortFree(options.port, 'local Stripe');
  const webhookSecret = `whsec_local${randomBytes(18).toString('hex')}`;
  const byAccount = Object.fromEntries(Object.entries(LOCAL_DEMO_ACCOUNTS).map(([tenant, account]) => [account, options.merchantNames[tenant]]));
  // Tests may hold deliveries back (events are still made and recorded) to deliver them themselves, in any order.
  let held = false;
  const standIn = await startStripeLocal({
    port: options.port,
    webhookUrl: () => (held ? undefined : `http://127.0.0.1:${options.gatewayPort}/api/webhooks/stripe`),
    webhookSecret,
    merchantName: (account) => (account ? byAccount[account] : undefined),
    webhookRetry: { baseDelayMs: 500 },
  });
  return {
    provider: { secretKey: 'sk_test_portico_local', webhookSecret, apiBase: standIn.endpoint, demoAccounts: LOCAL_DEMO_ACCOUNTS },
    standIn,
    webhooks: {
      hold: () => {
        held = true;
      },
      release: () => {
        held = false;
      },
    },
  };
}

/**
 * Starts the AWS stand-ins: DynamoDB Local and cognito-local as owned child processes,
 * SES and S3 in-process. With `persist` DynamoDB keeps its data under `dataDir`; without,
 * in memory (tests). User pools are created on first start and found again after.
 * First it stops any stand-ins an earlier run of the same `scope` started and left
 * running when it was killed (standins/processRecord.ts), then records its own.
 */
export async function startStandIns(options: {
  ports: { dynamodb: number; cognito: number; ses: number; s3: number };
  dataDir: string;
  persist: boolean;
  scope: RecordScope;
}): Promise<{ endpoints: StandInEndpoints; standIns: StandIn[] }> {
  const { ports, dataDir, persist } = options;
  const record = await ProcessRecord.open(options.scope);
  await assertPortFree(ports.dynamodb, 'DynamoDB Local');
  await assertPortFree(ports.cognito, 'cognito-local');
  await assertPortFree(ports.ses, 'local SES');
  await assertPortFree(ports.s3, 'local S3');
  const started: StandIn[] = [];
  try {
    const [dynamodb, cognito, ses, s3] = await Promise.all([
      startDynamoDbLocal({ port: ports.dynamodb, dbPath: persist ? join(dataDir, 'dynamodb') : undefined, record }).then(track),
      startCognitoLocal({ port: ports.cognito, dir: join(dataDir, 'cognito'), record }).then(track),
      startSesLocal({ port: ports.ses }).then(track),
      startS3Local({ port: ports.s3, dir: join(dataDir, 's3'), buckets: [LOCAL_NAMES.filesBucket] }).then(track),
    ]);
    // One after the other: cognito-local rewrites its one clients.json unsynchronised, and two
    // clients made at once on a first start tore it (set aside on the next start, clients made anew).
    const portalPool = await ensureUserPool(cognito.endpoint, LOCAL_NAMES.portalPool, 'portal');
    const staffPool = await ensureUserPool(cognito.endpoint, LOCAL_NAMES.staffPool, 'staff', STAFF_GROUPS);
    return {
      endpoints: { dynamodb: dynamodb.endpoint, cognito: cognito.endpoint, ses: ses.endpoint, s3: s3.endpoint, mailbox: ses.mailboxUrl, portalPool, staffPool },
      standIns: started,
    };
  } catch (err) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw err;
  }

  function track<T extends StandIn>(standIn: T): T {
    started.push(standIn);
    return standIn;
  }
}

/**
 * The handlers' environment: the same variable names the CDK stacks set, plus the
 * endpoint overrides that point the SDK clients at the stand-ins.
 */
export function handlerEnvironment(
  endpoints: StandInEndpoints,
  tableName: string,
  eventBusEndpoint: string,
  gatewayPort: number,
  payments?: PaymentsProvider,
): Record<string, string> {
  return {
    ...(payments
      ? {
          STRIPE_SECRET_KEY: payments.secretKey,
          STRIPE_WEBHOOK_SECRET: payments.webhookSecret,
          ...(payments.apiBase ? { STRIPE_API_BASE: payments.apiBase } : {}),
        }
      : {}),
    TABLE_NAME: tableName,
    FILES_BUCKET: LOCAL_NAMES.filesBucket,
    EVENT_BUS_NAME: LOCAL_NAMES.eventBus,
    PORTAL_USER_POOL_ID: endpoints.portalPool.poolId,
    PORTAL_USER_POOL_CLIENT_ID: endpoints.portalPool.clientId,
    STAFF_USER_POOL_ID: endpoints.staffPool.poolId,
    STAFF_USER_POOL_CLIENT_ID: endpoints.staffPool.clientId,
    COGNITO_ISSUER_BASE: endpoints.cognito,
    MAIL_FROM: LOCAL_NAMES.mailFrom,
    SES_CONFIGURATION_SET: '',
    PORTAL_BASE_DOMAIN: LOCAL_NAMES.baseDomain,
    PORTAL_URL_TEMPLATE: `http://{slug}.${LOCAL_NAMES.baseDomain}:${gatewayPort}`,
    [ORIGIN_SECRET_ENV]: LOCAL_ORIGIN_SECRET,
    DYNAMODB_ENDPOINT: endpoints.dynamodb,
    COGNITO_ENDPOINT: endpoints.cognito,
    SES_ENDPOINT: endpoints.ses,
    S3_ENDPOINT: endpoints.s3,
    EVENTBRIDGE_ENDPOINT: eventBusEndpoint,
    AWS_REGION: LOCAL_NAMES.region,
    // s3rver knows one key pair only; the other stand-ins take any, so all use it.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_SERVICE_NAME: 'portico',
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
  };
}

export interface RunningServices {
  gateway: Server;
  bus: LocalEventBus;
  stop(): Promise<void>;
}

/**
 * Starts the local event bus and the gateway in this process, with the handlers'
 * environment applied to it (handlers run in-process, as they would in their Lambda).
 */
export async function startServices(options: {
  endpoints: StandInEndpoints;
  tableName: string;
  ports: { gateway: number; eventBus: number };
  siteDir?: string;
  /** Stripe for the payments routes (startPaymentsProvider); without it they answer that Stripe is not configured. */
  payments?: PaymentsProvider;
}): Promise<RunningServices> {
  await assertPortFree(options.ports.gateway, 'portal gateway');
  await assertPortFree(options.ports.eventBus, 'local event bus');
  const bus = new LocalEventBus(LOCAL_NAMES.eventBus, LOCAL_NAMES.region);
  const busEndpoint = await bus.listen(options.ports.eventBus);
  Object.assign(process.env, handlerEnvironment(options.endpoints, options.tableName, busEndpoint, options.ports.gateway, options.payments));
  // A Stripe variable of an earlier stack in this process must not outlive it.
  if (!options.payments?.apiBase) delete process.env.STRIPE_API_BASE;
  // The pdf Lambda runs in a process of its own: it gets this environment, as a Lambda gets its function's.
  bus.runLambdasWith(process.env);
  await ensureTable(options.endpoints.dynamodb, options.tableName);
  // Pages PUT uploads to presigned URLs of the S3 stand-in: its origin is in the CSP's connect-src.
  const gateway = createGateway({ siteDir: options.siteDir ?? SITE_DIR, filesOrigin: new URL(options.endpoints.s3).origin });
  // The files bucket's lifecycle rules, which s3rver lacks (pending uploads, ZIPs).
  const housekeeping = startFilesHousekeeping();
  await new Promise<void>((resolve, reject) => {
    gateway.once('error', reject);
    // Bound to loopback: `*.localhost` names resolve there in browsers.
    gateway.listen(options.ports.gateway, '127.0.0.1', () => resolve());
  });
  return {
    gateway,
    bus,
    async stop() {
      housekeeping.stop();
      gateway.closeAllConnections();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      await bus.close();
    },
  };
}
