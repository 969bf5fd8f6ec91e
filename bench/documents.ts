import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServices, startStandIns } from '../infra/local/runtime';
import { freePort } from '../infra/local/standins/process';
import {
  BENCH_ROUTES,
  BIG_ADMIN_ROUTES,
  BIG_COMPANY_ROUTES,
  buildTenant,
  MEASURED_ADMIN_ROUTES,
  MEASURED_VIEWS,
  measureRoutes,
  signInCookies,
  STATEMENT_ROUTES,
  type CorpusTenant,
  type RouteReads,
} from './documentCorpus';
import { installReadMeter } from './readMeter';
import { inOwnProcess, measureWhenStarted } from './ownProcess';
import { heading, renderTable } from './table';

export const SCALES = [10, 10_000] as const;
/** In the large tenant, one company holds this many invoices: its list page still reads one page. */
export const BIG_COMPANY_DOCUMENTS = 2_000;

/** The portal's routes with the company's cookies, then the admin routes with the CRM's key. */
const ALL_ROUTES = [...BENCH_ROUTES, ...MEASURED_ADMIN_ROUTES];
const crmHeaders = (tenant: CorpusTenant) => ({ authorization: `Bearer ${tenant.crmKey}` });

export interface DocumentScaleFigures {
  tenants: CorpusTenant[];
  /** Per tenant (in SCALES order), the measured company's reads per route. */
  reads: RouteReads[][];
  /** The big company of the large tenant. */
  bigReads: RouteReads[];
  /** Whether every route read the same items with the same calls at every scale. */
  sameAtEveryScale: boolean;
}

/** Runs the measurement in a process of its own (ownProcess.ts). */
export const runDocumentBench = (): Promise<DocumentScaleFigures> => inOwnProcess<DocumentScaleFigures>(__filename, 15 * 60_000);

/** The measurement itself, in this process: a local stack of its own, the tenants, the reads. */
export async function measureDocumentScale(): Promise<DocumentScaleFigures> {
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-docs-'));
  const ports = { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort(), s3: await freePort() };
  const { endpoints, standIns } = await startStandIns({ ports, dataDir, persist: false, scope: 'bench' });
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  try {
    const port = await freePort();
    services = await startServices({ endpoints, tableName: 'portico-bench-docs', ports: { gateway: port, eventBus: await freePort() } });
    const meter = installReadMeter();
    const tenants: CorpusTenant[] = [];
    for (const documents of SCALES) {
      const large = documents === Math.max(...SCALES);
      tenants.push(await buildTenant({ tenantId: `bench-${documents}`, documents, ...(large ? { bigCompanyDocuments: BIG_COMPANY_DOCUMENTS } : {}) }));
    }
    // The publishing service's events are delivered (and their reads done) before measuring.
    await services.bus.idle();
    const reads: RouteReads[][] = [];
    for (const tenant of tenants)
      reads.push([
        ...(await measureRoutes(meter, port, tenant.tenantId, await signInCookies(port, tenant.tenantId, tenant.measured), BENCH_ROUTES)),
        ...(await measureRoutes(meter, port, tenant.tenantId, crmHeaders(tenant), MEASURED_ADMIN_ROUTES)),
      ]);
    const largest = tenants.at(-1)!;
    const bigReads = largest.big
      ? [
          ...(await measureRoutes(meter, port, largest.tenantId, await signInCookies(port, largest.tenantId, largest.big), [
            ...BIG_COMPANY_ROUTES,
            ...STATEMENT_ROUTES,
          ])),
          ...(await measureRoutes(meter, port, largest.tenantId, crmHeaders(largest), BIG_ADMIN_ROUTES)),
        ]
      : [];
    const key = (r: RouteReads) => JSON.stringify([r.items, r.totals.queries, r.totals.gets, r.totals.itemsRead]);
    const sameAtEveryScale = ALL_ROUTES.every(
      (route, i) => new Set(reads.map((rows) => key(rows[i]!))).size === 1 && reads.every((rows) => rows[i]!.route === route),
    );
    return { tenants, reads, bigReads, sameAtEveryScale };
  } finally {
    await services?.stop();
    await Promise.allSettled(standIns.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const count = (n: number) => n.toLocaleString('en-GB');
const rcu = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function documentReport(figures: DocumentScaleFigures): string {
  const row = (tenant: CorpusTenant, company: string, r: RouteReads) => [
    count(tenant.documents),
    company,
    `GET ${r.route}`,
    r.items === undefined ? '-' : String(r.items),
    String(r.totals.queries),
    String(r.totals.gets),
    String(r.totals.itemsRead),
    rcu(r.totals.readCapacityUnits),
  ];
  const rows: string[][] = [];
  for (const i of ALL_ROUTES.keys()) for (const [t, tenant] of figures.tenants.entries()) rows.push(row(tenant, 'measured (10 docs)', figures.reads[t]![i]!));
  const largest = figures.tenants.at(-1)!;
  for (const r of figures.bigReads) rows.push(row(largest, `big (${count(BIG_COMPANY_DOCUMENTS)} invoices)`, r));
  const builds = figures.tenants.map((t) => {
    const bulk = t.documents - 10;
    const rate =
      bulk > 0 && t.bulkWriteMs > 0
        ? `, ${count(bulk)} by BatchWriteItem in ${(t.bulkWriteMs / 1000).toFixed(1)} s (${count(Math.round(bulk / (t.bulkWriteMs / 1000)))} items/s)`
        : '';
    return `  ${count(t.documents)} documents built in ${(t.buildMs / 1000).toFixed(1)} s: 10 through the publishing service${rate}.`;
  });
  return [
    heading('5. Documents at scale: what a company’s list page and a document’s versions read (DynamoDB Local, ReturnConsumedCapacity=TOTAL)'),
    ...builds,
    renderTable(
      [
        { title: 'Docs in tenant', align: 'right' },
        { title: 'Company' },
        { title: 'Route' },
        { title: 'On page', align: 'right' },
        { title: 'Queries', align: 'right' },
        { title: 'Gets', align: 'right' },
        { title: 'Items read', align: 'right' },
        { title: 'RCUs', align: 'right' },
      ],
      rows,
    ),
    '  Per request, everything the handler read: the auth context (tenant, user, session, company: 4 GetItems; the',
    "  tenant's teams: 1 Query) and the route's own Queries. Items read = ScannedCount of each Query (what DynamoDB",
    '  charges for, before any filter) + items each GetItem found. Measured on the second call of each route.',
    `  Same items read at ${figures.tenants.map((t) => count(t.documents)).join(' and ')} documents: ${figures.sameAtEveryScale ? 'yes' : 'NO'}.`,
    '  The big company shows the other axis: its list pages and its dashboard read one page each (the outstanding',
    '  balance is a running total per company, one GetItem), so neither grows with the company either.',
    "  A quote's versions: the list page is the document (one GetItem) and one Query page of its kept versions' small",
    '  summary items, in the same round; what changed is the document, then the one kept version compared (GetItems).',
    '  The statement of account (this month; the last three months) reads the ledger: the year and month totals',
    '  before the period, the movements of the period (its first month from day 1), what is open now by due date',
    '  (one item) and the invoices that moved since its last day (none when it ends today): it grows with what',
    "  happened in the period, never with the tenant, the company's history or its open invoices.",
    `  A document's view log (admin API, with the CRM's key: 1 GetItem of the key) is one GetItem of the document`,
    `  and one Query of a page of its views, newest first: the measured quote has ${MEASURED_VIEWS} views, the big company's`,
    `  first invoice ${count(BIG_COMPANY_DOCUMENTS)}; each reads one page.`,
  ].join('\n');
}

measureWhenStarted(__filename, measureDocumentScale);
