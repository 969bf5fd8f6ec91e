import {
  BIG_ADMIN_ROUTES,
  BIG_COMPANY_ROUTES,
  buildTenant,
  MEASURED_ADMIN_ROUTES,
  MEASURED_ROUTES,
  MEASURED_VIEWS,
  measureRoutes,
  signInCookies,
  STATEMENT_ROUTES,
  THREAD_PAGE_MEASURED,
  THREAD_ROUTES,
  type CorpusTenant,
  type RouteReads,
} from '../../bench/documentCorpus';
import { recordCalls, stepsOf } from '../../bench/dynamoFloor';
import { installReadMeter, type ReadMeter } from '../../bench/readMeter';
import { send } from '../../bench/send';
import { DEFAULT_PAGE_SIZE } from '../../functions/table/pagination';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The scale requirement as a behaviour test: a company's list pages and its
 * dashboard read the same items whether its tenant holds 10 documents or 1,000 (the
 * bench shows 10,000). Items read are DynamoDB's own count (ScannedCount, items found),
 * not timings, so this cannot be flaky and cannot regress unnoticed.
 */
jest.setTimeout(120_000);

let stack: TestStack;
let meter: ReadMeter;
let small: CorpusTenant;
let large: CorpusTenant;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  meter = installReadMeter();
  const suffix = String(Date.now() % 100_000);
  small = await buildTenant({ tenantId: `scale10-${suffix}`, documents: 10 });
  large = await buildTenant({ tenantId: `scale1k-${suffix}`, documents: 1_000, bigCompanyDocuments: 200 });
  await stack.bus.idle();
});
afterAll(() => stack?.stop());

const reads = async (tenant: CorpusTenant, company = tenant.measured) =>
  measureRoutes(
    meter,
    stack.port,
    tenant.tenantId,
    await signInCookies(stack.port, tenant.tenantId, company),
    company === tenant.measured ? MEASURED_ROUTES : BIG_COMPANY_ROUTES,
  );
const byRoute = (rows: RouteReads[]) => Object.fromEntries(rows.map((r) => [r.route, r]));

it('builds the tenants it says it builds', () => {
  expect(small.documents).toBe(10);
  expect(large.documents).toBe(1_000);
});

it('reads the same items, in the same number of calls, with 10 or 1,000 documents in the tenant', async () => {
  const few = byRoute(await reads(small));
  const many = byRoute(await reads(large));
  for (const route of MEASURED_ROUTES) {
    const [a, b] = [few[route]!, many[route]!];
    const seen = (r: RouteReads) => ({
      route,
      items: r.items,
      queries: r.totals.queries,
      gets: r.totals.gets,
      itemsRead: r.totals.itemsRead,
      readCapacityUnits: r.totals.readCapacityUnits,
    });
    expect(seen(b)).toEqual(seen(a));
    expect(b.totals.readCapacityUnits).toBeGreaterThan(0);
    // One Query per list page, plus the auth context's: its Query of the tenant's teams and 4 GetItems.
    if (route.startsWith('/api/documents/') && !route.includes('/versions')) expect(b.totals).toMatchObject({ queries: 2, gets: 4 });
  }
  // A quote's versions: the document and one Query page of its kept versions (the current one and two kept: three on the page);
  // what changed is the document and the one kept version it is compared with.
  expect(many['/api/documents/quote/m-q-1/versions']!).toMatchObject({ items: 3, totals: { queries: 2, gets: 5 } });
  expect(many['/api/documents/quote/m-q-1/versions/3/changes']!.totals).toMatchObject({ queries: 1, gets: 6 });
  // The company's own documents, and nothing of the other 990.
  expect(many['/api/documents/invoice']!.items).toBe(4);
  expect(many['/api/documents/invoice?status=overdue']!.items).toBe(1);
  expect(many['/api/documents/invoice?q=INV-10']!.items).toBe(4);
});

it('reads one page, not the company’s whole list, for a company with 200 invoices', async () => {
  const rows = byRoute(await reads(large, large.big!));
  const page = rows['/api/documents/invoice']!;
  expect(page.items).toBe(DEFAULT_PAGE_SIZE);
  const measuredPage = byRoute(await reads(large))['/api/documents/invoice']!;
  // The auth context's reads are the same; the list Query reads one page (DynamoDB's Limit).
  expect(page.totals.itemsRead - measuredPage.totals.itemsRead).toBe(DEFAULT_PAGE_SIZE - measuredPage.items!);
});

it('reads in two rounds: the caller with the tenant, then the page (the bench replays these as its floor)', async () => {
  const cookies = await signInCookies(stack.port, small.tenantId, small.measured);
  for (const route of MEASURED_ROUTES) {
    // The first request also looks the Host up, which a warm Lambda remembers.
    await send(stack.port, `${small.tenantId}.localhost:${stack.port}`, 'GET', route, cookies);
    const plan = await recordCalls(async () => {
      const answer = await send(stack.port, `${small.tenantId}.localhost:${stack.port}`, 'GET', route, cookies);
      expect(answer.status).toBe(200);
    });
    const steps = stepsOf(plan);
    const round = (n: number) =>
      steps
        .filter((s) => s.round === n)
        .map((s) => `${s.command} ${s.what}`)
        .sort();
    // A comparison reads the document, then the kept version it names: one round more.
    expect({ route, rounds: Math.max(...steps.map((s) => s.round)) }).toEqual({ route, rounds: route.endsWith('/changes') ? 3 : 2 });
    expect(round(1)).toEqual(['Get COMPANY', 'Get SESSION', 'Get TENANT', 'Get USER', 'Query TEAMS']);
  }
});

it('reads the statement of account from the ledger: the same at 10 or 1,000 documents, in two rounds, one page of movements for a company of 200 invoices', async () => {
  const statementReads = async (tenant: CorpusTenant, company = tenant.measured) =>
    byRoute(await measureRoutes(meter, stack.port, tenant.tenantId, await signInCookies(stack.port, tenant.tenantId, company), STATEMENT_ROUTES));
  const few = await statementReads(small);
  const many = await statementReads(large);
  const big = await statementReads(large, large.big!);
  for (const route of STATEMENT_ROUTES) {
    const seen = (r: RouteReads) => ({ route, items: r.items, queries: r.totals.queries, gets: r.totals.gets, itemsRead: r.totals.itemsRead });
    expect(seen(many[route]!)).toEqual(seen(few[route]!));
    // The auth context (4 Gets, 1 Query) + the currencies and what is open now (2 Gets) + years, months, movements and invoices moved since (4 Queries at most).
    expect(many[route]!.totals.gets).toBe(6);
    expect(many[route]!.totals.queries).toBeLessThanOrEqual(5);
    // The big company reads its period's movements, not its 200 invoices: the aging of a period ending today reads none of them.
    expect(big[route]!.totals.itemsRead).toBeLessThan(100);
  }
  // Two rounds: the caller, then the statement's reads all at once (the currency is named).
  const cookies = await signInCookies(stack.port, small.tenantId, small.measured);
  for (const route of STATEMENT_ROUTES) {
    await send(stack.port, `${small.tenantId}.localhost:${stack.port}`, 'GET', route, cookies);
    const plan = await recordCalls(async () => {
      expect((await send(stack.port, `${small.tenantId}.localhost:${stack.port}`, 'GET', route, cookies)).status).toBe(200);
    });
    expect({ route, rounds: Math.max(...stepsOf(plan).map((s) => s.round)) }).toEqual({ route, rounds: 2 });
  }
});

it("reads one page of a document's view log whatever the tenant's size or the document's views", async () => {
  const crm = (tenant: CorpusTenant) => ({ authorization: `Bearer ${tenant.crmKey}` });
  const [few] = await measureRoutes(meter, stack.port, small.tenantId, crm(small), MEASURED_ADMIN_ROUTES);
  const [many] = await measureRoutes(meter, stack.port, large.tenantId, crm(large), MEASURED_ADMIN_ROUTES);
  const seen = (r: RouteReads) => ({ items: r.items, queries: r.totals.queries, gets: r.totals.gets, itemsRead: r.totals.itemsRead });
  expect(seen(many!)).toEqual(seen(few!));
  expect(few!.items).toBe(Math.min(MEASURED_VIEWS, DEFAULT_PAGE_SIZE));
  // The key (a warm Lambda remembers the host's tenant), the document, one Query of its views.
  expect(few!.totals).toMatchObject({ queries: 1, gets: 2 });
  // 200 views read one page too: the auth context and the document are the same; the Query reads a page.
  const [big] = await measureRoutes(meter, stack.port, large.tenantId, crm(large), BIG_ADMIN_ROUTES);
  expect(big!.items).toBe(DEFAULT_PAGE_SIZE);
  expect(big!.totals.itemsRead).toBe(few!.totals.itemsRead);
});

it('reads one page of a thread whatever its length: 10 or 1,000 messages', async () => {
  const page = async (tenant: CorpusTenant) =>
    (await measureRoutes(meter, stack.port, tenant.tenantId, await signInCookies(stack.port, tenant.tenantId, tenant.measured), THREAD_ROUTES))[0]!;
  const [few, many] = [await page(small), await page(large)];
  const seen = (r: RouteReads) => ({ items: r.items, queries: r.totals.queries, gets: r.totals.gets, itemsRead: r.totals.itemsRead });
  expect(seen(many)).toEqual(seen(few));
  expect(few.items).toBe(THREAD_PAGE_MEASURED);
  // The auth context (4 Gets, the teams' Query), the document (a Get) and one Query of the page and one more message.
  expect(few.totals).toMatchObject({ queries: 2, gets: 5 });
});
