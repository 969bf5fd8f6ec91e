import type { DashboardView, DocumentSummary, DocumentType } from '../../shared/api/documents';
import { activityRepository } from './activityRepository';
import { documentRepository, type ListSpec } from './documentRepository';
import { inboxRepository } from './inboxRepository';
import { readPermission, today } from './documentState';
import { toSummary } from './documentViews';
import type { PortalCaller } from '../core/callers';

/** Cards show a handful; their counts go one past this many, which the site shows as "100+". */
const CARD_ITEMS = 5;
const COUNT_CAP = 100;

/**
 * The dashboard: the summary of transactions made and pending, of the document types
 * the user may read. Every part is one read of one company's items, whatever the tenant
 * or the company holds: the outstanding balance is the company's running total (kept by
 * every invoice write), the pending cards one page of their list each.
 */
export async function getDashboard(caller: PortalCaller): Promise<DashboardView> {
  const may = (type: DocumentType) => caller.permissions.includes(readPermission(type));
  const now = new Date();
  const day = today(now);
  const pending = async (type: DocumentType, spec: ListSpec, descending = false) => {
    if (!may(type)) return { count: 0, items: [] as DocumentSummary[] };
    const page = await documentRepository.list(caller.tenantId, caller.companyId, type, spec, { limit: COUNT_CAP + 1, descending });
    return { count: page.items.length, items: page.items.slice(0, CARD_ITEMS).map((d) => toSummary(d, now)) };
  };

  const [balances, overdue, quotes, orders, jobs, inbox, activity] = await Promise.all([
    may('invoice') ? documentRepository.balances(caller.tenantId, caller.companyId) : Promise.resolve({ outstanding: [], credits: [] }),
    // Most overdue first.
    pending('invoice', { by: 'deadline', before: day }),
    pending('quote', { by: 'deadline', from: day }),
    pending('sales-order', { by: 'group', group: 'open' }, true),
    pending('job', { by: 'group', group: 'awaiting-approval' }, true),
    inboxRepository.get(caller.tenantId, caller.companyId),
    activityRepository.recent(caller.tenantId, caller.companyId, 30),
  ]);

  return {
    outstanding: balances.outstanding,
    credits: balances.credits,
    overdue,
    quotesAwaitingDecision: quotes,
    ordersAwaitingSignature: orders,
    jobsAwaitingApproval: jobs,
    unreadMessages: Math.max(0, inbox.unreadForCustomer ?? 0),
    recentActivity: activity
      .filter((a) => may(a.type))
      .slice(0, 10)
      .map(({ at, type, documentId, number, action, actor, summary }) => ({ at, type, documentId, number, action, actor, summary })),
  };
}
