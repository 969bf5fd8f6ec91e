import { randomUUID } from 'node:crypto';
import type { CartView, PlacedOrder } from '../../shared/api/catalogue';
import type { RequestView } from '../../shared/api/commerceRequests';
import type { DocumentView } from '../../shared/api/documents';
import { adminClient } from '../support/adminApi';
import { payCheckout } from '../support/payments';
import { activePortalUser, jsonRequest, PASSWORD, signInAs, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The cart and placing it as an order (issue 12): one cart per portal user, kept on the
 * server (so it follows them to another device) and nobody else's; every read re-priced
 * and re-checked; an order once per clientOrderId, refused with the changes when the cart
 * or its total moved and naming the line that can no longer be ordered; paid at purchase
 * through the local Stripe checkout, on the invoices' machinery.
 */
jest.setTimeout(90_000);

let stack: TestStack;
const crm = () => adminClient(stack, 'demo');
beforeAll(async () => {
  stack = await startTestStack();
  const settings = await crm()('PUT', '/api/admin/catalogue/settings', {
    placeOrders: true,
    quoteRequests: true,
    pricesHidden: false,
    stockDisplay: 'number',
    showIncoming: false,
    blanketDiscountBps: 0,
    enforceStock: true,
    currency: 'GBP',
  });
  expect(settings.status).toBe(200);
});
afterAll(() => stack?.stop());

interface Answer<T> {
  status: number;
  body: T & { errors?: Array<{ name: string; reason: string }>; cart?: CartView; type?: string };
}
const read = async <T>(res: Response): Promise<Answer<T>> => {
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
};
type Session = Pick<SignedInUser, 'jar'>;
const cartOf = async (s: Session) => read<CartView>(await stack.api('demo', '/api/cart', { headers: s.jar.headers() }));
const setLine = async (s: Session, productId: string, quantity: number) =>
  read<CartView>(await stack.api('demo', `/api/cart/lines/${productId}`, jsonRequest('PUT', { quantity }, s.jar.headers())));
const removeLine = async (s: Session, productId: string) =>
  read<CartView>(await stack.api('demo', `/api/cart/lines/${productId}`, { method: 'DELETE', headers: s.jar.headers() }));
const emptyCart = async (s: Session) => read<CartView>(await stack.api('demo', '/api/cart', { method: 'DELETE', headers: s.jar.headers() }));
const order = async (s: Session, body: Record<string, unknown>) =>
  read<PlacedOrder>(await stack.api('demo', '/api/orders', jsonRequest('POST', body, s.jar.headers())));
/** An order of the cart as the customer reviewed it. */
const orderOf = (cart: CartView, extra: Record<string, unknown> = {}) => ({
  clientOrderId: `co-${randomUUID()}`,
  cartVersion: cart.version,
  expectedTotal: cart.totals!.total,
  ...extra,
});

/** A product of demo's catalogue, as the CRM puts it: £10.00 each, £9.00 from 10, 20 % tax, 100 on hand. */
async function product(overrides: Record<string, unknown> = {}): Promise<string> {
  const productId = `p-${randomUUID().slice(0, 8)}`;
  await putProduct(productId, productBody(overrides));
  return productId;
}

/** The CRM's upsert of a product (a new version of it). */
async function putProduct(productId: string, body: Record<string, unknown>): Promise<void> {
  const res = await crm()('PUT', `/api/admin/products/${productId}`, body);
  expect([200, 201]).toContain(res.status);
}
const productBody = (overrides: Record<string, unknown> = {}) => ({
  sku: `SKU-${randomUUID().slice(0, 6)}`,
  name: 'Vinyl banner',
  taxRateBps: 2000,
  prices: [{ currency: 'GBP', unitPrice: 1000, breaks: [{ minQuantity: 10, unitPrice: 900 }] }],
  stock: { onHand: 100, allowBackorder: false },
  ...overrides,
});

describe('the cart', () => {
  it('is kept per user on the server: another session of the same user sees and changes the same cart', async () => {
    const user = await activePortalUser(stack, 'demo');
    const banner = await product();
    const laptop = { jar: user.jar };
    const phone = { jar: await signInAs(stack, 'demo', user.email, PASSWORD) };
    expect((await cartOf(laptop)).body).toMatchObject({ version: 0, lines: [], blocked: false });

    const added = await setLine(laptop, banner, 2);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      version: 1,
      currency: 'GBP',
      lines: [{ productId: banner, quantity: 2, name: 'Vinyl banner', price: { unitPrice: 1000, subtotal: 2000, tax: 400, total: 2400 }, problems: [] }],
      totals: { subtotal: 2000, tax: 400, total: 2400 },
    });
    const onPhone = await cartOf(phone);
    expect(onPhone.body).toEqual(added.body);

    // The phone changes it: the price break applies from 10; the laptop sees the change.
    expect((await setLine(phone, banner, 10)).body).toMatchObject({ version: 2, lines: [{ quantity: 10, price: { unitPrice: 900, total: 10_800 } }] });
    expect((await cartOf(laptop)).body.lines[0]).toMatchObject({ quantity: 10 });
    expect((await removeLine(laptop, banner)).body).toMatchObject({ version: 3, lines: [] });
    await setLine(phone, banner, 1);
    expect((await emptyCart(laptop)).body).toMatchObject({ version: 5, lines: [] });
  });

  it('two changes at once from two tabs: neither is lost', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [a, b] = [await product(), await product()];
    const [first, second] = await Promise.all([setLine(user, a, 1), setLine(user, b, 2)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const cart = (await cartOf(user)).body;
    expect(cart.version).toBe(2);
    expect(cart.lines.map((l) => [l.productId, l.quantity]).sort()).toEqual(
      [
        [a, 1],
        [b, 2],
      ].sort(),
    );
  });

  it('is nobody else’s: a colleague and another company’s user see their own empty carts', async () => {
    const user = await activePortalUser(stack, 'demo');
    await setLine(user, await product(), 3);
    const otherCompany = await activePortalUser(stack, 'demo');
    expect((await cartOf(otherCompany)).body).toMatchObject({ version: 0, lines: [] });
    // The same company, another login: a cart of their own.
    const colleagueEmail = `colleague-${randomUUID()}@example.com`;
    const contact = await crm()('POST', '/api/admin/contacts', { companyId: user.companyId, firstName: 'Sam', lastName: 'Colleague', email: colleagueEmail });
    expect(contact.status).toBe(201);
    const { waitForMail } = await import('../support/mailbox');
    await crm()('POST', `/api/admin/contacts/${contact.body.contactId}/portal-login`, { teams: ['customer-portal-users'] });
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec((await waitForMail(stack, colleagueEmail)).body.text ?? '')![1]!;
    const accepted = await stack.api('demo', `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: PASSWORD }));
    expect(accepted.status).toBe(200);
    const { CookieJar } = await import('../support/portalAccess');
    expect((await cartOf({ jar: new CookieJar().take(accepted) })).body).toMatchObject({ version: 0, lines: [] });
  });

  it('cannot take a product the caller may not see: 404 as for one that does not exist', async () => {
    const user = await activePortalUser(stack, 'demo');
    const other = await activePortalUser(stack, 'demo');
    const hidden = await product({ visibility: 'hidden' });
    const inactive = await product({ active: false });
    const othersOnly = await product({ visibility: 'listed-companies', visibleTo: [other.companyId] });
    const unknown = `p-${randomUUID().slice(0, 8)}`;
    const answers = await Promise.all([hidden, inactive, othersOnly, unknown].map((id) => setLine(user, id, 1)));
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => JSON.stringify({ ...a.body, instance: undefined, requestId: undefined }).replace(/p-[0-9a-f]{8}/g, ''))).size).toBe(1);
    // The company it is listed for may.
    expect((await setLine(other, othersOnly, 1)).status).toBe(200);
    expect((await cartOf(user)).body.lines).toEqual([]);
  });

  it('is re-priced and re-checked on every read: a new price, a product gone, stock short, each named on its line', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [repriced, withdrawn, scarce] = [await product(), await product({ name: 'Roller banner' }), await product({ name: 'Flag' })];
    await setLine(user, repriced, 1);
    await setLine(user, withdrawn, 1);
    await setLine(user, scarce, 4);
    await putProduct(`${repriced}`, productBody({ prices: [{ currency: 'GBP', unitPrice: 1100 }] }));
    await putProduct(`${withdrawn}`, productBody({ name: 'Roller banner', active: false }));
    await putProduct(`${scarce}`, productBody({ name: 'Flag', stock: { onHand: 3, allowBackorder: false } }));
    const cart = (await cartOf(user)).body;
    expect(cart.lines).toEqual([
      expect.objectContaining({
        productId: repriced,
        price: expect.objectContaining({ unitPrice: 1100 }),
        problems: [{ kind: 'price-changed', was: 1000, now: 1100 }],
      }),
      expect.objectContaining({ productId: withdrawn, name: 'Roller banner', problems: [{ kind: 'unavailable', reason: 'inactive' }] }),
      expect.objectContaining({ productId: scarce, problems: [{ kind: 'insufficient-stock', available: 3 }] }),
    ]);
    expect(cart.blocked).toBe(true);
    // Totals count what can be ordered: 1 × 11.00 and 4 × 10.00, 20 % tax.
    expect(cart.totals).toMatchObject({ subtotal: 5100, tax: 1020, total: 6120 });
  });
});

describe('placing an order', () => {
  it('makes one sales order (submitted) of the cart, with Portico’s lines and totals, PO reference and notes; the cart is emptied', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [banner, flag] = [await product({ name: 'Vinyl banner' }), await product({ name: 'Flag', unit: 'box of 10' })];
    await setLine(user, banner, 12);
    const cart = (await setLine(user, flag, 1)).body;
    const body = orderOf(cart, { purchaseOrderReference: 'PO-7781', deliveryNotes: 'Gate 3, before noon' });
    // A double click: the same clientOrderId twice at once, and once more after.
    const [one, two] = await Promise.all([order(user, body), order(user, body)]);
    const three = await order(user, body);
    expect([one.status, two.status, three.status]).toEqual([201, 201, 201]);
    expect(two.body).toEqual(one.body);
    expect(three.body).toEqual(one.body);
    expect(one.body).toMatchObject({ number: expect.stringMatching(/^W-\d{5}$/), total: cart.totals!.total, currency: 'GBP' });
    expect(one.body.checkoutUrl).toBeUndefined();

    const list = await read<{ items: Array<{ documentId: string; status: string }> }>(
      await stack.api('demo', '/api/documents/sales-order', { headers: user.jar.headers() }),
    );
    expect(list.body.items.filter((d) => d.documentId === one.body.documentId)).toEqual([expect.objectContaining({ status: 'submitted' })]);
    const doc = await read<DocumentView>(await stack.api('demo', `/api/documents/sales-order/${one.body.documentId}`, { headers: user.jar.headers() }));
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      number: one.body.number,
      status: 'submitted',
      currency: 'GBP',
      // 12 × £9.00 (the break) and 1 × £10.00, 20 % tax on each line.
      lines: [
        expect.objectContaining({ description: 'Vinyl banner', quantity: 12, unitPrice: 900, discount: 0, tax: 2160, total: 12_960 }),
        expect.objectContaining({ description: 'Flag (box of 10)', quantity: 1, unitPrice: 1000, discount: 0, tax: 200, total: 1200 }),
      ],
      totals: { subtotal: 11_800, tax: 2360, total: 14_160 },
      notes: 'Purchase order reference: PO-7781\n\nDelivery notes: Gate 3, before noon',
    });
    expect((await cartOf(user)).body.lines).toEqual([]);
    await stack.bus.idle();
    const placed = stack.bus.history.filter(
      (e) => e.envelope['detail-type'] === 'order.placed' && (e.envelope.detail as { documentId?: string }).documentId === one.body.documentId,
    );
    expect(placed.map((e) => e.envelope.detail)).toEqual([
      expect.objectContaining({
        companyId: user.companyId,
        userId: user.userId,
        number: one.body.number,
        total: 14_160,
        lineCount: 2,
        paymentRequested: false,
      }),
    ]);
  });

  it('refuses a cart changed since it was reviewed, and a total that moved, with the cart as it is now (409)', async () => {
    const user = await activePortalUser(stack, 'demo');
    const banner = await product();
    const reviewed = (await setLine(user, banner, 2)).body;
    // Another tab adds one more.
    await setLine(user, banner, 3);
    const stale = await order(user, orderOf(reviewed));
    expect(stale.status).toBe(409);
    expect(stale.body.type).toContain('cart-changed');
    expect(stale.body.cart).toMatchObject({ version: reviewed.version + 1, lines: [{ quantity: 3 }] });
    // The price moves after the review: the total differs.
    const current = (await cartOf(user)).body;
    await putProduct(`${banner}`, productBody({ prices: [{ currency: 'GBP', unitPrice: 1200 }] }));
    const moved = await order(user, orderOf(current));
    expect(moved.status).toBe(409);
    expect(moved.body.cart!.lines[0]!.problems).toEqual([{ kind: 'price-changed', was: 1000, now: 1200 }]);
    expect(moved.body.cart!.totals!.total).toBe(4320);
    // Nothing was placed: the cart is still there.
    expect((await cartOf(user)).body.lines).toHaveLength(1);
  });

  it('names the line that can no longer be ordered (422): hidden, withdrawn, out of stock', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [fine, hidden, scarce] = [await product(), await product(), await product()];
    await setLine(user, fine, 1);
    await setLine(user, hidden, 1);
    const cart = (await setLine(user, scarce, 5)).body;
    await putProduct(`${hidden}`, productBody({ visibility: 'hidden' }));
    await putProduct(`${scarce}`, productBody({ stock: { onHand: 2, allowBackorder: false } }));
    const refused = await order(user, orderOf(cart));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { name: 'lines[1].productId', reason: expect.stringContaining('no longer available (hidden)') },
      { name: 'lines[2].quantity', reason: expect.stringContaining('only 2') },
    ]);
    expect(refused.body.cart!.blocked).toBe(true);
  });

  it('pays at purchase through Stripe Checkout: the order shows paid once the webhook lands', async () => {
    const user = await activePortalUser(stack, 'demo');
    const banner = await product();
    const cart = (await setLine(user, banner, 2)).body;
    expect(cart.access.payAtPurchase).toMatchObject({ available: true, methods: expect.arrayContaining(['card']) });
    const body = orderOf(cart, { payNow: true });
    const placed = await order(user, body);
    expect(placed.status).toBe(201);
    expect(placed.body.checkoutUrl).toEqual(expect.stringMatching(/\/checkout\/cs_test_/));
    // A retry of the same order gets the same checkout, not a second one.
    expect((await order(user, body)).body.checkoutUrl).toBe(placed.body.checkoutUrl);
    const unpaid = await read<DocumentView>(await stack.api('demo', `/api/documents/sales-order/${placed.body.documentId}`, { headers: user.jar.headers() }));
    expect(unpaid.body).toMatchObject({ balance: 2400, paymentStatus: 'unpaid' });

    expect((await payCheckout(stack, placed.body.checkoutUrl!)).outcome).toBe('succeeded');
    await stack.stripe.idle();
    await stack.bus.idle();
    const paid = await read<DocumentView>(await stack.api('demo', `/api/documents/sales-order/${placed.body.documentId}`, { headers: user.jar.headers() }));
    expect(paid.body).toMatchObject({ status: 'submitted', balance: 0, portalPaid: 2400, paymentStatus: 'paid' });
    expect(
      stack.bus.history.some(
        (e) => e.envelope['detail-type'] === 'payment.succeeded' && (e.envelope.detail as { documentId?: string }).documentId === placed.body.documentId,
      ),
    ).toBe(true);
  });
});

describe('the cart as a quote request', () => {
  const quoteRequest = async (s: Session, body: Record<string, unknown>) =>
    read<RequestView>(await stack.api('demo', '/api/cart/quote-request', jsonRequest('POST', body, s.jar.headers())));

  it('sends the cart’s lines once, without prices, and empties the cart in the same write', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [banner, sign] = [await product(), await product({ name: 'Fascia sign' })];
    await setLine(user, banner, 12);
    const cart = (await setLine(user, sign, 1)).body;

    // Refused while the cart the customer reviewed is not the cart now, and while empty.
    const stale = await quoteRequest(user, { clientRequestId: 'cq-stale', cartVersion: cart.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.cart?.version).toBe(cart.version);

    const body = { clientRequestId: `cq-${randomUUID()}`, cartVersion: cart.version, description: 'Delivered to the Leeds shop, please.' };
    const sent = await quoteRequest(user, body);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'quote',
      source: 'cart',
      status: 'requested',
      title: 'Quote for my cart',
      description: 'Delivered to the Leeds shop, please.',
      lines: [
        { productId: banner, name: 'Vinyl banner', quantity: 12 },
        { productId: sign, name: 'Fascia sign', quantity: 1 },
      ],
    });
    expect(JSON.stringify(sent.body.lines)).not.toMatch(/price|total/i);
    expect((await cartOf(user)).body).toMatchObject({ version: cart.version + 1, lines: [] });
    // The same click again answers the same request; the customer sees it among their requests.
    const again = await quoteRequest(user, body);
    expect([again.status, again.body.requestId]).toEqual([200, sent.body.requestId]);
    const listed = await read<{ items: RequestView[] }>(await stack.api('demo', '/api/requests', { headers: user.jar.headers() }));
    expect(listed.body.items.filter((r) => r.requestId === sent.body.requestId)).toHaveLength(1);
    await stack.bus.idle();
    expect(
      stack.bus.history.filter(
        (e) => e.envelope['detail-type'] === 'quote.requested' && (e.envelope.detail as { requestId: string }).requestId === sent.body.requestId,
      ),
    ).toHaveLength(1);

    const empty = await quoteRequest(user, { clientRequestId: 'cq-empty', cartVersion: cart.version + 1 });
    expect([empty.status, empty.body.errors?.[0]?.name]).toEqual([422, 'lines']);
  });

  it('names a line no longer available, and is refused where the settings allow no quote requests', async () => {
    const user = await activePortalUser(stack, 'demo');
    const gone = await product();
    const cart = (await setLine(user, gone, 1)).body;
    await putProduct(gone, productBody({ visibility: 'hidden' }));
    const refused = await quoteRequest(user, { clientRequestId: `cq-${randomUUID()}`, cartVersion: cart.version });
    expect([refused.status, refused.body.errors?.map((e) => e.name)]).toEqual([422, ['lines[0].productId']]);

    const settings = (await crm()('GET', '/api/admin/catalogue/settings')).body as Record<string, unknown>;
    const { updatedAt: _u, updatedBy: _b, configured: _c, ...input } = settings;
    expect((await crm()('PUT', '/api/admin/catalogue/settings', { ...input, quoteRequests: false })).status).toBe(200);
    try {
      expect((await quoteRequest(user, { clientRequestId: `cq-${randomUUID()}`, cartVersion: cart.version })).status).toBe(403);
    } finally {
      await crm()('PUT', '/api/admin/catalogue/settings', { ...input, quoteRequests: true });
    }
  });
});
