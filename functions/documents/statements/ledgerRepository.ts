import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, Expr, marker, queryPage, tableName, updateWrite, type Keys, type QuerySpec, type Write } from '../../table/db';
import { agingDeltas, ledgerMoves, ledgersOf, type LedgerDocument, type LedgerMove } from './ledgerMoves';
import type { StatementEntryKind } from '../../../shared/api/statements';

/**
 * The ledger of a company in one currency: one partition,
 * `TENANT#t#COMPANY#c#LEDGER#<CUR>`, written in the same transaction as every invoice
 * write (documentRepository.save), so it never disagrees with the invoices:
 * - `E#<date>#<written at>#<document>#<n>`: one item per movement (ledgerMoves), by date;
 * - `M#<YYYY-MM>` and `Y#<YYYY>`: the net of each month's and year's movements (atomic adds),
 *   so an opening balance is the years before the period, the months of its first year
 *   before it, and the days of its first month before it — never a sum over every invoice;
 * - `DUE`: what is open now by aging day (due date, else issue date), one attribute a day,
 *   moved by every write: the aging on any day starts from it;
 * - `I#<document>`: the invoice's own movements (`moves`, date and amount) and dates, found
 *   through gsi1 `…#LEDGER#<CUR>#MOVED` by the day of its latest movement, so the aging on a
 *   past day reads only the invoices that moved since and takes their later movements off.
 * `TENANT#t#COMPANY#c#LEDGERS` / `LEDGERS` names the currencies the company has a ledger in.
 */

const ENTITY = 'ledger';

export const ledgerPartition = (tenantId: string, companyId: string, currency: string) => `TENANT#${tenantId}#COMPANY#${companyId}#LEDGER#${currency}`;
const movedPartition = (tenantId: string, companyId: string, currency: string) => `${ledgerPartition(tenantId, companyId, currency)}#MOVED`;
const ledgersKey = (tenantId: string, companyId: string): Keys => ({ pk: `TENANT#${tenantId}#COMPANY#${companyId}#LEDGERS`, sk: 'LEDGERS' });

export interface LedgerEntryRecord {
  date: string;
  kind: StatementEntryKind;
  documentId: string;
  number: string;
  dueDate?: string;
  amount: number;
}
const ENTRY_FIELDS = ['date', 'kind', 'documentId', 'number', 'dueDate', 'amount'] as const;

/** Open amounts now by aging day (due date, else issue date): owed, and credit as positive amounts. */
export interface OpenByDay {
  owed: Record<string, number>;
  credit: Record<string, number>;
}

export interface OpenItemRecord {
  documentId: string;
  number: string;
  issueDate: string;
  dueDate?: string;
  moves: Array<{ on: string; amount: number }>;
}
const OPEN_ITEM_FIELDS = ['documentId', 'number', 'issueDate', 'dueDate', 'moves'] as const;

/**
 * The ledger writes of one invoice write, for its unit of work (after the document's own
 * write: they are running totals). `tenantId` is the document's; `writtenAt` orders the
 * movements of one day.
 */
export function ledgerWrites(tenantId: string, previous: LedgerDocument | undefined, next: LedgerDocument, today: string, writtenAt: string): Write[] {
  const moves = ledgerMoves(previous, next, today);
  const key = (l: { companyId: string; currency: string }) => `${l.companyId}\u0000${l.currency}`;
  const ledgers = new Map([...ledgersOf(previous, next), ...moves].map((l) => [key(l), { companyId: l.companyId, currency: l.currency }]));
  const writes: Write[] = [];
  const currenciesByCompany = new Map<string, Set<string>>();
  for (const ledger of ledgers.values()) {
    const { companyId, currency } = ledger;
    const pk = ledgerPartition(tenantId, companyId, currency);
    const group = moves.filter((m) => key(m) === key(ledger));
    const due = agingDeltas(previous, next, ledger);
    group.forEach((move, n) => {
      const item = { pk, sk: `E#${move.date}#${writtenAt}#${move.documentId}#${n}`, ...marker(ENTITY) } as Record<string, unknown>;
      for (const field of ENTRY_FIELDS) if (move[field] !== undefined) item[field] = move[field];
      writes.push({ Put: { Item: item } });
    });
    // One update per month and year item: a transaction may name an item once.
    const totals = new Map<string, number>();
    for (const move of group) {
      for (const sk of [`M#${move.date.slice(0, 7)}`, `Y#${move.date.slice(0, 4)}`]) totals.set(sk, (totals.get(sk) ?? 0) + move.amount);
    }
    for (const [sk, net] of totals) if (net !== 0) writes.push(updateWrite({ pk, sk }, { add: { net }, set: marker(ENTITY) }));
    if (Object.keys(due).length) writes.push(updateWrite({ pk, sk: 'DUE' }, { add: due, set: marker(ENTITY) }));
    // The invoice's own record: its movements, and its due date kept as the DUE item has it.
    if (group.length || Object.keys(due).length) writes.push(openItemWrite(tenantId, ledger, group, previous, next));
    if (group.length) currenciesByCompany.set(companyId, (currenciesByCompany.get(companyId) ?? new Set()).add(currency));
  }
  for (const [companyId, currencies] of currenciesByCompany) {
    const x = new Expr();
    writes.push({
      Update: {
        TableName: tableName(),
        Key: ledgersKey(tenantId, companyId),
        UpdateExpression: `ADD ${x.name('currencies')} ${x.value(currencies)}`,
        ...(x.params() as Required<ReturnType<Expr['params']>>),
      },
    });
  }
  return writes;
}

/**
 * The invoice's record in one ledger: its movements appended (with the day of the latest,
 * its place in the MOVED index), its number and dates as they are now.
 */
function openItemWrite(
  tenantId: string,
  ledger: { companyId: string; currency: string },
  moves: LedgerMove[],
  previous: LedgerDocument | undefined,
  next: LedgerDocument,
): Write {
  const doc = next.companyId === ledger.companyId && next.currency === ledger.currency ? next : previous!;
  const x = new Expr();
  const sets = [
    `${x.name('documentId')} = ${x.value(doc.documentId)}`,
    `${x.name('number')} = ${x.value(doc.number)}`,
    `${x.name('issueDate')} = ${x.value(doc.issueDate)}`,
    `${x.name('__edb_e__')} = ${x.value(ENTITY)}`,
  ];
  if (moves.length) {
    // Writes come in time order and date their movements today (or on the issue date when it is later), so this write's latest is the invoice's latest.
    const last = moves
      .map((m) => m.date)
      .sort()
      .at(-1)!;
    sets.push(
      `${x.name('moves')} = list_append(if_not_exists(${x.name('moves')}, ${x.value([])}), ${x.value(moves.map((m) => ({ on: m.date, amount: m.amount })))})`,
      `${x.name('gsi1pk')} = ${x.value(movedPartition(tenantId, ledger.companyId, ledger.currency))}`,
      `${x.name('gsi1sk')} = ${x.value(`${last}#${doc.documentId}`)}`,
    );
  }
  if (doc.dueDate) sets.push(`${x.name('dueDate')} = ${x.value(doc.dueDate)}`);
  const update = `SET ${sets.join(', ')}${doc.dueDate ? '' : ` REMOVE ${x.name('dueDate')}`}`;
  return {
    Update: {
      TableName: tableName(),
      Key: { pk: ledgerPartition(tenantId, ledger.companyId, ledger.currency), sk: `I#${doc.documentId}` },
      UpdateExpression: update,
      ...(x.params() as Required<ReturnType<Expr['params']>>),
    },
  };
}

/** Reads a query page by page until it ends or more than `max` items have come (then says so). */
async function readUpTo<T>(spec: QuerySpec, fields: readonly string[], max: number): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>({ ...spec, cursor, limit: Math.min(500, max + 1 - items.length) }, fields);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length <= max);
  return { items: items.slice(0, max), more: items.length > max || !!cursor };
}

export const ledgerRepository = {
  /** The currencies a company has a ledger in, sorted. */
  async currencies(tenantId: string, companyId: string): Promise<string[]> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: ledgersKey(tenantId, companyId) }));
    const set = Item?.currencies as Set<string> | undefined;
    return [...(set ?? [])].sort();
  },

  /** Σ of the net of the whole years before `month`'s and of the months of its year before it (`YYYY-MM`): one item a year and at most 11 months. */
  async netBefore(tenantId: string, companyId: string, currency: string, month: string): Promise<number> {
    const pk = ledgerPartition(tenantId, companyId, currency);
    const year = Number(month.slice(0, 4));
    const monthNumber = Number(month.slice(5, 7));
    const sum = (items: Array<{ net?: number }>) => items.reduce((s, i) => s + (i.net ?? 0), 0);
    // Ranges are inclusive (BETWEEN): the last whole year, the last whole month before the period's.
    const [years, months] = await Promise.all([
      readUpTo<{ net?: number }>({ partition: pk, sortPrefix: 'Y#', sortRange: { from: 'Y#', before: `Y#${year - 1}` } }, ['net'], 10_000),
      monthNumber === 1
        ? Promise.resolve({ items: [] })
        : readUpTo<{ net?: number }>(
            { partition: pk, sortPrefix: 'M#', sortRange: { from: `M#${year}-01`, before: `M#${year}-${String(monthNumber - 1).padStart(2, '0')}` } },
            ['net'],
            12,
          ),
    ]);
    return sum(years.items) + sum(months.items);
  },

  /** The movements dated `from`…`to` (inclusive), oldest first, at most `max` (`more` says there were others). */
  async entries(tenantId: string, companyId: string, currency: string, from: string, to: string, max: number) {
    return readUpTo<LedgerEntryRecord>(
      { partition: ledgerPartition(tenantId, companyId, currency), sortPrefix: 'E#', sortRange: { from: `E#${from}`, before: `E#${to}#\uffff` } },
      ENTRY_FIELDS,
      max,
    );
  },

  /** What the company owes now by aging day (`o_<yyyymmdd>`) and the credit it has (`c_<yyyymmdd>`): one item. */
  async openByDay(tenantId: string, companyId: string, currency: string): Promise<OpenByDay> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: ledgerPartition(tenantId, companyId, currency), sk: 'DUE' } }));
    const byDay: OpenByDay = { owed: {}, credit: {} };
    for (const [attribute, value] of Object.entries(Item ?? {})) {
      const match = /^([oc])_(\d{4})(\d{2})(\d{2})$/.exec(attribute);
      if (!match || typeof value !== 'number' || value === 0) continue;
      byDay[match[1] === 'o' ? 'owed' : 'credit'][`${match[2]}-${match[3]}-${match[4]}`] = value;
    }
    return byDay;
  },

  /** The invoices with a movement after `day` (their records, with every movement), at most `max`. */
  async movedAfter(tenantId: string, companyId: string, currency: string, day: string, max: number) {
    return readUpTo<OpenItemRecord>(
      { index: 'gsi1', partition: movedPartition(tenantId, companyId, currency), sortPrefix: '', sortRange: { from: `${day}#\uffff` } },
      OPEN_ITEM_FIELDS,
      max,
    );
  },
};
