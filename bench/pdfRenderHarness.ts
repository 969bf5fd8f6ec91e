/**
 * Run in a fresh Node process from a bundle beside the fonts (bench/pdfRender.ts): renders
 * one document (or, with `statement`, a statement of account of that many entries) twice —
 * cold (fonts read and parsed) and warm — and prints the timings and
 * the process's peak memory as JSON.
 */
import type { DocumentLine, DocumentView } from '../shared/api/documents';
import { renderDocumentPdf } from '../functions/documents/pdf/documentPdf';
import { renderStatementPdf } from '../functions/documents/statements/statementPdf';
import type { StatementView } from '../shared/api/statements';

const SCRIPTS = [
  'Szyld świetlny — Łukasz Żółkiewski',
  'Příliš žluťoučký kůň',
  'Φωτεινή πινακίδα πρόσοψης',
  'Световая вывеска для магазина',
  '店面发光招牌安装 北京市朝阳区',
  'ファサード看板の取り付け 東京都',
  'لافتة مضيئة للواجهة',
  'שלט מואר לחזית החנות',
  'Balloons 🎈 and cake 🎂',
];

function documentOf(lines: number, everyScript: boolean): DocumentView {
  const line = (i: number): DocumentLine => ({
    description: everyScript ? `${SCRIPTS[i % SCRIPTS.length]} ${i + 1}` : `Aluminium fascia sign, 3 m, item ${i + 1}`,
    quantity: 1,
    unitPrice: 10_000,
    discount: 0,
    tax: 2_000,
    taxRateBps: 2_000,
    total: 12_000,
  });
  return {
    type: 'invoice',
    documentId: 'bench',
    number: 'INV-BENCH',
    title: 'Shop-front signage',
    status: 'outstanding',
    state: 'outstanding',
    companyId: 'co',
    issueDate: '2026-11-01',
    dueDate: '2026-11-30',
    currency: 'GBP',
    lines: Array.from({ length: lines }, (_, i) => line(i)),
    totals: { subtotal: lines * 10_000, tax: lines * 2_000, total: lines * 12_000 },
    amountPaid: 0,
    balance: lines * 12_000,
    notes: everyScript ? SCRIPTS.join(' · ') : 'Thank you for your business.',
    terms: 'Payment within 30 days.',
    attachments: [],
    version: 1,
    contentHash: 'h',
    publishedAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    history: [],
    unreadMessages: 0,
    messageCount: 0,
    actions: [],
  };
}

/** A statement with `entries` invoices and payments, for a company with a Greek name. */
function statementOf(entries: number): StatementView {
  let balance = 0;
  return {
    company: { companyId: 'co', name: 'Αθηναϊκή Εμπορική Α.Ε.' },
    currency: 'EUR',
    currencies: ['EUR'],
    from: '2026-01-01',
    to: '2026-12-31',
    openingBalance: 0,
    totals: { invoiced: 0, payments: 0, credits: 0, adjustments: 0 },
    entries: Array.from({ length: entries }, (_, i) => {
      const amount = i % 2 ? -10_000 : 12_000;
      balance += amount;
      return { date: '2026-06-01', kind: i % 2 ? 'payment' : 'invoice', documentId: `d${i}`, number: `INV-${i}`, dueDate: '2026-07-01', amount, balance };
    }),
    closingBalance: balance,
    aging: { current: balance, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
    unappliedCredit: 0,
  };
}

async function main(): Promise<void> {
  if (process.argv[3] === 'statement') return statementRun(Number(process.argv[2] ?? 20));
  const [lines, scripts] = [Number(process.argv[2] ?? 2), process.argv[3] === 'scripts'];
  const doc = documentOf(lines, scripts);
  const tenant = { name: 'Brightline Print & Signs', branding: { primaryColour: '#0f766e', accentColour: '#f59e0b' } };
  const parties = { company: { name: 'Acme Retail Ltd' }, contactName: 'Jane Smith', portalLink: 'https://brightline.example/invoices/bench' };
  let at = performance.now();
  const first = await renderDocumentPdf(doc, tenant, parties);
  const coldMs = performance.now() - at;
  at = performance.now();
  await renderDocumentPdf(doc, tenant, parties);
  const warmMs = performance.now() - at;
  process.stdout.write(JSON.stringify({ coldMs, warmMs, bytes: first.length, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function statementRun(entries: number): Promise<void> {
  const statement = statementOf(entries);
  const tenant = { name: 'Brightline Print & Signs', primaryColour: '#0f766e', portalLink: 'https://brightline.example/statement?currency=EUR' };
  let at = performance.now();
  const first = await renderStatementPdf(statement, tenant);
  const coldMs = performance.now() - at;
  at = performance.now();
  await renderStatementPdf(statement, tenant);
  const warmMs = performance.now() - at;
  process.stdout.write(JSON.stringify({ coldMs, warmMs, bytes: first.length, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
