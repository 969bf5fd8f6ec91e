import { agingDeltas, ledgerMoves, type LedgerDocument, type LedgerMove } from '../../functions/documents/statements/ledgerMoves';
import { addDays, agingBucket, buildStatement, sumAging, type StatementInput } from '../../functions/documents/statements/statementArithmetic';
import { balanceOf } from '../../functions/documents/documentState';

/**
 * The statement's arithmetic, pure: the movements an invoice write makes (ledgerMoves) and
 * the statement built from them (buildStatement). A small in-memory ledger here applies
 * writes the way documentRepository.save does, so opening, closing and aging are checked
 * against what the invoices say.
 */

type Doc = LedgerDocument & { amountPaid?: number };

function invoice(id: string, overrides: Partial<Doc> = {}): Doc {
  const d: Doc = {
    type: 'invoice',
    documentId: id,
    companyId: 'co_1',
    currency: 'GBP',
    number: id.toUpperCase(),
    status: 'outstanding',
    issueDate: '2026-01-10',
    dueDate: '2026-02-09',
    totals: { total: 10_000 },
    ...overrides,
  };
  return withBalance(d);
}
/** The balance as publishing and the webhook store it (documentState.balanceOf). */
function withBalance(d: Doc): Doc {
  return {
    ...d,
    balance: balanceOf({
      type: 'invoice',
      status: d.status,
      totals: { subtotal: 0, tax: 0, total: d.totals.total },
      amountPaid: d.amountPaid,
      portalPaid: d.portalPaid,
    }),
  };
}

/** The ledger of one company and currency as the repository keeps it: movements, and each invoice's own. */
class Ledger {
  moves: LedgerMove[] = [];
  stored = new Map<string, Doc>();
  /** The DUE item of each currency's ledger, as the repository's atomic adds leave it. */
  due = new Map<string, Record<string, number>>();

  write(next: Doc, today: string): LedgerMove[] {
    const doc = withBalance(next);
    const previous = this.stored.get(doc.documentId);
    const moves = ledgerMoves(previous, doc, today);
    this.moves.push(...moves);
    for (const currency of ['GBP', 'EUR']) {
      const item = this.due.get(currency) ?? {};
      for (const [k, v] of Object.entries(agingDeltas(previous, doc, { companyId: 'co_1', currency }))) item[k] = (item[k] ?? 0) + v;
      this.due.set(currency, item);
    }
    this.stored.set(doc.documentId, { ...doc, ledgered: true });
    return moves;
  }

  update(id: string, change: Partial<Doc>, today: string): LedgerMove[] {
    return this.write({ ...this.stored.get(id)!, ...change }, today);
  }

  statement(from: string, to: string, currency = 'GBP'): ReturnType<typeof buildStatement> {
    const mine = this.moves.filter((m) => m.currency === currency).sort((a, b) => a.date.localeCompare(b.date));
    const month = from.slice(0, 7);
    const movedSince = [...new Set(mine.filter((m) => m.date > to).map((m) => m.documentId))].map((id) => {
      const d = this.stored.get(id)!;
      return {
        documentId: id,
        number: d.number,
        issueDate: d.issueDate,
        ...(d.dueDate ? { dueDate: d.dueDate } : {}),
        moves: mine.filter((m) => m.documentId === id).map((m) => ({ on: m.date, amount: m.amount })),
      };
    });
    const openNow = { owed: {} as Record<string, number>, credit: {} as Record<string, number> };
    for (const [k, v] of Object.entries(this.due.get(currency) ?? {})) {
      const day = `${k.slice(2, 6)}-${k.slice(6, 8)}-${k.slice(8, 10)}`;
      if (v) openNow[k.startsWith('o_') ? 'owed' : 'credit'][day] = v;
    }
    const input: StatementInput = {
      company: { companyId: 'co_1', name: 'Acme' },
      currency,
      currencies: [currency],
      from,
      to,
      netBeforeMonth: mine.filter((m) => m.date.slice(0, 7) < month).reduce((s, m) => s + m.amount, 0),
      entries: mine.filter((m) => m.date >= `${month}-01` && m.date <= to),
      openNow,
      movedSince,
    };
    return buildStatement(input);
  }
}

describe('ledger movements', () => {
  it('enters a new invoice on its issue date, and later payments on the day they are written', () => {
    const ledger = new Ledger();
    expect(ledger.write(invoice('a'), '2026-01-12')).toEqual([expect.objectContaining({ date: '2026-01-10', kind: 'invoice', amount: 10_000 })]);
    expect(ledger.update('a', { amountPaid: 4_000 }, '2026-02-01')).toEqual([expect.objectContaining({ date: '2026-02-01', kind: 'payment', amount: -4_000 })]);
    expect(ledger.update('a', { portalPaid: 6_000 }, '2026-02-03')).toEqual([
      expect.objectContaining({ date: '2026-02-03', kind: 'online-payment', amount: -6_000 }),
    ]);
    expect(ledger.update('a', { portalPaid: 5_000 }, '2026-02-04')).toEqual([expect.objectContaining({ kind: 'refund', amount: 1_000 })]);
    // A republish with nothing that moves money moves nothing.
    expect(ledger.update('a', { number: 'A-RENAMED' }, '2026-02-05')).toEqual([]);
  });

  it('an invoice published already part paid enters with its charge and the payment on the day it is first written', () => {
    const moves = new Ledger().write(invoice('a', { amountPaid: 2_500 }), '2026-03-01');
    expect(moves.map((m) => [m.date, m.kind, m.amount])).toEqual([
      ['2026-01-10', 'invoice', 10_000],
      ['2026-03-01', 'payment', -2_500],
    ]);
  });

  it('credit notes enter as credits and their use moves the other way', () => {
    const ledger = new Ledger();
    expect(ledger.write(invoice('cn', { totals: { total: -3_000 } }), '2026-01-10')).toEqual([
      expect.objectContaining({ kind: 'credit-note', amount: -3_000 }),
    ]);
    expect(ledger.update('cn', { amountPaid: 1_000 }, '2026-01-20')).toEqual([expect.objectContaining({ kind: 'credit-applied', amount: 1_000 })]);
    expect(ledger.update('cn', { status: 'paid' }, '2026-01-25')).toEqual([expect.objectContaining({ kind: 'credit-applied', amount: 2_000 })]);
  });

  it('a void or withdrawn invoice takes off what it still added; an amended total is an adjustment', () => {
    const ledger = new Ledger();
    ledger.write(invoice('a', { amountPaid: 1_000 }), '2026-01-10');
    expect(ledger.update('a', { totals: { total: 12_000 } }, '2026-01-11')).toEqual([expect.objectContaining({ kind: 'adjustment', amount: 2_000 })]);
    expect(ledger.update('a', { status: 'void' }, '2026-01-12')).toEqual([expect.objectContaining({ kind: 'void', amount: -11_000 })]);
    ledger.write(invoice('b'), '2026-01-10');
    expect(ledger.update('b', { withdrawnAt: '2026-01-13T00:00:00Z' }, '2026-01-13')).toEqual([
      expect.objectContaining({ kind: 'withdrawn', amount: -10_000 }),
    ]);
  });

  it('an invoice moved to another currency leaves one ledger and enters the other', () => {
    const ledger = new Ledger();
    ledger.write(invoice('a'), '2026-01-10');
    const moves = ledger.update('a', { currency: 'EUR' }, '2026-01-15');
    expect(moves.map((m) => [m.currency, m.kind, m.amount])).toEqual([
      ['GBP', 'adjustment', -10_000],
      ['EUR', 'invoice', 10_000],
    ]);
  });

  it('an invoice stored before the ledger enters it as stored (paid as of its last write), then with the change', () => {
    const legacy = invoice('old', { amountPaid: 3_000, updatedAt: '2026-02-01T10:00:00.000Z' });
    const moves = ledgerMoves({ ...legacy, ledgered: undefined }, withBalance({ ...legacy, amountPaid: 5_000 }), '2026-04-01');
    expect(moves.map((m) => [m.date, m.kind, m.amount])).toEqual([
      ['2026-01-10', 'invoice', 10_000],
      ['2026-02-01', 'payment', -3_000],
      ['2026-04-01', 'payment', -2_000],
    ]);
    // Withdrawn before the ledger: it enters only if it comes back.
    const gone = { ...legacy, ledgered: undefined, withdrawnAt: '2026-02-01T10:00:00.000Z' };
    expect(ledgerMoves(gone, { ...gone, revision: 2 } as never, '2026-04-01')).toEqual([]);
  });

  it("an invoice's movements always sum to what it adds to the balance now", () => {
    const ledger = new Ledger();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    for (let step = 0; step < 400; step++) {
      const id = `i${random(6)}`;
      const current = ledger.stored.get(id) ?? invoice(id, { totals: { total: 1_000 * (random(20) - 4) || 500 } });
      const total = current.totals.total;
      const change: Partial<Doc> = [
        { amountPaid: Math.abs(total) === 0 ? 0 : random(Math.abs(total) + 1) },
        { portalPaid: total > 0 ? random(total + 1) : 0 },
        { status: ['outstanding', 'void', 'paid'][random(3)]! },
        { withdrawnAt: random(4) === 0 ? '2026-05-01T00:00:00Z' : undefined },
        { totals: { total: 1_000 * (random(20) - 4) || 700 } },
        { currency: random(5) === 0 ? 'EUR' : 'GBP' },
      ][random(6)]!;
      ledger.write({ ...current, ...change }, `2026-0${1 + random(9)}-1${random(10)}`);
    }
    for (const [id, doc] of ledger.stored) {
      for (const currency of ['GBP', 'EUR']) {
        const sum = ledger.moves.filter((m) => m.documentId === id && m.currency === currency).reduce((s, m) => s + m.amount, 0);
        const counted = !doc.withdrawnAt && doc.status !== 'void' && doc.currency === currency;
        expect([id, currency, sum]).toEqual([id, currency, counted ? doc.balance : 0]);
      }
    }
    // And what is open by aging day (the DUE item) adds up to the same balances.
    for (const currency of ['GBP', 'EUR']) {
      const open = Object.entries(ledger.due.get(currency) ?? {}).reduce((t, [k, v]) => t + (k.startsWith('o_') ? v : -v), 0);
      const owed = [...ledger.stored.values()]
        .filter((d) => !d.withdrawnAt && d.status !== 'void' && d.currency === currency)
        .reduce((t, d) => t + (d.balance ?? 0), 0);
      expect([currency, open]).toEqual([currency, owed]);
    }
  });
});

describe('the statement', () => {
  function history(): Ledger {
    const ledger = new Ledger();
    ledger.write(invoice('a', { issueDate: '2026-01-10', dueDate: '2026-02-09' }), '2026-01-10');
    ledger.write(invoice('b', { issueDate: '2026-02-05', dueDate: '2026-03-07', totals: { total: 20_000 } }), '2026-02-05');
    ledger.update('a', { amountPaid: 4_000 }, '2026-02-20');
    ledger.write(invoice('cn', { issueDate: '2026-03-02', dueDate: undefined, totals: { total: -1_500 } }), '2026-03-02');
    ledger.update('b', { portalPaid: 20_000 }, '2026-03-10');
    ledger.update('a', { amountPaid: 10_000 }, '2026-04-15');
    return ledger;
  }

  it('carries the balance from period to period: each opening is the previous closing', () => {
    const ledger = history();
    const jan = ledger.statement('2026-01-01', '2026-01-31');
    const feb = ledger.statement('2026-02-01', '2026-02-28');
    const mar = ledger.statement('2026-03-01', '2026-03-31');
    const q1 = ledger.statement('2026-01-01', '2026-03-31');
    expect([jan.openingBalance, jan.closingBalance]).toEqual([0, 10_000]);
    expect([feb.openingBalance, feb.closingBalance]).toEqual([10_000, 26_000]);
    expect([mar.openingBalance, mar.closingBalance]).toEqual([26_000, 4_500]);
    expect([q1.openingBalance, q1.closingBalance]).toEqual([0, 4_500]);
    expect(q1.totals).toEqual({ invoiced: 30_000, payments: -24_000, credits: -1_500, adjustments: 0 });
  });

  it('gives every entry the running balance, and splits a month at a mid-month start', () => {
    const ledger = history();
    const s = ledger.statement('2026-02-10', '2026-03-05');
    expect(s.openingBalance).toBe(30_000);
    expect(s.entries.map((e) => [e.date, e.kind, e.amount, e.balance])).toEqual([
      ['2026-02-20', 'payment', -4_000, 26_000],
      ['2026-03-02', 'credit-note', -1_500, 24_500],
    ]);
    expect(s.closingBalance).toBe(24_500);
  });

  it('ages what was open on the last day by days past due then, and keeps credit apart', () => {
    const s = history().statement('2026-03-01', '2026-03-31');
    // a: 6,000 open, due 9 Feb, 50 days past due on 31 Mar; b paid; the credit note unused.
    expect(s.aging).toEqual({ current: 0, days1to30: 0, days31to60: 6_000, days61to90: 0, over90: 0 });
    expect(s.unappliedCredit).toBe(1_500);
    expect(sumAging(s.aging) - s.unappliedCredit).toBe(s.closingBalance);
    // On 28 Feb, b was open but not yet due, a 19 days past due.
    const feb = history().statement('2026-02-01', '2026-02-28');
    expect(feb.aging).toEqual({ current: 20_000, days1to30: 6_000, days31to60: 0, days61to90: 0, over90: 0 });
    expect(sumAging(feb.aging) - feb.unappliedCredit).toBe(feb.closingBalance);
  });

  it('puts the buckets at their edges', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual([
      'current',
      'current',
      'days1to30',
      'days1to30',
      'days31to60',
      'days31to60',
      'days61to90',
      'days61to90',
      'over90',
      'over90',
    ]);
  });

  it('beyond the invoices it may read that moved since, what it cannot place is aged over 90 days, and the buckets still add up', () => {
    const s = buildStatement({
      company: { companyId: 'co_1', name: 'Acme' },
      currency: 'GBP',
      currencies: ['GBP'],
      from: '2026-03-01',
      to: '2026-03-31',
      netBeforeMonth: 50_000,
      entries: [],
      openNow: { owed: { '2026-03-31': 5_000 }, credit: {} },
      movedSince: [],
      moreMovedSince: true,
    });
    expect(s.aging).toEqual({ current: 5_000, days1to30: 0, days31to60: 0, days61to90: 0, over90: 45_000 });
  });

  it('ages a past day from what is open now, taking off what moved since', () => {
    const ledger = history();
    // In April a was paid in full; on 31 March it still had 6,000 open, 50 days past due.
    expect(ledger.statement('2026-03-01', '2026-03-31').aging.days31to60).toBe(6_000);
    expect(ledger.statement('2026-04-01', '2026-04-30').aging).toEqual({ current: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 });
    // Every day of the history ages to its closing balance.
    for (let d = 0; d < 120; d++) {
      const day = addDays('2026-01-01', d);
      const s = ledger.statement(day, day);
      expect([day, sumAging(s.aging) - s.unappliedCredit]).toEqual([day, s.closingBalance]);
    }
  });

  it('an empty period still has its opening and closing balance', () => {
    const s = history().statement('2026-06-01', '2026-06-30');
    expect([s.openingBalance, s.closingBalance, s.entries.length]).toEqual([-1_500, -1_500, 0]);
    expect(s.unappliedCredit).toBe(1_500);
  });
});
