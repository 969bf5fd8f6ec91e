import type { StatementEntryKind } from '../../../shared/api/statements';

/**
 * What an invoice write does to its company's ledger (pure): the dated movements between
 * the invoice as it was and as it is now. One invariant makes every statement add up:
 * the movements of an invoice always sum to what it adds to the company's balance now —
 * its `balance` (total − paid) while it is in the portal and not void, else 0. Dates are
 * the presentation: an invoice or credit note enters on its issue date, every later
 * change (a payment from the CRM or online, a refund, a correction, a void) on the day
 * it is written, never before the issue date.
 */

/** The parts of a stored invoice the ledger reads. */
export interface LedgerDocument {
  type: string;
  documentId: string;
  companyId: string;
  currency: string;
  number: string;
  status: string;
  issueDate: string;
  dueDate?: string;
  totals: { total: number };
  balance?: number;
  portalPaid?: number;
  withdrawnAt?: string;
  /** When it was last written: for an invoice from before the ledger, when Portico learnt what it had been paid. */
  updatedAt?: string;
  /** Set on every invoice written since the ledger exists: its movements are in it. */
  ledgered?: boolean;
}

export interface LedgerMove {
  companyId: string;
  currency: string;
  date: string;
  kind: StatementEntryKind;
  amount: number;
  documentId: string;
  number: string;
  dueDate?: string;
}

/** An invoice's effect on the balance, split as the statement shows it. */
interface Standing {
  companyId: string;
  currency: string;
  total: number;
  online: number;
  /** What the CRM says was settled outside Portico: paid on an invoice, credit used on a credit note (negative). */
  settled: number;
  balance: number;
}

/** What the invoice adds to its company's balance now, or nothing (not an invoice, withdrawn, void, or not yet in the ledger). */
export function standing(doc: LedgerDocument | undefined, inLedger: boolean): Standing | undefined {
  if (!doc || !inLedger || doc.type !== 'invoice' || doc.withdrawnAt || doc.status === 'void') return undefined;
  const balance = doc.balance ?? doc.totals.total;
  const online = doc.portalPaid ?? 0;
  return { companyId: doc.companyId, currency: doc.currency, total: doc.totals.total, online, settled: doc.totals.total - balance - online, balance };
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The movements of one write. `previous` counts only if it was already in the ledger: an
 * invoice published before the ledger existed enters it at its next write, as it was
 * stored (its payments dated on its last write before), then with this write's change.
 */
export function ledgerMoves(previous: LedgerDocument | undefined, next: LedgerDocument, today: string): LedgerMove[] {
  if (previous && !previous.ledgered && previous.updatedAt) {
    // From before the ledger: it enters as it was stored (paid as of its last write, when Portico learnt of it), then this write's change.
    return [...ledgerMoves(undefined, previous, previous.updatedAt.slice(0, 10)), ...ledgerMoves({ ...previous, ledgered: true }, next, today)];
  }
  const before = standing(previous, previous?.ledgered === true);
  const after = standing(next, true);
  const moves: LedgerMove[] = [];
  const about = (doc: LedgerDocument) => ({ documentId: doc.documentId, number: doc.number, ...(doc.dueDate ? { dueDate: doc.dueDate } : {}) });
  const sameLedger = before && after && before.companyId === after.companyId && before.currency === after.currency;

  if (before && !sameLedger) {
    // Leaves this ledger (void, withdrawn, or moved to another company or currency): what it still added is taken off today.
    const kind: StatementEntryKind = next.withdrawnAt ? 'withdrawn' : next.status === 'void' ? 'void' : 'adjustment';
    if (before.balance !== 0)
      moves.push({
        companyId: before.companyId,
        currency: before.currency,
        date: later(today, previous!.issueDate),
        kind,
        amount: -before.balance,
        ...about(previous!),
      });
  }
  if (!after) return moves;
  const at = { companyId: after.companyId, currency: after.currency };
  const day = later(today, next.issueDate);
  const credit = after.total < 0;
  const from = sameLedger ? before : { total: 0, online: 0, settled: 0 };
  if (!sameLedger) moves.push({ ...at, date: next.issueDate, kind: credit ? 'credit-note' : 'invoice', amount: after.total, ...about(next) });
  else if (after.total !== from.total) moves.push({ ...at, date: day, kind: 'adjustment', amount: after.total - from.total, ...about(next) });
  const settled = after.settled - from.settled;
  if (settled !== 0) moves.push({ ...at, date: day, kind: credit || from.total < 0 ? 'credit-applied' : 'payment', amount: -settled, ...about(next) });
  const online = after.online - from.online;
  if (online !== 0) moves.push({ ...at, date: day, kind: online > 0 ? 'online-payment' : 'refund', amount: -online, ...about(next) });
  return moves;
}

/** The day an invoice is aged from: its due date, else its issue date. */
export const agingDay = (doc: Pick<LedgerDocument, 'dueDate' | 'issueDate'>): string => doc.dueDate ?? doc.issueDate;

/**
 * How a write moves a ledger's open amounts by aging day (the `DUE` item): what the invoice
 * still added is taken off its old day and what it adds now put on its new one — owed
 * amounts under `o_<yyyymmdd>`, credit (a negative open amount, as a positive number) under
 * `c_<yyyymmdd>`. Summed over a ledger, they are its balance now.
 */
export function agingDeltas(
  previous: LedgerDocument | undefined,
  next: LedgerDocument,
  ledger: { companyId: string; currency: string },
): Record<string, number> {
  const adds: Record<string, number> = {};
  const put = (doc: LedgerDocument | undefined, inLedger: boolean, sign: 1 | -1) => {
    const s = standing(doc, inLedger);
    if (!doc || !s || s.companyId !== ledger.companyId || s.currency !== ledger.currency || s.balance === 0) return;
    const key = `${s.balance > 0 ? 'o' : 'c'}_${agingDay(doc).replaceAll('-', '')}`;
    adds[key] = (adds[key] ?? 0) + sign * Math.abs(s.balance);
  };
  put(previous, previous?.ledgered === true, -1);
  put(next, true, 1);
  return Object.fromEntries(Object.entries(adds).filter(([, v]) => v !== 0));
}

/** The ledgers an invoice is in before and after a write. */
export function ledgersOf(previous: LedgerDocument | undefined, next: LedgerDocument): Array<{ companyId: string; currency: string }> {
  const found = [standing(previous, previous?.ledgered === true), standing(next, true)].filter((s): s is Standing => !!s);
  const seen = new Map(found.map((s) => [`${s.companyId}\u0000${s.currency}`, { companyId: s.companyId, currency: s.currency }]));
  return [...seen.values()];
}
