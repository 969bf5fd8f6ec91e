import { randomUUID } from 'node:crypto';
import type { ActivityView } from '../../shared/api/documents';
import { queryPage, toItem, type Keys } from '../table/db';

/** One line of a company's recent activity on the dashboard: what the portal shows, and whose. */
export type Activity = ActivityView & { tenantId: string; companyId: string };

const ENTITY = 'activity';
const FIELDS = ['tenantId', 'companyId', 'at', 'type', 'documentId', 'number', 'action', 'actor', 'summary', 'ttl'] as const;
/** Activity is a recent-history feed, not the audit trail: it ages out after a year. */
const KEEP_SECONDS = 366 * 86_400;

const partition = (tenantId: string, companyId: string) => `TENANT#${tenantId}#COMPANY#${companyId}#ACTIVITY`;

export const activityRepository = {
  /** The item to write (inside the transaction of the change it describes). */
  item(activity: Activity): Record<string, unknown> {
    const keys: Keys = { pk: partition(activity.tenantId, activity.companyId), sk: `AT#${activity.at}#${randomUUID()}` };
    return toItem({ ...activity, ttl: Math.floor(Date.parse(activity.at) / 1000) + KEEP_SECONDS }, FIELDS, keys, ENTITY);
  },

  async recent(tenantId: string, companyId: string, limit: number): Promise<Activity[]> {
    const { items } = await queryPage<Activity>(
      { partition: partition(tenantId, companyId), sortPrefix: 'AT#', descending: true, limit },
      FIELDS.filter((f) => f !== 'ttl'),
    );
    return items;
  },
};
