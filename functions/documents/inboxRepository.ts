import { getItem, updateParams, updateWrite, type Keys, type Write } from '../table/db';

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

  /**
   * A document's unread counts leaving one company's inbox for another's, when the
   * document moves to another company: for the transaction that moves it (nothing when
   * it has none).
   */
  moveWrites(tenantId: string, from: string, to: string, unread: Inbox): Write[] {
    const counts = Object.entries(unread).filter(([, v]) => typeof v === 'number' && v !== 0) as [keyof Inbox, number][];
    if (!counts.length || from === to) return [];
    const adds = (sign: 1 | -1) => ({ add: Object.fromEntries(counts.map(([k, v]) => [k, sign * v])) });
    return [updateWrite(keys(tenantId, from), adds(-1)), updateWrite(keys(tenantId, to), adds(1))];
  },
};
