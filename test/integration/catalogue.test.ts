import { randomUUID } from 'node:crypto';
import { adminClient, type AdminClient } from '../support/adminApi';
import { DEMO_PORTAL_USER } from '../../infra/local/seed';
import { demoCatalogueOf } from '../../infra/local/demoCatalogue';
import { portalUserViaAdminApi, signIn, type PortalUserFixture } from '../support/callers';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The catalogue (issue 12, H1) through the gateway: products upserted by the CRM one and
 * in a batch, withdrawn, read back; what the portal lists (visibility per company, hidden,
 * inactive, withdrawn), its search, in-stock filter and paging; prices hidden by the
 * setting, by an override and without `catalog:prices`; stock as the settings say; a
 * product's price for a quantity with the discounts. Each run names its products with a
 * token of its own, so the demo tenant's other products (the demo catalogue) do not matter.
 */
jest.setTimeout(120_000);

let stack: TestStack;
let crm: AdminClient;
let buyer: PortalUserFixture;
let other: PortalUserFixture;
let portal: AdminClient;
let otherPortal: AdminClient;
const run = randomUUID().replace(/-/g, '').slice(0, 8);
const category = `Cat ${run}`;
const pid = (n: string) => `p-${run}-${n}`;

const product = (n: string, extra: Record<string, unknown> = {}) => ({
  sku: `SKU-${run}-${n}`,
  name: `Widget ${run} ${n}`,
  description: `A **fine** widget.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://example.com)`,
  category,
  taxRateBps: 2000,
  prices: [{ currency: 'GBP', unitPrice: 1000, breaks: [{ minQuantity: 10, unitPrice: 900 }] }],
  stock: { onHand: 5 },
  ...extra,
});

beforeAll(async () => {
  stack = await startTestStack();
  crm = adminClient(stack, 'demo');
  [buyer, other] = await Promise.all([portalUserViaAdminApi(stack, 'demo'), portalUserViaAdminApi(stack, 'demo')]);
  portal = adminClient(stack, 'demo', buyer.caller.headers);
  otherPortal = adminClient(stack, 'demo', other.caller.headers);
  // The buyer's company has 5 % off; the tenant 10 % for everyone.
  expect((await crm('PATCH', `/api/admin/companies/${buyer.companyId}`, { portalDiscountBps: 500 })).status).toBe(200);
  const settings = {
    placeOrders: true,
    quoteRequests: true,
    pricesHidden: false,
    stockDisplay: 'number',
    showIncoming: true,
    blanketDiscountBps: 1000,
    enforceStock: false,
    currency: 'GBP',
  };
  expect((await crm('PUT', '/api/admin/catalogue/settings', settings)).status).toBe(200);
  const batch = await crm('POST', '/api/admin/products/batch', {
    products: [
      { productId: pid('a'), product: product('alpha') },
      { productId: pid('b'), product: product('bravo', { stock: { onHand: 0, incoming: { quantity: 20, expectedDate: '2027-01-15' } } }) },
      { productId: pid('c'), product: product('charlie', { visibility: 'listed-companies', visibleTo: [other.companyId] }) },
      { productId: pid('d'), product: product('delta', { visibility: 'hidden' }) },
      { productId: pid('e'), product: product('echo', { active: false }) },
      { productId: pid('f'), product: product('foxtrot', { sku: `O-RING-${run}` }) },
    ],
  });
  expect(batch.status).toBe(200);
  expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['created', 'created', 'created', 'created', 'created', 'created']);
});
afterAll(() => stack?.stop());

const ids = (page: { items: Array<{ productId: string }> }) => page.items.map((i) => i.productId).sort();

describe('products from the CRM', () => {
  it('upserts one by id, reads it back with the description sanitised, and says when nothing changed', async () => {
    const created = await crm('PUT', `/api/admin/products/${pid('g')}`, product('golf'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ productId: pid('g'), version: 1, visibility: 'everyone', unit: 'each', active: true });
    expect(created.body.descriptionHtml).toContain('<strong>fine</strong>');
    expect(created.body.descriptionHtml).not.toMatch(/<script|javascript:/);
    expect(created.body.descriptionHtml).toContain('href="https://example.com"');
    const again = await crm('PUT', `/api/admin/products/${pid('g')}`, product('golf'));
    expect([again.status, again.body.version]).toEqual([200, 1]);
    const changed = await crm('PUT', `/api/admin/products/${pid('g')}`, product('golf', { name: `Golf ${run} renamed` }));
    expect([changed.status, changed.body.version]).toEqual([200, 2]);
    // Renamed: found by its new name, not its old one.
    expect(ids((await portal('GET', `/api/catalogue/products?q=renamed&category=${encodeURIComponent(category)}`)).body)).toEqual([pid('g')]);
    expect(ids((await portal('GET', `/api/catalogue/products?q=golf%20${run}`)).body)).toEqual([pid('g')]);
    const read = await crm('GET', `/api/admin/products/${pid('g')}`);
    expect(read.body.name).toBe(`Golf ${run} renamed`);
    // Another tenant's key finds nothing by the same id.
    expect((await adminClient(stack, 'acme')('GET', `/api/admin/products/${pid('g')}`)).status).toBe(404);
  });

  it('reports each product of a batch, a bad one refused whole with the field named', async () => {
    const res = await crm('POST', '/api/admin/products/batch', {
      products: [{ productId: pid('a'), product: product('alpha', { prices: [] }) }],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('body.products.0.product.prices');
    const tooMany = await crm('POST', '/api/admin/products/batch', {
      products: Array.from({ length: 251 }, (_, i) => ({ productId: `x${i}`, product: product(`x${i}`) })),
    });
    expect(tooMany.status).toBe(400);
  });

  it('withdraws a product: gone from the catalogue at once, still readable by the CRM, back when upserted again', async () => {
    expect((await crm('PUT', `/api/admin/products/${pid('h')}`, product('hotel'))).status).toBe(201);
    expect(ids((await portal('GET', `/api/catalogue/products?q=hotel&category=${encodeURIComponent(category)}`)).body)).toEqual([pid('h')]);
    expect((await crm('DELETE', `/api/admin/products/${pid('h')}`)).status).toBe(204);
    expect((await crm('DELETE', `/api/admin/products/${pid('h')}`)).status).toBe(204);
    expect((await portal('GET', `/api/catalogue/products?q=hotel&category=${encodeURIComponent(category)}`)).body.items).toEqual([]);
    expect((await portal('GET', `/api/catalogue/products/${pid('h')}`)).status).toBe(404);
    expect((await crm('GET', `/api/admin/products/${pid('h')}`)).body.withdrawnAt).toEqual(expect.any(String));
    expect((await crm('DELETE', `/api/admin/products/nonexistent-${run}`)).status).toBe(404);
    expect((await crm('PUT', `/api/admin/products/${pid('h')}`, product('hotel'))).status).toBe(200);
    expect(ids((await portal('GET', `/api/catalogue/products?q=hotel&category=${encodeURIComponent(category)}`)).body)).toEqual([pid('h')]);
  });
});

describe('the portal catalogue', () => {
  it('lists what each company may see: never hidden or inactive, listed-companies products only for those companies', async () => {
    const mine = await portal('GET', `/api/catalogue/products?category=${encodeURIComponent(category)}&limit=100`);
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toEqual(expect.arrayContaining([pid('a'), pid('b'), pid('f')]));
    expect(ids(mine.body)).not.toEqual(expect.arrayContaining([pid('c')]));
    for (const hidden of ['c', 'd', 'e']) {
      expect(ids(mine.body)).not.toContain(pid(hidden));
      expect((await portal('GET', `/api/catalogue/products/${pid(hidden)}`)).status).toBe(404);
    }
    const theirs = await otherPortal('GET', `/api/catalogue/products?category=${encodeURIComponent(category)}&limit=100`);
    expect(ids(theirs.body)).toContain(pid('c'));
    expect(ids(theirs.body)).not.toContain(pid('d'));
    expect((await otherPortal('GET', `/api/catalogue/products/${pid('c')}`)).status).toBe(200);
  });

  it('searches by the start of a word of the name and of the SKU, and filters in stock', async () => {
    expect(ids((await portal('GET', `/api/catalogue/products?q=alp&category=${encodeURIComponent(category)}`)).body)).toEqual([pid('a')]);
    expect(ids((await portal('GET', `/api/catalogue/products?q=${encodeURIComponent(`o-ring-${run}`)}`)).body)).toEqual([pid('f')]);
    expect(ids((await portal('GET', `/api/catalogue/products?q=${encodeURIComponent(`sku-${run}-bra`)}`)).body)).toEqual([pid('b')]);
    const inStock = await portal('GET', `/api/catalogue/products?category=${encodeURIComponent(category)}&inStock=true&limit=100`);
    expect(ids(inStock.body)).toContain(pid('a'));
    expect(ids(inStock.body)).not.toContain(pid('b'));
  });

  it('pages by cursor, each page one bounded query', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await portal('GET', `/api/catalogue/products?category=${encodeURIComponent(category)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res.body));
      cursor = res.body.cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([pid('a'), pid('b'), pid('f'), pid('g'), pid('h')]));
    expect((await portal('GET', '/api/catalogue/products?cursor=bm90LWEtY3Vyc29y')).status).toBe(400);
  });

  it("prices for the caller: the break, then the blanket discount and the company's, with tax and the saving", async () => {
    const one = await portal('GET', `/api/catalogue/products/${pid('a')}`);
    expect(one.status).toBe(200);
    // 1000 × 0.9 × 0.95 = 855; tax 20 % = 171
    expect(one.body.price).toMatchObject({ quantity: 1, listUnitPrice: 1000, unitPrice: 855, discountBps: 1450, tax: 171, total: 1026, saving: 145 });
    expect(one.body.descriptionHtml).toContain('<strong>fine</strong>');
    expect(one.body.actions).toEqual(['add-to-cart']);
    const ten = await portal('GET', `/api/catalogue/products/${pid('a')}?quantity=10`);
    // break 900 × 0.855 = 769.5 → 770
    expect(ten.body.price).toMatchObject({ quantity: 10, breakUnitPrice: 900, unitPrice: 770, subtotal: 7700, saving: 2300 });
    // The other company has no discount of its own.
    expect((await otherPortal('GET', `/api/catalogue/products/${pid('a')}`)).body.price.unitPrice).toBe(900);
    expect((await portal('GET', `/api/catalogue/products/${pid('a')}?quantity=0`)).status).toBe(400);
  });

  it('shows stock as a number with incoming, as an indication, or not at all, per the overrides', async () => {
    const stockOf = async (client: AdminClient, id: string) => (await client('GET', `/api/catalogue/products/${id}`)).body.stock;
    expect(await stockOf(portal, pid('b'))).toEqual({ display: 'number', onHand: 0, incoming: { quantity: 20, expectedDate: '2027-01-15' } });
    expect((await crm('PUT', `/api/admin/companies/${buyer.companyId}/catalogue`, { stockDisplay: 'indication' })).status).toBe(200);
    expect(await stockOf(portal, pid('b'))).toEqual({ display: 'indication', inStock: false, incoming: { expectedDate: '2027-01-15' } });
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, { stockDisplay: 'none' })).status).toBe(200);
    expect(await stockOf(portal, pid('b'))).toEqual({ display: 'none' });
    // The other company is as the tenant says.
    expect((await stockOf(otherPortal, pid('b'))).display).toBe('number');
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, {})).status).toBe(200);
    expect((await crm('PUT', `/api/admin/companies/${buyer.companyId}/catalogue`, {})).status).toBe(200);
  });

  it('never sends a price when prices are hidden: by the tenant setting, by an override, or without catalog:prices', async () => {
    const noPrice = async (client: AdminClient) => {
      const page = await client('GET', `/api/catalogue/products?category=${encodeURIComponent(category)}&limit=100`);
      const one = await client('GET', `/api/catalogue/products/${pid('a')}?quantity=10`);
      const text = JSON.stringify([page.body, one.body]);
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/"price"|unitPrice|"1000"|855/);
      expect((await client('GET', '/api/catalogue')).body.pricesHidden).toBe(true);
    };
    expect((await crm('PUT', `/api/admin/companies/${buyer.companyId}/catalogue`, { pricesHidden: true })).status).toBe(200);
    await noPrice(portal);
    expect((await otherPortal('GET', `/api/catalogue/products/${pid('a')}`)).body.price).toBeDefined();
    expect((await crm('PUT', `/api/admin/companies/${buyer.companyId}/catalogue`, {})).status).toBe(200);

    const settings = (await crm('GET', '/api/admin/catalogue/settings')).body;
    const { configured: _c, updatedAt: _u, updatedBy: _b, ...body } = settings;
    expect((await crm('PUT', '/api/admin/catalogue/settings', { ...body, pricesHidden: true })).status).toBe(200);
    await noPrice(otherPortal);
    // A contact's override may show them again for that contact alone.
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, { pricesHidden: false })).status).toBe(200);
    expect((await portal('GET', `/api/catalogue/products/${pid('a')}`)).body.price).toBeDefined();
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, {})).status).toBe(200);
    expect((await crm('PUT', '/api/admin/catalogue/settings', { ...body, pricesHidden: false })).status).toBe(200);

    // A team with catalog:read but not catalog:prices.
    const teams = (await crm('GET', '/api/admin/teams')).body.items as Array<{ teamId: string; permissions: string[] }>;
    const supplierTeam = teams.find((t) => t.teamId === 'customer-portal-supplier-users')!;
    expect((await crm('PATCH', '/api/admin/teams/customer-portal-supplier-users', { permissions: ['catalog:read'] })).status).toBe(200);
    const reader = await portalUserViaAdminApi(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    await noPrice(adminClient(stack, 'demo', reader.caller.headers));
    expect((await crm('PATCH', '/api/admin/teams/customer-portal-supplier-users', { permissions: supplierTeam.permissions })).status).toBe(200);
  });

  it('closes the catalogue to a contact whose access is off (seed 002), and lists categories with their counts', async () => {
    const access = await portal('GET', '/api/catalogue');
    expect(access.body).toMatchObject({ access: true, placeOrders: true, quoteRequests: true, pricesHidden: false, currency: 'GBP' });
    const cats = await portal('GET', '/api/catalogue/categories');
    expect(cats.body.items).toContainEqual({ name: category, count: expect.any(Number) });
    // alpha, bravo, foxtrot, golf, hotel are shown to everyone; charlie (listed), delta (hidden), echo (inactive) are not counted.
    expect(cats.body.items.find((c: { name: string }) => c.name === category).count).toBe(5);
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, { access: false })).status).toBe(200);
    expect((await portal('GET', '/api/catalogue')).body.access).toBe(false);
    expect((await portal('GET', '/api/catalogue/products')).status).toBe(403);
    expect((await portal('GET', `/api/catalogue/products/${pid('a')}`)).status).toBe(403);
    expect((await crm('PUT', `/api/admin/contacts/${buyer.contactId}/catalogue`, {})).status).toBe(200);
    expect((await crm('PUT', `/api/admin/contacts/nonexistent-${run}/catalogue`, {})).status).toBe(404);
  });

  it('uploads a product image (images only) and serves it to those who may see the product through a short-lived link', async () => {
    const refused = await crm('POST', `/api/admin/products/${pid('a')}/images`, { fileName: 'x.svg', contentType: 'image/svg+xml', size: 10 });
    expect(refused.status).toBe(400);
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4830000000049454e44ae426082',
      'hex',
    );
    const ticket = await crm('POST', `/api/admin/products/${pid('a')}/images`, { fileName: 'a.png', contentType: 'image/png', size: png.length });
    expect(ticket.status).toBe(201);
    expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: png })).ok).toBe(true);
    expect((await crm('PUT', `/api/admin/products/${pid('a')}`, product('alpha', { images: [{ imageId: ticket.body.imageId, alt: 'Alpha' }] }))).status).toBe(
      200,
    );
    const view = (await portal('GET', `/api/catalogue/products/${pid('a')}`)).body;
    expect(view.thumbnail).toEqual({ url: `/api/catalogue/products/${pid('a')}/images/${ticket.body.imageId}`, alt: 'Alpha' });
    const image = await stack.api('demo', view.thumbnail.url, { headers: buyer.caller.headers, redirect: 'manual' });
    expect(image.status).toBe(302);
    const file = await fetch(image.headers.get('location')!);
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    // Not for an image the product does not name, nor a product the caller may not see.
    expect((await stack.api('demo', `/api/catalogue/products/${pid('a')}/images/other`, { headers: buyer.caller.headers, redirect: 'manual' })).status).toBe(
      404,
    );
    expect(
      (await stack.api('demo', `/api/catalogue/products/${pid('c')}/images/${ticket.body.imageId}`, { headers: buyer.caller.headers, redirect: 'manual' }))
        .status,
    ).toBe(404);
  });
});

describe('the demo catalogue', () => {
  it('is seeded through the catalogue service: the demo user sees its listed products and categories, never its hidden ones', async () => {
    const demoUser = adminClient(stack, 'demo', (await signIn(stack, 'demo', DEMO_PORTAL_USER.email('demo'), DEMO_PORTAL_USER.password)).headers);
    const catalogue = demoCatalogueOf({ id: 'demo' }, '2026-01-01', { allowed: 'demo-customer', other: 'demo-not-allowed' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await demoUser('GET', `/api/catalogue/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      cursor = page.body.cursor;
    } while (cursor);
    const shown = catalogue.products.filter((p) => p.product.active && (p.product.visibility === 'everyone' || p.product.visibleTo.includes('demo-customer')));
    expect(seen).toEqual(expect.arrayContaining(shown.map((p) => p.productId)));
    for (const p of catalogue.products.filter((p) => !shown.includes(p))) expect(seen).not.toContain(p.productId);
    const categories = (await demoUser('GET', '/api/catalogue/categories')).body.items.map((c: { name: string }) => c.name);
    expect(categories).toEqual(expect.arrayContaining(catalogue.categories));
  });
});
