import { putItem, queryPage, toItem } from '../table/db';
import { DEFAULT_PAGE_SIZE, type Page } from '../table/pagination';

/**
 * Who did what, when, from where. Keyed by tenant and time; `subject` (a company or
 * user) gets its own index so staff can list one company's or one user's trail.
 */
export type AuditRecord = {
  tenantId: string;
  eventId: string;
  at: string;
  action: string;
  actor: string;
  subject: string;
  ip?: string;
  userAgent?: string;
  // biome-ignore lint/suspicious/noExplicitAny: free-form per action, read back as stored
  details?: any;
};

const ENTITY = 'audit';
const FIELDS = ['tenantId', 'eventId', 'at', 'action', 'actor', 'subject', 'ip', 'userAgent', 'details'] as const;
const subjectPartition = (tenantId: string, subject: string) => `TENANT#${tenantId}#AUDIT#${subject}`;

export const auditRepository = {
  /** The stored item of one entry about one subject: idempotent on `eventId` (the same entry writes the same item again). */
  item(entry: AuditRecord): Record<string, unknown> {
    const keys = {
      pk: `TENANT#${entry.tenantId}#AUDIT`,
      // One event about two subjects (a user and their company) is two items: the subject keeps them apart.
      sk: `AT#${entry.at}#${entry.eventId}#${entry.subject}`,
      gsi1pk: subjectPartition(entry.tenantId, entry.subject),
      gsi1sk: `AT#${entry.at}#${entry.eventId}`,
    };
    return toItem(entry, FIELDS, keys, ENTITY);
  },

  async record(entry: AuditRecord): Promise<void> {
    await putItem(auditRepository.item(entry));
  },

  async listBySubject(tenantId: string, subject: string, limit = 50): Promise<AuditRecord[]> {
    const { items } = await queryPage<AuditRecord>(
      { index: 'gsi1', partition: subjectPartition(tenantId, subject), sortPrefix: 'AT#', descending: true, limit },
      FIELDS,
    );
    return items;
  },

  /**
   * One subject's trail, newest first, a page at a time; a cursor is only good for this subject's partition (`queryPage` checks it).
   * `withoutActionsStarting` leaves out entries whose action starts so (a filter: such a page may be short and still have a cursor).
   */
  async pageBySubject(
    tenantId: string,
    subject: string,
    options: { limit?: number; cursor?: string; withoutActionsStarting?: string },
  ): Promise<Page<AuditRecord>> {
    const partition = subjectPartition(tenantId, subject);
    const without = options.withoutActionsStarting;
    const { items, cursor: next } = await queryPage<AuditRecord>(
      {
        index: 'gsi1',
        partition,
        sortPrefix: 'AT#',
        descending: true,
        cursor: options.cursor,
        limit: options.limit ?? DEFAULT_PAGE_SIZE,
        ...(without ? { filter: (x) => `NOT begins_with(${x.name('action')}, ${x.value(without)})` } : {}),
      },
      FIELDS,
    );
    return { items, ...(next ? { cursor: next } : {}) };
  },
};
