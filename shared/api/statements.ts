import * as z from 'zod/mini';
import { id, lazily } from './common';
import { currency, type DocumentPdfReply, isoDate } from './documents';

/**
 * The statement of account: per company and currency, for a period, what the company
 * owed at its start, the invoices, payments and credits in it, what it owed at its end,
 * and how old what was still open at the end is. Amounts are minor units, positive = the
 * company owes the business.
 */

/** A statement covers at most this many days (a year, leap or not): its reads are bounded by it. */
export const STATEMENT_MAX_DAYS = 366;
/** A statement lists at most this many entries; a busier period is a 422 asking for a shorter one. */
export const STATEMENT_MAX_ENTRIES = 1000;

/** `?currency=&from=&to=`: the period's first and last day, inclusive (UTC dates). All optional: this month, the first currency. */
export const statementQuery = lazily(() =>
  z.strictObject({
    currency: z.optional(currency),
    from: z.optional(isoDate),
    to: z.optional(isoDate),
  }),
);
export type StatementQuery = z.output<typeof statementQuery>;

export const companyStatementPath = lazily(() => z.strictObject({ companyId: id }));

/** What moved a company's balance: an invoice or credit note issued, a payment, a credit used, a correction. */
export type StatementEntryKind = 'invoice' | 'credit-note' | 'payment' | 'online-payment' | 'refund' | 'credit-applied' | 'adjustment' | 'void' | 'withdrawn';

export interface StatementEntry {
  date: string;
  kind: StatementEntryKind;
  /** The invoice or credit note it is about. */
  documentId: string;
  number: string;
  /** Invoices and credit notes: when it is due. */
  dueDate?: string;
  /** Positive: owed more; negative: owed less. */
  amount: number;
  /** The balance after this entry. */
  balance: number;
}

export interface StatementAging {
  current: number;
  days1to30: number;
  days31to60: number;
  days61to90: number;
  over90: number;
}

export interface StatementView {
  company: { companyId: string; name: string };
  /** Null when the company has nothing in any currency yet. */
  currency: string | null;
  /** Every currency the company has a ledger in, for the picker. */
  currencies: string[];
  from: string;
  to: string;
  openingBalance: number;
  /** The period's sums by kind: invoiced (≥ 0), payments (≤ 0: CRM and online, net of refunds), credits (≤ 0: credit notes issued net of credit used), adjustments (corrections, voids, withdrawals). */
  totals: { invoiced: number; payments: number; credits: number; adjustments: number };
  entries: StatementEntry[];
  closingBalance: number;
  /** What was still owed at the period's end, by days past due on that day (invoices without a due date count from their issue date). */
  aging: StatementAging;
  /** Credit still in the company's favour at the period's end (credit notes not yet used, overpayments), as a positive amount. */
  unappliedCredit: number;
}

/** GET …/statement/pdf: the link once the PDF of the statement as it is now exists, else 202 while the `pdf` Lambda renders it (as a document's PDF). */
export type StatementPdfReply = DocumentPdfReply;
