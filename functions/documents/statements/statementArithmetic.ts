import type { StatementAging, StatementEntry, StatementView } from '../../../shared/api/statements';
import type { LedgerEntryRecord, OpenItemRecord } from './ledgerRepository';

/**
 * A statement from what the ledger holds (pure, so its arithmetic is tested alone):
 * opening = the net of everything before the period; each entry carries the running
 * balance; closing = opening + the period's entries; the aging splits what each invoice
 * still added on the period's last day by how many days past due it was then.
 */

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface StatementInput {
  company: { companyId: string; name: string };
  currency: string | null;
  currencies: string[];
  from: string;
  to: string;
  /** The net of the years and months before the period's first month. */
  netBeforeMonth: number;
  /** The movements from the first day of the period's first month to its last day, oldest first. */
  entries: LedgerEntryRecord[];
  /** Invoices open on `to` or settled after it, in the index's order: settled ones, then open ones by due date. */
  openItems: OpenItemRecord[];
  /** Whether more open items exist than were read (the aging puts the rest in the last one's bucket). */
  moreOpenItems?: boolean;
}

export function emptyAging(): StatementAging {
  return { current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
}

/** The bucket of an amount `daysPastDue` days past due (0 or less: not due yet). */
export function agingBucket(daysPastDue: number): keyof StatementAging {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days1to30';
  if (daysPastDue <= 60) return 'days31to60';
  if (daysPastDue <= 90) return 'days61to90';
  return 'over90';
}

export function buildStatement(input: StatementInput): StatementView {
  const { from, to } = input;
  let opening = input.netBeforeMonth;
  const entries: StatementEntry[] = [];
  const totals = { invoiced: 0, payments: 0, credits: 0, adjustments: 0 };
  let balance = 0;
  for (const e of input.entries) {
    if (e.date < from) {
      opening += e.amount;
      continue;
    }
    if (e.date > to) continue;
    if (entries.length === 0) balance = opening;
    balance += e.amount;
    entries.push({
      date: e.date,
      kind: e.kind,
      documentId: e.documentId,
      number: e.number,
      ...(e.dueDate ? { dueDate: e.dueDate } : {}),
      amount: e.amount,
      balance,
    });
    totals[totalOf(e.kind)] += e.amount;
  }
  const closing = entries.length ? balance : opening;

  const aging = emptyAging();
  let unappliedCredit = 0;
  for (const item of input.openItems) {
    const open = item.moves.filter((m) => m.on <= to).reduce((s, m) => s + m.amount, 0);
    if (open > 0) aging[agingBucket(daysBetween(item.dueDate ?? item.issueDate, to))] += open;
    else if (open < 0) unappliedCredit -= open;
  }
  const last = input.openItems.at(-1);
  if (input.moreOpenItems && last) {
    // Beyond the read bound: invoices open now, due no earlier than the last one read (the index's order), so
    // no more days past due than it: what the closing balance holds beyond the items read counts in its bucket.
    const rest = closing - (sumAging(aging) - unappliedCredit);
    if (rest > 0) aging[agingBucket(daysBetween(last.dueDate ?? last.issueDate, to))] += rest;
    else unappliedCredit -= rest;
  }
  return {
    company: input.company,
    currency: input.currency,
    currencies: input.currencies,
    from,
    to,
    openingBalance: opening,
    totals,
    entries,
    closingBalance: closing,
    aging,
    unappliedCredit,
  };
}

export const sumAging = (a: StatementAging) => a.current + a.days1to30 + a.days31to60 + a.days61to90 + a.over90;

function totalOf(kind: StatementEntry['kind']): 'invoiced' | 'payments' | 'credits' | 'adjustments' {
  switch (kind) {
    case 'invoice':
      return 'invoiced';
    case 'payment':
    case 'online-payment':
    case 'refund':
      return 'payments';
    case 'credit-note':
    case 'credit-applied':
      return 'credits';
    default:
      return 'adjustments';
  }
}
