import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { batchWrite, publishedItem } from '../../bench/documentCorpus';
import type { PublishDocumentBody } from '../../shared/api/documents';
import { linesOf, totalsOf } from '../support/documents';
import { signInThroughPage } from '../support/browserSignIn';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { checkAtBothWidths, headingText, launchBrowser, newContext, watchErrors } from './helpers';

/**
 * The list pages' "Export CSV" (issue 11, item 6), on the real local stack: a contact with
 * 90 invoices signs in, filters the list, clicks Export CSV, and the file the browser
 * downloads is that list — the filter's rows only, in the list's order, UTF-8 with its
 * byte-order mark, a formula in a title defused. The page with the button is checked
 * with axe and photographed at desktop and phone widths.
 */
jest.setTimeout(120_000);

const COUNT = 90;
const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const STATUSES = ['outstanding', 'paid', 'void'] as const;

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: SignedInUser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  user = await activePortalUser(stack, 'demo');
  const lines = linesOf([{ description: 'Sign', quantity: 1, unitPrice: 10_000 }]);
  const at = new Date().toISOString();
  const items = Array.from({ length: COUNT }, (_, i) => {
    const status = STATUSES[i % 3]!;
    const body = {
      companyId: user.companyId,
      number: `CSV-${1000 + i}`,
      title: i === 1 ? '=1+1 Łukasz’s sign' : `Sign ${i}`,
      status,
      issueDate: dayFrom(-i),
      dueDate: dayFrom(30 - i),
      currency: 'GBP',
      lines,
      totals: totalsOf(lines),
      ...(status === 'paid' ? { amountPaid: totalsOf(lines).total } : {}),
    } as PublishDocumentBody;
    return publishedItem(user.tenantId, 'invoice', `csv-${user.companyId}-${i}`, body, at);
  });
  await batchWrite(items);
  context = await newContext(browser, 'desktop', { locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  page = await context.newPage();
  errors = watchErrors(page);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
}, 60_000);

async function exported(): Promise<{ name: string; text: string; rows: Array<Record<string, string>> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  await page.getByRole('status').filter({ hasText: 'CSV downloaded.' }).waitFor();
  return { name: download.suggestedFilename(), text, rows: parse(text, { bom: true, columns: true }) };
}

it('signs in and exports the paid invoices, the list as filtered on screen', async () => {
  await signInThroughPage(page, stack, user);

  await page.goto(`${stack.url('demo')}/invoices`);
  await headingText(page, 'Invoices');
  await page.getByRole('tab', { name: 'Paid' }).click();
  await page.waitForURL(/status=paid/);
  await page.getByRole('link', { name: 'CSV-1001' }).first().waitFor();

  const paid = await exported();
  expect(paid.name).toBe(`invoices-paid-${dayFrom(0)}.csv`);
  expect(paid.text.charCodeAt(0)).toBe(0xfeff);
  expect(paid.rows).toHaveLength(COUNT / 3);
  expect(paid.rows.every((r) => r.Status === 'Paid')).toBe(true);
  expect(paid.rows[0]).toMatchObject({ Number: 'CSV-1001', Title: "'=1+1 Łukasz’s sign", Total: '120.00', Balance: '0.00' });
  expect(paid.rows.map((r) => r.Number)).toEqual(Array.from({ length: COUNT / 3 }, (_, i) => `CSV-${1001 + 3 * i}`));

  await checkAtBothWidths(page, 'documents-export-csv', { label: 'invoice list with Export CSV', errors });
});

it('exports the number search, oldest first, as the list shows it', async () => {
  await page.goto(`${stack.url('demo')}/invoices?q=CSV-100&sort=oldest`);
  await page.getByRole('link', { name: 'CSV-1009' }).first().waitFor();
  const search = await exported();
  expect(search.name).toBe(`invoices-number-CSV-100-${dayFrom(0)}.csv`);
  // A number search is by number, whatever the sort: CSV-1000 … CSV-1009, every status.
  expect(search.rows.map((r) => r.Number)).toEqual(Array.from({ length: 10 }, (_, i) => `CSV-${1000 + i}`));

  await page.goto(`${stack.url('demo')}/invoices?sort=oldest`);
  await page
    .getByRole('link', { name: `CSV-${1000 + COUNT - 1}` })
    .first()
    .waitFor();
  const all = await exported();
  expect(all.rows).toHaveLength(COUNT);
  expect(all.rows[0]!.Number).toBe(`CSV-${1000 + COUNT - 1}`);
  expect(errors).toEqual([]);
});
