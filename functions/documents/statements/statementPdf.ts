import { PageSizes, PDFDocument, type PDFPage, type RGB, rgb } from 'pdf-lib';
import type { StatementEntryKind, StatementView } from '../../../shared/api/statements';
import { addressLines, linkAnnotation, type PdfTenant } from '../pdf/documentPdf';
import { fontkitForPdfLib } from '../pdf/fontkitAdapter';
import { TextPainter } from '../pdf/textPainter';

/**
 * The statement of account as an A4 PDF, in any script, rendered by the `pdf` Lambda
 * (`statementPdfRendering.ts`): its own layout, taking only the statement view and what
 * it shows of the tenant, drawn with the text painter the document PDFs use (embedded
 * Noto fonts, so a company's name prints as itself whatever its script). Like a document
 * PDF it carries the business's contact details and its portal link, at the end and in
 * every page's footer. Server-side there is no reader's locale: money and dates are
 * en-GB, as in the document PDFs.
 */

/** What a statement shows of the tenant; hashed with the view into the PDF's key, so a change draws it again. */
export interface StatementPdfTenant {
  name: string;
  primaryColour?: string;
  /** How to reach the business (the tenant's `contactDetails`). */
  contact?: PdfTenant['contact'];
  /** This statement on the tenant's portal. */
  portalLink?: string;
}

export const ENTRY_LABELS: Record<StatementEntryKind, string> = {
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  payment: 'Payment',
  'online-payment': 'Online payment',
  refund: 'Refund',
  'credit-applied': 'Credit used',
  adjustment: 'Adjustment',
  void: 'Voided',
  withdrawn: 'Withdrawn',
};

const [PAGE_W, PAGE_H] = PageSizes.A4;
type Rgb = RGB;
type PdfPage = PDFPage;
interface Font {
  bold: boolean;
}
const HELVETICA: Font = { bold: false };
const HELVETICA_BOLD: Font = { bold: true };
const MARGIN = 40;
/** Content stops here; the footer (heading, page, portal link) sits below. */
const BOTTOM = 66;
const ROW = 15;
const INK = rgb(0.1, 0.11, 0.14);
const MUTED = rgb(0.39, 0.42, 0.47);
const RULE = rgb(0.85, 0.86, 0.88);
const LINK = rgb(0.1, 0.3, 0.75);

/** Date, what, number, due, amount, balance: x of each column's left edge (amounts are right-aligned to the next edge). */
const COLUMNS = [
  { title: 'Date', x: MARGIN, right: false },
  { title: 'Entry', x: MARGIN + 70, right: false },
  { title: 'Document', x: MARGIN + 170, right: false },
  { title: 'Due', x: MARGIN + 275, right: false },
  { title: 'Amount', x: MARGIN + 345, right: true },
  { title: 'Balance', x: MARGIN + 430, right: true },
] as const;
const TABLE_RIGHT = PAGE_W - MARGIN;

export async function renderStatementPdf(statement: StatementView, tenant: StatementPdfTenant): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkitForPdfLib);
  const painter = new TextPainter(pdf);
  const contact = tenant.contact ?? {};
  const reach = [contact.phone, contact.email, contact.website].filter((s): s is string => !!s);
  const business = [...addressLines(contact.address), ...(reach.length ? [reach.join('  \u00b7  ')] : [])];
  await painter.prepare([tenant.name, statement.company.name, ...statement.entries.map((e) => e.number), ...business, tenant.portalLink ?? '']);
  const primary = colour(tenant.primaryColour) ?? rgb(0.12, 0.16, 0.22);
  const currency = statement.currency ?? 'GBP';
  const money = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
  const date = (day: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const period = `${date(statement.from)} to ${date(statement.to)}`;
  pdf.setTitle(`Statement of account, ${statement.company.name}, ${period}`);
  pdf.setAuthor(tenant.name);

  let page = pdf.addPage();
  let y = band(painter, page, primary, tenant.name, 'Statement of account', 70);
  const text = (s: string, x: number, at: number, o: { font?: Font; size?: number; color?: Rgb; right?: number } = {}) => {
    const style = { bold: (o.font ?? HELVETICA).bold, size: o.size ?? 9, color: o.color ?? INK };
    const left = o.right !== undefined ? o.right - painter.width(s, style) : x;
    painter.draw(page, s, left, at, style);
  };
  const rule = (at: number) => page.drawLine({ start: { x: MARGIN, y: at }, end: { x: TABLE_RIGHT, y: at }, thickness: 0.5, color: RULE });

  y -= 28;
  text(statement.company.name, MARGIN, y, { font: HELVETICA_BOLD, size: 12 });
  text(`${period} \u00b7 ${currency}`, MARGIN, y - 15, { color: MUTED });

  // The summary: opening, what moved it, closing.
  y -= 44;
  const summary: Array<[string, number, boolean?]> = [
    ['Opening balance', statement.openingBalance, true],
    ['Invoices', statement.totals.invoiced],
    ['Payments', statement.totals.payments],
    ['Credits', statement.totals.credits],
    ['Adjustments', statement.totals.adjustments],
    ['Closing balance', statement.closingBalance, true],
  ];
  for (const [label, amount, strong] of summary) {
    const font = strong ? HELVETICA_BOLD : HELVETICA;
    text(label, MARGIN, y, { font });
    text(money(amount), 0, y, { font, right: MARGIN + 260 });
    y -= ROW;
  }

  const header = () => {
    for (const c of COLUMNS) text(c.title, c.x, y, { font: HELVETICA_BOLD, color: MUTED, ...(c.right ? { right: rightEdge(c.x) } : {}) });
    y -= 5;
    rule(y);
    y -= ROW - 3;
  };
  const room = (height: number) => {
    if (y - height >= BOTTOM) return;
    page = pdf.addPage();
    y = band(painter, page, primary, tenant.name, 'Statement of account (continued)', 34) - 24;
    header();
  };

  y -= 14;
  text('Entries', MARGIN, y, { font: HELVETICA_BOLD, size: 11 });
  y -= 20;
  header();
  text(date(statement.from), COLUMNS[0].x, y);
  text('Opening balance', COLUMNS[1].x, y);
  text(money(statement.openingBalance), 0, y, { right: rightEdge(COLUMNS[5].x) });
  y -= ROW;
  for (const e of statement.entries) {
    room(ROW);
    text(date(e.date), COLUMNS[0].x, y);
    text(ENTRY_LABELS[e.kind], COLUMNS[1].x, y);
    text(clip(e.number, 100), COLUMNS[2].x, y);
    if (e.dueDate) text(date(e.dueDate), COLUMNS[3].x, y, { color: MUTED });
    text(money(e.amount), 0, y, { right: rightEdge(COLUMNS[4].x) });
    text(money(e.balance), 0, y, { right: rightEdge(COLUMNS[5].x) });
    y -= ROW;
  }
  if (!statement.entries.length) {
    text('Nothing moved the balance in this period.', COLUMNS[1].x, y, { color: MUTED });
    y -= ROW;
  }
  rule(y + ROW - 4);
  text('Closing balance', COLUMNS[1].x, y, { font: HELVETICA_BOLD });
  text(money(statement.closingBalance), 0, y, { font: HELVETICA_BOLD, right: rightEdge(COLUMNS[5].x) });
  y -= ROW;

  // Aging of what was open on the last day.
  room(ROW * 4 + 30);
  y -= 20;
  text(`Aging on ${date(statement.to)}`, MARGIN, y, { font: HELVETICA_BOLD, size: 11 });
  y -= 20;
  const buckets: Array<[string, number]> = [
    ['Current', statement.aging.current],
    ['1\u201330 days', statement.aging.days1to30],
    ['31\u201360 days', statement.aging.days31to60],
    ['61\u201390 days', statement.aging.days61to90],
    ['Over 90 days', statement.aging.over90],
  ];
  const cell = (TABLE_RIGHT - MARGIN) / buckets.length;
  buckets.forEach(([label, amount], i) => {
    const right = MARGIN + cell * (i + 1) - 6;
    text(label, 0, y, { font: HELVETICA_BOLD, color: MUTED, right });
    text(money(amount), 0, y - ROW, { right });
  });
  y -= ROW * 2 + 4;
  if (statement.unappliedCredit > 0) {
    text(`Credit in your favour: ${money(statement.unappliedCredit)}`, MARGIN, y, { color: MUTED });
    y -= ROW;
  }

  // Who the business is, how to reach it, and where this statement lives on the portal.
  room(ROW * (business.length + 4) + 30);
  y -= 24;
  text(tenant.name, MARGIN, y, { font: HELVETICA_BOLD, size: 10.5 });
  for (const line of business) {
    y -= ROW - 2;
    text(clip(line, 110), MARGIN, y, { color: MUTED });
  }
  if (tenant.portalLink) {
    y -= ROW + 2;
    text('View this statement and pay your invoices on the portal:', MARGIN, y, { color: MUTED });
    y -= ROW - 2;
    text(tenant.portalLink, MARGIN, y, { color: LINK });
    linkAnnotation(page, tenant.portalLink, MARGIN, y - 2, painter.width(tenant.portalLink, { bold: false, size: 9 }), 13);
  }

  const pages = pdf.getPages();
  const foot = { bold: false, size: 8, color: MUTED };
  pages.forEach((p, i) => {
    p.drawLine({ start: { x: MARGIN, y: 50 }, end: { x: TABLE_RIGHT, y: 50 }, thickness: 0.5, color: RULE });
    painter.draw(p, clip(`Statement of account \u00b7 ${statement.company.name} \u00b7 ${period}`, 100), MARGIN, 38, foot);
    const n = `Page ${i + 1} of ${pages.length}`;
    painter.draw(p, n, TABLE_RIGHT - painter.width(n, foot), 38, foot);
    if (tenant.portalLink) {
      const link = { bold: false, size: 7, color: MUTED };
      const shown = clip(tenant.portalLink, 130);
      painter.draw(p, shown, MARGIN, 26, link);
      linkAnnotation(p, tenant.portalLink, MARGIN, 24, painter.width(shown, link), 11);
    }
  });
  return pdf.save();
}

/** An amount column's right edge: the next column's start, less a gap (the last: the margin). */
function rightEdge(x: number): number {
  const i = COLUMNS.findIndex((c) => c.x === x);
  return i + 1 < COLUMNS.length ? COLUMNS[i + 1]!.x - 10 : TABLE_RIGHT;
}

function band(painter: TextPainter, page: PdfPage, primary: Rgb, tenantName: string, heading: string, height: number): number {
  const top = PAGE_H - height;
  const ink = luminance(primary) > 0.5 ? INK : rgb(1, 1, 1);
  page.drawRectangle({ x: 0, y: top, width: PAGE_W, height, color: primary });
  const size = height > 50 ? 16 : 10;
  const style = { bold: true, size, color: ink };
  painter.draw(page, heading, PAGE_W - MARGIN - painter.width(heading, style), top + height / 2 - size / 3, style);
  painter.draw(page, clip(tenantName, 40), MARGIN, top + height / 2 - size / 3, style);
  return top;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}\u2026` : s);

function colour(hex: string | undefined): Rgb | undefined {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? '');
  return m ? rgb(Number.parseInt(m[1]!, 16) / 255, Number.parseInt(m[2]!, 16) / 255, Number.parseInt(m[3]!, 16) / 255) : undefined;
}

const luminance = (c: Rgb) => 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue;
