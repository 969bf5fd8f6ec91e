import type { BrowserContext, Page } from 'playwright-core';
import { adminClient } from '../support/adminApi';
import { signInThroughPage } from '../support/browserSignIn';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { outstandingInvoice } from '../support/payments';
import { headingText, browserSuite, checkAtBothWidths, watchErrors, expectCount } from './helpers';

/**
 * Issue 5's browser tests, on the real local stack with the local Stripe stand-in: a
 * contact opens an outstanding invoice, presses Pay, pays on the stand-in's hosted
 * checkout page with a test card, comes back to "Payment processing…" that turns into the
 * result once the signed webhook has landed, and sees the invoice paid; another pays part
 * of an invoice and sees what is left. The invoice page with its payment panel is checked
 * with axe and photographed at desktop and phone widths.
 */
jest.setTimeout(120_000);

const suite = browserSuite();

const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);
const nextYear = String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0');

/** A signed-in browser of its own for the contact, on the invoice's page. */
async function openInvoice(user: SignedInUser, invoiceId: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInThroughPage(page, suite.stack, user);
  await page.goto(`${suite.stack.url('demo')}/invoices/${invoiceId}`);
  await page.getByRole('region', { name: 'Pay online' }).waitFor();
  return { context, page, errors };
}

/** The stand-in's hosted checkout: a test card, any future expiry, any CVC. */
async function payOnCheckout(page: Page, amount: number): Promise<void> {
  await page.waitForURL(/\/checkout\/cs_test_/);
  await headingText(page, `Pay ${gbp(amount)}`);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date (MM / YY)').fill(`12 / ${nextYear}`);
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: `Pay ${gbp(amount)}` }).click();
}

async function checkPage(page: Page, name: string, label: string, errors: string[]): Promise<void> {
  await checkAtBothWidths(page, `payments-${name}`, { label, errors });
}

describe('paying an invoice in the browser', () => {
  it('a contact pays an invoice in full through the local checkout and sees it marked paid', async () => {
    const user = await activePortalUser(suite.stack, 'demo');
    const total = 18_000;
    const invoiceId = await outstandingInvoice(suite.stack, user, total);
    const { context, page, errors } = await openInvoice(user, invoiceId);
    try {
      const panel = page.getByRole('region', { name: 'Pay online' });
      await checkPage(page, 'outstanding', 'an outstanding invoice with the pay panel', errors);
      // The header's action leads to the panel.
      await page.getByRole('link', { name: 'Pay invoice' }).click();
      await panel.getByRole('radio', { name: /The balance/ }).check();
      await panel.getByRole('button', { name: `Pay ${gbp(total)}` }).click();

      await payOnCheckout(page, total);
      await page.waitForURL(new RegExp(`/invoices/${invoiceId}`));
      const result = page.getByRole('region', { name: /Pay online|Payments/ }).getByRole('status');
      await result.getByText(`Payment received: ${gbp(total)}.`).waitFor();
      await expect(result.innerText()).resolves.toContain('This invoice is now paid in full.');
      // The invoice itself: paid, nothing due, no Pay button any more.
      const head = page.locator('header.doc-head');
      await head.getByText('Paid', { exact: true }).waitFor();
      await expect(head.innerText()).resolves.toMatch(/Balance due\s+£0\.00/i);
      await expectCount(page.getByRole('link', { name: 'Pay invoice' }), 0);
      const history = page.getByRole('region', { name: 'Payments' });
      await expect(history.innerText()).resolves.toMatch(new RegExp(`${gbp(total).replace('.', '\\.')}\\s+Paid`));
      // The page no longer waits for the payment when reloaded.
      expect(new URL(page.url()).searchParams.get('payment')).toBeNull();
      await checkPage(page, 'paid', 'the invoice after paying it', errors);
    } finally {
      await context.close();
    }
  });

  it('another contact pays part of an invoice and sees the remaining balance', async () => {
    const user = await activePortalUser(suite.stack, 'demo');
    const total = 50_000;
    const part = 12_550;
    const invoiceId = await outstandingInvoice(suite.stack, user, total);
    const { context, page, errors } = await openInvoice(user, invoiceId);
    try {
      const panel = page.getByRole('region', { name: 'Pay online' });
      await panel.getByRole('radio', { name: 'Part of it' }).check();
      const amount = panel.getByLabel(/Amount \(GBP\)/);
      // Below the business's minimum part payment: said next to the field, nothing leaves the page.
      await amount.fill('5');
      await panel.getByRole('button', { name: /^Pay / }).click();
      await panel.getByText('Pay at least £10.00.').waitFor();
      await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(page, 'part-invalid', 'a part payment below the minimum', errors);

      await amount.fill('125.50');
      await panel.getByRole('button', { name: `Pay ${gbp(part)}` }).click();
      await payOnCheckout(page, part);
      await page.waitForURL(new RegExp(`/invoices/${invoiceId}`));
      const result = page.getByRole('region', { name: 'Pay online' }).getByRole('status');
      await result.getByText(`Payment received: ${gbp(part)}.`).waitFor();
      await expect(result.innerText()).resolves.toContain(`${gbp(total - part)} is still to pay on this invoice.`);
      const head = page.locator('header.doc-head');
      await expect(head.innerText()).resolves.toMatch(new RegExp(`Balance due\\s+${gbp(total - part).replace('.', '\\.')}`, 'i'));
      // Part paid, said in words on the panel.
      await page
        .getByRole('region', { name: 'Pay online' })
        .getByText(`${gbp(part)} of ${gbp(total)} paid so far.`)
        .waitFor();
      // Still outstanding, so still payable: the balance is offered next.
      await page.getByRole('button', { name: `Pay ${gbp(total - part)}` }).waitFor();
      await checkPage(page, 'part-paid', 'the invoice after a part payment', errors);
    } finally {
      await context.close();
    }
  });

  it('a direct-link visitor pays and returns to their document, with no token in the address Stripe holds', async () => {
    const user = await activePortalUser(suite.stack, 'demo');
    const total = 9_900;
    const invoiceId = await outstandingInvoice(suite.stack, user, total);
    const link = await adminClient(suite.stack, 'demo')('POST', `/api/admin/documents/invoice/${invoiceId}/direct-links`, {
      contactId: user.userId,
      send: false,
    });
    const token = /\/d\/([A-Za-z0-9_-]{43})$/.exec(link.body.url)![1]!;
    // No sign-in: the link alone opens the invoice.
    const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(link.body.url);
      const panel = page.getByRole('region', { name: 'Pay online' });
      await panel.getByRole('button', { name: `Pay ${gbp(total)}` }).click();
      await payOnCheckout(page, total);
      // Back on /d, with the payment's id and nothing else; the link session shows the invoice again.
      await page.waitForURL((url) => url.pathname === '/d');
      expect(page.url()).not.toContain(token);
      const result = page.getByRole('region', { name: /Pay online|Payments/ }).getByRole('status');
      await result.getByText(`Payment received: ${gbp(total)}.`).waitFor();
      await page.locator('header.doc-head').getByText('Paid', { exact: true }).waitFor();
      await checkPage(page, 'direct-link-returned', 'a direct-link visitor back from paying', errors);
    } finally {
      await context.close();
    }
  });
});
