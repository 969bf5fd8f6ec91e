import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProductBody } from '../shared/api/catalogue';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PERMISSIONS } from '../shared/permissions';
import type { ApiKeyCaller, PortalCaller } from '../functions/core/callers';
import { effectiveModules } from '../functions/customers/access';
import { companyRepository } from '../functions/customers/companyRepository';
import { cartRepository } from '../functions/commerce/cart/cartRepository';
import { viewCart } from '../functions/commerce/cart/carts';
import { dynamo, tableName } from '../functions/table/db';
import { tenantRepository } from '../functions/customers/tenantRepository';
import { teamRepository } from '../functions/customers/teamRepository';
import { catalogueEntryKey, categoryKey } from '../functions/commerce/catalogue/catalogueIndex';
import { descriptionHtml } from '../functions/commerce/catalogue/productDescription';
import { getProducts, productItems, type Product } from '../functions/commerce/catalogue/productRepository';
import { upsertProduct } from '../functions/commerce/catalogue/products';
import { priceFor, priceIn } from '../functions/commerce/pricing/prices';
import { startServices, startStandIns } from '../infra/local/runtime';
import { freePort } from '../infra/local/standins/process';
import { batchWrite, measureRoutes, portalCompany, signInCookies, type PortalCompany, type RouteReads } from './documentCorpus';
import { inOwnProcess, measureWhenStarted } from './ownProcess';
import { installReadMeter } from './readMeter';
import { heading, renderTable } from './table';

/**
 * Issue 12's scale budgets for the catalogue: each catalogue page is ONE Query whose items
 * read are the same with 10 and 10,000 products, and pricing a 200-line cart (its products
 * read in one BatchGetItem pair, each line priced by the price rules) stays under 50 ms.
 * A stack of its own, in a process of its own (as section 5). The 10 products of each
 * tenant go through the catalogue service; the large tenant's other 9,990 are written in
 * bulk as the repository writes them (the product item and its catalogue entries).
 */

export const CATALOGUE_SCALES = [10, 10_000] as const;
export const CART_LINES = 200;
export const CART_PRICING_BUDGET_MS = 50;
const CATEGORIES = ['Fixings', 'Signage', 'Tools', 'Electrical', 'Safety'];

/**
 * Catalogue pages the measured company reads (its first page of each kind), the categories
 * and a product. Pages of 2, which the 10-product catalogue fills in every kind (its
 * smallest category holds 2), so both catalogues read a full page; and a page of 24, which
 * only the large one fills (10 entries read at 10 products, 24 at 10,000: the page, never
 * more), shown for what a real page reads and left out of the comparison.
 */
export const CATALOGUE_ROUTES = [
  '/api/catalogue/products?limit=2',
  '/api/catalogue/products?limit=2&category=Tools',
  '/api/catalogue/products?limit=2&q=widget',
  '/api/catalogue/products?limit=2&inStock=true',
  '/api/catalogue/products?limit=24',
  '/api/catalogue/categories',
  '/api/catalogue/products/p-1',
] as const;

export interface CatalogueScaleFigures {
  scales: number[];
  /** Per scale, the reads of each route. */
  reads: RouteReads[][];
  sameAtEveryScale: boolean;
  /** Pricing a 200-line cart: median and worst of the runs, ms (read + price, and price alone). */
  cart: { lines: number; runs: number; medianMs: number; maxMs: number; priceOnlyMedianMs: number };
}

export const runCatalogueBench = (): Promise<CatalogueScaleFigures> => inOwnProcess<CatalogueScaleFigures>(__filename, 15 * 60_000);

const body = (n: number): ProductBody => ({
  sku: `BN-${String(n).padStart(5, '0')}`,
  name: `Widget ${n} ${['steel', 'brass', 'nylon', 'zinc'][n % 4]} ${['small', 'large'][n % 2]}`,
  description: `A **bench** widget, number ${n}.`,
  category: CATEGORIES[n % CATEGORIES.length],
  unit: 'each',
  taxRateBps: 2000,
  prices: [
    {
      currency: 'GBP',
      unitPrice: 100 + (n % 900),
      breaks: [
        { minQuantity: 10, unitPrice: 90 + (n % 900) },
        { minQuantity: 100, unitPrice: 80 + (n % 800) },
      ],
    },
  ],
  images: [],
  visibility: n % 50 === 0 ? 'listed-companies' : 'everyone',
  visibleTo: n % 50 === 0 ? ['other-company'] : [],
  stock: { onHand: n % 3 === 0 ? 0 : 25, allowBackorder: true },
  active: true,
});

async function buildCatalogueTenant(tenantId: string, products: number): Promise<void> {
  await tenantRepository.put({
    tenantId,
    slug: tenantId,
    name: `Bench ${tenantId}`,
    portalEnabled: true,
    modules: ['quotes', 'orders', 'invoices', 'catalog'],
    branding: { primaryColour: '#1d4ed8', accentColour: '#f59e0b' },
  });
  await tenantRepository.claimHost(`sub:${tenantId}`, tenantId, true);
  await teamRepository.ensureDefaults(tenantId);
  const crm: ApiKeyCaller = { kind: 'api-key', tenantId, keyId: 'bench', scopes: ['admin'], actor: 'api-key:bench', origin: {} };
  for (let n = 1; n <= 10; n++) await upsertProduct(crm, `p-${n}`, body(n));
  if (products <= 10) return;
  const now = new Date().toISOString();
  const items: Array<Record<string, unknown>> = [];
  const counts = new Map<string, number>();
  for (let n = 11; n <= products; n++) {
    const b = body(n);
    const product: Product = {
      tenantId,
      productId: `p-${n}`,
      ...b,
      descriptionHtml: descriptionHtml(b.description),
      version: 1,
      entryKeys: [],
      createdAt: now,
      updatedAt: now,
      updatedBy: 'bench',
    };
    items.push(...productItems(product));
    if (b.visibility === 'everyone' && b.category) counts.set(b.category, (counts.get(b.category) ?? 0) + 1);
  }
  await batchWrite(items);
  // The category counts the service would have moved, added to the ten's.
  for (const [category, count] of counts)
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: catalogueEntryKey(tenantId, `CATEGORY#${categoryKey(category)}`),
        UpdateExpression: 'SET #name = :name ADD #count :n',
        ExpressionAttributeNames: { '#name': 'name', '#count': 'count' },
        ExpressionAttributeValues: { ':name': category, ':n': count },
      }),
    );
}

/**
 * The contact's cart of `lines`, written as the cart service writes it, and a caller for
 * them as the HTTP adapter would build one from their session.
 */
async function storeCart(tenantId: string, company: PortalCompany, lines: Array<{ productId: string; quantity: number }>): Promise<PortalCaller> {
  const tenant = (await tenantRepository.get(tenantId))!;
  const stored = (await companyRepository.get(tenantId, company.companyId))!;
  const caller: PortalCaller = {
    kind: 'portal',
    tenantId,
    userId: company.contactId,
    username: company.email,
    companyId: company.companyId,
    permissions: [...PERMISSIONS],
    tenant,
    company: stored,
    modules: effectiveModules(tenant.modules, stored.moduleOverrides),
    actor: `portal:${company.contactId}`,
    origin: {},
  };
  const cart = await cartRepository.get(tenantId, company.companyId, company.contactId);
  const now = new Date().toISOString();
  const storedLines = lines.map((l) => ({ ...l, sku: l.productId, name: l.productId, unit: 'each', addedAt: now }));
  const write = cartRepository.replaceWrite(cart, storedLines, now);
  if ('Put' in write) await dynamo().send(new PutCommand({ TableName: tableName(), ...write.Put }));
  return caller;
}

/**
 * Prices the 200-line cart as GET /api/cart's handler does once the caller is known
 * (viewCart: the catalogue terms, the cart, its products in BatchGetItems of 100, every
 * line priced and checked), and the price rules alone over the same products.
 */
async function priceCart(caller: PortalCaller, lines: Array<{ productId: string; quantity: number }>): Promise<{ ms: number; priceMs: number; total: number }> {
  const started = performance.now();
  const view = await viewCart(caller);
  const ms = performance.now() - started;
  if (view.lines.length !== lines.length || !view.totals) throw new Error(`the cart priced ${view.lines.length} lines, not ${lines.length}`);
  const products = await getProducts(
    caller.tenantId,
    lines.map((l) => l.productId),
  );
  const terms = { discounts: { blanketBps: 1000, companyBps: 500 } };
  const rulesStarted = performance.now();
  let total = 0;
  for (const line of lines) {
    const product = products.get(line.productId)!;
    total += priceFor(priceIn(product.prices, 'GBP')!, product.taxRateBps, line.quantity, terms).total;
  }
  return { ms, priceMs: performance.now() - rulesStarted, total };
}

export async function measureCatalogueScale(): Promise<CatalogueScaleFigures> {
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-catalogue-'));
  const ports = { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort(), s3: await freePort() };
  const { endpoints, standIns } = await startStandIns({ ports, dataDir, persist: false, scope: 'bench' });
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  try {
    const port = await freePort();
    services = await startServices({ endpoints, tableName: 'portico-bench-catalogue', ports: { gateway: port, eventBus: await freePort() } });
    const meter = installReadMeter();
    const reads: RouteReads[][] = [];
    let measured: PortalCompany | undefined;
    for (const products of CATALOGUE_SCALES) {
      const tenantId = `bench-cat-${products}`;
      await buildCatalogueTenant(tenantId, products);
      const company = await portalCompany(tenantId, 'measured', 'Measured Ltd');
      reads.push(await measureRoutes(meter, port, tenantId, await signInCookies(port, tenantId, company), CATALOGUE_ROUTES));
      if (products === Math.max(...CATALOGUE_SCALES)) measured = company;
    }
    // Items read, not items shown: the visibility and in-stock filters keep fewer of a page in one catalogue than the other.
    const key = (r: RouteReads) => JSON.stringify([r.totals.queries, r.totals.gets, r.totals.itemsRead]);
    const sameAtEveryScale = CATALOGUE_ROUTES.every((route, i) => route.includes('limit=24') || new Set(reads.map((rows) => key(rows[i]!))).size === 1);
    // The cart: 200 lines of the large tenant's products, quantities across the breaks; warm once, then 15 runs.
    // DynamoDB Local's JVM is warmed first (30 runs), as the cloud's DynamoDB always is.
    const tenantId = `bench-cat-${Math.max(...CATALOGUE_SCALES)}`;
    const lines = Array.from({ length: CART_LINES }, (_, i) => ({ productId: `p-${1 + i * 37}`, quantity: 1 + ((i * 13) % 150) }));
    const caller = await storeCart(tenantId, measured!, lines);
    for (let i = 0; i < 30; i++) await priceCart(caller, lines);
    const runs: Array<{ ms: number; priceMs: number }> = [];
    for (let i = 0; i < 15; i++) runs.push(await priceCart(caller, lines));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      scales: [...CATALOGUE_SCALES],
      reads,
      sameAtEveryScale,
      cart: {
        lines: CART_LINES,
        runs: runs.length,
        medianMs: median(runs.map((r) => r.ms)),
        maxMs: Math.max(...runs.map((r) => r.ms)),
        priceOnlyMedianMs: median(runs.map((r) => r.priceMs)),
      },
    };
  } finally {
    await services?.stop();
    await Promise.allSettled(standIns.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

export function catalogueReport(figures: CatalogueScaleFigures): string {
  const rows: string[][] = [];
  for (const i of CATALOGUE_ROUTES.keys())
    for (const [s, scale] of figures.scales.entries()) {
      const r = figures.reads[s]![i]!;
      rows.push([
        count(scale),
        `GET ${r.route}`,
        r.items === undefined ? '-' : String(r.items),
        String(r.totals.queries),
        String(r.totals.gets),
        String(r.totals.itemsRead),
      ]);
    }
  return [
    heading('7. Catalogue at scale: what a catalogue page reads, and pricing a 200-line cart (DynamoDB Local)'),
    renderTable(
      [
        { title: 'Products' },
        { title: 'Route' },
        { title: 'Items', align: 'right' },
        { title: 'Queries', align: 'right' },
        { title: 'Gets', align: 'right' },
        { title: 'Items read', align: 'right' },
      ],
      rows,
    ),
    '  Items read = ScannedCount of each Query (before the visibility and in-stock filters) + items each Get found,',
    "  the caller's own records included (tenant, user, session, company, teams) and the catalogue terms (one BatchGetItem",
    '  of the settings and the two overrides, one GetItem of the payment settings). A page is one Query of `limit` entries.',
    `  Same items read at ${figures.scales.map(count).join(' and ')} products (pages of 2, the categories, a product): ${figures.sameAtEveryScale ? 'yes' : 'NO'}.`,
    '  A page of 24 reads its 24 entries at 10,000 products (the 10-product catalogue has only 10 to read).',
    `  Pricing a ${figures.cart.lines}-line cart as GET /api/cart's handler does (terms, cart, products by BatchGetItem, each line priced and checked): median ${figures.cart.medianMs.toFixed(1)} ms,`,
    `  worst ${figures.cart.maxMs.toFixed(1)} ms of ${figures.cart.runs}; the price rules alone ${figures.cart.priceOnlyMedianMs.toFixed(2)} ms (budget ${CART_PRICING_BUDGET_MS} ms).`,
  ].join('\n');
}

measureWhenStarted(__filename, measureCatalogueScale);
