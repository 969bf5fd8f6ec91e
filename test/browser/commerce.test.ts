import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import type { MeResponse } from '../../shared/api/access';
import type { CartLineView, CartView, CatalogueAccess, PriceView, ProductSummary, ProductView } from '../../shared/api/catalogue';
import type { RequestView } from '../../shared/api/commerceRequests';
import type { UploadTicket } from '../../shared/api/documents';
import { demoCatalogueOf, type DemoProduct } from '../../infra/local/demoCatalogue';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { stubSignedInCookie } from '../support/browserSignIn';
import { browserSuite, checkAtBothWidths, headingText, watchErrors, type ViewportName, sparseFile } from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
jest.setTimeout(120_000);

/**
 * The shop's pages (catalogue, product, cart, checkout, quote and job requests, my
 * requests) with every API answer stubbed in the browser (`page.route`), as
 * documents.test.ts does, so each state the contract names shows on demand: hidden
 * prices, problems on cart lines, a 409 at checkout with the changes, a failed upload.
 * The API itself is tested by the integration suites. Product pictures are served from the
 * run's S3 stand-in origin, as presigned GETs of the files bucket are, so the gateway's CSP
 * must let them load.
 */

const demo = DEMO_TENANTS[0]!;
const suite = browserSuite();
const filesOrigin = () => new URL(suite.stack.endpoints.s3).origin;

// ---------- Fixtures, from the demo catalogue ----------

const CATALOGUE = demoCatalogueOf(demo, '2026-03-01', { allowed: 'c1', other: 'c2' });
const VISIBLE = CATALOGUE.products.filter((p) => p.product.visibility === 'everyone' && p.product.active);

const ME: MeResponse = {
  user: { id: 'u1', email: 'sam.taylor@example.com', firstName: 'Sam', lastName: 'Taylor' },
  company: { id: 'c1', name: 'Taylor Signs Ltd', kind: 'customer' },
  permissions: [
    'quotes:read',
    'orders:read',
    'jobs:read',
    'catalog:read',
    'catalog:prices',
    'orders:place',
    'quote-requests:write',
    'job-requests:write',
    'profile:write',
  ],
  modules: ['quotes', 'orders', 'jobs', 'catalog'],
  editableFields: ['phone'],
  signingPinSet: true,
};

const ACCESS: CatalogueAccess = {
  access: true,
  placeOrders: true,
  quoteRequests: true,
  pricesHidden: false,
  currency: 'GBP',
  payAtPurchase: { available: true, methods: ['card'] },
};

const imageUrl = (imageId: string) => `${filesOrigin()}/portico-files/catalogue/${imageId}.png?X-Amz-Signature=test`;

/** The API's price rules, simply (a 5 % account discount): enough for the pages' figures. */
function priceOf(p: DemoProduct, quantity: number): PriceView {
  const gbp = p.product.prices[0]!;
  const breakPrice = [...gbp.breaks].reverse().find((b) => quantity >= b.minQuantity)?.unitPrice ?? gbp.unitPrice;
  const unitPrice = Math.round(breakPrice * 0.95);
  const subtotal = unitPrice * quantity;
  const tax = Math.round((subtotal * p.product.taxRateBps) / 10_000);
  return {
    currency: 'GBP',
    quantity,
    listUnitPrice: gbp.unitPrice,
    breakUnitPrice: breakPrice,
    unitPrice,
    discountBps: 500,
    subtotal,
    taxRateBps: p.product.taxRateBps,
    tax,
    total: subtotal + tax,
    saving: gbp.unitPrice * quantity - subtotal,
    breaks: gbp.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: Math.round(b.unitPrice * 0.95) })),
  };
}

function summaryOf(p: DemoProduct, options: { hidePrices?: boolean } = {}): ProductSummary {
  const s = p.product.stock;
  const img = p.product.images[0];
  return {
    productId: p.productId,
    sku: p.product.sku,
    name: p.product.name,
    category: p.product.category,
    unit: p.product.unit,
    ...(img ? { thumbnail: { url: imageUrl(img.imageId), alt: img.alt } } : {}),
    ...(options.hidePrices ? {} : { price: priceOf(p, 1) }),
    stock: { display: 'number', onHand: s.onHand, ...(s.incoming ? { incoming: s.incoming } : {}) },
  };
}

function viewOf(p: DemoProduct, quantity = 1, options: { hidePrices?: boolean } = {}): ProductView {
  const summary = summaryOf(p, options);
  return {
    ...summary,
    ...(options.hidePrices ? {} : { price: priceOf(p, quantity) }),
    descriptionHtml: `<p>${p.product.description.split('\n\n')[0]}</p><ul><li>Printed in-house on our latex press, <strong>UV-stable inks</strong></li><li>Free artwork check before print</li></ul>`,
    images: p.product.images.map((i) => ({ imageId: i.imageId, url: imageUrl(i.imageId), alt: i.alt })),
    actions: ['add-to-cart'],
  };
}

function lineOf(p: DemoProduct, quantity: number, problems: CartLineView['problems'] = []): CartLineView {
  const s = summaryOf(p);
  return {
    productId: p.productId,
    sku: s.sku,
    name: s.name,
    unit: s.unit,
    quantity,
    thumbnail: s.thumbnail,
    price: priceOf(p, quantity),
    stock: s.stock,
    problems,
  };
}

function cartOf(lines: CartLineView[], version = 3): CartView {
  const subtotal = lines.reduce((n, l) => n + (l.price?.subtotal ?? 0), 0);
  const tax = lines.reduce((n, l) => n + (l.price?.tax ?? 0), 0);
  const saving = lines.reduce((n, l) => n + (l.price?.saving ?? 0), 0);
  return {
    version,
    currency: 'GBP',
    lines,
    totals: { subtotal, tax, total: subtotal + tax, saving },
    blocked: lines.some((l) => l.problems.some((p) => p.kind !== 'price-changed')),
    access: ACCESS,
  };
}

const banner = VISIBLE.find((p) => p.product.sku === 'FLG-FTH-M')!;
const sign = VISIBLE.find((p) => p.product.sku === 'SGN-ACM-A2')!;
const cards = VISIBLE.find((p) => p.product.sku === 'STA-BC-400')!;
const frost = VISIBLE.find((p) => p.product.sku === 'VIN-WIN-FROST')!;

// ---------- Stubbing (as documents.test.ts) ----------

type Answer = Parameters<Route['fulfill']>[0];
const json = (body: unknown, status = 200): Answer => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const problem = (status: number, slug: string, detail: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  contentType: 'application/problem+json',
  body: JSON.stringify({ type: `https://portico.dev/problems/${slug}`, title: slug, status, detail, ...extra }),
});

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}
type Table = Record<string, (req: Request) => Answer | Promise<Answer>>;
interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  made(key: string): Call[];
}

async function open(viewport: ViewportName, path: string, table: Table, options: { me?: MeResponse; access?: CatalogueAccess } = {}): Promise<Opened> {
  const context = await suite.context(viewport, { locale: 'en-GB', timezoneId: 'Europe/London' });
  await stubSignedInCookie(context, demo.slug);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const calls: Call[] = [];
  const full: Table = {
    'GET /api/me': () => json(options.me ?? ME),
    'POST /api/auth/refresh': () => problem(401, 'unauthorized', 'No session.'),
    'GET /api/catalogue': () => json(options.access ?? ACCESS),
    'GET /api/catalogue/categories': () =>
      json({ items: CATALOGUE.categories.map((name) => ({ name, count: VISIBLE.filter((p) => p.product.category === name).length })) }),
    'GET /api/cart': () => json(cartOf([])),
    ...table,
  };
  await page.route(
    (url) => url.pathname.startsWith('/api/') && url.hostname.endsWith('localhost'),
    async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      const handler = full[`${req.method()} ${url.pathname}`];
      if (!handler) return route.fallback();
      let body: unknown;
      try {
        body = req.postDataJSON();
      } catch {
        body = req.postData();
      }
      calls.push({ method: req.method(), path: url.pathname, query: url.searchParams, body });
      return route.fulfill(await handler(req));
    },
  );
  // The product pictures, from the files bucket's origin (a presigned GET in real life).
  await page.route(
    (url) => url.origin === filesOrigin() && url.pathname.startsWith('/portico-files/catalogue/'),
    (route) => {
      const imageId = /catalogue\/(.+)\.png$/.exec(new URL(route.request().url()).pathname)?.[1] ?? '';
      const product = CATALOGUE.products.find((p) => p.images.some((i) => i.imageId === imageId));
      const image = product?.images.find((i) => i.imageId === imageId);
      return image ? route.fulfill({ status: 200, contentType: 'image/png', body: image.bytes() }) : route.fulfill({ status: 404 });
    },
  );
  await page.goto(suite.stack.url(demo.slug) + path);
  return { page, context, errors, made: (key) => calls.filter((c) => `${c.method} ${c.path}` === key) };
}

async function waitForCall(o: Opened, key: string, predicate: (c: Call) => boolean = () => true): Promise<Call> {
  for (let i = 0; i < 100; i++) {
    const found = o.made(key).find(predicate);
    if (found) return found;
    await o.page.waitForTimeout(50);
  }
  throw new Error(`no ${key} call matched`);
}

/** Every picture on the page has loaded (a CSP refusal or a broken link leaves it at 0 × 0). */
async function expectImagesLoaded(page: Page) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const broken = await page.evaluate(() => [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.src));
  expect(broken).toEqual([]);
}

// ---------- Tests ----------

describe('catalogue', () => {
  it('lists products with pictures, prices and stock; filters by category, search and stock; loads more; the menu offers it', async () => {
    const first = VISIBLE.slice(0, 12);
    const second = VISIBLE.slice(12, 16);
    const o = await open('desktop', '/catalog', {
      'GET /api/catalogue/products': (req) => {
        const q = new URL(req.url()).searchParams;
        if (q.get('cursor') === 'page-2') return json({ items: second.map((p) => summaryOf(p)) });
        if (q.get('q')) return json({ items: [] });
        return json({ items: first.map((p) => summaryOf(p)), cursor: 'page-2' });
      },
    });
    await headingText(o.page, 'Catalogue');
    await o.page.getByRole('link', { name: banner.product.name }).waitFor();
    expect(await o.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).toContain('Catalogue');
    await expectImagesLoaded(o.page);
    // The card shows the account price and the stock as given.
    const card = o.page.getByRole('listitem').filter({ hasText: banner.product.name });
    expect(await card.innerText()).toContain('£84.55');
    expect(await card.innerText()).toMatch(/\d+ in stock/);
    await checkAtBothWidths(o.page, 'shop-catalogue', { errors: o.errors });

    await o.page.getByRole('button', { name: 'Load more' }).click();
    await o.page.getByText(second[0]!.product.name).waitFor();
    expect((await waitForCall(o, 'GET /api/catalogue/products', (c) => c.query.get('cursor') === 'page-2')).query.get('limit')).toBe('24');

    await o.page.getByRole('button', { name: /^Signs & Panels/ }).click();
    await waitForCall(o, 'GET /api/catalogue/products', (c) => c.query.get('category') === 'Signs & Panels');
    await o.page.getByRole('checkbox', { name: 'In stock only' }).check();
    await waitForCall(o, 'GET /api/catalogue/products', (c) => c.query.get('inStock') === 'true' && c.query.get('category') === 'Signs & Panels');
    await o.page.getByLabel('Search by name or SKU').fill('BAN-');
    await o.page.getByRole('button', { name: 'Search', exact: true }).click();
    await waitForCall(o, 'GET /api/catalogue/products', (c) => c.query.get('q') === 'BAN-');
    await o.page.getByRole('heading', { name: 'No products found' }).waitFor();
    await checkAtBothWidths(o.page, 'shop-catalogue-empty', { errors: o.errors });
  });

  it('is left out of the menu, and says so at its address, when GET /api/catalogue refuses access; hidden prices show no price', async () => {
    const closed = await open('desktop', '/catalog', {}, { access: { ...ACCESS, access: false } });
    await headingText(closed.page, 'Catalogue');
    await closed.page.getByText('The catalogue is not open to your account').waitFor();
    expect(await closed.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts()).not.toContain('Catalogue');
    expect(closed.errors).toEqual([]);

    const hidden = await open(
      'phone',
      '/catalog',
      { 'GET /api/catalogue/products': () => json({ items: VISIBLE.slice(0, 6).map((p) => summaryOf(p, { hidePrices: true })) }) },
      { access: { ...ACCESS, pricesHidden: true } },
    );
    await hidden.page.getByText(VISIBLE[0]!.product.name).waitFor();
    expect(await hidden.page.locator('main').innerText()).not.toMatch(/£/);
    expect(await hidden.page.getByText('Price on request').count()).toBe(6);
    await checkAtBothWidths(hidden.page, 'shop-catalogue-hidden-prices', { errors: hidden.errors });
  });
});

describe('product', () => {
  it('shows pictures, the description, the price for the quantity with its saving and the breaks, and adds to the cart', async () => {
    const o = await open('desktop', `/catalog/products/${banner.productId}`, {
      [`GET /api/catalogue/products/${banner.productId}`]: (req) => json(viewOf(banner, Number(new URL(req.url()).searchParams.get('quantity') ?? 1))),
      [`PUT /api/cart/lines/${banner.productId}`]: (req) => json(cartOf([lineOf(banner, (req.postDataJSON() as { quantity: number }).quantity)])),
    });
    await headingText(o.page, banner.product.name);
    await o.page.getByRole('table', { name: 'Buy more, pay less' }).waitFor();
    expect(await o.page.getByRole('table', { name: 'Buy more, pay less' }).innerText()).toMatch(/1–4\s+£84\.55[\s\S]*5–9\s+£75\.91[\s\S]*10\+\s+£70\.78/);
    await o.page.getByLabel('Quantity', { exact: true }).fill('12');
    await waitForCall(o, `GET /api/catalogue/products/${banner.productId}`, (c) => c.query.get('quantity') === '12');
    // 12 at the 10+ break less 5 %: £70.78 each, saving (89.00 − 70.78) × 12.
    await o.page.getByText('You save').waitFor();
    expect(await o.page.locator('.buy-figures').innerText()).toMatch(/12 × £70\.78\s+£849\.36[\s\S]*You save\s+£218\.64/);
    await expectImagesLoaded(o.page);
    await o.page.getByRole('button', { name: /View 2/ }).click();
    await o.page.getByRole('button', { name: 'Add to cart' }).click();
    await o.page.getByRole('status').filter({ hasText: '12 in your cart' }).waitFor();
    expect(o.made(`PUT /api/cart/lines/${banner.productId}`).map((c) => c.body)).toEqual([{ quantity: 12 }]);
    expect(await o.page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: /Cart/ }).innerText()).toMatch(/1/);
    await checkAtBothWidths(o.page, 'shop-product', { errors: o.errors });

    const hidden = await open(
      'desktop',
      `/catalog/products/${sign.productId}`,
      { [`GET /api/catalogue/products/${sign.productId}`]: () => json(viewOf(sign, 1, { hidePrices: true })) },
      { access: { ...ACCESS, pricesHidden: true } },
    );
    await headingText(hidden.page, sign.product.name);
    await hidden.page.getByText('Prices are shared on request').waitFor();
    expect(await hidden.page.locator('main').innerText()).not.toMatch(/£/);
    await checkAtBothWidths(hidden.page, 'shop-product-hidden-prices', { errors: hidden.errors });
  });
});

describe('cart and checkout', () => {
  it('shows each line’s problems, changes quantities, removes lines, shows an empty cart and requests a quote from the cart', async () => {
    let cart = cartOf([
      lineOf(banner, 2, [{ kind: 'price-changed', was: 8_900, now: priceOf(banner, 2).unitPrice }]),
      lineOf(sign, 30, [{ kind: 'insufficient-stock', available: 12 }]),
      lineOf(cards, 1, [{ kind: 'unavailable', reason: 'inactive' }]),
      lineOf(frost, 25),
    ]);
    const o = await open('desktop', '/catalog/cart', {
      'GET /api/cart': () => json(cart),
      [`PUT /api/cart/lines/${banner.productId}`]: (req) => {
        const q = (req.postDataJSON() as { quantity: number }).quantity;
        cart = cartOf(
          cart.lines.map((l) => (l.productId === banner.productId ? lineOf(banner, q) : l)),
          cart.version + 1,
        );
        return json(cart);
      },
      [`DELETE /api/cart/lines/${cards.productId}`]: () => {
        cart = cartOf(
          cart.lines.filter((l) => l.productId !== cards.productId),
          cart.version + 1,
        );
        return json(cart);
      },
      'POST /api/cart/quote-request': () => json({ requestId: 'r1' }, 201),
      'GET /api/requests': () => json({ items: [] }),
    });
    await headingText(o.page, 'Your cart');
    await o.page.getByText('Only 12 available: lower the quantity to continue.').waitFor();
    await o.page.getByText('This product is no longer sold. Remove it to continue.').waitFor();
    await o.page.getByText('The price has changed from £89.00 to £84.55 each.').waitFor();
    expect(await o.page.getByRole('button', { name: 'Proceed to checkout' }).isDisabled()).toBe(true);
    await expectImagesLoaded(o.page);
    await checkAtBothWidths(o.page, 'shop-cart-problems', { errors: o.errors });

    await o.page.getByRole('button', { name: `One more ${banner.product.name}` }).click();
    await waitForCall(o, `PUT /api/cart/lines/${banner.productId}`);
    expect(o.made(`PUT /api/cart/lines/${banner.productId}`)[0]!.body).toEqual({ quantity: 3 });
    await o.page.getByRole('button', { name: `Remove ${cards.product.name}` }).click();
    await waitForCall(o, `DELETE /api/cart/lines/${cards.productId}`);
    await o.page.getByText('This product is no longer sold.').waitFor({ state: 'detached' });

    await o.page.getByRole('button', { name: 'Request a quote instead' }).click();
    await o.page.getByLabel('Anything we should know? (optional)').fill('Delivery to our Harrogate branch please.');
    await o.page.getByRole('button', { name: 'Send quote request' }).dblclick();
    await headingText(o.page, 'My requests');
    const sent = o.made('POST /api/cart/quote-request');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ cartVersion: cart.version, description: 'Delivery to our Harrogate branch please.' });
    await o.page.getByText('Thank you: your quote request has been sent.').waitFor();

    cart = cartOf([], cart.version + 1);
    await o.page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: 'Cart' }).click();
    await headingText(o.page, 'Your cart is empty');
    await checkAtBothWidths(o.page, 'shop-cart-empty', { errors: o.errors });
  });

  it('places one order per click; a 409 shows the changes line by line; pay now goes to Checkout', async () => {
    const reviewed = cartOf([lineOf(banner, 5), lineOf(frost, 10)], 7);
    // The frosted film's price went up from £29.45 to £31.00 each (its price break was withdrawn).
    const repriced = { ...priceOf(frost, 10), unitPrice: 3_100, subtotal: 31_000, tax: 6_200, total: 37_200 };
    const moved = cartOf([lineOf(banner, 5), { ...lineOf(frost, 10), price: repriced, problems: [{ kind: 'price-changed', was: 2_945, now: 3_100 }] }], 8);
    let current = reviewed;
    let posts = 0;
    const o = await open('desktop', '/catalog/checkout', {
      'GET /api/cart': () => json(current),
      'POST /api/orders': (req) => {
        posts += 1;
        const body = req.postDataJSON() as { cartVersion: number; payNow: boolean };
        if (body.cartVersion === 7) {
          current = moved;
          return problem(409, 'conflict', 'Your cart changed since you reviewed it.', { cart: moved });
        }
        return json(
          {
            documentId: 'so-bl-3001',
            number: 'SO-3001',
            total: moved.totals!.total,
            currency: 'GBP',
            ...(body.payNow ? { checkoutUrl: 'https://checkout.stripe.test/pay/cs_test_1' } : {}),
          },
          201,
        );
      },
    });
    await o.page.route('https://checkout.stripe.test/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Stripe Checkout</title><h1>Pay</h1>' }),
    );
    await headingText(o.page, 'Checkout');
    await o.page.getByLabel('Your purchase order reference (optional)').fill('PO-77120');
    await o.page.getByLabel('Delivery notes (optional)').fill('Goods in at the rear, 8–4.');
    await checkAtBothWidths(o.page, 'shop-checkout', { errors: o.errors });

    await o.page.getByRole('button', { name: 'Place order' }).click();
    const refusal = o.page.getByRole('alert').filter({ hasText: 'Your order has not been placed' });
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain(`${frost.product.name}:`);
    expect(text).toMatch(/Now £310\.00 \(was £294\.50\)/);
    expect(text).toMatch(/Total: Now/);
    await checkAtBothWidths(o.page, 'shop-checkout-409', { errors: o.errors });

    // The customer has seen the new total: a double click places one order, of the new version.
    await o.page.getByRole('radio', { name: 'Pay now online by card' }).check();
    await o.page.getByRole('button', { name: 'Place order and pay' }).dblclick();
    await o.page.waitForURL('https://checkout.stripe.test/pay/cs_test_1');
    const placed = o.made('POST /api/orders');
    expect(posts).toBe(2);
    expect(placed[1]!.body).toMatchObject({ cartVersion: 8, expectedTotal: moved.totals!.total, purchaseOrderReference: 'PO-77120', payNow: true });
    expect((placed[1]!.body as { clientOrderId: string }).clientOrderId).not.toBe((placed[0]!.body as { clientOrderId: string }).clientOrderId);
    expect(o.errors).toEqual([]);
  });
});

describe('requests', () => {
  it('sends a job request with a file, after an upload that failed; lists requests with their answers', async () => {
    let putAttempts = 0;
    const ticket: UploadTicket = {
      attachmentId: 'att-1',
      url: `${filesOrigin()}/portico-files/requests/att-1`,
      headers: { 'content-type': 'application/pdf' },
      expiresAt: '2099-01-01T00:00:00.000Z',
    };
    const REQUESTS: RequestView[] = [
      {
        requestId: 'r3',
        kind: 'job',
        title: 'Refit the reception sign',
        description: 'Please refit.',
        source: 'form',
        attachments: [{ attachmentId: 'att-1', fileName: 'site-plan.pdf', contentType: 'application/pdf', size: 1200 }],
        createdAt: '2026-03-04T10:00:00.000Z',
        requestedBy: { contactId: 'ct1', name: 'Sam Taylor' },
        status: 'requested',
      },
      {
        requestId: 'r2',
        kind: 'quote',
        title: 'Quote for my cart',
        description: '',
        source: 'cart',
        lines: [{ productId: banner.productId, sku: banner.product.sku, name: banner.product.name, unit: 'each', quantity: 5 }],
        attachments: [],
        createdAt: '2026-03-02T10:00:00.000Z',
        requestedBy: { contactId: 'ct1', name: 'Sam Taylor' },
        status: 'answered',
        answeredAt: '2026-03-03T09:00:00.000Z',
        document: { type: 'quote', documentId: 'bl-q-1050', number: 'Q-1050' },
      },
      {
        requestId: 'r1',
        kind: 'quote',
        title: 'Window graphics, 3 branches',
        description: '',
        source: 'form',
        attachments: [],
        createdAt: '2026-02-20T10:00:00.000Z',
        requestedBy: { contactId: 'ct1', name: 'Sam Taylor' },
        status: 'declined',
        declinedAt: '2026-02-21T10:00:00.000Z',
        reason: 'We do not fit outside the UK.',
      },
    ];
    const o = await open('desktop', '/catalog/requests/new?kind=job', {
      'POST /api/requests/uploads': () => json(ticket),
      'POST /api/requests': () => json(REQUESTS[0], 201),
      'GET /api/requests': () => json({ items: REQUESTS }),
    });
    await o.context.route(`${filesOrigin()}/portico-files/requests/**`, (route) => {
      if (route.request().method() === 'OPTIONS') {
        return route.fulfill({
          status: 200,
          headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': '*' },
        });
      }
      putAttempts += 1;
      // The first attempt fails as S3 would refuse it; the retry gets through.
      return route.fulfill({ status: putAttempts === 1 ? 403 : 200, headers: { 'access-control-allow-origin': '*' }, body: '' });
    });
    await headingText(o.page, 'Request a job');
    await o.page.getByLabel('What is the job?').fill('Refit the reception sign');
    await o.page.getByLabel('Details').fill('The acrylic panel in reception came loose; please refit it with new stand-offs.');
    await o.page.getByLabel('Files (optional)').setInputFiles(sparseFile('site-plan.pdf', 1200));
    await checkAtBothWidths(o.page, 'shop-request-job', { errors: o.errors });

    await o.page.getByRole('button', { name: 'Send job request' }).click();
    await o.page.getByRole('alert').filter({ hasText: '“site-plan.pdf” could not be uploaded, so your request has not been sent.' }).waitFor();
    expect(o.made('POST /api/requests')).toHaveLength(0);
    // Chromium logs S3's 403 as a failed resource: expected here, so not an error of the page.
    o.errors.splice(0, o.errors.length, ...o.errors.filter((e) => !/status of 403/.test(e)));
    await checkAtBothWidths(o.page, 'shop-request-upload-failed', { errors: o.errors });

    await o.page.getByRole('button', { name: 'Send job request' }).click();
    await headingText(o.page, 'My requests');
    expect(o.made('POST /api/requests')).toHaveLength(1);
    expect(o.made('POST /api/requests')[0]!.body).toMatchObject({ kind: 'job', title: 'Refit the reception sign', attachmentIds: ['att-1'] });
    await o.page.getByRole('link', { name: 'Q-1050' }).waitFor();
    expect(await o.page.getByRole('link', { name: 'Q-1050' }).getAttribute('href')).toBe('/quotes/bl-q-1050');
    await o.page.getByText('Declined 21 Feb 2026: We do not fit outside the UK.').waitFor();
    await checkAtBothWidths(o.page, 'shop-requests', { errors: o.errors });
  });
});
