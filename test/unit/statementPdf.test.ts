import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { renderStatementPdf } from '../../functions/documents/statements/statementPdf';
import type { StatementView } from '../../shared/api/statements';
import { readPdf } from '../support/pdfText';

function statement(name: string): StatementView {
  return {
    company: { companyId: 'acme', name },
    currency: 'EUR',
    currencies: ['EUR'],
    from: '2026-11-01',
    to: '2026-11-30',
    openingBalance: 1000,
    totals: { invoiced: 12000, payments: -5000, credits: 0, adjustments: 0 },
    entries: [
      { date: '2026-11-02', kind: 'invoice', documentId: 'd1', number: 'INV-1', dueDate: '2026-12-02', amount: 12000, balance: 13000 },
      { date: '2026-11-10', kind: 'payment', documentId: 'd1', number: 'INV-1', amount: -5000, balance: 8000 },
    ],
    closingBalance: 8000,
    aging: { current: 8000, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 },
    unappliedCredit: 0,
  } as StatementView;
}

// The statement draws with the embedded Noto fonts: a company's name in any script is extracted as itself.
describe('statement of account PDF', () => {
  it.each([
    ['Greek', 'Αθηναϊκή Εμπορική ΑΕ'],
    ['Arabic', 'شركة النور للتجارة'],
    ['Chinese', '上海明亮印刷有限公司'],
    ['Polish', 'Łukasz Żółć sp. z o.o.'],
  ])('prints a %s company name intact', async (_script, name) => {
    const pdf = await readPdf(await renderStatementPdf(statement(name), { name: 'Brightline Print & Signs', primaryColour: '#0f766e' }));
    expect(pdf.pages[0]!.split('\n')).toContain(name);
    expect(pdf.info.Title).toContain(name);
  });

  it("carries the business's contact details and the statement's portal link, clickable, at the end and on every page", async () => {
    const portalLink = 'https://brightline.portico.example/statement?currency=EUR&from=2026-11-01&to=2026-11-30';
    const many = statement('Acme Ltd');
    // Enough entries for a second page: the footer's link is on both.
    many.entries = Array.from({ length: 60 }, (_, i) => ({ ...many.entries[0]!, number: `INV-${i + 1}` }));
    const bytes = await renderStatementPdf(many, {
      name: 'Brightline Print & Signs',
      contact: { email: 'hello@brightline.example', phone: '+44 113 496 0000', address: { line1: '5 Mill Lane', city: 'York', country: 'GB' } },
      portalLink,
    });
    const pdf = await readPdf(bytes);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    const last = pdf.pages.at(-1)!;
    for (const part of ['5 Mill Lane', 'York', 'United Kingdom', '+44 113 496 0000', 'hello@brightline.example']) expect(last).toContain(part);
    for (const page of pdf.pages) expect(page).toContain(portalLink);
    const doc = await PDFDocument.load(bytes);
    const links = doc.context
      .enumerateIndirectObjects()
      .flatMap(([, o]) => (o instanceof PDFDict && o.get(PDFName.of('Subtype'))?.toString() === '/Link' ? [o] : []));
    expect(links.length).toBe(pdf.pages.length + 1);
    for (const link of links) expect(link.lookup(PDFName.of('A'), PDFDict).get(PDFName.of('URI'))?.toString()).toBe(`(${portalLink})`);
  });
});
