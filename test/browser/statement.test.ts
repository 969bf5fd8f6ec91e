import { addDays } from '../../functions/documents/statements/statementArithmetic';
import { docId, documentBody, publish } from '../support/documents';
import { pdfText } from '../support/pdfText';
import { signInThroughPage } from '../support/browserSignIn';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { browserSuite, checkAtBothWidths, headingText, screenshot, VIEWPORTS, watchErrors } from './helpers';

/**
 * The statement of account in the browser, on the real local stack: the CRM publishes
 * invoices (one from two months ago, overdue and part paid; one this month) and a credit
 * note for a contact, who signs in, follows "Statement of account" from the dashboard's
 * outstanding balance, sees this month's entries with the running balance and the aging,
 * switches to "Last 3 months", to custom dates, to the other currency, and downloads the
 * PDF — rendered off the request path (202, "Preparing…", then the tab) and read back with PDF.js. Checked with axe and photographed at desktop and phone width.
 */
jest.setTimeout(150_000);

const suite = browserSuite();
const T = new Date().toISOString().slice(0, 10);
const day = (n: number) => addDays(T, n);
const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);
const eur = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const monthStart = `${T.slice(0, 7)}-01`;

async function invoice(user: SignedInUser, total: number, issueDate: string, extra: Record<string, unknown> = {}) {
  const id = docId('inv');
  const lines = [{ description: 'Signage', quantity: 1, unitPrice: total, discount: 0, tax: 0, taxRateBps: 0, total }];
  const body = documentBody('invoice', user.companyId, {
    contactId: user.userId,
    lines,
    totals: { subtotal: total, tax: 0, total },
    issueDate,
    notifyContact: false,
    ...extra,
  });
  expect((await publish(suite.stack, 'demo', 'invoice', id, body)).status).toBe(201);
  return { id, body };
}

describe('the statement of account in the browser', () => {
  it('from the dashboard’s balance to the statement on screen, its periods and currencies, and its PDF', async () => {
    const user = await activePortalUser(suite.stack, 'demo');
    // Two months ago: 240.00, due 30 days later, 100.00 paid today by the CRM. This month: 90.00 and a 15.00 credit note.
    const old = await invoice(user, 24_000, day(-60), { number: 'STB-OLD', dueDate: day(-30) });
    expect((await publish(suite.stack, 'demo', 'invoice', old.id, { ...old.body, amountPaid: 10_000 })).status).toBe(200);
    await invoice(user, 9_000, monthStart, { number: 'STB-NEW', dueDate: day(30) });
    await invoice(user, -1_500, monthStart, { number: 'STB-CREDIT' });
    await invoice(user, 5_000, monthStart, { number: 'STB-EURO', currency: 'EUR', dueDate: day(14) });

    const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInThroughPage(page, suite.stack, user);

    // The dashboard's outstanding balance leads to the statement.
    const balance = page.getByRole('region', { name: 'Outstanding balance' });
    await balance.getByRole('link', { name: 'Statement of account' }).waitFor();
    await checkAtBothWidths(page, 'statement-dashboard', { label: 'the dashboard with the statement link', errors });
    await balance.getByRole('link', { name: 'Statement of account' }).click();
    await page.waitForURL(/\/statement$/);
    await headingText(page, 'Statement of account');

    // This month, in the first currency (EUR, then GBP): pick GBP.
    const currency = page.getByLabel('Currency', { exact: true });
    await currency.waitFor();
    expect(await currency.inputValue()).toBe('EUR');
    await currency.selectOption('GBP');
    await page.waitForURL(/currency=GBP/);
    const figures = page.locator('.st-figures');
    // Opening: 240.00 (the old invoice; today's payment is in this month too).
    await figures.getByText(gbp(24_000), { exact: true }).waitFor();
    const closing = 24_000 + 9_000 - 1_500 - 10_000;
    await expect(figures.locator('.st-closing dd').innerText()).resolves.toBe(gbp(closing));
    const table = page.getByRole('table');
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/Opening balance[\s\S]*240\.00/);
    expect(rows.join('\n')).toMatch(/Invoice\s+STB-NEW/);
    expect(rows.join('\n')).toMatch(/Credit note\s+STB-CREDIT/);
    expect(rows.join('\n')).toMatch(/Payment\s+STB-OLD/);
    expect(rows.at(-1)).toMatch(new RegExp(`Closing balance[\\s\\S]*${gbp(closing).replace('.', '\\.')}`));
    // The old invoice is 30 days past due today: 140.00 in 1–30 days; the new one current.
    const aging = page.getByRole('region', { name: /What was open on/ });
    await expect(aging.locator('li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/Current\s+£90\.00/),
      expect.stringMatching(/1–30 days\s+£140\.00/),
      expect.stringMatching(/31–60 days\s+£0\.00/),
      expect.stringMatching(/61–90 days\s+£0\.00/),
      expect.stringMatching(/Over 90 days\s+£0\.00/),
    ]);
    await aging.getByText('Credit in your favour on that day: £15.00.').waitFor();
    await checkAtBothWidths(page, 'statement-this-month', { label: 'the statement, this month', errors });

    // Last 3 months: opens at nothing, with the old invoice in it.
    await page.getByLabel('Period', { exact: true }).selectOption('last-3-months');
    await figures.locator('div').first().getByText(gbp(0), { exact: true }).waitFor();
    expect((await table.locator('tbody tr').allInnerTexts()).filter((r) => /Invoice\s+STB-OLD/.test(r))).toHaveLength(1);

    // Custom dates: a period that ends before it starts is explained, not sent.
    await page.getByLabel('Period', { exact: true }).selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill(day(-61));
    await page.getByLabel('To', { exact: true }).fill(day(-62));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('The end date must not be before the start date.').waitFor();
    await page.getByLabel('To', { exact: true }).fill(day(-1));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(new RegExp(`from=${day(-61)}&to=${day(-1)}|to=${day(-1)}`));
    await figures
      .locator('.st-closing dd')
      .getByText(gbp(24_000 + (day(-1) >= monthStart ? 9_000 - 1_500 : 0)), { exact: true })
      .waitFor();
    await checkAtBothWidths(page, 'statement-custom', { label: 'the statement, custom dates', errors });

    // The other currency.
    await currency.selectOption('EUR');
    await figures
      .locator('.st-closing dd')
      .getByText(day(-1) >= monthStart ? eur(5_000) : eur(0), { exact: true })
      .waitFor();

    // The PDF of this month in GBP, opened in a new tab through its short-lived link.
    await page.getByLabel('Period', { exact: true }).selectOption('this-month');
    await currency.selectOption('GBP');
    await figures.locator('.st-closing dd').getByText(gbp(closing)).waitFor();
    // Never asked for before, so the pdf Lambda renders it: the API answers 202 and the page says it is preparing it, then opens it.
    const answers: number[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname === '/api/statement/pdf') answers.push(res.status());
    });
    const tabOpened = context.waitForEvent('page');
    await page.setViewportSize(VIEWPORTS.phone);
    await page.getByRole('button', { name: 'Download PDF' }).click();
    await page.getByRole('status').getByText('Preparing the PDF of this statement… it opens as soon as it is ready.').waitFor();
    // For a look at the narrowest layout while it waits (no assertion: the wait may be over by the time it is taken).
    await screenshot(page, 'statement-pdf-preparing-phone');
    const tab = await tabOpened;
    await page.setViewportSize(VIEWPORTS.desktop);
    await tab.close();
    const link = page.getByRole('link', { name: /Not there\? Open Statement-GBP-/ });
    await link.waitFor();
    expect(answers[0]).toBe(202);
    expect(answers.at(-1)).toBe(200);
    expect(answers.slice(1, -1).every((status) => status === 202)).toBe(true);
    // However many times the page asked, one render was asked for.
    const requested = suite.stack.bus.history.filter(
      (e) => e.envelope['detail-type'] === 'statement.pdf-requested' && (e.envelope.detail as { companyId?: string }).companyId === user.companyId,
    );
    expect(requested).toHaveLength(1);
    await checkAtBothWidths(page, 'statement-pdf-ready', { label: 'the statement with its PDF link', errors });
    const pdf = await fetch((await link.getAttribute('href'))!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const part of [
      'Statement of account',
      'Opening balance',
      gbp(24_000),
      'STB-NEW',
      'STB-CREDIT',
      'Closing balance',
      gbp(closing),
      '1\u201330 days',
      gbp(14_000),
    ])
      expect(text).toContain(part);
    expect(errors).toEqual([]);
  });

  it('a company with nothing yet sees why; a user who may not read invoices finds no such page', async () => {
    const empty = await activePortalUser(suite.stack, 'demo');
    const supplierOnly = await activePortalUser(suite.stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    for (const [user, heading] of [
      [empty, 'Nothing on your account yet'],
      [supplierOnly, 'Page not found'],
    ] as const) {
      const context = await suite.context('desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signInThroughPage(page, suite.stack, user);
      await page.goto(`${suite.stack.url('demo')}/statement`);
      await page.getByRole('heading', { name: heading }).waitFor();
      if (user === empty) {
        expect(await page.getByRole('button', { name: 'Download PDF' }).isDisabled()).toBe(true);
        await checkAtBothWidths(page, 'statement-empty', { label: 'the statement of a company with nothing yet', errors });
      }
      expect(errors).toEqual([]);
    }
  });
});
