import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PublishDocumentBody } from '../../shared/api/documents';
import { adminClient, type AdminClient } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { signInThroughPage } from '../support/browserSignIn';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { checkAtBothWidths, headingText, launchBrowser, newContext, watchErrors } from './helpers';

/**
 * A supplier on the real local stack (acme buys from its suppliers): signs in, opens an
 * open purchase order, acknowledges it in its dialog, proposes new delivery dates on a
 * second order, and submits a bill with a PDF picked from disk (uploaded by presigned PUT
 * to the local S3). The pages and dialogs are checked with axe and photographed at phone
 * and desktop widths. The steps build on each other, so a step is not retried alone.
 */
jest.setTimeout(120_000);

const run = randomUUID().slice(0, 6).toUpperCase();
let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let crm: AdminClient;
let supplier: SignedInUser;
const poId = docId('po');
const secondId = docId('po');
let po: PublishDocumentBody;

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const usd = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD' }).format(minor / 100);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  crm = adminClient(stack, 'acme');
  context = await newContext(browser, 'desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  errors = watchErrors(page);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
}, 60_000);

function orderBody(number: string): PublishDocumentBody {
  const lines = linesOf([
    { description: 'RSC carton 18" × 12" × 12", 32 ECT, bundle of 25', quantity: 80, unitPrice: 2_875, taxRateBps: 0 },
    { description: 'RSC carton 24" × 18" × 18", 44 ECT, bundle of 20', quantity: 40, unitPrice: 4_460, taxRateBps: 0 },
  ]).map((l, i) => ({ ...l, deliveryDate: day(14 + i * 7) }));
  return documentBody('purchase-order', supplier.companyId, {
    contactId: supplier.userId,
    number,
    title: 'Corrugated shipping cartons',
    currency: 'USD',
    lines,
    totals: totalsOf(lines),
    notes: 'Deliver to dock 4, Mon–Fri 7:00–15:00.',
    notifyContact: false,
  });
}

describe('a supplier on a purchase order', () => {
  it('signs in and sees an open order waiting for acknowledgement', async () => {
    supplier = await activePortalUser(stack, 'acme', { teams: ['customer-portal-supplier-users'] });
    po = orderBody(`PO-${run}`);
    expect((await publish(stack, 'acme', 'purchase-order', poId, po)).status).toBe(201);
    expect((await publish(stack, 'acme', 'purchase-order', secondId, orderBody(`PO-${run}-2`))).status).toBe(201);

    await signInThroughPage(page, stack, supplier, 'acme');

    await page.goto(`${stack.url('acme')}/purchase-orders/${poId}`);
    await headingText(page, new RegExp(po.number));
    const panel = page.getByRole('region', { name: 'Your response' });
    await panel.getByText('Waiting for your acknowledgement.').waitFor();
    await expect(
      page
        .getByText(
          `Delivery ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day(14)}T00:00:00Z`))}`,
        )
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await checkAtBothWidths(page, 'supplier-po-open', { label: 'open purchase order', errors });
  });

  it('acknowledges it in its dialog, and the order says so', async () => {
    const panel = page.getByRole('region', { name: 'Your response' });
    await panel.getByRole('button', { name: 'Acknowledge order' }).click();
    const dialog = page.getByRole('dialog', { name: `Acknowledge purchase order ${po.number}` });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain(usd(po.totals.total));
    await checkAtBothWidths(page, 'supplier-acknowledge-dialog', { label: 'acknowledge dialog', errors });
    await dialog.getByRole('button', { name: 'Acknowledge order' }).click();
    await page.getByText(`You acknowledged purchase order ${po.number}.`).waitFor();
    await panel.getByText(/Acknowledged by Robin Tester/).waitFor();
    await expect(panel.getByRole('button', { name: 'Acknowledge order' }).count()).resolves.toBe(0);

    const staff = await crm('GET', `/api/admin/documents/purchase-order/${poId}`);
    expect(staff.body.supplier).toMatchObject({ state: 'acknowledged', acknowledgement: { by: 'Robin Tester', userAgent: expect.stringContaining('Chrome') } });
  });

  it('submits a bill with its PDF, and the bill shows against the order', async () => {
    const panel = page.getByRole('region', { name: 'Your response' });
    await panel.getByRole('button', { name: 'Submit a bill' }).click();
    const dialog = page.getByRole('dialog', { name: `Submit a bill against ${po.number}` });
    await dialog.waitFor();
    // Nothing filled in: each field says what it needs.
    await dialog.getByRole('button', { name: 'Submit bill' }).click();
    await dialog.getByText('Enter your bill number').waitFor();
    await dialog.getByText('Choose the bill as a PDF').waitFor();
    await checkAtBothWidths(page, 'supplier-bill-dialog-errors', { label: 'bill dialog with errors', errors });

    const billNumber = `NW-${run}`;
    await dialog.getByLabel('Bill number').fill(billNumber);
    await dialog.getByLabel('Amount (USD)').fill((po.totals.total / 100).toFixed(2));
    await dialog
      .getByLabel('The bill (PDF)')
      .setInputFiles({ name: `${billNumber}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 bill ${run}`) });
    await dialog.getByRole('button', { name: 'Submit bill' }).click();
    await page.getByText(`You submitted bill ${billNumber} against ${po.number}.`).waitFor();
    await panel.getByText(`Bill ${billNumber} · ${usd(po.totals.total)}`).waitFor();
    await checkAtBothWidths(page, 'supplier-po-billed', { label: 'acknowledged and billed purchase order', errors });

    const staff = await crm('GET', `/api/admin/documents/purchase-order/${poId}`);
    expect(staff.body.supplier.bills).toEqual([
      expect.objectContaining({ number: billNumber, amount: po.totals.total, currency: 'USD', fileName: `${billNumber}.pdf` }),
    ]);
    await stack.bus.idle();
    expect(
      stack.bus.history.filter(
        (d) => d.envelope['detail-type'] === 'purchase-order.bill-submitted' && (d.envelope.detail as { documentId: string }).documentId === poId,
      ),
    ).toHaveLength(1);
  });

  it('proposes new delivery dates for a line of another order, with a note', async () => {
    await page.goto(`${stack.url('acme')}/purchase-orders/${secondId}`);
    const panel = page.getByRole('region', { name: 'Your response' });
    await panel.getByRole('button', { name: 'Propose new dates' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Propose new delivery dates for PO-${run}-2`) });
    await dialog.waitFor();
    await dialog.getByLabel(/^Line 2:/).fill(day(40));
    await dialog.getByLabel('Note for the buyer').fill('The 24" cartons are back-ordered at the mill.');
    await checkAtBothWidths(page, 'supplier-propose-dialog', { label: 'propose dates dialog', errors });
    await dialog.getByRole('button', { name: 'Propose dates' }).click();
    await page.getByText(`You proposed new delivery dates for PO-${run}-2.`).waitFor();
    await panel.getByText('Changes proposed.').waitFor();
    await panel.getByText('Waiting for the buyer’s answer.').waitFor();
    await checkAtBothWidths(page, 'supplier-po-proposed', { label: 'purchase order with dates proposed', errors });
  });
});

describe('a supplier contact opening a purchase order from an emailed direct link', () => {
  it('acknowledges it there, with no sign-in, recorded as the link’s contact', async () => {
    const linkedId = docId('po');
    const linked = orderBody(`PO-${run}-L`);
    expect((await publish(stack, 'acme', 'purchase-order', linkedId, linked)).status).toBe(201);
    // A contact of the supplier's company without a portal login: the link is all they have.
    const contact = await crm('POST', '/api/admin/contacts', {
      companyId: supplier.companyId,
      firstName: 'Noor',
      lastName: 'Haddad',
      email: `noor-${run.toLowerCase()}@example.com`,
    });
    expect(contact.status).toBe(201);
    const created = await crm('POST', `/api/admin/documents/purchase-order/${linkedId}/direct-links`, { contactId: contact.body.contactId, send: false });
    expect(created.status).toBe(201);

    // A browser of its own: no session of the signed-in supplier above.
    const visitor = await newContext(browser, 'desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const linkPage = await visitor.newPage();
      const linkErrors = watchErrors(linkPage);
      await linkPage.goto(created.body.url as string);
      await headingText(linkPage, new RegExp(linked.number));
      await linkPage.getByText(/Shared with Noor Haddad/).waitFor();
      const panel = linkPage.getByRole('region', { name: 'Your response' });
      await panel.getByText('Waiting for your acknowledgement.').waitFor();
      await expect(panel.getByRole('button', { name: 'Submit a bill' }).isVisible()).resolves.toBe(true);
      await checkAtBothWidths(linkPage, 'supplier-link-po-open', { label: 'purchase order opened from a direct link', errors: linkErrors });

      await panel.getByRole('button', { name: 'Acknowledge order' }).click();
      const dialog = linkPage.getByRole('dialog', { name: `Acknowledge purchase order ${linked.number}` });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Acknowledge order' }).click();
      await linkPage.getByText(`You acknowledged purchase order ${linked.number}.`).waitFor();
      await panel.getByText(/Acknowledged by Noor Haddad/).waitFor();
      await expect(panel.getByRole('button', { name: 'Acknowledge order' }).count()).resolves.toBe(0);
      await checkAtBothWidths(linkPage, 'supplier-link-po-acknowledged', { label: 'purchase order acknowledged from a direct link', errors: linkErrors });
    } finally {
      await visitor.close();
    }

    const staff = await crm('GET', `/api/admin/documents/purchase-order/${linkedId}`);
    expect(staff.body.supplier).toMatchObject({
      state: 'acknowledged',
      acknowledgement: { by: 'Noor Haddad', userId: contact.body.contactId, userAgent: expect.stringContaining('Chrome') },
    });
  });
});
