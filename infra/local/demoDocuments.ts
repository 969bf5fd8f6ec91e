import type { DocumentType, PublishDocumentBody } from '../../shared/api/documents';
import { lineNet } from '../../functions/documents/documentContent';

/**
 * The documents `npm start` publishes for Northwind Traders in each demo tenant: what
 * each business's CRM would really send, so the portal looks lived in. Dates are days
 * from an anchor (the day of the first start), so quotes expire soon, invoices are
 * overdue and so on as of that day.
 */

export interface DemoDocument {
  type: DocumentType;
  /** The CRM's own id (the path's documentId). */
  documentId: string;
  body: PublishDocumentBody;
}

type Line = { description: string; quantity: number; unitPrice: number; discount?: number; taxRateBps?: number; sku?: string; deliveryDate?: string };

/** A CRM's arithmetic: tax per line, rounded half away from zero; totals the sum. */
function priced(lines: Line[], defaultTaxBps: number): Pick<PublishDocumentBody, 'lines' | 'totals'> {
  const out = lines.map((l) => {
    const discount = l.discount ?? 0;
    const taxRateBps = l.taxRateBps ?? defaultTaxBps;
    const net = lineNet({ quantity: l.quantity, unitPrice: l.unitPrice, discount });
    const tax = Math.sign(net) * Math.round((Math.abs(net) * taxRateBps) / 10_000);
    return {
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount,
      tax,
      taxRateBps,
      total: net + tax,
      ...(l.sku ? { sku: l.sku } : {}),
      ...(l.deliveryDate ? { deliveryDate: l.deliveryDate } : {}),
    };
  });
  const subtotal = out.reduce((s, l) => s + l.total - l.tax, 0);
  const tax = out.reduce((s, l) => s + l.tax, 0);
  return { lines: out, totals: { subtotal, tax, total: subtotal + tax } };
}

/** `YYYY-MM-DD`, `days` after the anchor date. */
export const dayFrom = (anchor: string, days: number): string => new Date(Date.parse(`${anchor}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Party {
  companyId: string;
  contactId: string;
}

/** Brightline Print & Signs, a sign maker: quotes, orders, invoices and artwork jobs, in GBP with 20 % VAT. */
export function brightlineDocuments(anchor: string, { companyId, contactId }: Party): DemoDocument[] {
  const d = (days: number) => dayFrom(anchor, days);
  const vat = (lines: Line[]) => priced(lines, 2000);
  const common = { companyId, contactId, currency: 'GBP' };
  const quoteTerms =
    'Prices include design and one round of proof amendments. 50% deposit on order, balance on completion. Installation assumes clear access at ground level unless stated.';
  const invoiceTerms =
    'Payment within 30 days by bank transfer to Brightline Print & Signs Ltd, sort code 20-45-77, account 43718820. Please quote the invoice number.';
  const docs: DemoDocument[] = [
    {
      type: 'quote',
      documentId: 'bl-q-1039',
      body: {
        ...common,
        number: 'Q-1039',
        title: 'Exhibition pop-up stand',
        status: 'open',
        issueDate: d(-75),
        expiryDate: d(-45),
        terms: quoteTerms,
        notifyContact: false,
        ...vat([
          { description: 'Curved pop-up frame 3×3 with printed fabric graphic', quantity: 1, unitPrice: 89_500, sku: 'EXH-POP33' },
          { description: 'Roller banner 850 × 2000 mm, premium base', quantity: 2, unitPrice: 14_500, sku: 'EXH-RB85' },
          { description: 'Wheeled transit case with printed counter wrap', quantity: 1, unitPrice: 22_000 },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'bl-q-1042',
      body: {
        ...common,
        number: 'Q-1042',
        title: 'Vehicle livery – 2 vans',
        status: 'accepted',
        issueDate: d(-45),
        expiryDate: d(-15),
        terms: quoteTerms,
        notifyContact: false,
        ...vat([
          { description: 'Livery design, two sides, rear and bonnet', quantity: 1, unitPrice: 35_000 },
          { description: 'Cast vinyl part-wrap, Ford Transit Custom SWB', quantity: 2, unitPrice: 145_000, sku: 'VEH-WRAP-TC' },
          { description: 'Fitting per van (at our workshop)', quantity: 2, unitPrice: 38_000 },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'bl-q-1046',
      body: {
        ...common,
        number: 'Q-1046',
        title: 'Window graphics – spring campaign',
        status: 'open',
        issueDate: d(-26),
        expiryDate: d(4),
        terms: quoteTerms,
        notifyContact: false,
        notes: 'Prices held until the expiry date; campaign artwork supplied by your agency as print-ready PDF.',
        ...vat([
          { description: 'One-way vision vinyl, printed and laminated (m²)', quantity: 8.4, unitPrice: 4_200, sku: 'WIN-OWV' },
          { description: 'Frosted etch manifestation band, 100 mm (linear m)', quantity: 12, unitPrice: 1_800, sku: 'WIN-ETCH100' },
          { description: 'Fitting (hours)', quantity: 3, unitPrice: 5_500 },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'bl-q-1048',
      body: {
        ...common,
        number: 'Q-1048',
        title: 'Shop-front fascia sign',
        status: 'open',
        issueDate: d(-3),
        expiryDate: d(27),
        terms: quoteTerms,
        notifyContact: true,
        notes: 'Includes removal and disposal of the existing fascia. Planning consent is not needed for a like-for-like replacement.',
        ...vat([
          {
            description: 'Aluminium composite fascia panel 4800 × 900 mm, printed and anti-graffiti laminated',
            quantity: 1,
            unitPrice: 124_000,
            sku: 'FAS-ACM',
          },
          { description: 'Built-up acrylic letters, 300 mm, brushed gold face', quantity: 14, unitPrice: 3_850, sku: 'LET-ACR300' },
          { description: 'Installation team, 2 fitters (hours)', quantity: 6, unitPrice: 6_500 },
          { description: 'Access tower hire (day)', quantity: 1, unitPrice: 14_500 },
        ]),
      },
    },
    {
      type: 'sales-order',
      documentId: 'bl-so-2027',
      body: {
        ...common,
        number: 'SO-2027',
        title: 'Reception wall logo',
        status: 'completed',
        issueDate: d(-62),
        notifyContact: false,
        ...vat([
          { description: 'Brushed stainless steel logo, 1200 mm wide, on stand-off fixings', quantity: 1, unitPrice: 86_500 },
          { description: 'Installation (hours)', quantity: 2, unitPrice: 6_500 },
        ]),
      },
    },
    {
      type: 'sales-order',
      documentId: 'bl-so-2034',
      body: {
        ...common,
        number: 'SO-2034',
        title: 'Vehicle livery – 2 vans',
        status: 'open',
        issueDate: d(-2),
        notifyContact: true,
        notes: 'From quote Q-1042. Vans to be dropped at our workshop on the agreed day by 8:30.',
        terms: 'By signing you confirm the order and the artwork as proofed. 50% deposit invoiced on signature, balance on completion.',
        ...vat([
          { description: 'Livery design, two sides, rear and bonnet', quantity: 1, unitPrice: 35_000 },
          { description: 'Cast vinyl part-wrap, Ford Transit Custom SWB', quantity: 2, unitPrice: 145_000, sku: 'VEH-WRAP-TC' },
          { description: 'Fitting per van (at our workshop)', quantity: 2, unitPrice: 38_000 },
        ]),
      },
    },
    {
      type: 'invoice',
      documentId: 'bl-inv-3089',
      body: paid({
        ...common,
        number: 'INV-3089',
        title: 'Business cards and letterheads',
        status: 'paid',
        issueDate: d(-70),
        dueDate: d(-40),
        terms: invoiceTerms,
        notifyContact: false,
        ...vat([
          { description: 'Business cards, 400 gsm silk, double-sided (box of 500)', quantity: 6, unitPrice: 3_800, sku: 'PRT-BC400' },
          { description: 'Letterheads, 120 gsm uncoated (ream of 500)', quantity: 4, unitPrice: 6_400, sku: 'PRT-LH120' },
        ]),
      }),
    },
    {
      type: 'invoice',
      documentId: 'bl-inv-3097',
      body: {
        ...common,
        number: 'INV-3097',
        title: 'Reception wall logo',
        status: 'outstanding',
        issueDate: d(-44),
        dueDate: d(-14),
        terms: invoiceTerms,
        notifyContact: false,
        ...vat([
          { description: 'Brushed stainless steel logo, 1200 mm wide, on stand-off fixings (SO-2027)', quantity: 1, unitPrice: 86_500 },
          { description: 'Installation (hours)', quantity: 2, unitPrice: 6_500 },
        ]),
      },
    },
    {
      type: 'invoice',
      documentId: 'bl-inv-3101',
      body: partPaid(
        {
          ...common,
          number: 'INV-3101',
          title: 'Illuminated menu boards',
          status: 'outstanding',
          issueDate: d(-20),
          dueDate: d(10),
          terms: invoiceTerms,
          notifyContact: false,
          ...vat([
            { description: 'LED light-box menu board 1200 × 800 mm, with printed backlit film', quantity: 4, unitPrice: 29_500 },
            { description: 'Delivery', quantity: 1, unitPrice: 4_500 },
          ]),
        },
        0.5,
      ),
    },
    {
      // A credit note: what the CRM sends for a return, an invoice with a negative total.
      type: 'invoice',
      documentId: 'bl-cn-3110',
      body: {
        ...common,
        number: 'CN-3110',
        title: 'Credit: menu board with a misprinted panel (INV-3101)',
        status: 'outstanding',
        issueDate: d(-5),
        notifyContact: false,
        ...vat([
          { description: 'Returned: LED light-box menu board 1200 × 800 mm (misprinted panel)', quantity: -1, unitPrice: 29_500 },
          { description: 'Collection of the returned board', quantity: 1, unitPrice: 4_500 },
        ]),
      },
    },
    {
      type: 'invoice',
      documentId: 'bl-inv-3108',
      body: {
        ...common,
        number: 'INV-3108',
        title: 'Vehicle livery – 50% deposit',
        status: 'outstanding',
        issueDate: d(-1),
        dueDate: d(29),
        terms: invoiceTerms,
        notifyContact: false,
        ...vat([{ description: 'Deposit on sales order SO-2034 (50%)', quantity: 1, unitPrice: 198_000 }]),
      },
    },
    {
      type: 'job',
      documentId: 'bl-job-5003',
      body: {
        ...common,
        number: 'JOB-5003',
        title: 'Reception wall logo',
        status: 'completed',
        issueDate: d(-60),
        notifyContact: false,
        ...vat([{ description: 'Fabricate and install stainless steel logo (SO-2027)', quantity: 1, unitPrice: 99_500 }]),
      },
    },
    {
      type: 'job',
      documentId: 'bl-job-5009',
      body: {
        ...common,
        number: 'JOB-5009',
        title: 'Illuminated menu boards',
        status: 'in-progress',
        issueDate: d(-18),
        notifyContact: false,
        notes: 'Boards in production; delivery booked for next week.',
        ...vat([{ description: 'LED light-box menu boards ×4 (INV-3101)', quantity: 1, unitPrice: 122_500 }]),
      },
    },
    {
      type: 'job',
      documentId: 'bl-job-5012',
      body: {
        ...common,
        number: 'JOB-5012',
        title: 'Shop-front fascia – artwork proof',
        status: 'awaiting-approval',
        approvalRequired: true,
        issueDate: d(-1),
        notifyContact: false,
        notes: 'Proof v2: letter spacing tightened and the gold matched to Pantone 871 C as discussed. Please approve or tell us what to change.',
        attachments: [
          {
            attachmentId: 'proof-v2',
            name: 'JOB-5012 fascia proof v2.pdf',
            contentType: 'application/pdf',
            size: 1_482_331,
            url: 'https://files.brightline-signs.example/proofs/JOB-5012-fascia-v2.pdf',
            proof: true,
          },
        ],
        ...vat([
          { description: 'Artwork and proofing (included)', quantity: 1, unitPrice: 0 },
          { description: 'Fascia sign: production and installation, as quoted in Q-1048', quantity: 1, unitPrice: 214_400 },
        ]),
      },
    },
  ];
  return docs;
}

/** Acme Industrial Supply, an MRO distributor: sells to Northwind (quotes, orders, invoices) and buys from it (purchase orders, supplier bills), in USD. */
export function acmeDocuments(anchor: string, { companyId, contactId }: Party): DemoDocument[] {
  const d = (days: number) => dayFrom(anchor, days);
  // Texas sales tax on what Acme sells; none on what it buys for resale.
  const salesTax = (lines: Line[]) => priced(lines, 825);
  const noTax = (lines: Line[]) => priced(lines, 0);
  const common = { companyId, contactId, currency: 'USD' };
  const terms = 'Net 30. Prices FOB our Houston warehouse; freight prepaid and added. Returns within 30 days in original packaging, 15% restocking fee.';
  return [
    {
      type: 'quote',
      documentId: 'acme-q-20380',
      body: {
        ...common,
        number: 'AQ-20380',
        title: 'Dock leveler annual service',
        status: 'open',
        issueDate: d(-80),
        expiryDate: d(-50),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Hydraulic dock leveler inspection and service, per door', quantity: 6, unitPrice: 18_500, sku: 'SVC-DOCK-H' },
          { description: 'Lip hinge pin kit', quantity: 2, unitPrice: 6_240, sku: 'DL-HPK-7' },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'acme-q-20397',
      body: {
        ...common,
        number: 'AQ-20397',
        title: 'Forklift battery replacement',
        status: 'accepted',
        issueDate: d(-40),
        expiryDate: d(-10),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Industrial battery 36V 750Ah, lead-acid, with connector', quantity: 2, unitPrice: 542_000, sku: 'BAT-36-750' },
          { description: 'Core credit, old battery returned', quantity: 2, unitPrice: -35_000, taxRateBps: 0 },
          { description: 'Installation and old battery removal', quantity: 2, unitPrice: 27_500, taxRateBps: 0 },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'acme-q-20411',
      body: {
        ...common,
        number: 'AQ-20411',
        title: 'PPE restock – Q3',
        status: 'open',
        issueDate: d(-27),
        expiryDate: d(3),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Hard hat, Type I Class E, ratchet suspension, white', quantity: 48, unitPrice: 1_895, sku: 'PPE-HH-1E-W' },
          { description: 'Hi-vis safety vest, ANSI Class 2, lime, L/XL', quantity: 60, unitPrice: 1_249, sku: 'PPE-VEST-C2' },
          { description: 'Nitrile gloves, 6 mil, case of 1,000', quantity: 10, unitPrice: 11_900, discount: 5_950, sku: 'PPE-NIT6-1K' },
          { description: 'Safety glasses, anti-fog, clear (box of 12)', quantity: 8, unitPrice: 3_480, sku: 'PPE-SG-AF12' },
        ]),
      },
    },
    {
      type: 'quote',
      documentId: 'acme-q-20418',
      body: {
        ...common,
        number: 'AQ-20418',
        title: 'Warehouse racking refresh',
        status: 'open',
        issueDate: d(-2),
        expiryDate: d(28),
        terms,
        notifyContact: true,
        notes: 'Layout per your drawing NW-WH2-R3. Permit drawings and anchoring by our certified installer included.',
        ...salesTax([
          { description: 'Teardrop pallet rack upright frame 42" × 192"', quantity: 24, unitPrice: 18_900, sku: 'RCK-UP-42192' },
          { description: 'Step beam 96", 5,000 lb capacity per pair', quantity: 88, unitPrice: 4_650, sku: 'RCK-BM-96' },
          { description: 'Wire mesh deck 42" × 46"', quantity: 132, unitPrice: 3_275, sku: 'RCK-WD-4246' },
          { description: 'Installation crew (hours)', quantity: 32, unitPrice: 8_500, taxRateBps: 0 },
        ]),
      },
    },
    {
      type: 'sales-order',
      documentId: 'acme-so-88390',
      body: {
        ...common,
        number: 'SO-88390',
        title: 'Forklift battery replacement',
        status: 'completed',
        issueDate: d(-35),
        notifyContact: false,
        ...salesTax([
          { description: 'Industrial battery 36V 750Ah, lead-acid, with connector', quantity: 2, unitPrice: 542_000, sku: 'BAT-36-750' },
          { description: 'Core credit, old battery returned', quantity: 2, unitPrice: -35_000, taxRateBps: 0 },
          { description: 'Installation and old battery removal', quantity: 2, unitPrice: 27_500, taxRateBps: 0 },
        ]),
      },
    },
    {
      type: 'sales-order',
      documentId: 'acme-so-88412',
      body: {
        ...common,
        number: 'SO-88412',
        title: 'Compressed air line upgrade',
        status: 'open',
        issueDate: d(-1),
        notifyContact: true,
        terms: 'By signing you authorise Acme to order the materials and schedule the installation. Net 30 from completion.',
        ...salesTax([
          { description: 'Aluminum compressed air pipe 1", 20 ft length', quantity: 30, unitPrice: 6_890, sku: 'AIR-AL-1-20' },
          { description: 'Drop leg kit with filter-regulator-lubricator', quantity: 12, unitPrice: 14_450, sku: 'AIR-DROP-FRL' },
          { description: 'Installation (hours)', quantity: 24, unitPrice: 8_500, taxRateBps: 0 },
        ]),
      },
    },
    {
      type: 'invoice',
      documentId: 'acme-inv-61207',
      body: paid({
        ...common,
        number: 'INV-61207',
        title: 'Forklift battery replacement',
        status: 'paid',
        issueDate: d(-30),
        dueDate: d(0),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Industrial battery 36V 750Ah (SO-88390)', quantity: 2, unitPrice: 542_000, sku: 'BAT-36-750' },
          { description: 'Core credit, old battery returned', quantity: 2, unitPrice: -35_000, taxRateBps: 0 },
          { description: 'Installation and old battery removal', quantity: 2, unitPrice: 27_500, taxRateBps: 0 },
        ]),
      }),
    },
    {
      type: 'invoice',
      documentId: 'acme-inv-61188',
      body: {
        ...common,
        number: 'INV-61188',
        title: 'Janitorial supplies',
        status: 'outstanding',
        issueDate: d(-48),
        dueDate: d(-18),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Jumbo roll toilet tissue, 2-ply, case of 12', quantity: 20, unitPrice: 4_299, sku: 'JAN-JRT-12' },
          { description: 'Industrial degreaser concentrate, 5 gal', quantity: 6, unitPrice: 8_950, sku: 'JAN-DEG-5' },
          { description: 'Absorbent pads, universal, bale of 100', quantity: 4, unitPrice: 6_725, sku: 'JAN-ABS-100' },
        ]),
      },
    },
    {
      type: 'invoice',
      documentId: 'acme-inv-61215',
      body: partPaid(
        {
          ...common,
          number: 'INV-61215',
          title: 'Motors and drives',
          status: 'outstanding',
          issueDate: d(-15),
          dueDate: d(15),
          terms,
          notifyContact: false,
          ...salesTax([
            { description: 'TEFC motor 10 HP, 1800 RPM, 215T frame', quantity: 3, unitPrice: 96_800, sku: 'MTR-10-1800' },
            { description: 'Variable frequency drive 10 HP, 480 V', quantity: 3, unitPrice: 128_500, sku: 'VFD-10-480' },
          ]),
        },
        0.4,
      ),
    },
    {
      type: 'invoice',
      documentId: 'acme-inv-61222',
      body: {
        ...common,
        number: 'INV-61222',
        title: 'Bearings and belts',
        status: 'outstanding',
        issueDate: d(-4),
        dueDate: d(26),
        terms,
        notifyContact: false,
        ...salesTax([
          { description: 'Pillow block bearing 1-7/16", cast iron', quantity: 16, unitPrice: 3_860, sku: 'BRG-PB-1716' },
          { description: 'V-belt B75, cogged', quantity: 24, unitPrice: 1_742, sku: 'BLT-B75-C' },
        ]),
      },
    },
    // What Acme buys from Northwind Traders (a supplier too): packaging.
    {
      type: 'purchase-order',
      documentId: 'acme-po-7702',
      body: {
        ...common,
        number: 'PO-7702',
        title: 'Stretch film',
        status: 'closed',
        issueDate: d(-66),
        notifyContact: false,
        ...noTax([{ description: 'Cast stretch film 18" × 1500 ft, 80 gauge (case of 4)', quantity: 40, unitPrice: 6_120, sku: 'NW-SF-1880' }]),
      },
    },
    {
      type: 'purchase-order',
      documentId: 'acme-po-7718',
      body: {
        ...common,
        number: 'PO-7718',
        title: 'Pallet labels',
        status: 'received',
        issueDate: d(-21),
        notifyContact: false,
        ...noTax([
          { description: 'Thermal transfer labels 4" × 6", roll of 1,000', quantity: 60, unitPrice: 1_985, sku: 'NW-TT46' },
          { description: 'Wax/resin ribbon 110 mm × 450 m', quantity: 24, unitPrice: 1_350, sku: 'NW-RIB110' },
        ]),
      },
    },
    {
      type: 'purchase-order',
      documentId: 'acme-po-7731',
      body: {
        ...common,
        number: 'PO-7731',
        title: 'Corrugated shipping cartons',
        status: 'open',
        issueDate: d(-2),
        notifyContact: true,
        notes: 'Deliver to dock 4, Mon–Fri 7:00–15:00. Please acknowledge with your ship date.',
        ...noTax([
          // Delivery dates per line: the supplier acknowledges them or proposes others (issue 11).
          { description: 'RSC carton 18" × 12" × 12", 32 ECT, bundle of 25', quantity: 80, unitPrice: 2_875, sku: 'NW-RSC-181212', deliveryDate: d(12) },
          { description: 'RSC carton 24" × 18" × 18", 44 ECT, bundle of 20', quantity: 40, unitPrice: 4_460, sku: 'NW-RSC-241818', deliveryDate: d(19) },
          { description: 'Freight, LTL', quantity: 1, unitPrice: 32_500, deliveryDate: d(19) },
        ]),
      },
    },
    {
      type: 'supplier-bill',
      documentId: 'acme-bill-nw5490',
      body: paid({
        ...common,
        number: 'NW-5490',
        title: 'Stretch film (PO-7702)',
        status: 'paid',
        issueDate: d(-60),
        dueDate: d(-30),
        notifyContact: false,
        ...noTax([{ description: 'Cast stretch film 18" × 1500 ft, 80 gauge (case of 4)', quantity: 40, unitPrice: 6_120, sku: 'NW-SF-1880' }]),
      }),
    },
    {
      type: 'supplier-bill',
      documentId: 'acme-bill-nw5521',
      body: {
        ...common,
        number: 'NW-5521',
        title: 'Pallet labels (PO-7718)',
        status: 'outstanding',
        issueDate: d(-16),
        dueDate: d(14),
        notifyContact: false,
        ...noTax([
          { description: 'Thermal transfer labels 4" × 6", roll of 1,000', quantity: 60, unitPrice: 1_985, sku: 'NW-TT46' },
          { description: 'Wax/resin ribbon 110 mm × 450 m', quantity: 24, unitPrice: 1_350, sku: 'NW-RIB110' },
        ]),
      },
    },
  ];
}

function paid(body: PublishDocumentBody): PublishDocumentBody {
  return { ...body, amountPaid: body.totals.total };
}

/** Part-paid: `share` of the total paid, in whole major units. */
function partPaid(body: PublishDocumentBody, share: number): PublishDocumentBody {
  return { ...body, amountPaid: Math.round((body.totals.total * share) / 100) * 100 };
}
