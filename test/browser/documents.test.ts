import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import type { MeResponse } from '../../shared/api/access';
import type {
  DashboardView,
  DirectLinkSession,
  DocumentPage,
  DocumentSummary,
  DocumentView,
  MessageView,
  SignatureEvidence,
  UploadTicket,
} from '../../shared/api/documents';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { stubSignedInCookie } from '../support/browserSignIn';
import {
  checkAtBothWidths,
  expectNoAxeViolations,
  headingText,
  browserSuite,
  screenshot,
  watchErrors,
  type ViewportName,
  expectCount,
  sparseFile,
} from './helpers';

// A real browser on a loaded 2-core machine: one retry, with the first failure logged.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
jest.setTimeout(90_000);

/**
 * The business-document pages (dashboard, lists, detail with its actions, e-signing,
 * messages with uploads, print view, direct links) with every API answer stubbed in the
 * browser (`page.route`), so each state the contract names can be shown on demand. The
 * presigned S3 URLs are stubbed the same way, on another origin, as S3 would be.
 */

const demo = DEMO_TENANTS[0]!;
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
/** Where presigned downloads point (opened as a new tab: a navigation, which CSP does not govern). */
const S3_ORIGIN = 'https://portico-files.s3.eu-west-1.amazonaws.com';
/**
 * Where presigned uploads point: the run's S3 stand-in, the origin the gateway's CSP lets
 * the page connect to (as it lets the cloud site connect to the files bucket).
 */
const uploadOrigin = () => new URL(suite.stack.endpoints.s3).origin;
const suite = browserSuite();

// ---------- Fixtures ----------

const ME: MeResponse & { signingPinSet: boolean } = {
  user: { id: 'u1', email: 'sam.taylor@example.com', firstName: 'Sam', lastName: 'Taylor' },
  company: { id: 'c1', name: 'Taylor Signs Ltd', kind: 'customer' },
  permissions: [
    'quotes:read',
    'quotes:accept',
    'orders:read',
    'orders:sign',
    'invoices:read',
    'jobs:read',
    'artwork:approve',
    'messages:write',
    'profile:write',
  ],
  modules: ['quotes', 'orders', 'invoices', 'jobs'],
  editableFields: ['phone'],
  signingPinSet: true,
};

const summary = (over: Partial<DocumentSummary> & Pick<DocumentSummary, 'type' | 'documentId' | 'number'>): DocumentSummary => ({
  status: 'open',
  state: 'open',
  issueDate: '2026-03-02',
  currency: 'GBP',
  totals: { subtotal: 100000, tax: 20000, total: 120000 },
  unreadMessages: 0,
  version: 1,
  ...over,
});

const QUOTE: DocumentView = {
  type: 'quote',
  documentId: 'q-1042',
  number: 'Q-1042',
  title: 'Shop-front signage',
  status: 'open',
  state: 'open',
  companyId: 'c1',
  contactId: 'ct1',
  issueDate: '2026-03-02',
  expiryDate: '2026-04-01',
  currency: 'GBP',
  lines: [
    {
      description: 'Aluminium fascia sign, 4000 × 600 mm, printed vinyl',
      quantity: 1,
      unitPrice: 185000,
      discount: 0,
      tax: 37000,
      taxRateBps: 2000,
      total: 222000,
      sku: 'FAS-4000',
    },
    { description: 'Installation (2 fitters, half day)', quantity: 4, unitPrice: 4500, discount: 1000, tax: 3400, taxRateBps: 2000, total: 20400 },
  ],
  totals: { subtotal: 202000, tax: 40400, total: 242400 },
  notes: 'Price includes removal of the old sign.',
  terms: 'Valid for 30 days. 50% deposit on acceptance, balance on completion.',
  attachments: [{ attachmentId: 'att-visual', name: 'Fascia-visual.pdf', contentType: 'application/pdf', size: 482_000 }],
  version: 2,
  contentHash: '9f2c4e1a7b3d5f60a8e9c1d2b3a4f5e6d7c8b9a0f1e2d3c4b5a6978877665544',
  publishedAt: '2026-03-02T09:30:00.000Z',
  updatedAt: '2026-03-03T11:00:00.000Z',
  history: [
    { at: '2026-03-02T09:30:00.000Z', action: 'document.published', by: 'Brightline Print & Signs', version: 1 },
    { at: '2026-03-03T11:00:00.000Z', action: 'document.published', by: 'Brightline Print & Signs', version: 2, detail: 'Installation added' },
  ],
  unreadMessages: 1,
  messageCount: 1,
  actions: ['accept', 'reject', 'message'],
};

const ORDER: DocumentView = {
  ...QUOTE,
  type: 'sales-order',
  documentId: 'so-2001',
  number: 'SO-2001',
  title: 'Shop-front signage: order',
  expiryDate: undefined,
  dueDate: '2026-04-15',
  attachments: [],
  history: [{ at: '2026-03-05T09:30:00.000Z', action: 'document.published', by: 'Brightline Print & Signs', version: 3 }],
  version: 3,
  actions: ['sign', 'message'],
};

const EVIDENCE: SignatureEvidence = {
  evidenceId: 'ev-77',
  tenantId: 'demo',
  type: 'sales-order',
  documentId: 'so-2001',
  number: 'SO-2001',
  version: 3,
  contentHash: ORDER.contentHash,
  signerName: 'Sam Taylor',
  signer: { userId: 'u1', contactId: 'ct1', email: 'sam.taylor@example.com' },
  signedAt: '2026-03-06T10:15:00.000Z',
  ip: '203.0.113.7',
  userAgent: 'Chromium',
  authentication: 'password',
};

const STAFF_MESSAGE: MessageView = {
  messageId: 'm1',
  at: '2026-03-03T11:05:00.000Z',
  author: { kind: 'staff', name: 'Priya Shah' },
  body: 'Hi Sam, we added the installation as discussed. Any questions, just ask.',
  attachments: [{ attachmentId: 'att-spec', name: 'Install-method.pdf', contentType: 'application/pdf', size: 120_000 }],
};

const DASHBOARD: DashboardView = {
  credits: [{ currency: 'GBP', credit: 46000, count: 1 }],
  outstanding: [
    { currency: 'GBP', balance: 345678, count: 3 },
    { currency: 'EUR', balance: 99000, count: 1 },
  ],
  overdue: {
    count: 2,
    items: [
      summary({ type: 'invoice', documentId: 'inv-1001', number: 'INV-1001', status: 'outstanding', state: 'overdue', dueDate: '2026-02-20', balance: 120000 }),
    ],
  },
  quotesAwaitingDecision: {
    count: 1,
    items: [summary({ type: 'quote', documentId: 'q-1042', number: 'Q-1042', title: 'Shop-front signage', expiryDate: '2026-04-01' })],
  },
  // More than the API counts (it stops one past 100): the card says 100+.
  ordersAwaitingSignature: { count: 101, items: [summary({ type: 'sales-order', documentId: 'so-2001', number: 'SO-2001' })] },
  jobsAwaitingApproval: { count: 0, items: [] },
  unreadMessages: 3,
  recentActivity: [
    {
      at: '2026-03-03T11:05:00.000Z',
      type: 'quote',
      documentId: 'q-1042',
      number: 'Q-1042',
      action: 'message.posted',
      actor: 'Priya Shah',
      summary: 'Priya Shah replied on quote Q-1042',
    },
    {
      at: '2026-03-02T09:30:00.000Z',
      type: 'invoice',
      documentId: 'inv-1001',
      number: 'INV-1001',
      action: 'document.published',
      actor: 'Brightline Print & Signs',
      summary: 'Invoice INV-1001 was published',
    },
  ],
};

const EMPTY_DASHBOARD: DashboardView = {
  credits: [],
  outstanding: [],
  overdue: { count: 0, items: [] },
  quotesAwaitingDecision: { count: 0, items: [] },
  ordersAwaitingSignature: { count: 0, items: [] },
  jobsAwaitingApproval: { count: 0, items: [] },
  unreadMessages: 0,
  recentActivity: [],
};

const invoices = (from: number, n: number): DocumentSummary[] =>
  Array.from({ length: n }, (_, i) =>
    summary({
      type: 'invoice',
      documentId: `inv-${from + i}`,
      number: `INV-${from + i}`,
      title: i === 0 ? 'Vehicle livery, 3 vans' : undefined,
      status: 'outstanding',
      state: i % 3 === 0 ? 'overdue' : 'outstanding',
      dueDate: '2026-03-31',
      totals: { subtotal: 102880, tax: 20576, total: 123456 },
      balance: i % 2 === 0 ? 123456 : 23456,
      unreadMessages: i === 0 ? 2 : 0,
    }),
  );

// ---------- Stubbing ----------

type Answer = Parameters<Route['fulfill']>[0];
const json = (body: unknown, status = 200): Answer => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const problem = (status: number, slug: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Answer => ({
  status,
  contentType: 'application/problem+json',
  headers,
  body: JSON.stringify({ type: `https://portico.dev/problems/${slug}`, title: slug, status, detail, ...extra }),
});

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

/** Handlers keyed `METHOD /path` (exact path); everything else under /api goes to the test stack. */
type Table = Record<string, (req: Request) => Answer | Promise<Answer>>;

interface Opened {
  page: Page;
  context: BrowserContext;
  errors: string[];
  calls: Call[];
  /** Calls made so far to `METHOD /path`. */
  made(key: string): Call[];
}

async function open(
  viewport: ViewportName | { width: number; height: number },
  path: string,
  table: Table,
  options: { signedIn?: boolean; me?: MeResponse } = {},
): Promise<Opened> {
  const context = await suite.context(viewport, { locale: 'en-GB', timezoneId: 'Europe/London' });
  await stubSignedInCookie(context, demo.slug);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const calls: Call[] = [];
  const full: Table = {
    ...(options.signedIn === false
      ? {}
      : {
          'GET /api/me': () => json(options.me ?? ME),
          'POST /api/auth/refresh': () => problem(401, 'unauthorized', 'No session.'),
        }),
    ...table,
  };
  await page.route(
    (url) => url.pathname.startsWith('/api/') && url.hostname.endsWith('localhost'),
    async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      const key = `${req.method()} ${url.pathname}`;
      const handler = full[key];
      if (!handler) return route.fallback();
      let body: unknown;
      try {
        body = req.postDataJSON();
      } catch {
        body = req.postData();
      }
      calls.push({ method: req.method(), path: url.pathname, query: url.searchParams, body, headers: await req.allHeaders() });
      return route.fulfill(await handler(req));
    },
  );
  await page.goto(suite.stack.url(demo.slug) + path);
  return { page, context, errors, calls, made: (key) => calls.filter((c) => `${c.method} ${c.path}` === key) };
}

async function checked(o: Opened, label: string, shot: string) {
  await expectNoAxeViolations(o.page, label);
  await screenshot(o.page, shot);
  expect(o.errors).toEqual([]);
}

/**
 * The page as it is now at desktop and at phone width (axe, `layout`, screenshots kept), then
 * back to desktop. A flow runs once, at desktop, and each state it reaches is checked at both
 * widths: a page load per width cost seconds a test and checked nothing more.
 */
const checkedAtBothWidths = (o: Opened, label: string, shot: string, layout?: (viewport: ViewportName) => Promise<void>) =>
  checkAtBothWidths(o.page, shot, { label, errors: o.errors, layout });

/** Waits until `predicate` holds of the calls (a stubbed answer arrives a moment after the click). */
async function waitForCall(o: Opened, key: string, predicate: (c: Call) => boolean = () => true): Promise<Call> {
  for (let i = 0; i < 100; i++) {
    const found = o.made(key).find(predicate);
    if (found) return found;
    await o.page.waitForTimeout(50);
  }
  throw new Error(`no ${key} call matched; calls were:\n${o.calls.map((c) => `${c.method} ${c.path}?${c.query}`).join('\n')}`);
}

const quoteDetail = (doc: DocumentView = QUOTE): Table => ({
  [`GET /api/documents/quote/${doc.documentId}`]: () => json(doc),
  [`GET /api/documents/quote/${doc.documentId}/messages`]: () => json({ items: [STAFF_MESSAGE] }),
});

// ---------- Dashboard ----------

describe('dashboard', () => {
  it('summarises what is pending, each card linking to its filtered list', async () => {
    const viewport = 'desktop';
    // No jobs:read: the jobs card must not show even though the API sent its numbers.
    const me = { ...ME, permissions: ME.permissions.filter((p) => p !== 'jobs:read' && p !== 'artwork:approve') };
    const o = await open(viewport, '/', { 'GET /api/dashboard': () => json(DASHBOARD) }, { me });
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    const card = (name: string) => page.getByRole('region', { name });
    await card('Outstanding balance').waitFor();
    await expect(card('Outstanding balance').innerText()).resolves.toMatch(/£3,456\.78[\s\S]*€990\.00[\s\S]*4 unpaid invoices/);
    // Credit notes are not taken off the balance: their credit shows beside it, linking to them.
    await expect(card('Outstanding balance').innerText()).resolves.toMatch(/Credit in your favour: £460\.00 on 1 credit note\./);
    await expect(card('Outstanding balance').getByRole('link', { name: '£460.00 on 1 credit note' }).getAttribute('href')).resolves.toBe(
      '/invoices?status=credit',
    );
    await expect(card('Overdue invoices').innerText()).resolves.toMatch(
      /2\s+invoices past their due date[\s\S]*INV-1001[\s\S]*Due 20 Feb 2026[\s\S]*£1,200\.00/,
    );
    await expect(card('Quotes awaiting your decision').innerText()).resolves.toMatch(/1\s+quote to accept or reject[\s\S]*Q-1042/);
    await expect(card('Orders awaiting signature').innerText()).resolves.toMatch(/100\+\s+orders to sign[\s\S]*SO-2001/);
    await expect(card('Unread messages').innerText()).resolves.toMatch(/3\s+new messages/);
    await expectCount(page.getByRole('heading', { name: 'Jobs awaiting approval' }), 0);

    const href = (name: string) => page.getByRole('link', { name }).getAttribute('href');
    await expect(href('View overdue invoices')).resolves.toBe('/invoices?status=overdue');
    await expect(href('View outstanding invoices')).resolves.toBe('/invoices?status=outstanding');
    await expect(href('View open quotes')).resolves.toBe('/quotes?status=open');
    await expect(href('View open orders')).resolves.toBe('/orders?status=open');
    await expect(page.getByRole('link', { name: 'Q-1042 Shop-front signage' }).getAttribute('href')).resolves.toBe('/quotes/q-1042');

    const activity = card('Recent activity');
    await expectCount(activity.getByRole('listitem'), 2);
    await expect(activity.getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Priya Shah replied on quote Q-1042\s+3 Mar 2026, 11:05$/),
      expect.stringMatching(/^Invoice INV-1001 was published\s+2 Mar 2026, 09:30$/),
    ]);
    await expect(activity.getByRole('link', { name: 'INV-1001' }).getAttribute('href')).resolves.toBe('/invoices/inv-1001');
    await expect(activity.locator('strong').allInnerTexts()).resolves.toEqual(['Priya Shah']);
    await checkedAtBothWidths(o, 'dashboard', 'documents-dashboard');

    // The card's link opens the list with that filter on, and the list asks the API for it.
    await page.route('**/api/documents/invoice?*', (r) => r.fulfill(json({ items: invoices(1001, 2) } satisfies DocumentPage)));
    await page.getByRole('link', { name: 'View overdue invoices' }).click();
    await headingText(page, 'Invoices');
    await expect(page.getByRole('tab', { name: 'Overdue' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('says all is well when nothing is pending, and offers a retry when the summary fails', async () => {
    let fail = true;
    const o = await open('desktop', '/', {
      'GET /api/dashboard': () => (fail ? problem(503, 'internal-error', 'The portal is having trouble right now.') : json(EMPTY_DASHBOARD)),
    });
    const { page } = o;
    await headingText(page, 'Welcome, Sam');
    await page.getByRole('heading', { name: "We couldn't load your summary" }).waitFor();
    await expectCount(page.getByRole('alert').filter({ hasText: 'having trouble' }), 1);
    fail = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText("Nothing overdue — you're all caught up.").waitFor();
    await expect(page.getByText('No quotes waiting for you.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('No orders waiting for your signature.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('No artwork or estimates waiting for approval.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(`No activity yet. When ${demo.name} shares documents with you`).isVisible()).resolves.toBe(true);
    // An empty card still links to its list.
    await expect(page.getByRole('link', { name: 'View overdue invoices' }).isVisible()).resolves.toBe(true);
    expect(o.made('GET /api/dashboard')).toHaveLength(2);
    await expectNoAxeViolations(page, 'empty dashboard');
    await screenshot(page, 'documents-dashboard-empty-desktop');
    // The 503 is logged by the browser as a failed resource: that one is expected.
    expect(o.errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  });
});

// ---------- Lists ----------

describe('document list', () => {
  it('filters, sorts and searches through the query string, and loads more with the cursor', async () => {
    const o = await open('desktop', '/invoices', {
      'GET /api/documents/invoice': (req) => {
        const q = new URL(req.url()).searchParams;
        if (q.get('cursor') === 'page-2') return json({ items: invoices(1021, 5) } satisfies DocumentPage);
        if (q.get('q')) return json({ items: invoices(1001, 1) });
        return json({ items: invoices(1001, 20), cursor: 'page-2' } satisfies DocumentPage);
      },
    });
    const { page } = o;
    await headingText(page, 'Invoices');
    const rows = page.locator('.doc-table tbody tr');
    await rows.first().waitFor();
    await expectCount(rows, 20);
    const first = await waitForCall(o, 'GET /api/documents/invoice');
    expect(Object.fromEntries(first.query)).toEqual({ sort: 'newest', limit: '20' });

    // Money in major units of its currency, dates formatted, status in words, unread count named.
    const row = rows.first();
    await expect(row.innerText()).resolves.toMatch(
      /INV-1001[\s\S]*Vehicle livery, 3 vans[\s\S]*2 Mar 2026[\s\S]*31 Mar 2026[\s\S]*Overdue[\s\S]*£1,234\.56[\s\S]*£1,234\.56/,
    );
    await expectCount(row.getByText('2 unread messages'), 1);
    await expect(page.getByRole('tablist', { name: 'Filter invoices by status' }).getByRole('tab').allInnerTexts()).resolves.toEqual([
      'All',
      'Outstanding',
      'Overdue',
      'Paid',
      'Credit notes',
      'Void',
    ]);
    await checked(o, 'invoice list', 'documents-list-desktop');

    // Tabs by keyboard: → moves to "Outstanding" and asks for it.
    await page.getByRole('tab', { name: 'All' }).focus();
    await page.keyboard.press('ArrowRight');
    await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('status') === 'outstanding');
    await page.getByRole('tab', { name: 'Overdue' }).click();
    const overdue = await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('status') === 'overdue');
    expect(overdue.query.get('sort')).toBe('newest');
    await page.waitForURL(/\/invoices\?status=overdue$/);
    await expect(page.getByRole('tab', { name: 'Overdue' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(page.getByRole('tabpanel').getAttribute('aria-labelledby')).resolves.toBe(await page.getByRole('tab', { name: 'Overdue' }).getAttribute('id'));

    await page.getByLabel('Sort').selectOption('oldest');
    await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('sort') === 'oldest' && c.query.get('status') === 'overdue');

    // The search waits for a pause: typing "INV-10" sends one request, not six. A number
    // search covers every status (the API refuses status with q), so the tab goes to All.
    const before = o.made('GET /api/documents/invoice').length;
    await page.getByLabel('Search by invoice number').pressSequentially('INV-10', { delay: 40 });
    const searched = await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('q') === 'INV-10');
    expect(Object.fromEntries(searched.query)).toEqual({ sort: 'oldest', q: 'INV-10', limit: '20' });
    await page.waitForTimeout(500);
    expect(
      o
        .made('GET /api/documents/invoice')
        .slice(before)
        .map((c) => c.query.get('q')),
    ).toEqual(['INV-10']);
    await page.waitForURL(/\?sort=oldest&q=INV-10$/);
    await expect(page.getByRole('tab', { name: 'All' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expectCount(rows, 1);

    // Choosing a status ends the search.
    await page.getByRole('tab', { name: 'Overdue' }).click();
    await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('status') === 'overdue' && !c.query.get('q'));
    await expect(page.getByLabel('Search by invoice number').inputValue()).resolves.toBe('');

    // Back to all, then "Load more" sends the cursor and appends.
    await page.getByLabel('Search by invoice number').fill('');
    await page.getByRole('tab', { name: 'All' }).click();
    await waitForCall(o, 'GET /api/documents/invoice', (c) => !c.query.get('status') && !c.query.get('q') && c.query.get('sort') === 'oldest');
    await expectCount(rows, 20);
    await page.getByRole('button', { name: 'Load more' }).click();
    const more = await waitForCall(o, 'GET /api/documents/invoice', (c) => c.query.get('cursor') === 'page-2');
    expect(more.query.get('sort')).toBe('oldest');
    await page.getByRole('status').filter({ hasText: 'Loaded 5 more invoices' }).waitFor({ state: 'attached' });
    await expectCount(rows, 25);
    await expectCount(page.getByRole('button', { name: 'Load more' }), 0);
    // Focus moves to the first of the new rows.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('INV-1021');
    expect(o.errors).toEqual([]);
  });

  it('becomes stacked cards on a 375 px phone, without sideways scrolling', async () => {
    const viewport = { width: 375, height: 812 };
    const o = await open(viewport, '/invoices', { 'GET /api/documents/invoice': () => json({ items: invoices(1001, 6), cursor: 'next' }) });
    const { page } = o;
    await headingText(page, 'Invoices');
    const cards = page.locator('.doc-cards > li');
    await cards.first().waitFor();
    await expectCount(cards, 6);
    await expect(page.locator('.doc-table').isVisible()).resolves.toBe(false);
    await expect(cards.first().innerText()).resolves.toMatch(/INV-1001[\s\S]*Overdue[\s\S]*Vehicle livery[\s\S]*£1,234\.56/);
    await expect(page.getByRole('link', { name: 'INV-1002' }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);
    await expect(page.getByRole('button', { name: 'Load more' }).isVisible()).resolves.toBe(true);
    await checked(o, 'invoice list at 375', 'documents-list-phone-375');
  });

  it('says what to do when there is nothing, and offers a retry when loading fails', async () => {
    let answer: Answer = json({ items: [] });
    const o = await open('phone', '/quotes', { 'GET /api/documents/quote': () => answer });
    const { page } = o;
    await headingText(page, 'Quotes');
    await page.getByRole('heading', { name: 'No quotes yet' }).waitFor();
    await expect(page.getByText(`When ${demo.name} sends you a quote it will appear here`).isVisible()).resolves.toBe(true);
    await checked(o, 'empty quotes', 'documents-list-empty-phone');

    await page.getByRole('tab', { name: 'Expired' }).click();
    await page.getByRole('heading', { name: 'No expired quotes' }).waitFor();
    answer = problem(500, 'internal-error', 'Something broke on our side.');
    await page.getByRole('tab', { name: 'Open' }).click();
    await page.getByRole('heading', { name: "We couldn't load your quotes" }).waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Something broke on our side/);
    answer = json({ items: [summary({ type: 'quote', documentId: 'q-1042', number: 'Q-1042' })] });
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('link', { name: 'Q-1042' }).waitFor();
    expect(o.made('GET /api/documents/quote').map((c) => c.query.get('status'))).toEqual([null, 'expired', 'open', 'open']);
  });
});

// ---------- Quote detail ----------

describe('credit notes', () => {
  /** An invoice with a negative total, as the API answers it: state credit, the credit left, no balance, no pay. */
  const CREDIT_NOTE: DocumentView = {
    ...QUOTE,
    type: 'invoice',
    documentId: 'cn-1001',
    number: 'CN-1001',
    title: 'Returned fascia sign',
    status: 'outstanding',
    state: 'credit',
    expiryDate: undefined,
    lines: [
      { description: 'Returned: aluminium fascia sign', quantity: -1, unitPrice: 50000, discount: 0, tax: -10000, taxRateBps: 2000, total: -60000 },
      { description: 'Restocking fee', quantity: 1, unitPrice: 10000, discount: 0, tax: 2000, taxRateBps: 2000, total: 12000 },
    ],
    totals: { subtotal: -40000, tax: -8000, total: -48000 },
    amountPaid: 2000,
    credit: 46000,
    attachments: [],
    terms: undefined,
    unreadMessages: 0,
    messageCount: 0,
    actions: ['message'],
  };
  const creditRow = summary({
    type: 'invoice',
    documentId: 'cn-1001',
    number: 'CN-1001',
    status: 'outstanding',
    state: 'credit',
    totals: CREDIT_NOTE.totals,
    credit: 46000,
  });

  it('lists a credit note under its own tab with the credit left, never as paid or with a negative balance', async () => {
    const o = await open('desktop', '/invoices?status=credit', { 'GET /api/documents/invoice': () => json({ items: [creditRow] } satisfies DocumentPage) });
    const { page } = o;
    const call = await waitForCall(o, 'GET /api/documents/invoice');
    expect(call.query.get('status')).toBe('credit');
    await expect(page.getByRole('tab', { name: 'Credit notes' }).getAttribute('aria-selected')).resolves.toBe('true');
    const row = page.locator('.doc-table tbody tr').first();
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/CN-1001[\s\S]*Credit note[\s\S]*-£480\.00[\s\S]*£460\.00 credit/);
    await expect(row.innerText()).resolves.not.toMatch(/Paid|-£460/i);
    await checked(o, 'credit note list', 'documents-credit-list-desktop');
  });

  it('shows a credit note as a credit in the customer’s favour, with nothing to pay', async () => {
    const o = await open('desktop', '/invoices/cn-1001', {
      'GET /api/documents/invoice/cn-1001': () => json(CREDIT_NOTE),
      'GET /api/documents/invoice/cn-1001/messages': () => json({ items: [] }),
      'GET /api/documents/invoice/cn-1001/payments': () => json({ items: [] }),
    });
    const { page } = o;
    await headingText(page, 'Credit note CN-1001');
    const head = page.locator('.doc-head');
    await expect(head.innerText()).resolves.toMatch(/Credit note[\s\S]*Credit remaining\s*£460\.00/i);
    await expect(page.getByText('This is a credit note, not a bill: there is nothing to pay.').isVisible()).resolves.toBe(true);
    await expect(page.getByText(`£460.00 is in your favour; ${demo.name} takes it off a future invoice or refunds it.`).isVisible()).resolves.toBe(true);
    await expect(page.locator('.totals').innerText()).resolves.toMatch(
      /Total \(GBP\)\s*-£480\.00[\s\S]*Credit used\s*£20\.00[\s\S]*Credit remaining\s*£460\.00/i,
    );
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Balance due|Paid|Pay invoice|Outstanding/i);
    await expectCount(page.getByRole('link', { name: 'Pay invoice' }), 0);
    await checked(o, 'credit note detail', 'documents-credit-detail-desktop');
  });
});

describe('quote detail', () => {
  it('shows the quote and accepts it with a purchase-order reference', async () => {
    const viewport = 'desktop';
    const accepted: DocumentView = {
      ...QUOTE,
      status: 'accepted',
      state: 'accepted',
      decision: { kind: 'accepted', at: '2026-03-06T10:00:00.000Z', by: 'Sam Taylor', purchaseOrderReference: 'PO-778', version: 2 },
      actions: ['message'],
    };
    const o = await open(viewport, '/quotes/q-1042', { ...quoteDetail(), 'POST /api/documents/quote/q-1042/accept': () => json(accepted) });
    const { page } = o;
    await headingText(page, 'Quote Q-1042');
    await expect(page.title()).resolves.toBe(`Quote Q-1042 · ${demo.name}`);
    const head = page.locator('.doc-head');
    await expect(head.innerText()).resolves.toMatch(/Shop-front signage[\s\S]*Open[\s\S]*2 Mar 2026[\s\S]*Valid until[\s\S]*1 Apr 2026[\s\S]*£2,424\.00/i);
    const totals = page.locator('.totals');
    await expect(totals.innerText()).resolves.toMatch(/Subtotal\s+£2,020\.00\s+Tax\s+£404\.00\s+Total \(GBP\)\s+£2,424\.00/);
    // The lines are a table at desktop width and cards on a phone, each with the same content.
    const linesShown = async (width: ViewportName) => {
      const lines = width === 'phone' ? page.locator('.line-cards') : page.locator('.lines-table');
      await expect(lines.innerText()).resolves.toMatch(/Aluminium fascia sign[\s\S]*SKU FAS-4000[\s\S]*£1,850\.00[\s\S]*Installation[\s\S]*£170\.00/);
    };
    await expect(page.getByRole('region', { name: 'Notes and terms' }).innerText()).resolves.toMatch(/removal of the old sign[\s\S]*50% deposit/);
    await expect(page.getByRole('region', { name: 'History' }).innerText()).resolves.toMatch(/Published[\s\S]*Installation added[\s\S]*version 2/);
    await page.getByText('we added the installation as discussed').waitFor();
    await checkedAtBothWidths(o, 'quote', 'documents-quote', linesShown);

    await page.getByRole('button', { name: 'Accept quote' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept quote Q-1042' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/£2,424\.00/);
    // Focus starts in the dialog, on its field.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('purchaseOrderReference');
    await dialog.getByLabel('Your purchase order reference (optional)').fill('  PO-778 ');
    await checkedAtBothWidths(o, 'accept dialog', 'documents-quote-accept-dialog');
    await dialog.getByRole('button', { name: 'Accept quote' }).click();

    await page.getByRole('status').filter({ hasText: 'You accepted quote Q-1042.' }).waitFor();
    const call = (await waitForCall(o, 'POST /api/documents/quote/q-1042/accept'))!;
    expect(call.body).toEqual({ purchaseOrderReference: 'PO-778' });
    expect(call.headers['x-csrf-token']).toBe('csrf-test-value');
    await expect(dialog.isVisible()).resolves.toBe(false);
    await expect(page.locator('.doc-head .badge').innerText()).resolves.toBe('Accepted');
    await expectCount(page.getByRole('button', { name: 'Accept quote' }), 0);
    await expect(page.locator('.banners').innerText()).resolves.toMatch(/Accepted by Sam Taylor[\s\S]*PO-778/);
    await checkedAtBothWidths(o, 'accepted quote', 'documents-quote-accepted');
  });

  it('will not reject without a reason, then sends it; Escape closes the dialog', async () => {
    const rejected: DocumentView = {
      ...QUOTE,
      status: 'rejected',
      state: 'rejected',
      decision: { kind: 'rejected', at: '2026-03-06T10:00:00.000Z', by: 'Sam Taylor', reason: 'Over budget', version: 2 },
      actions: ['message'],
    };
    const o = await open('desktop', '/quotes/q-1042', { ...quoteDetail(), 'POST /api/documents/quote/q-1042/reject': () => json(rejected) });
    const { page } = o;
    await headingText(page, 'Quote Q-1042');
    const opener = page.getByRole('button', { name: 'Reject quote' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Reject quote Q-1042' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
    await expect(opener.evaluate((b) => b === document.activeElement)).resolves.toBe(true);

    await opener.click();
    await dialog.getByRole('button', { name: 'Reject quote' }).click();
    await dialog.getByText('Tell us why you are rejecting the quote').waitFor();
    await expect(dialog.getByLabel('Reason for rejecting').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(o.made('POST /api/documents/quote/q-1042/reject')).toHaveLength(0);
    await expectNoAxeViolations(page, 'reject dialog with error');
    await screenshot(page, 'documents-quote-reject-error-desktop');

    await dialog.getByLabel('Reason for rejecting').fill('Over budget');
    await dialog.getByRole('button', { name: 'Reject quote' }).click();
    await page.getByRole('status').filter({ hasText: 'You rejected quote Q-1042.' }).waitFor();
    expect((await waitForCall(o, 'POST /api/documents/quote/q-1042/reject')).body).toEqual({ reason: 'Over budget' });
    await expect(page.locator('.doc-head .badge').innerText()).resolves.toBe('Rejected');
    expect(o.errors).toEqual([]);
  });

  it('sends a decision once: busy while it is sent, a refusal shown in the dialog, closed when it succeeds', async () => {
    const accepted: DocumentView = {
      ...QUOTE,
      status: 'accepted',
      state: 'accepted',
      decision: { kind: 'accepted', at: '2026-03-06T10:00:00.000Z', by: 'Sam Taylor', version: 2 },
      actions: ['message'],
    };
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = 0;
    const o = await open('desktop', '/quotes/q-1042', {
      ...quoteDetail(),
      'POST /api/documents/quote/q-1042/accept': async () => {
        answered += 1;
        if (answered === 1) return problem(409, 'conflict', 'The document is being changed right now. Reload it and try again.');
        await held;
        return json(accepted);
      },
    });
    const { page } = o;
    await headingText(page, 'Quote Q-1042');
    await page.getByRole('button', { name: 'Accept quote' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept quote Q-1042' });
    await dialog.waitFor();

    // Refused: the problem's message in the dialog's alert; the dialog stays for another try.
    await dialog.getByRole('button', { name: 'Accept quote' }).click();
    await dialog.getByRole('alert').getByText('The document is being changed right now. Reload it and try again.').waitFor();
    await expect(dialog.isVisible()).resolves.toBe(true);

    // Sent again and held: both buttons disabled, the alert cleared, and another submit (Enter in the field) sends nothing.
    await dialog.getByRole('button', { name: 'Accept quote' }).click();
    const sending = dialog.getByRole('button', { name: 'Sending…' });
    await sending.waitFor();
    await expect(sending.isDisabled()).resolves.toBe(true);
    await expect(dialog.getByRole('button', { name: 'Cancel' }).isDisabled()).resolves.toBe(true);
    await expect(dialog.locator('.form-error').innerText()).resolves.toBe('');
    await dialog.getByLabel('Your purchase order reference (optional)').press('Enter');
    expect(o.made('POST /api/documents/quote/q-1042/accept')).toHaveLength(2);

    release();
    await page.getByRole('status').filter({ hasText: 'You accepted quote Q-1042.' }).waitFor();
    await expect(dialog.isVisible()).resolves.toBe(false);
    expect(o.made('POST /api/documents/quote/q-1042/accept')).toHaveLength(2);
    expect(o.errors).toEqual([]);
  });

  it('opens the PDF and attachments through short-lived links in a new tab', async () => {
    const o = await open('desktop', '/quotes/q-1042', {
      ...quoteDetail(),
      'GET /api/documents/quote/q-1042/pdf': () =>
        json({ url: `${S3_ORIGIN}/pdf/Q-1042.pdf?X-Amz-Signature=abc`, expiresAt: '2026-03-06T10:05:00Z', fileName: 'Q-1042.pdf' }),
      'GET /api/documents/quote/q-1042/attachments/att-visual': () =>
        json({ url: `${S3_ORIGIN}/att/Fascia-visual.pdf?X-Amz-Signature=def`, expiresAt: '2026-03-06T10:05:00Z', fileName: 'Fascia-visual.pdf' }),
    });
    const { page, context } = o;
    await context.route(`${S3_ORIGIN}/**`, (r) => r.fulfill({ status: 200, contentType: 'application/pdf', body: '%PDF-1.4 stub' }));
    await headingText(page, 'Quote Q-1042');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${S3_ORIGIN}/pdf/Q-1042.pdf?X-Amz-Signature=abc`);
    await page.getByRole('link', { name: /Not there\? Open Q-1042\.pdf/ }).waitFor();
    await tab.close();
    const [second] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('region', { name: 'Files' }).getByRole('button', { name: 'Download' }).click(),
    ]);
    await second.waitForLoadState();
    expect(second.url()).toContain('/att/Fascia-visual.pdf');
    expect(o.errors).toEqual([]);
  });

  {
    const viewport = 'desktop';
    it('says it is preparing the PDF while the API answers 202, asks again as told, then opens it', async () => {
      let asked = 0;
      const o = await open(viewport, '/quotes/q-1042', {
        ...quoteDetail(),
        'GET /api/documents/quote/q-1042/pdf': () =>
          ++asked < 3
            ? json({ status: 'preparing', retryAfterSeconds: 1 }, 202)
            : json({ url: `${S3_ORIGIN}/pdf/Q-1042.pdf?X-Amz-Signature=abc`, expiresAt: '2026-03-06T10:05:00Z', fileName: 'Q-1042.pdf' }),
      });
      const { page, context } = o;
      await context.route(`${S3_ORIGIN}/**`, (r) => r.fulfill({ status: 200, contentType: 'application/pdf', body: '%PDF-1.4 stub' }));
      await headingText(page, 'Quote Q-1042');
      const tab = context.waitForEvent('page');
      await page.getByRole('button', { name: 'Download PDF' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Preparing the PDF of this version' });
      await status.waitFor();
      await expect(page.getByRole('button', { name: 'Download PDF' }).getAttribute('aria-busy')).resolves.toBe('true');
      await checkedAtBothWidths(o, 'pdf being prepared', 'documents-pdf-preparing');
      await page.getByRole('link', { name: /Not there\? Open Q-1042\.pdf/ }).waitFor({ timeout: 15_000 });
      expect(o.made('GET /api/documents/quote/q-1042/pdf')).toHaveLength(3);
      expect((await tab).url()).toBe(`${S3_ORIGIN}/pdf/Q-1042.pdf?X-Amz-Signature=abc`);
      expect(o.errors).toEqual([]);
    });
  }
});

// ---------- Jobs ----------

describe('job approval', () => {
  it('approves with an optional comment and asks for a comment to request changes', async () => {
    const job: DocumentView = {
      ...QUOTE,
      type: 'job',
      documentId: 'job-55',
      number: 'JOB-55',
      title: 'Van livery artwork',
      status: 'awaiting-approval',
      state: 'awaiting-approval',
      approvalRequired: true,
      attachments: [{ attachmentId: 'proof-1', name: 'Livery-proof-v2.png', contentType: 'image/png', size: 2_400_000, proof: true }],
      actions: ['approve', 'request-changes', 'message'],
    };
    const approved: DocumentView = {
      ...job,
      status: 'in-progress',
      state: 'in-progress',
      approval: { kind: 'approved', at: '2026-03-06T10:00:00.000Z', by: 'Sam Taylor', comment: 'Looks great', version: 2 },
      actions: ['message'],
    };
    const o = await open('desktop', '/jobs/job-55', {
      'GET /api/documents/job/job-55': () => json(job),
      'GET /api/documents/job/job-55/messages': () => json({ items: [] }),
      'POST /api/documents/job/job-55/approve': () => json(approved),
    });
    const { page } = o;
    await headingText(page, 'Job JOB-55');
    await page.getByText(`${demo.name} is waiting for your approval.`).waitFor();
    await page.getByRole('button', { name: 'Request changes' }).click();
    const changes = page.getByRole('dialog', { name: 'Request changes to JOB-55' });
    await changes.getByRole('button', { name: 'Request changes' }).click();
    await changes.getByText('Describe the changes you need').waitFor();
    await changes.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Approve artwork' }).click();
    const approve = page.getByRole('dialog', { name: 'Approve JOB-55' });
    await approve.getByLabel('Comment (optional)').fill('Looks great');
    await approve.getByRole('button', { name: 'Approve artwork' }).click();
    await page.getByRole('status').filter({ hasText: 'You approved JOB-55.' }).waitFor();
    expect((await waitForCall(o, 'POST /api/documents/job/job-55/approve')).body).toEqual({ comment: 'Looks great' });
    expect(o.made('POST /api/documents/job/job-55/request-changes')).toHaveLength(0);
    await checked(o, 'approved job', 'documents-job-approved-desktop');
  });
});

// ---------- E-signing ----------

describe('sales order e-signing', () => {
  it('counts a wrong PIN, then signs and offers the evidence', async () => {
    const viewport = 'desktop';
    const signed: DocumentView = {
      ...ORDER,
      status: 'completed',
      state: 'completed',
      signature: { signerName: 'Sam Taylor', at: EVIDENCE.signedAt, version: 3, contentHash: ORDER.contentHash, evidenceId: 'ev-77' },
      actions: ['message'],
    };
    let attempts = 0;
    const o = await open(viewport, '/orders/so-2001', {
      'GET /api/documents/sales-order/so-2001': () => json(ORDER),
      'GET /api/documents/sales-order/so-2001/messages': () => json({ items: [] }),
      'POST /api/documents/sales-order/so-2001/sign': (req) => {
        attempts += 1;
        return (req.postDataJSON() as { pin: string }).pin === '4826'
          ? json(signed)
          : problem(403, 'pin-incorrect', 'The PIN is not right.', { attemptsRemaining: 2 });
      },
      'GET /api/documents/sales-order/so-2001/signature': () => json(EVIDENCE),
    });
    const { page } = o;
    await headingText(page, 'Sales order SO-2001');
    await page.getByRole('button', { name: 'Sign order' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign order SO-2001' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/electronic equivalent of your handwritten signature[\s\S]*£2,424\.00[\s\S]*version 3/);
    await dialog.getByLabel('Your full name').fill('Sam Taylor');
    await dialog.getByLabel('Signing PIN').fill('1111');
    await dialog.getByRole('button', { name: 'Sign order' }).click();
    await dialog.getByText('That PIN is not right. You have 2 attempts left before signing is locked.').waitFor();
    await expect(dialog.getByLabel('Signing PIN').inputValue()).resolves.toBe('');
    await expect(dialog.getByLabel('Signing PIN').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkedAtBothWidths(o, 'sign dialog wrong PIN', 'documents-sign-wrong-pin');

    await dialog.getByLabel('Signing PIN').fill('4826');
    await dialog.getByRole('button', { name: 'Sign order' }).click();
    const done = page.getByRole('dialog', { name: 'Order SO-2001 is signed' });
    await done.waitFor();
    expect(attempts).toBe(2);
    expect(o.made('POST /api/documents/sales-order/so-2001/sign').map((c) => c.body)).toEqual([
      { signerName: 'Sam Taylor', pin: '1111' },
      { signerName: 'Sam Taylor', pin: '4826' },
    ]);
    await expect(done.innerText()).resolves.toMatch(/Signed by\s+Sam Taylor[\s\S]*Document version\s+3[\s\S]*9f2c4e1a/);
    await checkedAtBothWidths(o, 'signed', 'documents-signed');

    const [download] = await Promise.all([page.waitForEvent('download'), done.getByRole('button', { name: 'Download signature evidence' }).click()]);
    expect(download.suggestedFilename()).toBe('signature-evidence-SO-2001.json');
    const file = await download.path();
    expect(JSON.parse(require('node:fs').readFileSync(file, 'utf8'))).toEqual(EVIDENCE);

    await done.getByRole('button', { name: 'Done' }).click();
    await expect(done.isVisible()).resolves.toBe(false);
    await expect(page.locator('.doc-head .badge').innerText()).resolves.toBe('Completed');
    await expectCount(page.getByRole('button', { name: 'Sign order' }), 0);
    // The page keeps offering the evidence once the dialog is gone.
    await expect(page.locator('.banners').getByRole('button', { name: 'Download signature evidence' }).isVisible()).resolves.toBe(true);
    expect(o.errors).toEqual([]);
  });

  it('explains a locked PIN and a missing PIN', async () => {
    let answer: Answer = problem(429, 'pin-locked', 'Too many wrong PINs.', {}, { 'retry-after': '900' });
    const o = await open('desktop', '/orders/so-2001', {
      'GET /api/documents/sales-order/so-2001': () => json(ORDER),
      'GET /api/documents/sales-order/so-2001/messages': () => json({ items: [] }),
      'POST /api/documents/sales-order/so-2001/sign': () => answer,
    });
    const { page } = o;
    await headingText(page, 'Sales order SO-2001');
    await page.getByRole('button', { name: 'Sign order' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign order SO-2001' });
    await dialog.getByLabel('Your full name').fill('Sam Taylor');
    await dialog.getByLabel('Signing PIN').fill('1234');
    await dialog.getByRole('button', { name: 'Sign order' }).click();
    await dialog.getByText('Signing is locked after too many wrong PINs. You can try again in 15 minutes.').waitFor();
    await expect(dialog.getByRole('button', { name: 'Sign order' }).isDisabled()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    answer = problem(409, 'pin-not-set', 'Set a signing PIN first.');
    await page.getByRole('button', { name: 'Sign order' }).click();
    await dialog.getByLabel('Your full name').fill('Sam Taylor');
    await dialog.getByLabel('Signing PIN').fill('1234');
    await dialog.getByRole('button', { name: 'Sign order' }).click();
    await dialog.getByText('You have not set a signing PIN yet.').waitFor();
    await expect(dialog.getByRole('link', { name: 'My details page' }).getAttribute('href')).resolves.toBe('/account#signing-pin');
    await expectNoAxeViolations(page, 'sign dialog without PIN');
  });
});

// ---------- Messages ----------

describe('messages', () => {
  it('posts a message with an attachment uploaded to the presigned URL', async () => {
    const viewport = 'desktop';
    const ticket: UploadTicket = {
      attachmentId: 'att-new-1',
      url: `${uploadOrigin()}/uploads/demo/q-1042/att-new-1?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=feed`,
      headers: { 'content-type': 'application/pdf', 'x-amz-meta-attachment-id': 'att-new-1', 'x-amz-server-side-encryption': 'AES256' },
      expiresAt: '2026-03-06T10:15:00Z',
    };
    const posted: MessageView = {
      messageId: 'm2',
      at: new Date().toISOString(),
      author: { kind: 'customer', name: 'Sam Taylor' },
      body: 'Here is our brand guide.',
      attachments: [{ attachmentId: 'att-new-1', name: 'brand-guide.pdf', contentType: 'application/pdf', size: 2048 }],
    };
    const o = await open(viewport, '/quotes/q-1042', {
      ...quoteDetail(),
      'POST /api/documents/quote/q-1042/uploads': () => json(ticket),
      'POST /api/documents/quote/q-1042/messages': () => json(posted),
    });
    const { page, context } = o;
    const puts: { url: string; headers: Record<string, string>; size: number }[] = [];
    await context.route(`${uploadOrigin()}/**`, async (r) => {
      const req = r.request();
      if (req.method() === 'OPTIONS') {
        return r.fulfill({
          status: 200,
          headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'PUT', 'access-control-allow-headers': '*' },
        });
      }
      puts.push({ url: req.url(), headers: await req.allHeaders(), size: req.postDataBuffer()?.length ?? 0 });
      return r.fulfill({ status: 200, headers: { 'access-control-allow-origin': '*', etag: '"x"' }, body: '' });
    });
    await headingText(page, 'Quote Q-1042');
    const panel = page.getByRole('region', { name: 'Messages' });
    await panel.getByText('we added the installation as discussed').waitFor();
    await expect(panel.innerText()).resolves.toMatch(/Priya Shah[\s\S]*Brightline Print & Signs[\s\S]*Install-method\.pdf/);

    // Files the contract refuses are stopped here, with the reason.
    await panel.getByLabel('Attach files').setInputFiles([
      { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
      { name: 'brand-guide.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2048, 1) },
    ]);
    const refused = panel.getByRole('list', { name: 'Files not added' });
    await refused.getByText("“setup.exe” can't be attached: only PDF, PNG, JPEG, GIF, WebP, text, CSV or ZIP files can.").waitFor();
    const pending = panel.getByRole('list', { name: 'Files to send' });
    await expect(pending.getByRole('listitem').allInnerTexts()).resolves.toEqual([expect.stringMatching(/brand-guide\.pdf[\s\S]*2 KB/)]);
    // By path: Chromium takes its type from the name (application/zip) and its size from the file.
    await panel.getByLabel('Attach files').setInputFiles(sparseFile('huge.zip', 12 * 1024 * 1024));
    await refused.getByText('“huge.zip” is 12 MB: files can be at most 10 MB.').waitFor();
    await expectCount(pending.getByRole('listitem'), 1);
    await checkedAtBothWidths(o, 'composer', 'documents-messages-composer');

    // Remove and re-add, then send with Ctrl+Enter.
    await pending.getByRole('button', { name: 'Remove brand-guide.pdf' }).click();
    await expectCount(panel.getByRole('list', { name: 'Files to send' }), 0);
    await panel.getByLabel('Attach files').setInputFiles([{ name: 'brand-guide.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2048, 1) }]);
    await panel.getByLabel('Your message').fill('Here is our brand guide.');
    await panel.getByLabel('Your message').press('Control+Enter');

    await panel.getByRole('list', { name: 'Message thread' }).getByText('Here is our brand guide.', { exact: true }).waitFor();
    await expect(panel.getByRole('textbox', { name: 'Your message' }).inputValue()).resolves.toBe('');
    await page.getByRole('status').filter({ hasText: 'Your message has been sent.' }).waitFor({ state: 'attached' });

    const upload = await waitForCall(o, 'POST /api/documents/quote/q-1042/uploads');
    expect(upload.body).toEqual({ fileName: 'brand-guide.pdf', contentType: 'application/pdf', size: 2048 });
    expect(upload.headers['x-csrf-token']).toBe('csrf-test-value');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe(ticket.url);
    expect(puts[0]!.size).toBe(2048);
    for (const [name, value] of Object.entries(ticket.headers)) expect(puts[0]!.headers[name]).toBe(value);
    // S3 is another origin: the session's cookies and CSRF token stay at home.
    expect(puts[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(puts[0]!.headers.cookie).toBeUndefined();
    const message = await waitForCall(o, 'POST /api/documents/quote/q-1042/messages');
    expect(message.body).toEqual({ body: 'Here is our brand guide.', attachmentIds: ['att-new-1'] });
    // The upload happened before the message named it.
    expect(o.calls.indexOf(upload)).toBeLessThan(o.calls.indexOf(message));
    await expect(panel.getByRole('button', { name: /Download brand-guide\.pdf/ }).isVisible()).resolves.toBe(true);
    await checkedAtBothWidths(o, 'message sent', 'documents-messages-sent');
  });

  it('shows earlier messages a page at a time above the newest, keeping its place', async () => {
    const message = (n: number, kind: 'staff' | 'customer'): MessageView => ({
      messageId: `m-${n}`,
      at: new Date(Date.UTC(2026, 2, 1, 9, n)).toISOString(),
      author: kind === 'staff' ? { kind, name: 'Priya Shah' } : { kind, name: 'Sam Taylor' },
      body: `Message number ${n} about the install.`,
      attachments: [],
    });
    const o = await open('desktop', '/quotes/q-1042', {
      [`GET /api/documents/quote/${QUOTE.documentId}`]: () => json(QUOTE),
      // The newest page hands out a cursor; that cursor's page is the start of the thread.
      [`GET /api/documents/quote/${QUOTE.documentId}/messages`]: (req) =>
        new URL(req.url()).searchParams.get('cursor') === 'older-1'
          ? json({ items: [message(1, 'customer'), message(2, 'staff')] })
          : json({ items: [message(3, 'customer'), message(4, 'staff'), message(5, 'customer')], truncated: true, cursor: 'older-1' }),
    });
    const { page } = o;
    await headingText(page, 'Quote Q-1042');
    const panel = page.getByRole('region', { name: 'Messages' });
    const thread = panel.getByRole('list', { name: 'Message thread' });
    await thread.getByText('Message number 5 about the install.').waitFor();
    await panel.getByText('3 messages shown').waitFor();
    await checkAtBothWidths(page, 'documents-messages-earlier', { label: 'a thread with earlier messages to show', errors: o.errors });

    await panel.getByRole('button', { name: 'Show earlier messages' }).click();
    await thread.getByText('Message number 1 about the install.').waitFor();
    await expect(thread.getByRole('listitem').allInnerTexts()).resolves.toEqual([1, 2, 3, 4, 5].map((n) => expect.stringContaining(`Message number ${n} `)));
    await page.getByRole('status').filter({ hasText: '2 earlier messages shown: this is the start of the conversation.' }).waitFor({ state: 'attached' });
    // The start reached: no more to show.
    await expectCount(panel.getByRole('button', { name: 'Show earlier messages' }), 0);
    await panel.getByText('5 messages', { exact: true }).waitFor();
    expect(o.made(`GET /api/documents/quote/${QUOTE.documentId}/messages`).map((c) => c.query.get('cursor'))).toEqual([null, 'older-1']);
    await checkAtBothWidths(page, 'documents-messages-all', { label: 'a thread shown from its start', errors: o.errors });
  });

  it('keeps the message when an upload fails, and says which file', async () => {
    const o = await open('desktop', '/quotes/q-1042', {
      ...quoteDetail(),
      'POST /api/documents/quote/q-1042/uploads': () =>
        json({
          attachmentId: 'att-x',
          url: `${uploadOrigin()}/uploads/att-x?sig=1`,
          headers: { 'content-type': 'text/csv' },
          expiresAt: '2026-03-06T10:15:00Z',
        }),
      'POST /api/documents/quote/q-1042/messages': () => json({}),
    });
    const { page, context } = o;
    await context.route(`${uploadOrigin()}/**`, (r) =>
      r.fulfill({ status: 403, headers: { 'access-control-allow-origin': '*' }, body: 'SignatureDoesNotMatch' }),
    );
    await headingText(page, 'Quote Q-1042');
    const panel = page.getByRole('region', { name: 'Messages' });
    await panel.getByLabel('Attach files').setInputFiles([{ name: 'sizes.csv', mimeType: 'text/csv', buffer: Buffer.from('w,h\n4000,600\n') }]);
    await panel.getByLabel('Your message').fill('Sizes attached.');
    await panel.getByRole('button', { name: 'Send message' }).click();
    // S3's own refusal (not a blocked connection) is what reached the page.
    await panel
      .getByRole('alert')
      .filter({ hasText: '“sizes.csv” could not be uploaded, so your message has not been sent. The file store refused the upload (HTTP 403).' })
      .waitFor();
    await expect(panel.getByRole('list', { name: 'Files to send' }).innerText()).resolves.toMatch(/sizes\.csv[\s\S]*refused the upload/);
    await expect(panel.getByLabel('Your message').inputValue()).resolves.toBe('Sizes attached.');
    expect(o.made('POST /api/documents/quote/q-1042/messages')).toHaveLength(0);
    await expectNoAxeViolations(page, 'upload failed');
  });
});

// ---------- Print view ----------

describe('print view', () => {
  it('shows a clean sheet, prints on the button, and hides the portal around it in print', async () => {
    const o = await open('desktop', '/quotes/q-1042/print', { 'GET /api/documents/quote/q-1042': () => json(QUOTE) });
    const { page } = o;
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await headingText(page, 'Quote Q-1042');
    const paper = page.getByRole('article', { name: 'Quote Q-1042' });
    await expect(paper.innerText()).resolves.toMatch(
      new RegExp(`${demo.name}[\\s\\S]*Taylor Signs Ltd[\\s\\S]*Aluminium fascia sign[\\s\\S]*£2,424\\.00[\\s\\S]*50% deposit[\\s\\S]*version 2`),
    );
    await checked(o, 'print view', 'documents-print-desktop');
    await page.getByRole('button', { name: 'Print' }).click();
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('link', { name: /Back to quote/ }).isVisible()).resolves.toBe(false);
    await expect(page.locator('.shell-footer').isVisible()).resolves.toBe(false);
    await expect(paper.isVisible()).resolves.toBe(true);
    await expect(paper.locator('table').isVisible()).resolves.toBe(true);
    await screenshot(page, 'documents-print-media-print');
  });
});

// ---------- Direct links ----------

describe('direct link', () => {
  it('opens its one document without signing in', async () => {
    const viewport = 'desktop';
    const session: DirectLinkSession = { type: 'quote', documentId: 'q-1042', recipientName: 'Sam Taylor', expiresAt: '2026-03-20T00:00:00.000Z' };
    const o = await open(
      viewport,
      `/d/${TOKEN}`,
      {
        [`POST /api/direct/${TOKEN}/session`]: () => json(session),
        ...quoteDetail({ ...QUOTE, actions: ['accept', 'reject', 'message'] }),
      },
      { signedIn: false },
    );
    const { page } = o;
    await headingText(page, 'Quote Q-1042');
    const opened = await waitForCall(o, `POST /api/direct/${TOKEN}/session`);
    expect(opened.body).toEqual({});
    await expect(page.getByText('Shared with Sam Taylor by Brightline Print & Signs. This link works until 20 Mar 2026.').isVisible()).resolves.toBe(true);
    // Only the document: no menu, no account, no way into the rest of the portal.
    await expectCount(page.getByRole('navigation'), 0);
    await expectCount(page.getByRole('link', { name: /All quotes|Dashboard|My details/ }), 0);
    await expect(page.getByRole('button', { name: 'Accept quote' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Send message' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Download PDF' }).isVisible()).resolves.toBe(true);
    expect(o.made('GET /api/me')).toHaveLength(0);
    await checkedAtBothWidths(o, 'direct link', 'documents-direct');
  });

  it('shows only what the link allows', async () => {
    const session: DirectLinkSession = { type: 'quote', documentId: 'q-1042', recipientName: 'Sam Taylor', expiresAt: '2026-03-20T00:00:00.000Z' };
    const o = await open(
      'desktop',
      `/d/${TOKEN}`,
      { [`POST /api/direct/${TOKEN}/session`]: () => json(session), ...quoteDetail({ ...QUOTE, actions: [] }) },
      { signedIn: false },
    );
    await headingText(o.page, 'Quote Q-1042');
    await o.page.getByText('we added the installation as discussed').waitFor();
    await expectCount(o.page.getByRole('button', { name: 'Accept quote' }), 0);
    await expectCount(o.page.getByRole('button', { name: 'Send message' }), 0);
  });

  it.each([
    ['expired', 410, 'link-expired', 'This link has expired', /ask Brightline Print & Signs to send you a new link/],
    ['revoked', 410, 'link-revoked', 'This link no longer works', /switched this link off/],
    ['invalid', 404, 'link-invalid', 'This link is not valid', /opened the whole link/],
  ] as const)('explains a link that is %s', async (name, status, slug, title, text) => {
    const o = await open('phone', `/d/${TOKEN}`, { [`POST /api/direct/${TOKEN}/session`]: () => problem(status, slug, 'Stubbed.') }, { signedIn: false });
    await headingText(o.page, title);
    await expect(o.page.locator('.direct-problem').innerText()).resolves.toMatch(text);
    await expectCount(o.page.getByRole('navigation'), 0);
    await checked(o, `direct link ${name}`, `documents-direct-${name}-phone`);
  });

  it('does not ask the API about a malformed token', async () => {
    const o = await open('desktop', '/d/not-a-token', {}, { signedIn: false });
    await headingText(o.page, 'This link is not valid');
    expect(o.calls.filter((c) => c.path.startsWith('/api/direct/'))).toHaveLength(0);
  });
});

// ---------- Signing PIN on My details ----------

describe('signing PIN', () => {
  it('sets a PIN with the password on My details', async () => {
    const me = { ...ME, signingPinSet: false };
    let puts = 0;
    const o = await open(
      'desktop',
      '/account#signing-pin',
      { 'PUT /api/me/signing-pin': () => (++puts === 1 ? problem(403, 'invalid-credentials', 'The password is not right.') : { status: 204 }) },
      { me },
    );
    const { page } = o;
    await headingText(page, 'My details');
    const section = page.getByRole('region', { name: 'Signing PIN' });
    await expect(section.innerText()).resolves.toMatch(/Not set/);
    await section.getByLabel('PIN', { exact: true }).fill('4826');
    await section.getByLabel('Confirm PIN', { exact: true }).fill('4825');
    await section.getByLabel('Your password', { exact: true }).fill('Correct-Horse-9');
    await section.getByRole('button', { name: 'Set signing PIN' }).click();
    await section.getByText('The two PINs do not match').waitFor();
    expect(o.made('PUT /api/me/signing-pin')).toHaveLength(0);
    await section.getByLabel('Confirm PIN', { exact: true }).fill('4826');
    await section.getByRole('button', { name: 'Set signing PIN' }).click();
    // A wrong password is named on its field, and the PIN is not set.
    await section.getByText('That password is not right').waitFor();
    await expect(section.getByLabel('Your password', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(section.innerText()).resolves.toMatch(/Not set/);
    await section.getByLabel('Your password', { exact: true }).fill('Correct-Horse-9');
    await section.getByRole('button', { name: 'Set signing PIN' }).click();
    await section.getByRole('status').filter({ hasText: 'Your signing PIN is set. You can now sign orders.' }).waitFor();
    expect(o.made('PUT /api/me/signing-pin').map((c) => c.body)).toEqual([
      { pin: '4826', currentPassword: 'Correct-Horse-9' },
      { pin: '4826', currentPassword: 'Correct-Horse-9' },
    ]);
    const put = o.made('PUT /api/me/signing-pin')[1]!;
    expect(put.headers['x-csrf-token']).toBe('csrf-test-value');
    await expect(section.innerText()).resolves.toMatch(/\bSet\b/);
    await checked(o, 'signing PIN set', 'documents-signing-pin-desktop');
  });

  it('is not shown to a user who may not sign', async () => {
    const me = { ...ME, permissions: ME.permissions.filter((p) => p !== 'orders:sign') };
    const o = await open('desktop', '/account', {}, { me });
    await headingText(o.page, 'My details');
    await o.page.getByRole('region', { name: 'Your details' }).waitFor();
    await expectCount(o.page.getByRole('region', { name: 'Signing PIN' }), 0);
  });
});
