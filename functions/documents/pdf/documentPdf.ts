import { A4, PdfDocument, rgb, type PdfImage, type PdfPage, type Rgb } from './pdfWriter';
import { HELVETICA, HELVETICA_BOLD, toWinAnsi, widthOfText, type StandardFont } from './standardFonts';
import type { Address } from '../../../shared/api/common';
import { documentLabel, isCreditNote, type DocumentView } from '../../../shared/api/documents';

/**
 * A document as an A4 PDF in the tenant's colours: what a customer downloads, prints or
 * files. Written with Portico's own small PDF writer (functions/documents/pdf), not a PDF
 * library, for the Lambda bundle's size. Only the standard fonts are used (no font files
 * in the bundle), so text is in WinAnsi: characters it cannot hold are replaced (see
 * `winAnsi`), never a failure.
 * Server-side there is no reader's locale: money and dates are formatted as en-GB.
 */

export interface PdfTenant {
  name: string;
  branding: { primaryColour: string; accentColour: string; logoUrl?: string; tagline?: string };
}
export interface PdfCompany {
  name: string;
  address?: Address;
}

const LOCALE = 'en-GB';
const [PAGE_W, PAGE_H] = A4;
const MARGIN = 40;
const CONTENT_W = PAGE_W - 2 * MARGIN;
/** Content stops here; the footer sits below. */
const BOTTOM = 56;
const FIRST_BAND = 84;
const NEXT_BAND = 34;
const BODY = 9;
const LEADING = 11.5;

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

export async function renderDocumentPdf(doc: DocumentView, tenant: PdfTenant, company?: PdfCompany): Promise<Uint8Array> {
  const pdf = new PdfDocument();
  const fonts: Fonts = { regular: HELVETICA, bold: HELVETICA_BOLD };
  const text = winAnsi;
  const heading = `${documentLabel(doc)} ${doc.number}`;
  const money = moneyFormat(doc.currency, text);
  const primary = colour(tenant.branding.primaryColour, rgb(0.12, 0.16, 0.22));
  const accent = colour(tenant.branding.accentColour, rgb(0.2, 0.4, 0.7));
  const logo = embedLogo(pdf, tenant.branding.logoUrl);

  const w = new Writer(pdf, fonts, text, (page) => drawContinuationBand(page, fonts, text, primary, tenant.name, heading));
  w.y = drawFirstBand(w.page, fonts, text, primary, logo, tenant, heading) - 26;

  if (doc.title) w.paragraph(doc.title, { font: fonts.bold, size: 15, leading: 18 });
  w.gap(6);
  drawParties(w, doc, company, money);
  drawLines(w, doc, money, accent);
  drawTotals(w, doc, money, accent);
  if (doc.notes) w.section('Notes', doc.notes);
  if (doc.terms) w.section('Terms', doc.terms);
  if (doc.attachments.length) w.section('Attachments', doc.attachments.map((a) => `\u2022 ${a.name} (${formatBytes(a.size)})`).join('\n'));

  drawFooters(pdf, fonts.regular, text, heading, doc.version);
  // Metadata is UTF-16: no WinAnsi replacement needed there.
  const now = new Date();
  pdf.setInfo({
    title: heading,
    author: tenant.name,
    subject: doc.title || undefined,
    creator: 'Portico',
    producer: 'Portico',
    creationDate: now,
    modificationDate: now,
  });
  pdf.displayTitle = true;
  pdf.language = LOCALE;
  return pdf.save();
}

type Fonts = { regular: StandardFont; bold: StandardFont };
type TextFn = (s: string) => string;

/** Pages, the cursor on the current one, and wrapped, paginated text. */
class Writer {
  page: PdfPage;
  y = 0;

  constructor(
    private readonly pdf: PdfDocument,
    readonly fonts: Fonts,
    readonly text: TextFn,
    private readonly onNewPage: (page: PdfPage) => number,
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

  draw(s: string, x: number, y: number, options: { font?: StandardFont; size?: number; color?: Rgb; align?: 'left' | 'right'; width?: number } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? BODY;
    const safe = this.text(s);
    const dx = options.align === 'right' ? (options.width ?? 0) - width(font, safe, size) : 0;
    this.page.drawText(safe, { x: x + dx, y, font, size, color: options.color ?? INK });
  }

  /** Wrapped text across the full width, a line at a time so long text flows onto new pages. */
  paragraph(s: string, options: { font?: StandardFont; size?: number; leading?: number; color?: Rgb } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? BODY;
    const leading = options.leading ?? LEADING;
    for (const line of wrap(this.text(s), font, size, CONTENT_W)) {
      this.ensure(leading);
      this.y -= leading;
      if (line) this.draw(line, MARGIN, this.y + (leading - size) / 2, { font, size, color: options.color });
    }
  }

  section(title: string, body: string): void {
    this.gap(14);
    this.ensure(LEADING * 3);
    this.paragraph(title, { font: this.fonts.bold, size: 10.5, leading: 15 });
    this.paragraph(body);
  }
}

/** The first page's band: logo, tenant name and tagline, and the document's label and number. */
function drawFirstBand(page: PdfPage, fonts: Fonts, text: TextFn, primary: Rgb, logo: PdfImage | undefined, tenant: PdfTenant, heading: string): number {
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
  const label = fit(text(heading), fonts.bold, 16, 12, 220);
  const labelWidth = width(fonts.bold, label.text, label.size);
  page.drawText(label.text, { x: PAGE_W - MARGIN - labelWidth, y: top + FIRST_BAND / 2 - label.size / 3, font: fonts.bold, size: label.size, color: ink });
  const room = PAGE_W - MARGIN - labelWidth - 20 - x;
  const name = fit(text(tenant.name), fonts.bold, 18, 11, room);
  const tagline = tenant.branding.tagline ? fit(text(tenant.branding.tagline), fonts.regular, 9, 9, room) : undefined;
  const nameY = top + FIRST_BAND / 2 + (tagline ? 2 : -name.size / 3);
  page.drawText(name.text, { x, y: nameY, font: fonts.bold, size: name.size, color: ink });
  if (tagline) page.drawText(tagline.text, { x, y: nameY - 14, font: fonts.regular, size: tagline.size, color: ink });
  return top;
}

/** Later pages: a slim band naming the tenant and the document again. */
function drawContinuationBand(page: PdfPage, fonts: Fonts, text: TextFn, primary: Rgb, tenantName: string, heading: string): number {
  const top = PAGE_H - NEXT_BAND;
  const ink = readableOn(primary);
  page.drawRectangle({ x: 0, y: top, width: PAGE_W, height: NEXT_BAND, color: primary });
  const label = fit(`${text(heading)} (continued)`, fonts.regular, 9, 9, 240);
  const labelWidth = width(fonts.regular, label.text, label.size);
  page.drawText(label.text, { x: PAGE_W - MARGIN - labelWidth, y: top + 13, font: fonts.regular, size: label.size, color: ink });
  const name = fit(text(tenantName), fonts.bold, 11, 9, CONTENT_W - labelWidth - 20);
  page.drawText(name.text, { x: MARGIN, y: top + 13, font: fonts.bold, size: name.size, color: ink });
  return top;
}

/** Bill-to on the left; number, status and dates on the right. */
function drawParties(w: Writer, doc: DocumentView, company: PdfCompany | undefined, money: (minor: number) => string): void {
  const top = w.y;
  let left = top;
  if (company) {
    left -= LEADING;
    w.draw('Bill to', MARGIN, left, { font: w.fonts.bold, color: MUTED });
    const lines = [company.name, ...addressLines(company.address)];
    for (const [i, line] of lines.entries()) {
      const font = i === 0 ? w.fonts.bold : w.fonts.regular;
      for (const part of wrap(w.text(line), font, BODY, 250)) {
        left -= LEADING;
        w.draw(part, MARGIN, left, { font });
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
    w.draw(label, labelX, right, { font: w.fonts.bold, color: MUTED });
    w.draw(fit(w.text(value), w.fonts.regular, BODY, 6, 130).text, labelX + 80, right, { width: 130, align: 'right' });
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
    w.draw(column.title, x + CELL_PAD, w.y - 12.5, { font: w.fonts.bold, color: ink, align: column.align, width: column.width - 2 * CELL_PAD });
    x += column.width;
  }
  w.y -= height;
}

/** The lines table: descriptions wrap; rows flow onto new pages, each with the header row again. */
function drawLines(w: Writer, doc: DocumentView, money: (minor: number) => string, accent: Rgb): void {
  drawHeaderRow(w, accent);
  const descWidth = COLUMNS[0].width - 2 * CELL_PAD;
  for (const line of doc.lines) {
    const description = wrap(w.text(line.description), w.fonts.regular, BODY, descWidth);
    const sku = line.sku ? wrap(w.text(`SKU ${line.sku}`), w.fonts.regular, 7.5, descWidth) : [];
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
          const fitted = fit(w.text(cell), i === 4 ? w.fonts.bold : w.fonts.regular, BODY, 6, inner);
          w.draw(fitted.text, x + CELL_PAD, top - LEADING + 3, {
            font: i === 4 ? w.fonts.bold : w.fonts.regular,
            size: fitted.size,
            align: 'right',
            width: inner,
          });
          if (i === 3 && rate) w.draw(rate, x + CELL_PAD, top - 2 * LEADING + 3, { size: 7.5, color: MUTED, align: 'right', width: inner });
          x += column.width;
        });
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
    const font = row.strong ? w.fonts.bold : w.fonts.regular;
    w.draw(row.label, labelX, w.y, { font });
    const value = fit(w.text(row.value), font, row.strong ? 10 : BODY, 6, 140);
    w.draw(value.text, PAGE_W - MARGIN - 140, w.y, { font, size: value.size, align: 'right', width: 140 });
  }
}

/** "Invoice INV-1001 · Version 3" and "Page n of m" on every page, once the count is known. */
function drawFooters(pdf: PdfDocument, font: StandardFont, text: TextFn, heading: string, version: number): void {
  const pages = pdf.pages;
  pages.forEach((page, i) => {
    page.drawLine({ start: { x: MARGIN, y: 40 }, end: { x: PAGE_W - MARGIN, y: 40 }, thickness: 0.5, color: RULE });
    const left = fit(`${text(heading)} \u00b7 Version ${version}`, font, 8, 6, CONTENT_W - 120);
    page.drawText(left.text, { x: MARGIN, y: 28, font, size: left.size, color: MUTED });
    const right = `Page ${i + 1} of ${pages.length}`;
    page.drawText(right, { x: PAGE_W - MARGIN - width(font, right, 8), y: 28, font, size: 8, color: MUTED });
  });
}

/** Only inline PNG or JPEG logos are embedded: a remote URL is never fetched, anything else is skipped. */
function embedLogo(pdf: PdfDocument, logoUrl: string | undefined): PdfImage | undefined {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(logoUrl ?? '');
  if (!match) return undefined;
  try {
    const bytes = Buffer.from(match[2]!, 'base64');
    return match[1] === 'png' ? pdf.embedPng(bytes) : pdf.embedJpeg(bytes);
  } catch {
    // A broken logo must not cost the customer their document.
    return undefined;
  }
}

/* ---- text ---- */

/**
 * Makes any string drawable with the standard fonts: kept where WinAnsi has the character
 * (£, €, “smart quotes”, é), else a look-alike, else its decomposition without accents
 * (ő → o, ﬁ → fi, Ａ → A), else '?'. Spacing marks become spaces and invisible ones go, so
 * nothing throws and the text stays extractable (functions/documents/pdf/standardFonts.ts).
 */
export const winAnsi: TextFn = toWinAnsi;

/** The width text is drawn at: each character's own AFM advance, no kerning (it is drawn without). */
function width(font: StandardFont, text: string, size: number): number {
  return widthOfText(font, text, size);
}

/** Lines of at most `maxWidth` points: words kept whole where they fit, a longer word broken. Newlines are kept. */
function wrap(text: string, font: StandardFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  const measure = (s: string) => width(font, s, size);
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
        // As many characters as fit (at least one), then the rest of the word on the next line.
        let n = 0;
        let used = 0;
        for (const c of rest) {
          const advance = measure(c);
          if (n > 0 && used + advance > maxWidth) break;
          used += advance;
          n += c.length;
        }
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Text in at most `maxWidth`: shrunk down to `minSize`, then cut short with an ellipsis. */
function fit(text: string, font: StandardFont, size: number, minSize: number, maxWidth: number): { text: string; size: number } {
  let s = size;
  while (s > minSize && width(font, text, s) > maxWidth) s -= 0.5;
  if (width(font, text, s) <= maxWidth) return { text, size: s };
  let cut = text;
  while (cut.length > 1 && width(font, `${cut}\u2026`, s) > maxWidth) cut = cut.slice(0, -1);
  return { text: `${cut}\u2026`, size: s };
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
 * A symbol WinAnsi cannot draw (₹) falls back to the code (`INR 1,234.56`), as does a
 * code Intl does not know.
 */
export function moneyFormat(currency: string, text: TextFn = (s) => s): (minor: number) => string {
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

function addressLines(address: Address | undefined): string[] {
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
