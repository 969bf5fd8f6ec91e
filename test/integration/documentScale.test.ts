import {
  BIG_ADMIN_ROUTES,
  buildTenant,
  MEASURED_ADMIN_ROUTES,
  MEASURED_ROUTES,
  MEASURED_VIEWS,
  measureRoutes,
  signInCookies,
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
  measureRoutes(meter, stack.port, tenant.tenantId, await signInCookies(stack.port, tenant.tenantId, company));
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
    if (route.startsWith('/api/documents/')) expect(b.totals).toMatchObject({ queries: 2, gets: 4 });
  }
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
    expect({ route, rounds: Math.max(...steps.map((s) => s.round)) }).toEqual({ route, rounds: 2 });
    expect(round(1)).toEqual(['Get COMPANY', 'Get SESSION', 'Get TENANT', 'Get USER', 'Query TEAMS']);
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
