import { PDFDocument, PDFString, rgb, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import type { Address } from '../../../shared/api/common';
import { documentLabel, isCreditNote, type DocumentView } from '../../../shared/api/documents';
import { fontkitForPdfLib } from './fontkitAdapter';
import { TextPainter, type TextStyle } from './textPainter';

/**
 * A document as an A4 PDF in the tenant's colours: what a customer downloads, prints or
 * files. Drawn with pdf-lib, text in embedded, subsetted Noto fonts (`fonts.ts`) chosen
 * per run of text, so names, addresses and lines in any script print as themselves and
 * PDF.js extracts them as written (right-to-left runs shaped and ordered: `textRuns.ts`).
 * Rendered only in the `pdf` Lambda (docs/architecture.md, Documents: PDFs).
 * Server-side there is no reader's locale: money and dates are formatted as en-GB.
 */

export interface PdfTenant {
  name: string;
  branding: { primaryColour: string; accentColour: string; logoUrl?: string; tagline?: string };
  /** How to reach the business: printed under the parties and in the footer of the last page. */
  contact?: { email?: string; phone?: string; website?: string; address?: Address };
}
export interface PdfCompany {
  name: string;
  address?: Address;
}
/** Whom the document is for, and where it lives on the portal. */
export interface PdfParties {
  company?: PdfCompany;
  contactName?: string;
  /** The document's page on the tenant's portal. */
  portalLink?: string;
}

type Rgb = RGB;

const LOCALE = 'en-GB';
const [PAGE_W, PAGE_H] = [595.28, 841.89];
const MARGIN = 40;
const CONTENT_W = PAGE_W - 2 * MARGIN;
/** Content stops here; the footer sits below. */
const BOTTOM = 66;
const FIRST_BAND = 84;
const NEXT_BAND = 34;
const BODY = 9;
const LEADING = 12.5;

const INK = rgb(0.1, 0.11, 0.14);
const MUTED = rgb(0.39, 0.42, 0.47);
const RULE = rgb(0.85, 0.86, 0.88);

/** Description, quantity, unit price, discount, tax, total. */
const COLUMNS = [
  { title: 'Description', width: CONTENT_W - 318, align: 'left' },
  { title: 'Qty', width: 48, align: 'right' },
  { title: 'Unit price', width: 70, align: 'right' },
  { title: 'Discount', width: 62, align: 'right' },
  { title: 'Tax', width: 66, align: 'right' },
  { title: 'Total', width: 72, align: 'right' },
] as const;
const CELL_PAD = 4;

export async function renderDocumentPdf(doc: DocumentView, tenant: PdfTenant, parties: PdfParties = {}): Promise<Uint8Array> {
  const { company, contactName, portalLink } = parties;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkitForPdfLib);
  const painter = new TextPainter(pdf);
  await painter.prepare(textsOf(doc, tenant, company, contactName));
  const heading = `${documentLabel(doc)} ${doc.number}`;
  const money = moneyFormat(doc.currency);
  const primary = colour(tenant.branding.primaryColour, rgb(0.12, 0.16, 0.22));
  const accent = colour(tenant.branding.accentColour, rgb(0.2, 0.4, 0.7));
  const logo = await embedLogo(pdf, tenant.branding.logoUrl);

  const w: Writer = new Writer(pdf, painter, (page): number => drawContinuationBand(w, page, primary, tenant.name, heading));
  w.y = drawFirstBand(w, w.page, primary, logo, tenant, heading) - 26;

  if (doc.title) w.paragraph(doc.title, { bold: true, size: 15, leading: 19 });
  w.gap(6);
  drawParties(w, doc, company, contactName, money);
  drawLines(w, doc, money, accent);
  drawTotals(w, doc, money, accent);
  if (doc.notes) w.section('Notes', doc.notes);
  if (doc.terms) w.section('Terms', doc.terms);
  if (doc.attachments.length) w.section('Attachments', doc.attachments.map((a) => `\u2022 ${a.name} (${formatBytes(a.size)})`).join('\n'));
  drawBusiness(w, tenant, portalLink);

  drawFooters(w, pdf, heading, doc.version, portalLink);
  const now = new Date();
  pdf.setTitle(heading, { showInWindowTitleBar: true });
  pdf.setAuthor(tenant.name);
  if (doc.title) pdf.setSubject(doc.title);
  pdf.setCreator('Portico');
  pdf.setProducer('Portico');
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
  pdf.setLanguage(LOCALE);
  return pdf.save();
}

/** Every string the document draws, so the fonts it needs are embedded before drawing. */
function textsOf(doc: DocumentView, tenant: PdfTenant, company: PdfCompany | undefined, contactName: string | undefined): string[] {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([
    doc.number,
    doc.title,
    doc.status,
    doc.lines,
    doc.notes,
    doc.terms,
    doc.attachments.map((a) => a.name),
    tenant.name,
    tenant.branding.tagline,
    tenant.contact,
  ]);
  walk([company, contactName, moneyFormat(doc.currency)(0)]);
  return strings;
}

type DrawOptions = { bold?: boolean; size?: number; color?: Rgb; align?: 'left' | 'right'; width?: number };

/** Pages, the cursor on the current one, and wrapped, paginated text. */
class Writer {
  page: PDFPage;
  y = 0;

  constructor(
    private readonly pdf: PDFDocument,
    readonly painter: TextPainter,
    private readonly onNewPage: (page: PDFPage) => number,
  ) {
    this.page = pdf.addPage([PAGE_W, PAGE_H]);
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE_W, PAGE_H]);
    this.y = this.onNewPage(this.page) - 22;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  width(s: string, style: TextStyle): number {
    return this.painter.width(s, style);
  }

  draw(s: string, x: number, y: number, options: DrawOptions = {}, page: PDFPage = this.page): void {
    const style = { size: options.size ?? BODY, bold: options.bold, color: options.color ?? INK };
    const dx = options.align === 'right' ? (options.width ?? 0) - this.width(s, style) : 0;
    this.painter.draw(page, s, x + dx, y, style);
  }

  /** Lines of at most `maxWidth` points (see `wrap`). */
  wrap(s: string, style: TextStyle, maxWidth: number): string[] {
    return wrap(s, (t) => this.width(t, style), maxWidth);
  }

  /** Text in at most `maxWidth`: shrunk down to `minSize`, then cut short with an ellipsis. */
  fit(s: string, style: TextStyle & { minSize: number }, maxWidth: number): { text: string; size: number } {
    return fit(s, (t, size) => this.width(t, { ...style, size }), style.size, style.minSize, maxWidth);
  }

  /** Wrapped text across the full width, a line at a time so long text flows onto new pages. */
  paragraph(s: string, options: { bold?: boolean; size?: number; leading?: number; color?: Rgb } = {}): void {
    const size = options.size ?? BODY;
    const leading = options.leading ?? LEADING;
    for (const line of this.wrap(s, { size, bold: options.bold }, CONTENT_W)) {
      this.ensure(leading);
      this.y -= leading;
      if (line) this.draw(line, MARGIN, this.y + (leading - size) / 2, { bold: options.bold, size, color: options.color });
    }
  }

  section(title: string, body: string): void {
    this.gap(14);
    this.ensure(LEADING * 3);
    this.paragraph(title, { bold: true, size: 10.5, leading: 16 });
    this.paragraph(body);
  }
}

/** The first page's band: logo, tenant name and tagline, and the document's label and number. */
function drawFirstBand(w: Writer, page: PDFPage, primary: Rgb, logo: PDFImage | undefined, tenant: PdfTenant, heading: string): number {
  const top = PAGE_H - FIRST_BAND;
  const ink = readableOn(primary);
  page.drawRectangle({ x: 0, y: top, width: PAGE_W, height: FIRST_BAND, color: primary });
  let x = MARGIN;
  if (logo) {
    const scale = Math.min(140 / logo.width, 48 / logo.height);
    const size = { width: logo.width * scale, height: logo.height * scale };
    page.drawImage(logo, { x, y: top + (FIRST_BAND - size.height) / 2, ...size });
    x += size.width + 14;
  }
  const label = w.fit(heading, { bold: true, size: 16, minSize: 12 }, 220);
  const labelWidth = w.width(label.text, { bold: true, size: label.size });
  w.draw(label.text, PAGE_W - MARGIN - labelWidth, top + FIRST_BAND / 2 - label.size / 3, { bold: true, size: label.size, color: ink }, page);
  const room = PAGE_W - MARGIN - labelWidth - 20 - x;
  const name = w.fit(tenant.name, { bold: true, size: 18, minSize: 11 }, room);
  const tagline = tenant.branding.tagline ? w.fit(tenant.branding.tagline, { size: 9, minSize: 9 }, room) : undefined;
  const nameY = top + FIRST_BAND / 2 + (tagline ? 2 : -name.size / 3);
  w.draw(name.text, x, nameY, { bold: true, size: name.size, color: ink }, page);
  if (tagline) w.draw(tagline.text, x, nameY - 15, { size: tagline.size, color: ink }, page);
  return top;
}

/** Later pages: a slim band naming the tenant and the document again. */
function drawContinuationBand(w: Writer, page: PDFPage, primary: Rgb, tenantName: string, heading: string): number {
  const top = PAGE_H - NEXT_BAND;
  const ink = readableOn(primary);
  page.drawRectangle({ x: 0, y: top, width: PAGE_W, height: NEXT_BAND, color: primary });
  const label = w.fit(`${heading} (continued)`, { size: 9, minSize: 9 }, 240);
  const labelWidth = w.width(label.text, { size: label.size });
  w.draw(label.text, PAGE_W - MARGIN - labelWidth, top + 13, { size: label.size, color: ink }, page);
  const name = w.fit(tenantName, { bold: true, size: 11, minSize: 9 }, CONTENT_W - labelWidth - 20);
  w.draw(name.text, MARGIN, top + 13, { bold: true, size: name.size, color: ink }, page);
  return top;
}

/** Bill-to (company, contact, address) on the left; number, status and dates on the right. */
function drawParties(w: Writer, doc: DocumentView, company: PdfCompany | undefined, contactName: string | undefined, money: (minor: number) => string): void {
  const top = w.y;
  let left = top;
  if (company || contactName) {
    left -= LEADING;
    w.draw(doc.type === 'purchase-order' || doc.type === 'supplier-bill' ? 'Supplier' : 'Bill to', MARGIN, left, { bold: true, color: MUTED });
    const lines: Array<{ text: string; bold?: boolean }> = [
      ...(company ? [{ text: company.name, bold: true }] : []),
      ...(contactName ? [{ text: `Attn: ${contactName}` }] : []),
      ...addressLines(company?.address).map((text) => ({ text })),
    ];
    for (const line of lines) {
      for (const part of w.wrap(line.text, { size: BODY, bold: line.bold }, 250)) {
        left -= LEADING;
        w.draw(part, MARGIN, left, { bold: line.bold });
      }
    }
  }
  const credit = isCreditNote(doc);
  const details: Array<[string, string]> = [
    ['Number', doc.number],
    // A credit note's published status (outstanding, paid) reads as a bill's: say what is left of the credit instead.
    ['Status', credit && doc.state !== 'void' ? (doc.credit ? 'Credit available' : 'Credit used') : statusLabel(doc.status)],
    ['Issue date', formatDate(doc.issueDate)],
    ...(doc.dueDate && !credit ? [['Due date', formatDate(doc.dueDate)] as [string, string]] : []),
    ...(doc.expiryDate ? [['Expiry date', formatDate(doc.expiryDate)] as [string, string]] : []),
    ['Total', money(doc.totals.total)],
  ];
  let right = top;
  const labelX = PAGE_W - MARGIN - 210;
  for (const [label, value] of details) {
    right -= LEADING;
    w.draw(label, labelX, right, { bold: true, color: MUTED });
    w.draw(w.fit(value, { size: BODY, minSize: 6 }, 130).text, labelX + 80, right, { width: 130, align: 'right' });
  }
  w.y = Math.min(left, right) - 18;
}

function drawHeaderRow(w: Writer, accent: Rgb): void {
  const height = 18;
  w.ensure(height + LEADING + 8);
  w.page.drawRectangle({ x: MARGIN, y: w.y - height, width: CONTENT_W, height, color: accent });
  const ink = readableOn(accent);
  let x = MARGIN;
  for (const column of COLUMNS) {
    w.draw(column.title, x + CELL_PAD, w.y - 12.5, { bold: true, color: ink, align: column.align, width: column.width - 2 * CELL_PAD });
    x += column.width;
  }
  w.y -= height;
}

/** The lines table: descriptions wrap; rows flow onto new pages, each with the header row again. */
function drawLines(w: Writer, doc: DocumentView, money: (minor: number) => string, accent: Rgb): void {
  drawHeaderRow(w, accent);
  const descWidth = COLUMNS[0].width - 2 * CELL_PAD;
  for (const line of doc.lines) {
    const description = w.wrap(line.description, { size: BODY }, descWidth);
    const sku = line.sku ? w.wrap(`SKU ${line.sku}`, { size: 7.5 }, descWidth) : [];
    const cells = [formatQuantity(line.quantity), money(line.unitPrice), line.discount ? money(line.discount) : '', money(line.tax), money(line.total)];
    const rate = line.taxRateBps !== undefined ? formatRate(line.taxRateBps) : undefined;
    const rows: Array<{ text: string; small?: boolean }> = [...description.map((text) => ({ text })), ...sku.map((text) => ({ text, small: true }))];
    if (rate && rows.length < 2) rows.push({ text: '' });
    let first = true;
    let index = 0;
    while (index < rows.length) {
      // What of this row fits here; the rest continues on the next page under a new header row.
      // The first piece keeps the tax rate's line with the amounts.
      const needed = first ? Math.min(rows.length, 2) : 1;
      if (w.y - (needed * LEADING + 6) < BOTTOM) {
        w.newPage();
        drawHeaderRow(w, accent);
      }
      const fits = Math.max(1, Math.min(rows.length - index, Math.floor((w.y - 6 - BOTTOM) / LEADING)));
      const top = w.y - 3;
      for (let i = 0; i < fits; i++) {
        const row = rows[index + i]!;
        if (row.text) w.draw(row.text, MARGIN + CELL_PAD, top - (i + 1) * LEADING + 3, { size: row.small ? 7.5 : BODY, color: row.small ? MUTED : INK });
      }
      if (first) {
        let x = MARGIN + COLUMNS[0].width;
        cells.forEach((cell, i) => {
          const column = COLUMNS[i + 1]!;
          const inner = column.width - 2 * CELL_PAD;
          const bold = i === 4;
          const fitted = w.fit(cell, { bold, size: BODY, minSize: 6 }, inner);
          w.draw(fitted.text, x + CELL_PAD, top - LEADING + 3, { bold, size: fitted.size, align: 'right', width: inner });
          x += column.width;
        });
        // The tax rate under the tax, drawn after the row's amounts so a reader extracts the row whole.
        const tax = MARGIN + COLUMNS.slice(0, 4).reduce((sum, c) => sum + c.width, 0);
        if (rate) w.draw(rate, tax + CELL_PAD, top - 2 * LEADING + 3, { size: 7.5, color: MUTED, align: 'right', width: COLUMNS[4].width - 2 * CELL_PAD });
        first = false;
      }
      w.y = top - fits * LEADING - 3;
      w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: MARGIN + CONTENT_W, y: w.y }, thickness: 0.5, color: RULE });
      index += fits;
    }
  }
  if (!doc.lines.length) {
    w.y -= LEADING + 4;
    w.draw('No lines', MARGIN + CELL_PAD, w.y + 3, { color: MUTED });
  }
}

/** Subtotal, tax and total; for invoices and bills also what has been paid and what is left (of a credit note: the credit used and left). */
function drawTotals(w: Writer, doc: DocumentView, money: (minor: number) => string, accent: Rgb): void {
  const rows: Array<{ label: string; value: string; strong?: boolean }> = [
    { label: 'Subtotal', value: money(doc.totals.subtotal) },
    { label: 'Tax', value: money(doc.totals.tax) },
    { label: 'Total', value: money(doc.totals.total), strong: true },
  ];
  if (isCreditNote(doc)) {
    if (doc.credit !== undefined)
      rows.push({ label: 'Credit used', value: money(doc.amountPaid ?? 0) }, { label: 'Credit remaining', value: money(doc.credit), strong: true });
  } else if (doc.type === 'invoice' || doc.type === 'supplier-bill') {
    const paid = doc.amountPaid ?? 0;
    rows.push({ label: 'Amount paid', value: money(paid) }, { label: 'Balance due', value: money(doc.balance ?? doc.totals.total - paid), strong: true });
  }
  const height = rows.length * (LEADING + 3) + 14;
  w.gap(8);
  w.ensure(height);
  const labelX = PAGE_W - MARGIN - 230;
  for (const row of rows) {
    w.y -= LEADING + 3;
    if (row.strong) w.page.drawLine({ start: { x: labelX, y: w.y + LEADING }, end: { x: PAGE_W - MARGIN, y: w.y + LEADING }, thickness: 1, color: accent });
    w.draw(row.label, labelX, w.y, { bold: row.strong });
    const size = row.strong ? 10 : BODY;
    const value = w.fit(row.value, { bold: row.strong, size, minSize: 6 }, 140);
    w.draw(value.text, PAGE_W - MARGIN - 140, w.y, { bold: row.strong, size: value.size, align: 'right', width: 140 });
  }
}

/** Who the business is and how to reach it, and where the document lives on the portal. */
function drawBusiness(w: Writer, tenant: PdfTenant, portalLink: string | undefined): void {
  const contact = tenant.contact ?? {};
  const reach = [contact.phone, contact.email, contact.website].filter((s): s is string => !!s);
  const lines = [...addressLines(contact.address), ...(reach.length ? [reach.join('  \u00b7  ')] : [])];
  w.gap(14);
  w.ensure(LEADING * (lines.length + 3) + 16);
  w.paragraph(tenant.name, { bold: true, size: 10.5, leading: 16 });
  for (const line of lines) w.paragraph(line, { color: MUTED });
  if (portalLink) {
    w.gap(4);
    w.paragraph('View, discuss and download this document on the portal:', { color: MUTED });
    w.ensure(LEADING);
    w.y -= LEADING;
    const y = w.y + (LEADING - BODY) / 2;
    w.draw(portalLink, MARGIN, y, { color: rgb(0.1, 0.3, 0.75) });
    linkAnnotation(w.page, portalLink, MARGIN, y - 2, w.width(portalLink, { size: BODY }), BODY + 4);
  }
}

/** "Invoice INV-1001 · Version 3", the portal link, and "Page n of m" on every page, once the count is known. */
function drawFooters(w: Writer, pdf: PDFDocument, heading: string, version: number, portalLink: string | undefined): void {
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    page.drawLine({ start: { x: MARGIN, y: 50 }, end: { x: PAGE_W - MARGIN, y: 50 }, thickness: 0.5, color: RULE });
    const left = w.fit(`${heading} \u00b7 Version ${version}`, { size: 8, minSize: 6 }, CONTENT_W - 120);
    w.draw(left.text, MARGIN, 38, { size: 8, color: MUTED }, page);
    const right = `Page ${i + 1} of ${pages.length}`;
    w.draw(right, PAGE_W - MARGIN - w.width(right, { size: 8 }), 38, { size: 8, color: MUTED }, page);
    if (portalLink) {
      const link = w.fit(portalLink, { size: 7, minSize: 6 }, CONTENT_W);
      w.draw(link.text, MARGIN, 26, { size: link.size, color: MUTED }, page);
      linkAnnotation(page, portalLink, MARGIN, 24, w.width(link.text, { size: link.size }), link.size + 4);
    }
  });
}

/** A clickable area over drawn text, opening `url`. */
export function linkAnnotation(page: PDFPage, url: string, x: number, y: number, width: number, height: number): void {
  const context = page.doc.context;
  const annotation = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [x, y, x + width, y + height],
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
    }),
  );
  page.node.addAnnot(annotation);
}

/** Only inline PNG or JPEG logos are embedded: a remote URL is never fetched, anything else is skipped. */
async function embedLogo(pdf: PDFDocument, logoUrl: string | undefined): Promise<PDFImage | undefined> {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(logoUrl ?? '');
  if (!match) return undefined;
  try {
    const bytes = Buffer.from(match[2]!, 'base64');
    return match[1] === 'png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
  } catch {
    // A broken logo must not cost the customer their document.
    return undefined;
  }
}

/* ---- text ---- */

/** Lines of at most `maxWidth` points: words kept whole where they fit, a longer word broken between characters. Newlines are kept. */
export function wrap(text: string, measure: (s: string) => number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (measure(rest) > maxWidth) {
        // As many characters as fit (at least one, never half an emoji or a base without its marks), then the rest on the next line.
        let cut = 0;
        for (const { segment, index } of graphemes().segment(rest)) {
          if (cut > 0 && measure(rest.slice(0, index + segment.length)) > maxWidth) break;
          cut = index + segment.length;
        }
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

let segmenter: Intl.Segmenter | undefined;
const graphemes = () => (segmenter ??= new Intl.Segmenter(LOCALE, { granularity: 'grapheme' }));

/** Text in at most `maxWidth`: shrunk down to `minSize`, then cut short with an ellipsis. */
function fit(text: string, measure: (s: string, size: number) => number, size: number, minSize: number, maxWidth: number): { text: string; size: number } {
  let s = size;
  while (s > minSize && measure(text, s) > maxWidth) s -= 0.5;
  if (measure(text, s) <= maxWidth) return { text, size: s };
  const parts = [...graphemes().segment(text)].map((g) => g.segment);
  while (parts.length > 1 && measure(`${parts.join('')}\u2026`, s) > maxWidth) parts.pop();
  return { text: `${parts.join('')}\u2026`, size: s };
}

/* ---- colours ---- */

function colour(hex: string, fallback: Rgb): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? rgb(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255) : fallback;
}

/** WCAG relative luminance. */
function luminance(c: Rgb): number {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue);
}

/** White or near-black, whichever contrasts more with the background. */
export function readableOn(background: Rgb): Rgb {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance(INK) + 0.05);
  return onWhite >= onDark ? rgb(1, 1, 1) : INK;
}

/* ---- numbers, dates, words ---- */

/**
 * Minor units → `£1,234.56`. Intl knows each currency's digits (GBP 2, JPY 0, BHD 3).
 * A code Intl does not know is shown before the amount; `text` may refuse a symbol (a
 * font without it: the code stands in).
 */
export function moneyFormat(currency: string, text: (s: string) => string = (s) => s): (minor: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  } catch {
    const plain = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return (minor) => `${currency} ${plain.format(minor / 100)}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const byCode = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, currencyDisplay: 'code' });
  return (minor) => {
    const major = minor / 10 ** digits;
    const shown = format.format(major);
    return text(shown) === shown ? shown : byCode.format(major);
  };
}

/** Made at the first render, not at load: an Intl format costs a cold start ~12 ms to build. */
let dateFormat: Intl.DateTimeFormat | undefined;

function formatDate(value: string): string {
  const at = Date.parse(`${value}T00:00:00Z`);
  dateFormat ??= new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return Number.isNaN(at) ? value : dateFormat.format(at);
}

const formatQuantity = (q: number): string => new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 }).format(q);
const formatRate = (bps: number): string => `${new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(bps / 100)}%`;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** `in-progress` → `In progress`. */
function statusLabel(status: string): string {
  const words = status
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function addressLines(address: Address | undefined): string[] {
  if (!address) return [];
  const cityLine = [address.city, address.region, address.postcode].filter(Boolean).join(', ');
  return [address.line1, address.line2, cityLine, address.country ? countryName(address.country) : undefined].filter((l): l is string => !!l);
}

/** `GB` → `United Kingdom`; the code itself where Intl has no name. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(LOCALE, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
