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

/** What the invoice adds to the balance of one ledger after the write (for its open-item record). */
export function openAmount(doc: LedgerDocument, ledger: { companyId: string; currency: string }): number {
  const s = standing(doc, true);
  return s && s.companyId === ledger.companyId && s.currency === ledger.currency ? s.balance : 0;
}
