import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { adminClient, type AdminCall } from '../support/adminApi';
import { signInThroughPage } from '../support/browserSignIn';
import { waitForMail } from '../support/mailbox';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { browserSuite, checkAtBothWidths, headingText, sparseFile, watchErrors } from './helpers';

/**
 * Issue 12's browser test, on the real local stack with nothing stubbed: the CRM puts a
 * product in the catalogue and staff choose who hears of an order and in which template →
 * a contact signs in, finds the product, puts three in the cart, checks out with a PO
 * reference and pays at once on the local Stripe checkout → the order is in Orders, paid →
 * the staff mail came in the chosen template. Then the cart sent as a quote request, and a
 * job request with a file, each listed under My requests.
 *
 * The steps build on each other (one contact, one cart), so a step is not retried alone.
 */
jest.setTimeout(150_000);

const suite = browserSuite();
const run = randomUUID().slice(0, 6).toUpperCase();
const SALES = `web-orders-${run.toLowerCase()}@brightline.example`;
const PRODUCT = { productId: `e2e-${run.toLowerCase()}`, name: `Aluminium sign tray ${run}`, sku: `ALU-${run}` };
const nextYear = String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0');
const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

let user: SignedInUser;
let page: Page;
let errors: string[];

function expectStatus(call: AdminCall, ...statuses: number[]): void {
  if (!statuses.includes(call.status)) throw new Error(`expected HTTP ${statuses.join(' or ')}, got ${call.status}: ${JSON.stringify(call.body)}`);
}

beforeAll(async () => {
  const crm = adminClient(suite.stack, 'demo');
  expectStatus(
    await crm('PUT', '/api/admin/catalogue/settings', {
      placeOrders: true,
      quoteRequests: true,
      pricesHidden: false,
      stockDisplay: 'number',
      showIncoming: true,
      blanketDiscountBps: 0,
      enforceStock: true,
      currency: 'GBP',
    }),
    200,
  );
  // £45.00 each before tax, 20 % tax; 25 on hand.
  expectStatus(
    await crm('PUT', `/api/admin/products/${PRODUCT.productId}`, {
      sku: PRODUCT.sku,
      name: PRODUCT.name,
      description: 'Folded **aluminium** tray for shop fascias.',
      category: 'Signs & Panels',
      taxRateBps: 2000,
      prices: [{ currency: 'GBP', unitPrice: 4500 }],
      stock: { onHand: 25, allowBackorder: false },
    }),
    200,
    201,
  );
  // Staff choose who hears of a web order, and in which words.
  expectStatus(
    await crm('PUT', '/api/admin/notification-templates/web-order-staff', {
      name: 'Web order for the sales desk',
      event: 'order.placed',
      audience: 'staff',
      subject: 'Web order {{order.number}} from {{company.name}}',
      body: '{{contact.name}} ordered {{order.total}} on the portal.',
    }),
    200,
    201,
  );
  const settings = (await crm('GET', '/api/admin/notifications')).body as {
    teams: unknown;
    rules: Record<string, unknown>;
    templates: Record<string, unknown>;
  };
  expectStatus(
    await crm('PUT', '/api/admin/notifications', {
      teams: settings.teams,
      rules: { ...settings.rules, 'order.placed': [{ staffEmail: SALES }] },
      templates: { ...settings.templates, 'order.placed': { staff: 'web-order-staff' } },
    }),
    200,
  );
  user = await activePortalUser(suite.stack, 'demo');
  const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  errors = watchErrors(page);
  await signInThroughPage(page, suite.stack, user);
}, 120_000);

describe('buying from the catalogue', () => {
  it('finds a product, orders three and pays at once on the local checkout; the order is in Orders, paid, and staff heard in their template', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
    await headingText(page, /^Catalogue$/);
    await page.getByLabel('Search by name or SKU').fill(PRODUCT.sku);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: PRODUCT.name }).click();
    await headingText(page, PRODUCT.name);
    await page.getByLabel('Quantity', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: '3 in your cart' }).waitFor();
    await checkAtBothWidths(page, 'commerce-e2e-product', { label: 'the product page with real data', errors });

    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: /Cart/ }).click();
    await headingText(page, /^Your cart$/);
    const total = 3 * 4500 * 1.2;
    await expect(page.getByRole('main').innerText()).resolves.toContain(gbp(total));
    await page.getByRole('link', { name: 'Proceed to checkout' }).click();
    await headingText(page, /^Checkout$/);
    await page.getByLabel('Your purchase order reference (optional)').fill(`PO-${run}`);
    await page.getByRole('radio', { name: 'Pay now online by card' }).check();
    await checkAtBothWidths(page, 'commerce-e2e-checkout', { label: 'the checkout with real data', errors });
    await page.getByRole('button', { name: 'Place order and pay' }).click();

    // The stand-in's hosted checkout: a test card.
    await page.waitForURL(/\/checkout\/cs_test_/);
    await headingText(page, `Pay ${gbp(total)}`);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${nextYear}`);
    await page.getByLabel('Security code (CVC)').fill('123');
    await page.getByRole('button', { name: `Pay ${gbp(total)}` }).click();

    // Back on the order Portico made: submitted, the PO reference kept, paid once the webhook landed.
    await page.waitForURL(/\/orders\/so_/);
    const orderId = new URL(page.url()).pathname.split('/').pop()!;
    await headingText(page, /^Sales order W-\d+$/);
    const head = page.locator('header.doc-head');
    await expect(head.innerText()).resolves.toMatch(new RegExp(`Submitted[\\s\\S]*${gbp(total).replace('.', '\\.')}`));
    await expect(page.getByRole('main').innerText()).resolves.toContain(`PO-${run}`);
    for (let i = 0; i < 40 && !/Paid/.test(await head.innerText()); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await head.waitFor();
    }
    await expect(head.innerText()).resolves.toMatch(/Paid/);
    const number = /W-\d+/.exec(await page.locator('h1:visible').first().innerText())![0];

    // In Orders, among the company's sales orders.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await headingText(page, /^Sales orders$/);
    await page
      .getByRole('link', { name: new RegExp(number) })
      .first()
      .waitFor();
    expect(
      await page
        .getByRole('link', { name: new RegExp(number) })
        .first()
        .getAttribute('href'),
    ).toBe(`/orders/${orderId}`);

    // The sales desk's mail, in the template staff chose.
    const mail = await waitForMail(suite.stack, SALES);
    expect(mail.subject).toBe(`Web order ${number} from Company ${user.companyId}`);
    expect(mail.body.text ?? mail.body.html).toContain(`ordered ${gbp(total)} on the portal.`);
    expect(errors).toEqual([]);
  });

  it('sends the cart as a quote request instead of ordering, and a job request with a file; both are listed under My requests', async () => {
    await page.goto(`${suite.stack.url('demo')}/catalog/products/${PRODUCT.productId}`);
    await headingText(page, PRODUCT.name);
    await page.getByLabel('Quantity', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByRole('status').filter({ hasText: '10 in your cart' }).waitFor();
    await page.getByRole('navigation', { name: 'Shop' }).getByRole('link', { name: /Cart/ }).click();
    await headingText(page, /^Your cart$/);
    await page.getByRole('button', { name: 'Request a quote instead' }).click();
    await page.getByLabel('Anything we should know? (optional)').fill('Ten for our new branch.');
    await page.getByRole('button', { name: 'Send quote request' }).click();
    await headingText(page, /^My requests$/);
    await page.getByRole('status').filter({ hasText: 'your quote request has been sent' }).waitFor();
    const quoteRequest = page.getByRole('listitem').filter({ hasText: 'Quote for my cart' });
    await expect(quoteRequest.innerText()).resolves.toMatch(/from your cart, 1 line[\s\S]*Requested/);

    await page.goto(`${suite.stack.url('demo')}/catalog/requests/new?kind=job`);
    await headingText(page, /^Request a job$/);
    await page.getByLabel('What is the job?').fill(`Survey the Harrogate site ${run}`);
    await page.getByLabel('Details').fill('Measure the fascia before we order the trays.');
    await page.getByLabel('Files (optional)').setInputFiles(sparseFile('site-photo.pdf', 2400));
    await page.getByRole('button', { name: 'Send job request' }).click();
    await headingText(page, /^My requests$/);
    const jobRequest = page.getByRole('listitem').filter({ hasText: `Survey the Harrogate site ${run}` });
    await jobRequest.waitFor();
    await expect(jobRequest.innerText()).resolves.toMatch(/1 file[\s\S]*Requested/);
    await checkAtBothWidths(page, 'commerce-e2e-requests', { label: 'my requests with real data', errors });
  });
});
