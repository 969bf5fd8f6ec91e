import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PublishDocumentBody } from '../../shared/api/documents';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { adminClient, staffBrowser, type AdminCall, type AdminClient } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { mailTo, waitForMail, type StoredMail } from '../support/mailbox';
import { pdfText } from '../support/pdfText';
import { signInThroughPage } from '../support/browserSignIn';
import { jsonRequest } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { expectNoAxeViolations, headingText, checkAtBothWidths, launchBrowser, newContext, watchErrors, type ViewportName, expectCount } from './helpers';

/**
 * The business-documents issue's browser test, on the real local stack with nothing
 * stubbed: the CRM (the tenant's API key) publishes a quote and an invoice for a contact
 * → the contact signs in through the login page and sees both on the dashboard and in the
 * lists → accepts the quote in its dialog with a purchase-order reference → downloads the
 * PDF Portico generated (read back with PDF.js: the document number is in its text) →
 * posts a message with a file, uploaded by presigned PUT to the local S3 → a member of
 * staff replies through the admin API → the reply reaches the contact's mailbox (the
 * notify target through the local bus and SES) → the quote shows an unread badge in the
 * list, the email's link opens the thread with the reply, and opening it clears the badge.
 * The dashboard, lists and detail are checked with axe with this real data, and
 * photographed at desktop and phone widths.
 *
 * The steps build on each other (one contact, one quote), so a step is not retried alone:
 * a retry would start from the state the failed try left behind and fail for that reason.
 */
jest.setTimeout(120_000);

const demo = DEMO_TENANTS.find((t) => t.slug === 'demo')!;
const PASSWORD = 'Harbour-Lights-42!';
const run = randomUUID().slice(0, 6).toUpperCase();

let stack: TestStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let crm: AdminClient;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack({ renderPdfOnPublish: true }), launchBrowser()]);
  crm = adminClient(stack, demo.slug);
  context = await newContext(browser, 'desktop', { locale: 'en-GB', timezoneId: 'Europe/London' });
  page = await context.newPage();
  errors = watchErrors(page);
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
}, 60_000);

// ---------- Helpers ----------

function expectStatus(call: AdminCall, status: number, what: string): void {
  if (call.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${call.status}: ${JSON.stringify(call.body)}`);
}

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/** `2026-04-01` → `1 Apr 2026`, as the site writes a date in en-GB. */
const shortDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));
const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);

/**
 * axe at desktop and phone width, a full-page screenshot at each, back to desktop; no
 * console errors. `layout` runs at each width too, for what must hold at both.
 */
async function checkPage(name: string, label: string, layout?: (viewport: ViewportName) => Promise<void>): Promise<void> {
  await checkAtBothWidths(page, `documents-e2e-${name}`, { label, errors, ...(layout ? { layout } : {}) });
}

/** Each file chip of the thread sits inside its message bubble (a long name ellipsises), its size on one line. */
async function chipsInsideTheirMessages(viewport: ViewportName): Promise<void> {
  const chips = await page.locator('.thread .message-main').evaluateAll((mains) =>
    mains.flatMap((main) => {
      const inner = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
      return [...main.querySelectorAll('.file-chip')].map((chip) => ({
        name: chip.querySelector('.file-chip-name')!.textContent,
        overflowPx: Math.round(chip.getBoundingClientRect().right - inner),
        sizeWraps:
          chip.querySelector('.file-chip-size')!.getBoundingClientRect().height > chip.querySelector('.file-chip-name')!.getBoundingClientRect().height + 1,
      }));
    }),
  );
  expect(chips.length).toBeGreaterThan(0);
  const wrong = chips.filter((c) => c.overflowPx > 0 || c.sizeWraps);
  if (wrong.length > 0) throw new Error(`file chips out of their message at ${viewport}: ${JSON.stringify(wrong)}`);
}

const messages = () => page.getByRole('region', { name: 'Messages' });
const thread = () => messages().getByRole('list', { name: 'Message thread' });
/** The thread's messages (not the file chips listed inside them). */
const threadItems = () => thread().locator(':scope > li');

// ---------- The people and the documents ----------

const person = {
  firstName: 'Robin',
  lastName: 'Fairweather',
  email: `robin.fairweather-${randomUUID().slice(0, 8)}@example.com`,
  companyName: `Fairweather Signs ${run}`,
  companyId: '',
  contactId: '',
};

const quoteId = docId('q');
const invoiceId = docId('inv');
let quote: PublishDocumentBody;
let invoice: PublishDocumentBody;
/** The invoice's balance: its total less what has been paid. */
let invoiceBalance: number;

const ATTACHMENT = {
  name: `window-sizes-${run}.csv`,
  mimeType: 'text/csv',
  buffer: Buffer.from(`window,width_mm,height_mm\nfront,2400,600\nside,1200,600\nrun,${run}\n`),
};
const CUSTOMER_MESSAGE = `Could the fascia be matt rather than gloss? Sizes attached (${run}).`;
const STAFF_REPLY = `Yes, matt vinyl works and costs the same. We will fit it on the 14th (${run}).`;

describe('business documents, end to end', () => {
  it('the CRM lets a company in, invites its contact, and the contact sets a password from the emailed link', async () => {
    const company = await crm('POST', '/api/admin/companies', { name: person.companyName, kind: 'customer', allowPortal: true });
    expectStatus(company, 201, 'create company');
    person.companyId = company.body.companyId;
    const contact = await crm('POST', '/api/admin/contacts', {
      companyId: person.companyId,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
    });
    expectStatus(contact, 201, 'create contact');
    person.contactId = contact.body.contactId;
    expectStatus(await crm('POST', `/api/admin/contacts/${person.contactId}/portal-login`, { teams: ['customer-portal-users'] }), 201, 'invite');

    const invitation = await waitForMail(stack, person.email);
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(invitation.body.text ?? '')?.[1];
    expect(token).toBeDefined();
    const accepted = await stack.api(demo.slug, `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: PASSWORD }));
    expect(accepted.status).toBe(200);
  });

  it('the CRM publishes a quote and an invoice for the contact, and the contact is emailed about each', async () => {
    quote = documentBody('quote', person.companyId, {
      contactId: person.contactId,
      number: `Q-${run}`,
      title: 'Shop-front signage',
      expiryDate: daysFromNow(30),
      notes: 'Price includes removal of the old sign.',
      terms: 'Valid for 30 days. 50% deposit on acceptance, balance on completion.',
      lineInputs: [
        { description: 'Aluminium fascia sign, 2400 × 600 mm, printed vinyl', quantity: 1, unitPrice: 48_500 },
        { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
      ],
    });
    expectStatus(await publish(stack, demo.slug, 'quote', quoteId, quote), 201, 'publish quote');

    const invoiceBody = documentBody('invoice', person.companyId, {
      contactId: person.contactId,
      number: `INV-${run}`,
      title: 'Vehicle livery, 2 vans',
      dueDate: daysFromNow(14),
      lineInputs: [{ description: 'Van livery, full wrap', quantity: 2, unitPrice: 95_000 }],
    });
    invoice = { ...invoiceBody, amountPaid: 40_000 };
    invoiceBalance = invoice.totals.total - 40_000;
    expectStatus(await publish(stack, demo.slug, 'invoice', invoiceId, invoice), 201, 'publish invoice');

    // The contact is told about each publication (the notify target, through the bus).
    await stack.bus.idle();
    const subjects = (await mailTo(stack, person.email)).map((m) => m.subject);
    expect(subjects.some((s) => s.includes(quote.number))).toBe(true);
    expect(subjects.some((s) => s.includes(invoice.number))).toBe(true);
  });

  it('the contact signs in on the login page and the dashboard shows the quote to decide and the balance to pay', async () => {
    await signInThroughPage(page, stack, { email: person.email, password: PASSWORD }, demo.slug);
    await headingText(page, `Welcome, ${person.firstName}`);

    const card = (name: string) => page.getByRole('region', { name });
    const quotes = card('Quotes awaiting your decision');
    await quotes.getByRole('link', { name: new RegExp(quote.number) }).waitFor();
    await expect(quotes.innerText()).resolves.toMatch(
      new RegExp(
        `1\\s+quote to accept or reject[\\s\\S]*${quote.number}[\\s\\S]*Shop-front signage[\\s\\S]*Valid until ${shortDate(quote.expiryDate!)}[\\s\\S]*${escapeRegExp(gbp(quote.totals.total))}`,
      ),
    );
    await expect(quotes.getByRole('link', { name: new RegExp(quote.number) }).getAttribute('href')).resolves.toBe(`/quotes/${quoteId}`);

    const outstanding = card('Outstanding balance');
    await expect(outstanding.innerText()).resolves.toMatch(new RegExp(`${escapeRegExp(gbp(invoiceBalance))}[\\s\\S]*Across 1 unpaid invoice\\.`));
    // Due in a fortnight: nothing overdue.
    await expect(card('Overdue invoices').innerText()).resolves.toMatch(/Nothing overdue/);
    await expect(card('Unread messages').innerText()).resolves.toMatch(/No unread messages/);

    const activity = card('Recent activity');
    await expect(activity.getByRole('link', { name: quote.number }).getAttribute('href')).resolves.toBe(`/quotes/${quoteId}`);
    await expect(activity.getByRole('link', { name: invoice.number }).getAttribute('href')).resolves.toBe(`/invoices/${invoiceId}`);

    await checkPage('dashboard', 'dashboard with a quote and an invoice');
  });

  it('the lists show them under the filters the dashboard links to', async () => {
    await page.getByRole('link', { name: 'View outstanding invoices' }).click();
    await headingText(page, 'Invoices');
    await expect(
      page.getByRole('tablist', { name: 'Filter invoices by status' }).getByRole('tab', { name: 'Outstanding' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    const invoiceTable = page.getByRole('region', { name: 'Invoices table' });
    const invoiceRow = invoiceTable.getByRole('row').filter({ hasText: invoice.number });
    await invoiceRow.waitFor();
    await expect(invoiceRow.innerText()).resolves.toMatch(
      new RegExp(
        `${invoice.number}[\\s\\S]*${shortDate(invoice.dueDate!)}[\\s\\S]*${escapeRegExp(gbp(invoice.totals.total))}[\\s\\S]*${escapeRegExp(gbp(invoiceBalance))}`,
      ),
    );
    // The header row and this invoice: the company has no other.
    await expectCount(invoiceTable.getByRole('row'), 2);
    await checkPage('invoices', 'invoice list');

    await page.goto(`${stack.url(demo.slug)}/`);
    await page.getByRole('link', { name: 'View open quotes' }).click();
    await headingText(page, 'Quotes');
    await expect(page.getByRole('tablist', { name: 'Filter quotes by status' }).getByRole('tab', { name: 'Open' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    const row = page.getByRole('region', { name: 'Quotes table' }).getByRole('row').filter({ hasText: quote.number });
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Shop-front signage[\s\S]*Open/);
    await checkPage('quotes', 'quote list');
  });

  it('accepts the quote in its dialog with a purchase-order reference, and sees it accepted', async () => {
    await page.getByRole('region', { name: 'Quotes table' }).getByRole('link', { name: quote.number }).click();
    await headingText(page, `Quote ${quote.number}`);
    await expect(page.title()).resolves.toBe(`Quote ${quote.number} · ${demo.name}`);
    const head = page.locator('header.doc-head');
    await expect(head.innerText()).resolves.toMatch(new RegExp(`Shop-front signage[\\s\\S]*Open[\\s\\S]*${escapeRegExp(gbp(quote.totals.total))}`));
    await expect(page.getByRole('region', { name: 'Items', exact: true }).innerText()).resolves.toMatch(/Aluminium fascia sign[\s\S]*Installation \(hours\)/);
    await page.getByRole('region', { name: 'Notes and terms' }).getByText('50% deposit on acceptance').waitFor();
    await messages().getByText('No messages yet.').waitFor();
    await checkPage('quote-open', 'open quote detail');

    await page.getByRole('button', { name: 'Accept quote' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.getByRole('heading', { name: `Accept quote ${quote.number}` }).isVisible()).resolves.toBe(true);
    await expect(dialog.innerText()).resolves.toContain(`You are accepting this quote for ${gbp(quote.totals.total)}`);
    await dialog.getByLabel('Your purchase order reference (optional)').fill(`PO-${run}`);
    await expectNoAxeViolations(page, 'accept dialog');
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/documents/quote/${quoteId}/accept`) && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Accept quote' }).click();
    expect((await answer).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });

    await page
      .getByRole('status')
      .filter({ hasText: `You accepted quote ${quote.number}.` })
      .waitFor();
    const banner = page.locator('.banner-success', { hasText: 'Accepted by' });
    await expect(banner.innerText()).resolves.toMatch(
      new RegExp(`Accepted by ${person.firstName} ${person.lastName}[\\s\\S]*Your purchase order reference: PO-${run}`),
    );
    await expect(head.locator('.badge-large').innerText()).resolves.toMatch(/Accepted/);
    await expectCount(page.getByRole('button', { name: 'Accept quote' }), 0);
    await expectCount(page.getByRole('button', { name: 'Reject quote' }), 0);

    // It is recorded, not just shown: the CRM reads the decision back, and a reload shows it.
    const stored = await crm('GET', `/api/admin/documents/quote/${quoteId}`);
    expectStatus(stored, 200, 'read the quote back');
    expect(stored.body).toMatchObject({ state: 'accepted', decision: { kind: 'accepted', purchaseOrderReference: `PO-${run}` } });
    await page.reload();
    await headingText(page, `Quote ${quote.number}`);
    await page.locator('.banner-success', { hasText: `PO-${run}` }).waitFor();
    await page
      .getByRole('region', { name: 'History' })
      .getByText(/accepted/i)
      .first()
      .waitFor();
    await checkPage('quote-accepted', 'accepted quote detail');
  });

  it('downloads the quote as a real PDF with its number in the text', async () => {
    // The button opens the presigned link in a new tab (window.open, noopener); the tab is
    // caught by its navigation request, and the file is then read from the same URL.
    const s3 = new URL(stack.endpoints.s3).origin;
    const opened = context.waitForEvent('page');
    const navigation = context.waitForEvent('request', (r) => r.isNavigationRequest() && new URL(r.url()).origin === s3);
    const link = page.waitForResponse((r) => r.url().endsWith(`/api/documents/quote/${quoteId}/pdf`));
    await page.getByRole('button', { name: 'Download PDF' }).click();
    expect((await link).status()).toBe(200);
    const tab = await opened;
    const request = await navigation;
    expect(request.frame().page()).toBe(tab);
    // The fallback link in the status holds the same presigned URL the new tab was sent to.
    const fallback = page.getByRole('link', { name: `Opened in a new tab. Not there? Open Quote-${quote.number}.pdf` });
    await fallback.waitFor();
    const url = (await fallback.getAttribute('href'))!;
    expect(request.url()).toBe(url);
    expect(new URL(url).pathname).toMatch(new RegExp(`/quote/${quoteId}/v\\d+-l\\d+\\.pdf$`));
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    if (!tab.isClosed()) await tab.close();

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`Quote-${quote.number}.pdf`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain(quote.number);
    expect(text).toContain(demo.name);
    expect(text).toContain('Aluminium fascia sign');
    expect(errors).toEqual([]);
  });

  it('posts a message with a file, uploaded to S3, and sees it in the thread', async () => {
    const panel = messages();
    await panel.getByLabel('Your message').fill(CUSTOMER_MESSAGE);
    await panel.getByLabel('Attach files').setInputFiles(ATTACHMENT);
    await expect(panel.getByRole('list', { name: 'Files to send' }).innerText()).resolves.toContain(ATTACHMENT.name);

    const upload = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).origin === new URL(stack.endpoints.s3).origin);
    const posted = page.waitForResponse((r) => r.url().endsWith(`/api/documents/quote/${quoteId}/messages`) && r.request().method() === 'POST');
    await panel.getByRole('button', { name: 'Send message' }).click();
    expect((await upload).status()).toBe(200);
    expect((await posted).status()).toBe(201);

    const mine = threadItems().filter({ hasText: CUSTOMER_MESSAGE });
    await mine.waitFor();
    await expect(mine.innerText()).resolves.toContain(`${person.firstName} ${person.lastName}`);
    await expect(mine.getByRole('button', { name: `Download ${ATTACHMENT.name}` }).isVisible()).resolves.toBe(true);
    await expect(panel.getByLabel('Your message').inputValue()).resolves.toBe('');
    await expectCount(panel.getByRole('list', { name: 'Files to send' }), 0);

    // Staff see the message, and its file is the bytes the browser sent.
    const staffView = await crm('GET', `/api/admin/documents/quote/${quoteId}/messages`);
    expectStatus(staffView, 200, 'staff read the thread');
    const message = staffView.body.items.find((m: { body: string }) => m.body === CUSTOMER_MESSAGE);
    expect(message).toMatchObject({
      author: { kind: 'customer' },
      attachments: [{ name: ATTACHMENT.name, contentType: 'text/csv', size: ATTACHMENT.buffer.length }],
    });
    const file = await crm('GET', `/api/admin/documents/quote/${quoteId}/attachments/${message.attachments[0].attachmentId}`);
    expectStatus(file, 200, 'attachment link');
    const stored = await fetch(file.body.url);
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer()).equals(ATTACHMENT.buffer)).toBe(true);

    // The message stays after a reload.
    await page.reload();
    await headingText(page, `Quote ${quote.number}`);
    await threadItems().filter({ hasText: CUSTOMER_MESSAGE }).waitFor();
  });

  let replyMail: StoredMail;

  it('a staff reply reaches the contact’s mailbox with a link to the quote', async () => {
    const before = (await mailTo(stack, person.email)).length;
    const staff = await staffBrowser(stack, demo.slug);
    const asStaff = adminClient(stack, demo.slug, staff.headers);
    expectStatus(await asStaff('POST', `/api/admin/documents/quote/${quoteId}/messages`, { body: STAFF_REPLY }), 201, 'staff reply');

    replyMail = await waitForMail(stack, person.email);
    expect(await mailTo(stack, person.email)).toHaveLength(before + 1);
    expect(replyMail.subject).toBe(`New reply from ${demo.name} on quote ${quote.number}`);
    const text = replyMail.body.text ?? '';
    expect(text).toContain(`Test Staff at ${demo.name} replied`);
    expect(text).toContain(STAFF_REPLY);
    expect(text).toContain(`${stack.url(demo.slug)}/quotes/${quoteId}`);
  });

  it('the quote shows an unread badge until the contact opens it from the email and reads the reply', async () => {
    await page.goto(`${stack.url(demo.slug)}/`);
    await headingText(page, `Welcome, ${person.firstName}`);
    await expect(page.getByRole('region', { name: 'Unread messages' }).innerText()).resolves.toMatch(/1\s+new message/);

    await page.goto(`${stack.url(demo.slug)}/quotes?status=accepted`);
    await headingText(page, 'Quotes');
    const row = page.getByRole('region', { name: 'Quotes table' }).getByRole('row').filter({ hasText: quote.number });
    await row.waitFor();
    await expectCount(row.getByText('1 unread message'), 1);
    await checkPage('quotes-unread', 'quote list with an unread reply');

    const link = new RegExp(`${stack.url(demo.slug)}/quotes/${quoteId}`).exec(replyMail.body.text ?? '')![0];
    await page.goto(link);
    await headingText(page, `Quote ${quote.number}`);
    const reply = threadItems().filter({ hasText: STAFF_REPLY });
    await reply.waitFor();
    await expect(reply.innerText()).resolves.toMatch(new RegExp(`Test Staff[\\s\\S]*${escapeRegExp(demo.name)}`));
    // Oldest first: the contact's message, then the reply.
    await expect(threadItems().evaluateAll((items) => items.map((i) => i.classList.contains('is-staff')))).resolves.toEqual([false, true]);
    await messages().getByText('2 messages').waitFor();
    await reply.scrollIntoViewIfNeeded();
    await checkPage('thread', 'quote detail with the thread', chipsInsideTheirMessages);

    // Read now: the badge is gone from the list and the dashboard.
    await page.goto(`${stack.url(demo.slug)}/quotes?status=accepted`);
    await headingText(page, 'Quotes');
    const again = page.getByRole('region', { name: 'Quotes table' }).getByRole('row').filter({ hasText: quote.number });
    await again.waitFor();
    await expectCount(again.getByText(/unread message/), 0);
    await page.goto(`${stack.url(demo.slug)}/`);
    await expect(page.getByRole('region', { name: 'Unread messages' }).innerText()).resolves.toMatch(/No unread messages/);
    expect(errors).toEqual([]);
  });
});

/** A string as a literal inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
