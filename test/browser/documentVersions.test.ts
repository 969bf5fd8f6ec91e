import type { Browser, BrowserContext, Page } from 'playwright-core';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { signInThroughPage } from '../support/browserSignIn';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { checkAtBothWidths, headingText, launchBrowser, newContext, watchErrors } from './helpers';

/**
 * Past versions in the browser, on the real local stack: the CRM publishes a quote, the
 * contact accepts it, the CRM changes a line, drops one and adds one (version 2). On the
 * quote's page the contact sees both versions — version 1's acceptance marked voided in
 * words — opens version 1 (marked as not current), and compares 1 with 2: each line's
 * change named in its row, the old price struck and the new one marked, and the totals
 * before, after and the difference. axe-clean and photographed at desktop and phone width.
 */
jest.setTimeout(120_000);

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let user: SignedInUser;
const quoteId = docId('q');
const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

const v1Lines = linesOf([
  { description: 'Aluminium fascia sign, 2400 × 600 mm', quantity: 1, unitPrice: 48_500 },
  { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
  { description: 'Site survey', quantity: 1, unitPrice: 9_000 },
]);
const v2Lines = linesOf([
  { description: 'Aluminium fascia sign, 2400 × 600 mm', quantity: 1, unitPrice: 52_000 },
  { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
  { description: 'Council permit', quantity: 1, unitPrice: 2_500 },
]);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  user = await activePortalUser(stack, 'demo');
  const body = documentBody('quote', user.companyId, {
    contactId: user.userId,
    title: 'Shop-front signage',
    expiryDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    lines: v1Lines,
    totals: totalsOf(v1Lines),
  });
  expect((await publish(stack, 'demo', 'quote', quoteId, body)).status).toBe(201);
  const accepted = await stack.api(
    'demo',
    `/api/documents/quote/${quoteId}/accept`,
    jsonRequest('POST', { purchaseOrderReference: 'PO-77' }, user.jar.headers()),
  );
  expect(accepted.status).toBe(200);
  expect((await publish(stack, 'demo', 'quote', quoteId, { ...body, lines: v2Lines, totals: totalsOf(v2Lines) })).body.document.version).toBe(2);

  context = await newContext(browser, 'desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  errors = watchErrors(page);
  await signInThroughPage(page, stack, user);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
}, 60_000);

const versions = () => page.getByRole('region', { name: 'Versions' });

it('lists the versions with what each received, version 1’s acceptance voided', async () => {
  await page.goto(`${stack.url('demo')}/quotes/${quoteId}`);
  await headingText(page, /Quote Q/);
  // The past is read when asked for.
  const toggle = versions().getByRole('button', { name: 'Show versions' });
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  await toggle.click();
  await expect(versions().getByRole('button', { name: 'Hide versions' }).getAttribute('aria-expanded')).resolves.toBe('true');
  await versions().getByText('Version 1', { exact: true }).waitFor();
  const rows = await versions().locator('.version-row').allInnerTexts();
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatch(/Version 2\s*Current[\s\S]*No decision, approval or signature/);
  expect(rows[1]).toMatch(/Version 1[\s\S]*Voided[\s\S]*Accepted by[\s\S]*voided when version 2 changed the content/);
  await checkAtBothWidths(page, 'document-versions-list', { label: 'versions list', errors });
});

it('opens version 1, marked as not the current version', async () => {
  await versions().getByRole('button', { name: 'Open version 1' }).click();
  const opened = page.getByRole('article', { name: /Version 1 of .* not the current version/ });
  await opened.waitFor();
  await expect(opened.innerText()).resolves.toMatch(/Site survey[\s\S]*Total \(GBP\)/);
  await expect(opened.innerText()).resolves.toContain(gbp(totalsOf(v1Lines).total));
  await checkAtBothWidths(page, 'document-versions-opened', { label: 'an earlier version opened', errors });
  await opened.getByRole('button', { name: 'Close version 1' }).click();
  await expect(opened.count()).resolves.toBe(0);
});

it('compares version 1 with version 2: each change named in its row, the totals before and after', async () => {
  await versions().getByLabel('From version').selectOption('1');
  await versions().getByLabel('To version').selectOption('2');
  await versions().getByRole('button', { name: 'Compare' }).click();
  await versions().getByText('Version 1 compared with version 2: 1 line added, 1 line removed, 1 line changed.').waitFor();

  const table = page.getByRole('region', { name: 'Lines compared, version 1 to 2' });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
  await expect(row('Changed').innerText()).resolves.toMatch(/Aluminium fascia sign/);
  // The old unit price struck through, the new one marked: said in words to screen readers.
  await expect(row('Changed').locator('del').first().innerText()).resolves.toContain(gbp(48_500));
  await expect(row('Changed').locator('ins').first().innerText()).resolves.toContain(gbp(52_000));
  await expect(row('Removed').innerText()).resolves.toContain('Site survey');
  await expect(row('Added').innerText()).resolves.toContain('Council permit');
  await expect(row('Unchanged').innerText()).resolves.toContain('Installation (hours)');

  const [before, after] = [totalsOf(v1Lines), totalsOf(v2Lines)];
  const totals = page.getByRole('table', { name: 'Totals' });
  const totalRow = await totals.getByRole('row', { name: /^Total/ }).innerText();
  expect(totalRow).toContain(gbp(before.total));
  expect(totalRow).toContain(gbp(after.total));
  expect(totalRow).toContain(`${after.total > before.total ? '+' : '−'}${gbp(Math.abs(after.total - before.total))}`);
  await checkAtBothWidths(page, 'document-versions-compare', {
    label: 'two versions compared',
    errors,
    // On a phone the lines are cards, each change still named, and nothing makes the page scroll sideways.
    layout: async (viewport) => {
      if (viewport === 'phone') {
        const cards = await page.getByRole('list', { name: 'Lines compared, version 1 to 2' }).innerText();
        expect(cards).toMatch(/Changed[\s\S]*Aluminium fascia sign[\s\S]*Unchanged[\s\S]*Removed[\s\S]*Site survey[\s\S]*Added[\s\S]*Council permit/);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ viewport, overflow }).toEqual({ viewport, overflow: 0 });
    },
  });
});
