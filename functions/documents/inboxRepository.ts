import { getItem, updateParams, type Keys } from '../table/db';

/**
 * A company's unread-message counters across all its documents, beside the per-document
 * ones: the dashboard reads one item instead of every thread. The message service
 * changes it in the same transaction as the thread.
 */
export type Inbox = { unreadForCustomer?: number; unreadForStaff?: number };

const keys = (tenantId: string, companyId: string): Keys => ({ pk: `TENANT#${tenantId}#COMPANY#${companyId}#INBOX`, sk: 'INBOX' });

export const inboxRepository = {
  async get(tenantId: string, companyId: string): Promise<Inbox> {
    return (await getItem<Inbox>(keys(tenantId, companyId), ['unreadForCustomer', 'unreadForStaff'])) ?? {};
  },

  /** The update adding to the counters (negative to take away), for a transaction. */
  addUpdate(tenantId: string, companyId: string, add: { unreadForCustomer?: number; unreadForStaff?: number }) {
    const changes = Object.fromEntries(Object.entries(add).filter(([, v]) => v !== undefined && v !== 0)) as Record<string, number>;
    return updateParams(keys(tenantId, companyId), { add: changes });
  },
};
