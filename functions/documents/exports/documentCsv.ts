import { stringify } from 'csv-stringify/sync';
import { documentLabel, type DocumentSummary, type DocumentType } from '../../../shared/api/documents';

/**
 * A list of documents as CSV, with csv-stringify doing the quoting (commas, quotes, line
 * breaks in titles) and guarding against formula injection: its `escape_formulas` puts
 * an apostrophe before any cell that starts with = + - @ tab or CR (and their full-width
 * forms), so a title like `=HYPERLINK(…)` from a CRM shows as text in Excel, Sheets or
 * Numbers instead of running. Amounts are our own numbers, never text a formula could
 * hide in: a negative one (a credit note) keeps its minus sign.
 *
 * The file starts with a byte-order mark so Excel reads it as UTF-8 (names in any script).
 * Amounts are in the currency's major unit with its own decimals (12.50 GBP, 1250 JPY),
 * dates ISO (2026-12-03), so a spreadsheet reads both as numbers and dates.
 */

/** An amount in minor units of a currency, written by `cast.object` below. */
class Amount {
  constructor(
    readonly minor: number,
    readonly currency: string,
  ) {}

  toString(): string {
    const digits = currencyDigits(this.currency);
    return (this.minor / 10 ** digits).toFixed(digits);
  }
}

/** Decimals per currency, looked up once each (an Intl.NumberFormat per cell cost most of an export's time). */
const DIGITS = new Map<string, number>();
function currencyDigits(currency: string): number {
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-GB', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    DIGITS.set(currency, digits);
  }
  return digits;
}

/** The date column each type's list shows besides Issued. */
const DATE_COLUMN: Record<DocumentType, { key: 'dueDate' | 'expiryDate'; label: string }> = {
  quote: { key: 'expiryDate', label: 'Valid until' },
  'sales-order': { key: 'dueDate', label: 'Due' },
  invoice: { key: 'dueDate', label: 'Due' },
  job: { key: 'dueDate', label: 'Due' },
  'purchase-order': { key: 'dueDate', label: 'Delivery due' },
  'supplier-bill': { key: 'dueDate', label: 'Due' },
};

/** "in-progress" → "In progress": the state as the list's badge names it. */
const stateLabel = (state: string) => (state.charAt(0).toUpperCase() + state.slice(1)).replaceAll('-', ' ');

export function documentsCsv(type: DocumentType, rows: readonly DocumentSummary[]): string {
  const billing = type === 'invoice' || type === 'supplier-bill';
  const date = DATE_COLUMN[type];
  const header = [
    'Number',
    'Title',
    'Kind',
    'Status',
    'Issued',
    date.label,
    'Currency',
    'Subtotal',
    'Tax',
    'Total',
    ...(billing ? ['Balance', 'Credit left'] : []),
  ];
  const records = rows.map((d) => [
    d.number,
    d.title ?? '',
    documentLabel(d),
    stateLabel(d.state),
    d.issueDate,
    d[date.key] ?? '',
    d.currency,
    new Amount(d.totals.subtotal, d.currency),
    new Amount(d.totals.tax, d.currency),
    new Amount(d.totals.total, d.currency),
    ...(billing ? [d.balance !== undefined ? new Amount(d.balance, d.currency) : '', d.credit !== undefined ? new Amount(d.credit, d.currency) : ''] : []),
  ]);
  return stringify([header, ...records], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
    // Our own amounts are numbers, not text: written as they are, never taken for a formula.
    cast: { object: (value) => (value instanceof Amount ? { value: value.toString(), escape_formulas: false } : JSON.stringify(value)) },
  });
}
