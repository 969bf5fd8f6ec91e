import { PDFDict, PDFDocument, PDFName, rgb } from 'pdf-lib';
import { moneyFormat, readableOn, renderDocumentPdf, type PdfCompany, type PdfTenant } from '../../functions/documents/pdf/documentPdf';
import type { DocumentLine, DocumentView } from '../../shared/api/documents';
import { pdfText, readPdf } from '../support/pdfText';

const tenant: PdfTenant = { name: 'Brightline Print & Signs', branding: { primaryColour: '#0f766e', accentColour: '#f59e0b', tagline: 'Signs that shine' } };
const company: PdfCompany = { name: 'Acme Retail Ltd', address: { line1: '1 High Street', city: 'Leeds', postcode: 'LS1 1AA', country: 'GB' } };

const line = (description: string, over: Partial<DocumentLine> = {}): DocumentLine => ({
  description,
  quantity: 2,
  unitPrice: 5000,
  discount: 0,
  tax: 2000,
  taxRateBps: 2000,
  total: 12000,
  ...over,
});

function invoice(over: Partial<DocumentView> = {}): DocumentView {
  return {
    type: 'invoice',
    documentId: 'doc-1',
    number: 'INV-1001',
    title: 'Shop-front signage',
    status: 'outstanding',
    state: 'outstanding',
    companyId: 'acme',
    issueDate: '2026-11-01',
    dueDate: '2026-11-30',
    currency: 'GBP',
    lines: [
      line('Aluminium fascia sign, 3 m'),
      line('Fitting on site', { quantity: 1.5, unitPrice: 4000, discount: 500, tax: 1100, total: 6600, sku: 'FIT-01' }),
    ],
    totals: { subtotal: 15500, tax: 3100, total: 18600 },
    amountPaid: 3600,
    balance: 15000,
    notes: 'Thank you for your business.',
    terms: 'Payment within 30 days.',
    attachments: [{ attachmentId: 'att-1', name: 'artwork-proof.pdf', contentType: 'application/pdf', size: 245_000 }],
    version: 3,
    contentHash: 'abc',
    publishedAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    history: [],
    unreadMessages: 0,
    messageCount: 0,
    actions: [],
    ...over,
  };
}

/** Pages as PDF.js loads them (each one parsed, not just counted). */
const pageCount = async (bytes: Uint8Array) => (await readPdf(bytes)).pages.length;
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
/** Every dictionary of a PDF (pdf-lib keeps most inside compressed object streams), as pdf-lib reads it back. */
async function dictionaries(bytes: Uint8Array): Promise<PDFDict[]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.context.enumerateIndirectObjects().flatMap(([, o]) => (o instanceof PDFDict ? [o] : []));
}
const nameOf = (dict: PDFDict, key: string) => dict.get(PDFName.of(key))?.toString();
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

jest.setTimeout(180_000);

describe('renderDocumentPdf', () => {
  it('renders a PDF whose text a reader extracts: number, tenant, lines, money, dates, parties, footer', async () => {
    const bytes = await renderDocumentPdf(invoice(), tenant, { company });
    expect(latin1(bytes.slice(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const expected of [
      'Invoice INV-1001',
      'Brightline Print & Signs',
      'Signs that shine',
      'Shop-front signage',
      'Aluminium fascia sign, 3 m',
      'SKU FIT-01',
      'Outstanding',
      '1 Nov 2026',
      '30 Nov 2026',
      'Acme Retail Ltd',
      '1 High Street',
      'Leeds, LS1 1AA',
      'United Kingdom',
      '£50.00',
      '£120.00',
      '£40.00',
      '£5.00',
      '£66.00',
      '20%',
      '£155.00',
      '£31.00',
      '£186.00',
      '£36.00',
      '£150.00',
      'Amount paid',
      'Balance due',
      'Thank you for your business.',
      'Payment within 30 days.',
      'artwork-proof.pdf (239 KB)',
      'Version 3',
      'Page 1 of 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Description\s+Qty\s+Unit price\s+Discount\s+Tax\s+Total/);
    expect(text).toMatch(/Total\s+£186\.00/);
    expect(text).toMatch(/Balance due\s+£150\.00/);
    expect(await pageCount(bytes)).toBe(1);
  });

  it('sets the title, author and creation date', async () => {
    const before = Date.now();
    const { info } = await readPdf(await renderDocumentPdf(invoice(), tenant));
    expect(info.Title).toBe('Invoice INV-1001');
    expect(info.Author).toBe('Brightline Print & Signs');
    const created = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(info.CreationDate ?? '');
    expect(created).not.toBeNull();
    const at = Date.UTC(+created![1]!, +created![2]! - 1, +created![3]!, +created![4]!, +created![5]!, +created![6]!);
    expect(Math.abs(at - before)).toBeLessThan(60_000);
  });

  it('runs 200 lines over several pages, the header row repeated on each, every line once', async () => {
    const lines = Array.from({ length: 200 }, (_, i) =>
      line(`Item ${String(i + 1).padStart(3, '0')} banner`, { quantity: 1, unitPrice: 1000, tax: 200, total: 1200 }),
    );
    const bytes = await renderDocumentPdf(
      invoice({ lines, totals: { subtotal: 200_000, tax: 40_000, total: 240_000 }, amountPaid: 0, balance: 240_000 }),
      tenant,
      { company },
    );
    const pages = await pageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(4);
    const { pages: texts } = await readPdf(bytes);
    expect(texts).toHaveLength(pages);
    texts.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toContain('Version 3');
      if (/Item \d{3}/.test(page)) expect(page).toMatch(/Description\s+Qty\s+Unit price/);
      if (i > 0) expect(page).toContain('Invoice INV-1001 (continued)');
    });
    const all = texts.join('\n');
    for (let i = 1; i <= 200; i++) expect(all.split(`Item ${String(i).padStart(3, '0')} banner`)).toHaveLength(2);
    expect(texts[pages - 1]).toContain('£2,400.00');
  });

  it('prints every script as itself: PDF.js extracts each name, address, line and note exactly as given', async () => {
    const scripts = {
      polish: {
        company: 'Zakład Usług Łukasz Wiśniewski sp. z o.o.',
        contact: 'Łukasz Żółkiewski',
        line: 'Szyld świetlny — żółć, gęś, źdźbło',
        street: 'ul. Świętokrzyska 12',
      },
      czech: { company: 'Příliš žluťoučký kůň s.r.o.', contact: 'Jiří Dvořák', line: 'Úpěl ďábelské ódy: řeřicha', street: 'Náměstí Míru 7' },
      greek: { company: 'Ελληνική Εταιρεία Α.Ε.', contact: 'Γιώργος Παπαδόπουλος', line: 'Φωτεινή πινακίδα πρόσοψης', street: 'Οδός Ερμού 25' },
      cyrillic: { company: 'ООО «Ромашка»', contact: 'Иван Петрович Сидоров', line: 'Световая вывеска для магазина', street: 'ул. Тверская, 7' },
      chinese: { company: '北京光明标识有限公司', contact: '王小明', line: '店面发光招牌安装', street: '北京市朝阳区建国路88号' },
      japanese: { company: '株式会社ひかりサイン', contact: '山田 太郎', line: 'ファサード看板の取り付け', street: '東京都千代田区丸の内1丁目' },
      arabic: { company: 'شركة النور للتجارة', contact: 'محمد عبد الله', line: 'لافتة مضيئة للواجهة', street: 'شارع الملك فهد' },
      hebrew: { company: 'חברת האור בע״מ', contact: 'דוד כהן', line: 'שלט מואר לחזית החנות', street: 'רחוב הרצל' },
      emoji: { company: 'Party Shop 🎉', contact: 'Ana 😀', line: 'Balloons 🎈 and cake 🎂', street: 'Rainbow Road 🌈' },
    };
    for (const [script, s] of Object.entries(scripts)) {
      const bytes = await renderDocumentPdf(
        invoice({ title: `${s.line} (${script})`, lines: [line(s.line), line(`${s.line} 2`)], notes: `${s.contact}: ${s.line}` }),
        { ...tenant, name: s.company },
        { company: { name: s.company, address: { line1: s.street, city: 'X', country: 'GB' } }, contactName: s.contact },
      );
      const text = await pdfText(bytes);
      const lines = text.split('\n');
      // In a right-to-left line the brackets are drawn mirrored, and PDF.js gives back the glyphs drawn (see the next test).
      const title = script === 'arabic' || script === 'hebrew' ? `${s.line} )${script}(` : `${s.line} (${script})`;
      for (const expected of [s.company, `Attn: ${s.contact}`, s.street, `${s.contact}: ${s.line}`, title])
        expect({ script, found: lines.includes(expected) || text.includes(expected), expected }).toEqual({ script, found: true, expected });
      expect(text).toMatch(new RegExp(`${s.line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 2 2 £50\\.00`));
      expect(text).not.toContain('?');
    }
  });

  it('orders right-to-left runs inside a left-to-right line, and shapes the lam-alef ligature', async () => {
    const mixed = 'Order for שלום עולם and العربية 123 text';
    const ligature = 'لا إله إلا السلام';
    const text = await pdfText(await renderDocumentPdf(invoice({ lines: [line(mixed)], notes: ligature }), tenant));
    expect(text).toContain(mixed);
    expect(text).toContain(ligature);
  });

  it('mirrors brackets in right-to-left text, so an Arabic or Hebrew name in brackets reads as written', async () => {
    const arabic = 'شركة النور (فرع جدة)';
    const hebrew = '(חברת האור) דוד כהן';
    const latin = 'Acme (شركة) Ltd';
    const lines = (
      await pdfText(await renderDocumentPdf(invoice({ notes: [arabic, hebrew, latin].join('\n') }), tenant, { company, contactName: hebrew }))
    ).split('\n');
    // PDF.js gives each run back in reading order with the glyphs as drawn, and the font
    // engine lays a right-to-left run out reversed: the line as seen, left to right, is the
    // extracted run reversed. There the bracket that opens (logically first, at the right)
    // must face the word to its left, and the one that closes must face right.
    const seen = (text: string) => [...text].reverse().join('');
    const arabicLine = lines.find((l) => l.includes('شركة النور'))!;
    const hebrewLine = lines.find((l) => l.includes('דוד כהן') && !l.startsWith('Attn'))!;
    expect(seen(arabicLine)).toBe('(ةدج عرف) رونلا ةكرش');
    expect(seen(hebrewLine)).toBe('ןהכ דוד (רואה תרבח)');
    // Reading order keeps the words as written; only the bracket glyphs are mirror images.
    expect(arabicLine).toBe('شركة النور )فرع جدة(');
    // In a left-to-right line brackets after Latin text are left-to-right (bidi rule N0), drawn as themselves.
    expect(lines).toContain(`Attn: ${hebrew}`);
    expect(lines).toContain(latin);
    // Without mirroring the opening bracket would be drawn as `(` at the right: the test can fail.
    expect(seen(arabicLine)).not.toBe(seen(arabic));
  });

  it("prints the contact's name, the business's contact details and the document's portal link", async () => {
    const withContact: PdfTenant = {
      ...tenant,
      contact: {
        email: 'hello@brightline.example',
        phone: '+44 113 496 0000',
        website: 'brightline.example',
        address: { line1: '5 Mill Lane', city: 'York', country: 'GB' },
      },
    };
    const portalLink = 'https://brightline.portico.example/invoices/doc-1';
    const bytes = await renderDocumentPdf(invoice(), withContact, { company, contactName: 'Jane Smith', portalLink });
    const text = await pdfText(bytes);
    expect(text).toContain('Attn: Jane Smith');
    expect(text).toContain('+44 113 496 0000 · hello@brightline.example · brightline.example');
    expect(text).toContain('5 Mill Lane');
    expect(text).toContain(portalLink);
    // A link a reader can click, on every page's footer and under the business's details.
    const links = (await dictionaries(bytes)).filter((d) => nameOf(d, 'Subtype') === '/Link');
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) expect(link.lookup(PDFName.of('A'), PDFDict).get(PDFName.of('URI'))?.toString()).toBe(`(${portalLink})`);
  });

  it('embeds only the glyphs used: a Latin invoice carries Noto Sans alone and stays small', async () => {
    const bytes = await renderDocumentPdf(invoice(), tenant, { company });
    expect(bytes.length).toBeLessThan(60_000);
    const fonts = (await dictionaries(bytes)).filter((d) => nameOf(d, 'Type') === '/Font' && nameOf(d, 'Subtype') === '/Type0');
    // pdf-lib names each embedded font after the file's PostScript name with a number: `/NotoSans-Regular-3800`.
    expect(new Set(fonts.map((f) => nameOf(f, 'BaseFont')!.replace(/^\/|-\d+$/g, '')))).toEqual(new Set(['NotoSans-Regular', 'NotoSans-Bold']));
  });

  it('formats money with each currency’s own minor-unit digits', async () => {
    expect(moneyFormat('GBP')(123456)).toBe('£1,234.56');
    expect(moneyFormat('JPY')(123456)).toBe('JP¥123,456');
    expect(moneyFormat('BHD')(1234567)).toMatch(/^BHD\s1,234\.567$/);
    expect(moneyFormat('EUR')(-500)).toBe('-€5.00');
    // ₹ is not in WinAnsi: the code stands in for the symbol when a font cannot draw it.
    const winAnsiOnly = (s: string) => s.replace(/₹/g, '?');
    expect(moneyFormat('INR', winAnsiOnly)(123456)).toMatch(/^INR\s1,234\.56$/);
    const text = await pdfText(
      await renderDocumentPdf(
        invoice({
          currency: 'JPY',
          lines: [line('Sign', { unitPrice: 5000, tax: 1000, total: 11000 })],
          totals: { subtotal: 10000, tax: 1000, total: 11000 },
          amountPaid: 0,
          balance: 11000,
        }),
        tenant,
      ),
    );
    expect(text).toContain('JP¥11,000');
    expect(text).not.toContain('JP¥110.00');
    expect(await pdfText(await renderDocumentPdf(invoice({ currency: 'INR' }), tenant))).toContain('₹186.00');
  });

  it('prints an invoice with a negative total as a credit note: the credit used and left, never a balance due or paid', async () => {
    const returned = line('Returned: fascia sign', { quantity: -1, unitPrice: 10000, tax: -2000, total: -12000 });
    const view = invoice({
      number: 'CN-7',
      status: 'outstanding',
      state: 'credit',
      lines: [returned],
      totals: { subtotal: -10000, tax: -2000, total: -12000 },
      amountPaid: 2000,
      balance: undefined,
      credit: 10000,
    });
    const text = await pdfText(await renderDocumentPdf(view, tenant, { company }));
    expect(text).toContain('Credit note CN-7');
    expect(text).toMatch(/Status\s+Credit available/);
    expect(text).toMatch(/Credit used\s+£20\.00/);
    expect(text).toMatch(/Credit remaining\s+£100\.00/);
    for (const absent of ['Invoice CN-7', 'Balance due', 'Amount paid', 'Outstanding', 'Due date']) expect(text).not.toContain(absent);

    const used = await pdfText(await renderDocumentPdf({ ...view, status: 'paid', amountPaid: 12000, credit: 0 }, tenant, { company }));
    expect(used).toMatch(/Status\s+Credit used/);
    expect(used).not.toMatch(/Paid/);
  });

  it('shows quotes without payment rows, with their expiry date', async () => {
    const text = await pdfText(
      await renderDocumentPdf(
        invoice({ type: 'quote', number: 'Q-77', status: 'open', dueDate: undefined, expiryDate: '2026-12-15', amountPaid: undefined, balance: undefined }),
        tenant,
      ),
    );
    expect(text).toContain('Quote Q-77');
    expect(text).toContain('Expiry date');
    expect(text).toContain('15 Dec 2026');
    expect(text).not.toContain('Balance due');
    expect(text).not.toContain('Amount paid');
  });

  it('wraps and paginates long notes and terms, and an unbroken description', async () => {
    const notes = Array.from({ length: 400 }, (_, i) => `Note sentence ${i + 1}.`).join(' ');
    const terms = Array.from({ length: 300 }, (_, i) => `Clause ${i + 1} applies.`).join('\n');
    const bytes = await renderDocumentPdf(invoice({ notes, terms, lines: [line('X'.repeat(2000))] }), tenant);
    const pages = await pageCount(bytes);
    expect(pages).toBeGreaterThan(3);
    const text = await pdfText(bytes);
    expect(text).toContain('Note sentence 400.');
    expect(text).toContain('Clause 300 applies.');
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.replace(/[^X]/g, '')).toHaveLength(2000);
  });

  it('embeds only inline PNG or JPEG logos, and never fetches one', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no fetching'));
    try {
      const withLogo = async (logoUrl: string) => latin1(await renderDocumentPdf(invoice(), { ...tenant, branding: { ...tenant.branding, logoUrl } }));
      expect(await withLogo(`data:image/png;base64,${PNG}`)).toContain('/Subtype /Image');
      expect(await withLogo('https://example.com/logo.png')).not.toContain('/Subtype /Image');
      expect(await withLogo('data:image/svg+xml;base64,PHN2Zy8+')).not.toContain('/Subtype /Image');
      // A broken image is skipped, not an error.
      expect(await withLogo('data:image/png;base64,AAAA')).not.toContain('/Subtype /Image');
      expect(await withLogo('data:image/jpeg;base64,AAAA')).not.toContain('/Subtype /Image');
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('picks header text that contrasts with the brand colour', () => {
    expect(readableOn(rgb(0.06, 0.46, 0.43))).toEqual(rgb(1, 1, 1));
    expect(readableOn(rgb(0.99, 0.88, 0.28))).not.toEqual(rgb(1, 1, 1));
    expect(readableOn(rgb(1, 1, 1))).not.toEqual(rgb(1, 1, 1));
  });
});
