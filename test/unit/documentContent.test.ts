import { DOCUMENT_KINDS } from '../../shared/documentKinds';
import { createHash } from 'node:crypto';
import { bodyHash, canonicalJson, contentHash, lineNet, totalsErrors, typeErrors } from '../../functions/documents/documentContent';

/**
 * documentContent checks a published body's arithmetic and rules, and fingerprints it.
 * Money is in minor units; a line's total is round(quantity × unitPrice) − discount + tax,
 * the totals are the lines' sums, and a mismatch names its field.
 */

type DocumentType = Parameters<typeof typeErrors>[0];
type PublishDocumentBody = Parameters<typeof typeErrors>[1];
type Line = PublishDocumentBody['lines'][number];

/** 2 × 45.00 + 20 % tax = 108.00 */
const vinyl: Line = { description: 'Window vinyl', quantity: 2, unitPrice: 4500, discount: 0, tax: 1800, total: 10800 };
/** 1.5 × 10.01 = 15.015 → 15.02, less 1.00 discount = 14.02, + 2.80 tax = 16.82 */
const fitting: Line = { description: 'Fitting', quantity: 1.5, unitPrice: 1001, discount: 100, tax: 280, total: 1682 };
const TOTALS = { subtotal: 9000 + 1402, tax: 1800 + 280, total: 10800 + 1682 };

/** A type's first status is the one it is published in. */
const publishedStatus = (type: DocumentType): string => DOCUMENT_KINDS[type].statuses[0];

/** A body that passes every check for `type`. */
function body(type: DocumentType = 'quote', overrides: Partial<PublishDocumentBody> = {}): PublishDocumentBody {
  return {
    companyId: 'company-1',
    contactId: 'contact-1',
    number: 'Q-2001',
    status: publishedStatus(type),
    issueDate: '2026-11-23',
    currency: 'GBP',
    lines: [vinyl, fitting],
    totals: TOTALS,
    ...overrides,
  };
}

const attachment = (attachmentId: string, name = `${attachmentId}.pdf`) => ({
  attachmentId,
  name,
  contentType: 'application/pdf' as const,
  size: 1024,
  url: `https://crm.example/files/${attachmentId}`,
});
const names = (errors: Array<{ name: string }>) => errors.map((e) => e.name);

describe('lineNet', () => {
  it('is quantity × unit price for whole quantities', () => {
    expect(lineNet({ quantity: 2, unitPrice: 4500, discount: 0 })).toBe(9000);
    expect(lineNet({ quantity: 1, unitPrice: 1, discount: 0 })).toBe(1);
    expect(lineNet({ quantity: 0, unitPrice: 4500, discount: 0 })).toBe(0);
  });

  it('rounds to the nearest minor unit', () => {
    expect(lineNet({ quantity: 0.4, unitPrice: 3, discount: 0 })).toBe(1); // 1.2
    expect(lineNet({ quantity: 0.6, unitPrice: 3, discount: 0 })).toBe(2); // 1.8
    expect(lineNet({ quantity: 0.333, unitPrice: 300, discount: 0 })).toBe(100); // 99.9
  });

  it('rounds a half away from zero, for positive and negative amounts alike', () => {
    expect(lineNet({ quantity: 0.5, unitPrice: 3, discount: 0 })).toBe(2); // 1.5
    expect(lineNet({ quantity: 0.5, unitPrice: 5, discount: 0 })).toBe(3); // 2.5
    expect(lineNet({ quantity: -0.5, unitPrice: 3, discount: 0 })).toBe(-2); // −1.5
    expect(lineNet({ quantity: 0.5, unitPrice: -3, discount: 0 })).toBe(-2); // −1.5
    expect(lineNet({ quantity: -0.5, unitPrice: 5, discount: 0 })).toBe(-3); // −2.5
  });

  it('takes three-decimal quantities exactly, where floating point would not', () => {
    // 1.005 × 100 is 100.49999999999999 in floating point; the exact 100.5 rounds to 101.
    expect(lineNet({ quantity: 1.005, unitPrice: 100, discount: 0 })).toBe(101);
    expect(lineNet({ quantity: -1.005, unitPrice: 100, discount: 0 })).toBe(-101);
    expect(lineNet({ quantity: 2.125, unitPrice: 3, discount: 0 })).toBe(6); // 6.375
    expect(lineNet({ quantity: 0.001, unitPrice: 500, discount: 0 })).toBe(1); // 0.5
    expect(lineNet({ quantity: 0.001, unitPrice: 499, discount: 0 })).toBe(0); // 0.499
  });

  it('takes the discount off the rounded amount', () => {
    expect(lineNet({ quantity: 2, unitPrice: 4500, discount: 500 })).toBe(8500);
    expect(lineNet({ quantity: 1.5, unitPrice: 1001, discount: 100 })).toBe(1402); // 1501.5 → 1502 − 100
    expect(lineNet({ quantity: 0.5, unitPrice: 1, discount: 1 })).toBe(0); // 0.5 → 1 − 1
  });

  it('keeps negative lines (credits) negative, and takes the discount off them too, as the formula says', () => {
    expect(lineNet({ quantity: -2, unitPrice: 4500, discount: 0 })).toBe(-9000);
    expect(lineNet({ quantity: 2, unitPrice: -4500, discount: 0 })).toBe(-9000);
    expect(lineNet({ quantity: -2, unitPrice: -4500, discount: 0 })).toBe(9000);
    expect(lineNet({ quantity: -2, unitPrice: 4500, discount: 100 })).toBe(-9100);
  });
});

describe('totalsErrors', () => {
  it('finds nothing wrong when every line and total adds up', () => {
    expect(totalsErrors(body())).toEqual([]);
  });

  it('finds nothing wrong in a body without lines whose totals are zero', () => {
    expect(totalsErrors({ lines: [], totals: { subtotal: 0, tax: 0, total: 0 } })).toEqual([]);
  });

  it('adds up credit lines with their sign', () => {
    const credit: Line = { description: 'Credit', quantity: -1, unitPrice: 2000, discount: 0, tax: -400, total: -2400 };
    expect(totalsErrors({ lines: [vinyl, credit], totals: { subtotal: 7000, tax: 1400, total: 8400 } })).toEqual([]);
  });

  it('names a line whose total is not round(quantity × unitPrice) − discount + tax, with the right figure', () => {
    const errors = totalsErrors(body('quote', { lines: [vinyl, { ...fitting, total: 1683 }] }));
    expect(errors).toEqual([{ name: 'body.lines.1.total', reason: expect.stringContaining('must be 1682') }]);
  });

  it('names a line whose total ignores its discount or its tax', () => {
    expect(names(totalsErrors(body('quote', { lines: [vinyl, { ...fitting, total: 1782 }] })))).toEqual(['body.lines.1.total']);
    expect(names(totalsErrors(body('quote', { lines: [{ ...vinyl, total: 9000 }, fitting] })))).toEqual(['body.lines.0.total']);
  });

  // With a wrong subtotal or tax, whether the total is named too depends on which sum it is held to;
  // these two cases say only what they are about.
  it("names a subtotal that is not the sum of the lines' net amounts, with the right figure", () => {
    const errors = totalsErrors(body('quote', { totals: { ...TOTALS, subtotal: TOTALS.subtotal + 1 } }));
    expect(errors).toContainEqual({ name: 'body.totals.subtotal', reason: expect.stringContaining(`must be ${TOTALS.subtotal}`) });
    expect(names(errors)).not.toContain('body.totals.tax');
  });

  it("names a tax that is not the sum of the lines' tax, with the right figure", () => {
    const errors = totalsErrors(body('quote', { totals: { ...TOTALS, tax: TOTALS.tax - 1 } }));
    expect(errors).toContainEqual({ name: 'body.totals.tax', reason: expect.stringContaining(`must be ${TOTALS.tax}`) });
    expect(names(errors)).not.toContain('body.totals.subtotal');
  });

  it('names a total that is not subtotal + tax', () => {
    const errors = totalsErrors(body('quote', { totals: { ...TOTALS, total: TOTALS.total + 1 } }));
    expect(errors).toEqual([{ name: 'body.totals.total', reason: expect.stringContaining(`must be ${TOTALS.total}`) }]);
  });

  it('refuses a subtotal and a tax that are both off the lines even when their sum is the right total', () => {
    const errors = totalsErrors(body('quote', { totals: { subtotal: TOTALS.subtotal + 100, tax: TOTALS.tax - 100, total: TOTALS.total } }));
    expect(names(errors)).toEqual(['body.totals.subtotal', 'body.totals.tax']);
  });

  it('names every field that is wrong, lines first', () => {
    const errors = totalsErrors({
      lines: [
        { ...vinyl, total: 1 },
        { ...fitting, total: 2 },
      ],
      totals: { subtotal: 1, tax: 2, total: 4 },
    });
    expect(names(errors)).toEqual(['body.lines.0.total', 'body.lines.1.total', 'body.totals.subtotal', 'body.totals.tax', 'body.totals.total']);
  });

  it("uses each line's computed net, not its published total, for the subtotal", () => {
    // One line wrong: only that line is named, the totals still agree with the lines' net amounts and tax.
    const errors = totalsErrors(body('quote', { lines: [{ ...vinyl, total: 99999 }, fitting] }));
    expect(names(errors)).toEqual(['body.lines.0.total']);
  });
});

describe('typeErrors', () => {
  const STATUSES: Record<DocumentType, string[]> = {
    quote: ['open', 'accepted', 'rejected', 'expired'],
    'sales-order': ['open', 'completed', 'cancelled'],
    invoice: ['outstanding', 'paid', 'void'],
    job: ['in-progress', 'awaiting-approval', 'completed', 'cancelled'],
    'purchase-order': ['open', 'received', 'closed', 'cancelled'],
    'supplier-bill': ['outstanding', 'paid', 'void'],
  };
  const LABEL: Record<DocumentType, string> = {
    quote: 'a quote',
    'sales-order': 'a sales order',
    invoice: 'an invoice',
    job: 'a job',
    'purchase-order': 'a purchase order',
    'supplier-bill': 'a supplier bill',
  };
  const TYPES = Object.keys(STATUSES) as DocumentType[];
  const PAYABLE: DocumentType[] = ['invoice', 'supplier-bill'];
  /** [title label, type] rows for it.each. */
  const rows = (types: DocumentType[]) => types.map((t) => [LABEL[t], t] as const);

  it.each(rows(TYPES))('accepts every status %s has', (_label, type) => {
    for (const status of STATUSES[type]) expect(typeErrors(type, body(type, { status }))).toEqual([]);
  });

  it.each(rows(TYPES))('refuses a status %s does not have, listing the ones it has', (_label, type) => {
    for (const status of [
      'draft',
      ...TYPES.filter((t) => t !== type)
        .flatMap((t) => STATUSES[t])
        .filter((s) => !STATUSES[type].includes(s)),
    ]) {
      expect(typeErrors(type, body(type, { status }))).toEqual([{ name: 'body.status', reason: expect.stringContaining(STATUSES[type].join(', ')) }]);
    }
  });

  it.each(rows(PAYABLE))('lets %s say what has been paid, up to its total', (_label, type) => {
    for (const amountPaid of [0, 1, TOTALS.total]) expect(typeErrors(type, body(type, { amountPaid }))).toEqual([]);
  });

  it.each(rows(PAYABLE))('refuses %s paid above its total', (_label, type) => {
    expect(typeErrors(type, body(type, { amountPaid: TOTALS.total + 1 }))).toEqual([{ name: 'body.amountPaid', reason: 'must not exceed the total' }]);
  });

  it.each(rows(TYPES.filter((t) => !PAYABLE.includes(t))))('refuses amountPaid on %s, even zero, once: not also by the rules for invoices', (_label, type) => {
    // More than the total too: the invoice's "must not exceed the total" is not a second error here.
    for (const amountPaid of [0, 100, TOTALS.total + 1])
      expect(typeErrors(type, body(type, { amountPaid }))).toEqual([{ name: 'body.amountPaid', reason: 'applies to invoices and supplier bills only' }]);
  });

  describe('negative totals', () => {
    /** A return less a restocking fee: −100.00 + 20.00 = −80.00, tax −16.00. */
    const returned: Line = { description: 'Returned sign', quantity: -1, unitPrice: 10000, discount: 0, tax: -2000, total: -12000 };
    const fee: Line = { description: 'Restocking fee', quantity: 1, unitPrice: 2000, discount: 0, tax: 400, total: 2400 };
    const CREDIT = { subtotal: -8000, tax: -1600, total: -9600 };
    const creditBody = (type: DocumentType, overrides: Partial<PublishDocumentBody> = {}) =>
      body(type, { lines: [returned, fee], totals: CREDIT, ...overrides });

    it.each(rows(PAYABLE))('takes %s with a negative total as a credit note, amountPaid 0 (none used) included', (_label, type) => {
      expect(totalsErrors(creditBody(type))).toEqual([]);
      for (const amountPaid of [undefined, 0, 1, 9600]) expect(typeErrors(type, creditBody(type, { amountPaid }))).toEqual([]);
    });

    it.each(rows(PAYABLE))('refuses more of a credit note used than its credit, naming body.amountPaid', (_label, type) => {
      expect(typeErrors(type, creditBody(type, { amountPaid: 9601 }))).toEqual([
        { name: 'body.amountPaid', reason: expect.stringContaining('credit of 9600') },
      ]);
    });

    it.each(rows(TYPES.filter((t) => !PAYABLE.includes(t))))(
      'refuses %s with a negative total, naming body.totals.total and the credit note',
      (_label, type) => {
        expect(typeErrors(type, creditBody(type))).toEqual([
          { name: 'body.totals.total', reason: expect.stringMatching(/^must not be negative .*credit note/) },
        ]);
      },
    );

    it.each(rows(TYPES))('takes negative lines (discounts, returns) on %s whose total is zero or more', (_label, type) => {
      const discount: Line = { description: 'Loyalty discount', quantity: 1, unitPrice: -1000, discount: 0, tax: -200, total: -1200 };
      expect(typeErrors(type, body(type, { lines: [vinyl, discount], totals: { subtotal: 8000, tax: 1600, total: 9600 } }))).toEqual([]);
      expect(
        typeErrors(
          type,
          body(type, { lines: [returned, { ...returned, quantity: 1, unitPrice: 10000, tax: 2000, total: 12000 }], totals: { subtotal: 0, tax: 0, total: 0 } }),
        ),
      ).toEqual([]);
    });
  });

  it('lets a job say whether approval is required', () => {
    expect(typeErrors('job', body('job', { approvalRequired: true }))).toEqual([]);
    expect(typeErrors('job', body('job', { approvalRequired: false }))).toEqual([]);
  });

  it.each(rows(TYPES.filter((t) => t !== 'job')))('refuses approvalRequired on %s, true or false', (_label, type) => {
    for (const approvalRequired of [true, false])
      expect(typeErrors(type, body(type, { approvalRequired }))).toEqual([{ name: 'body.approvalRequired', reason: 'applies to jobs only' }]);
  });

  it('refuses a due date before the issue date, and accepts one on or after it', () => {
    expect(typeErrors('invoice', body('invoice', { dueDate: '2026-11-22' }))).toEqual([{ name: 'body.dueDate', reason: 'must not be before the issue date' }]);
    expect(typeErrors('invoice', body('invoice', { dueDate: '2026-11-23' }))).toEqual([]);
    expect(typeErrors('invoice', body('invoice', { dueDate: '2026-12-23' }))).toEqual([]);
  });

  it('refuses an expiry date before the issue date, and accepts one on or after it', () => {
    expect(typeErrors('quote', body('quote', { expiryDate: '2026-11-22' }))).toEqual([
      { name: 'body.expiryDate', reason: 'must not be before the issue date' },
    ]);
    expect(typeErrors('quote', body('quote', { expiryDate: '2026-11-23' }))).toEqual([]);
    expect(typeErrors('quote', body('quote', { expiryDate: '2026-12-23' }))).toEqual([]);
  });

  it('compares dates as dates across months and years', () => {
    expect(names(typeErrors('invoice', body('invoice', { issueDate: '2026-10-31', dueDate: '2026-09-30' })))).toEqual(['body.dueDate']);
    expect(typeErrors('invoice', body('invoice', { issueDate: '2026-12-31', dueDate: '2027-01-01' }))).toEqual([]);
  });

  it('accepts attachments with distinct ids', () => {
    expect(typeErrors('job', body('job', { attachments: [attachment('a1'), attachment('a2')] }))).toEqual([]);
  });

  it('names every attachment that reuses an earlier attachment id, by its place', () => {
    const attachments = [attachment('a1'), attachment('a2'), attachment('a1', 'copy.pdf'), attachment('a1', 'again.pdf'), attachment('a2', 'other.pdf')];
    expect(typeErrors('job', body('job', { attachments }))).toEqual(
      [2, 3, 4].map((i) => ({ name: `body.attachments.${i}.attachmentId`, reason: 'is used by another attachment of this document' })),
    );
  });

  it('lists every rule broken at once', () => {
    const errors = typeErrors(
      'quote',
      body('quote', {
        status: 'paid',
        amountPaid: 1,
        approvalRequired: true,
        dueDate: '2026-01-01',
        expiryDate: '2026-01-01',
        attachments: [attachment('a1'), attachment('a1')],
      }),
    );
    expect(names(errors)).toEqual([
      'body.status',
      'body.amountPaid',
      'body.approvalRequired',
      'body.dueDate',
      'body.expiryDate',
      'body.attachments.1.attachmentId',
    ]);
  });
});

describe('canonicalJson', () => {
  it('writes object keys in sorted order', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts keys by UTF-16 code unit, whatever order they were inserted in', () => {
    expect(canonicalJson({ a: 1, B: 2, _: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"B":2,"_":3,"a":1}');
  });

  it('sorts at every level, objects inside arrays included', () => {
    expect(canonicalJson({ z: { y: 1, x: [{ b: 1, a: 2 }] }, a: null })).toBe('{"a":null,"z":{"x":[{"a":2,"b":1}],"y":1}}');
  });

  it('writes the same text for the same content in any key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: [3] } })).toBe(canonicalJson({ b: { d: [3], c: 2 }, a: 1 }));
  });

  it('drops undefined properties, at every level', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined, e: 2 } })).toBe('{"b":1,"c":{"e":2}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
  });

  it('writes primitives as JSON does', () => {
    expect(canonicalJson('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(-3)).toBe('-3');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('writes JSON that reads back as the same value', () => {
    const value = { lines: [{ description: 'Naïve café ✓', quantity: 1.5 }], totals: { total: -10 }, flag: false, none: null };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

/** Fixtures of both fingerprints. */
/** One change of each published field that is neither status, amountPaid nor notifyContact. */
const contentChanges: Array<[string, Partial<PublishDocumentBody>]> = [
  ['companyId', { companyId: 'company-2' }],
  ['contactId', { contactId: 'contact-2' }],
  ['contactId removed', { contactId: undefined }],
  ['projectId', { projectId: 'project-1' }],
  ['number', { number: 'Q-2002' }],
  ['title', { title: 'Shop-front signage' }],
  ['issueDate', { issueDate: '2026-11-24' }],
  ['dueDate', { dueDate: '2026-12-23' }],
  ['expiryDate', { expiryDate: '2026-12-23' }],
  ['currency', { currency: 'EUR' }],
  ["a line's description", { lines: [{ ...vinyl, description: 'Door vinyl' }, fitting] }],
  ["a line's quantity", { lines: [{ ...vinyl, quantity: 3 }, fitting] }],
  ["a line's unit price", { lines: [{ ...vinyl, unitPrice: 4501 }, fitting] }],
  ["a line's discount", { lines: [{ ...vinyl, discount: 1 }, fitting] }],
  ["a line's tax", { lines: [{ ...vinyl, tax: 1801 }, fitting] }],
  ["a line's tax rate", { lines: [{ ...vinyl, taxRateBps: 2000 }, fitting] }],
  ["a line's total", { lines: [{ ...vinyl, total: 10801 }, fitting] }],
  ["a line's sku", { lines: [{ ...vinyl, sku: 'VIN-1' }, fitting] }],
  ['the order of the lines', { lines: [fitting, vinyl] }],
  ['a line more', { lines: [vinyl, fitting, vinyl] }],
  ['the subtotal', { totals: { ...TOTALS, subtotal: TOTALS.subtotal + 1 } }],
  ['the tax', { totals: { ...TOTALS, tax: TOTALS.tax + 1 } }],
  ['the total', { totals: { ...TOTALS, total: TOTALS.total + 1 } }],
  ['notes', { notes: 'Fitted on site.' }],
  ['terms', { terms: '30 days.' }],
  ['an attachment', { attachments: [attachment('a1')] }],
  ["an attachment's name", { attachments: [attachment('a1', 'other.pdf')] }],
  ['approvalRequired', { approvalRequired: true }],
];
const base = body('quote', { attachments: undefined });
const withAttachment = body('quote', { attachments: [attachment('a1')] });
const baseFor = (field: string) => (field === "an attachment's name" ? withAttachment : base);
/** `base` as canonical JSON, written out by hand, with the type and with or without its status. */
const LINES =
  '[{"description":"Window vinyl","discount":0,"quantity":2,"tax":1800,"total":10800,"unitPrice":4500},{"description":"Fitting","discount":100,"quantity":1.5,"tax":280,"total":1682,"unitPrice":1001}]';
const canonicalBase = (status: string) =>
  `{"companyId":"company-1","contactId":"contact-1","currency":"GBP","issueDate":"2026-11-23","lines":${LINES},"number":"Q-2001",${status}"totals":{"subtotal":10402,"tax":2080,"total":12482},"type":"quote"}`;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('bodyHash', () => {
  it('is a SHA-256 in hex, the same for the same body', () => {
    expect(bodyHash('quote', base)).toMatch(/^[0-9a-f]{64}$/);
    expect(bodyHash('quote', body())).toBe(bodyHash('quote', body()));
  });

  it('is the SHA-256 of the canonical JSON of the type and the whole body, so hashes stored earlier still match', () => {
    expect(bodyHash('quote', base)).toBe(sha256(canonicalBase('"status":"open",')));
  });

  it('does not depend on the order of the fields, or on fields given as undefined', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as PublishDocumentBody;
    expect(bodyHash('quote', reordered)).toBe(bodyHash('quote', base));
    expect(bodyHash('quote', { ...base, title: undefined, notes: undefined })).toBe(bodyHash('quote', base));
  });

  it('ignores notifyContact', () => {
    const hash = bodyHash('quote', base);
    expect(bodyHash('quote', { ...base, notifyContact: true })).toBe(hash);
    expect(bodyHash('quote', { ...base, notifyContact: false })).toBe(hash);
  });

  it('changes with the status and with amountPaid', () => {
    expect(bodyHash('quote', { ...base, status: 'accepted' })).not.toBe(bodyHash('quote', base));
    expect(bodyHash('invoice', body('invoice', { amountPaid: 100 }))).not.toBe(bodyHash('invoice', body('invoice', { amountPaid: 0 })));
    expect(bodyHash('invoice', body('invoice', { amountPaid: 0 }))).not.toBe(bodyHash('invoice', body('invoice')));
  });

  it('changes with the type', () => {
    expect(bodyHash('sales-order', base)).not.toBe(bodyHash('quote', base));
  });

  it.each(contentChanges)('changes with %s', (field, change) => {
    expect(bodyHash('quote', { ...baseFor(field), ...change })).not.toBe(bodyHash('quote', baseFor(field)));
  });
});

describe('contentHash', () => {
  it('is a SHA-256 in hex, different from the body hash', () => {
    expect(contentHash('quote', base)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash('quote', base)).not.toBe(bodyHash('quote', base));
  });

  it('is the SHA-256 of the canonical JSON of the type and the body but its status, so acceptances and signatures stored earlier still match', () => {
    expect(contentHash('quote', base)).toBe(sha256(canonicalBase('')));
  });

  it('ignores the status, so the CRM syncing "accepted" back voids nothing', () => {
    expect(contentHash('quote', { ...base, status: 'accepted' })).toBe(contentHash('quote', base));
  });

  it('ignores amountPaid, so a payment voids nothing', () => {
    const invoice = body('invoice');
    expect(contentHash('invoice', { ...invoice, amountPaid: 500 })).toBe(contentHash('invoice', invoice));
    expect(contentHash('invoice', { ...invoice, amountPaid: 0 })).toBe(contentHash('invoice', invoice));
  });

  it('ignores notifyContact', () => {
    expect(contentHash('quote', { ...base, notifyContact: false })).toBe(contentHash('quote', base));
  });

  it('does not depend on the order of the fields', () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as PublishDocumentBody;
    expect(contentHash('quote', reordered)).toBe(contentHash('quote', base));
  });

  it('changes with the type', () => {
    expect(contentHash('sales-order', base)).not.toBe(contentHash('quote', base));
  });

  it.each(contentChanges)('changes with %s', (field, change) => {
    expect(contentHash('quote', { ...baseFor(field), ...change })).not.toBe(contentHash('quote', baseFor(field)));
  });
});
