import type { StatementAging, StatementEntry, StatementView } from '../../../shared/api/statements';
import type { LedgerEntryRecord, OpenByDay, OpenItemRecord } from './ledgerRepository';

/**
 * A statement from what the ledger holds (pure, so its arithmetic is tested alone):
 * opening = the net of everything before the period; each entry carries the running
 * balance; closing = opening + the period's entries; the aging splits what each invoice
 * still added on the period's last day by how many days past due it was then: what is open
 * now by aging day, less what the invoices that moved since then moved after it.
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
  /** What is open now, by aging day (the ledger's DUE item). */
  openNow: OpenByDay;
  /** The invoices with a movement after `to`, with all their movements. */
  movedSince: OpenItemRecord[];
  /** Whether more invoices moved since than were read (the aging then puts what it cannot place in "over 90 days" or credit). */
  moreMovedSince?: boolean;
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
  const place = (amount: number, day: string, sign: 1 | -1) => {
    if (amount > 0) aging[agingBucket(daysBetween(day, to))] += sign * amount;
    else if (amount < 0) unappliedCredit -= sign * amount;
  };
  for (const [day, amount] of Object.entries(input.openNow.owed)) place(amount, day, 1);
  for (const [day, amount] of Object.entries(input.openNow.credit)) place(-amount, day, 1);
  // An invoice that moved since `to`: what it adds now comes off, what it added on `to` goes on.
  for (const item of input.movedSince) {
    const day = item.dueDate ?? item.issueDate;
    place(
      item.moves.reduce((s, m) => s + m.amount, 0),
      day,
      -1,
    );
    place(
      item.moves.filter((m) => m.on <= to).reduce((s, m) => s + m.amount, 0),
      day,
      1,
    );
  }
  if (input.moreMovedSince) {
    // Beyond the read bound the buckets are not exact; they still add up to the closing balance.
    const rest = closing - (sumAging(aging) - unappliedCredit);
    if (rest > 0) aging.over90 += rest;
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
