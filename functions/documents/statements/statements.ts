import { STATEMENT_MAX_DAYS, STATEMENT_MAX_ENTRIES, type StatementQuery, type StatementView } from '../../../shared/api/statements';
import type { PortalCaller } from '../../core/callers';
import { badRequest, notFoundIn, unprocessable } from '../../core/problems';
import { companyRepository } from '../../customers/companyRepository';
import { today } from '../documentState';
import { ledgerRepository } from './ledgerRepository';
import { buildStatement, daysBetween } from './statementArithmetic';

/**
 * The statement of account of a company in one currency for a period (at most a year): a
 * bounded read whatever the tenant's size or the company's history — the ledger's year
 * and month totals before the period (≤ 1 a year + 11), the movements of the period's
 * first month up to its end (≤ 1,000 in the period, else a 422 asking for a shorter one),
 * what is open now by aging day (one item), and the invoices that moved since the period's
 * end (none for a period ending today; ≤ 1,000). See ledgerRepository.
 */

/** The invoices moved since the period's end the aging reads at most; beyond, what it cannot place counts as over 90 days. */
export const STATEMENT_MAX_MOVED_SINCE = 1000;

export interface StatementPeriod {
  currency?: string;
  from: string;
  to: string;
}

/** The query with its defaults (this month so far) and checks: a 400 naming the field, never a 5xx. */
export function statementPeriod(query: StatementQuery, now = new Date()): StatementPeriod {
  const day = today(now);
  const from = query.from ?? `${(query.to ?? day).slice(0, 7)}-01`;
  const to = query.to ?? (from.slice(0, 7) === day.slice(0, 7) || from > day ? day : lastDayOfMonth(from));
  if (to < from) throw badRequest([{ name: 'query.to', reason: 'must not be before the start of the period (from)' }]);
  if (daysBetween(from, to) + 1 > STATEMENT_MAX_DAYS)
    throw badRequest([{ name: 'query.from', reason: `the period may be at most ${STATEMENT_MAX_DAYS} days long` }]);
  return { ...(query.currency ? { currency: query.currency } : {}), from, to };
}

function lastDayOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The caller's own company's statement (the route asks for `invoices:read`). */
export async function portalStatement(caller: PortalCaller, query: StatementQuery): Promise<StatementView> {
  return companyStatement(caller.tenantId, { companyId: caller.companyId, name: caller.company.name }, statementPeriod(query));
}

/** Staff and the CRM: any company of their tenant (404 for one it does not hold). */
export async function adminStatement(tenantId: string, companyId: string, query: StatementQuery): Promise<StatementView> {
  const period = statementPeriod(query);
  const company = await companyRepository.get(tenantId, companyId);
  if (!company) throw notFoundIn('company');
  return companyStatement(tenantId, { companyId, name: company.name }, period);
}

export async function companyStatement(tenantId: string, company: { companyId: string; name: string }, period: StatementPeriod): Promise<StatementView> {
  const listed = ledgerRepository.currencies(tenantId, company.companyId);
  // A named currency is read beside the list of currencies (one round); without one, the list says which.
  const currency = period.currency ?? (await listed)[0] ?? null;
  if (!currency)
    return buildStatement({
      company,
      currency,
      currencies: await listed,
      from: period.from,
      to: period.to,
      netBeforeMonth: 0,
      entries: [],
      openNow: { owed: {}, credit: {} },
      movedSince: [],
    });
  const month = period.from.slice(0, 7);
  // The days of the first month before the period are read with it; the cap leaves room for them.
  const [currencies, netBeforeMonth, entries, openNow, moved] = await Promise.all([
    listed,
    ledgerRepository.netBefore(tenantId, company.companyId, currency, month),
    ledgerRepository.entries(tenantId, company.companyId, currency, `${month}-01`, period.to, 2 * STATEMENT_MAX_ENTRIES),
    ledgerRepository.openByDay(tenantId, company.companyId, currency),
    ledgerRepository.movedAfter(tenantId, company.companyId, currency, period.to, STATEMENT_MAX_MOVED_SINCE),
  ]);
  const inPeriod = entries.items.filter((e) => e.date >= period.from).length;
  if (entries.more || inPeriod > STATEMENT_MAX_ENTRIES)
    throw unprocessable('Period too busy', `A statement lists at most ${STATEMENT_MAX_ENTRIES} entries; this period has more.`, [
      { name: 'query.from', reason: 'choose a shorter period' },
    ]);
  const base = { company, currency, currencies, from: period.from, to: period.to };
  return buildStatement({ ...base, netBeforeMonth, entries: entries.items, openNow, movedSince: moved.items, moreMovedSince: moved.more });
}
