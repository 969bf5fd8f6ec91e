import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';
import { DEFAULT_PAGE_SIZE, scopedCursor, type Page } from './pagination';

/**
 * Who did what, when, from where. Keyed by tenant and time; `subject` (a company or
 * user) gets its own index so staff can list one company's or one user's trail.
 */
const auditEntity = () =>
  new Entity(
    {
      model: { entity: 'audit', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        eventId: { type: 'string', required: true },
        at: { type: 'string', required: true },
        action: { type: 'string', required: true },
        actor: { type: 'string', required: true },
        subject: { type: 'string', required: true },
        ip: { type: 'string' },
        userAgent: { type: 'string' },
        details: { type: 'any' },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: 'TENANT#${tenantId}#AUDIT', casing: 'none' },
          // One event about two subjects (a user and their company) is two items: the subject keeps them apart.
          sk: { field: 'sk', composite: ['at', 'eventId', 'subject'], template: 'AT#${at}#${eventId}#${subject}', casing: 'none' },
        },
        bySubject: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'subject'], template: 'TENANT#${tenantId}#AUDIT#${subject}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['at', 'eventId'], template: 'AT#${at}#${eventId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type AuditRecord = EntityItem<ReturnType<typeof auditEntity>>;

export const auditRepository = {
  /** Idempotent on `eventId`: a redelivered event writes the same item again. */
  async record(entry: AuditRecord): Promise<void> {
    await auditEntity().put(entry).go();
  },

  async listBySubject(tenantId: string, subject: string, limit = 50): Promise<AuditRecord[]> {
    const { data } = await auditEntity().query.bySubject({ tenantId, subject }).go({ order: 'desc', limit });
    return data;
  },

  /** One subject's trail, newest first, a page at a time; a cursor is only good for this subject's partition. */
  async pageBySubject(tenantId: string, subject: string, options: { limit?: number; cursor?: string }): Promise<Page<AuditRecord>> {
    const cursor = scopedCursor(options.cursor, 'gsi1pk', `TENANT#${tenantId}#AUDIT#${subject}`);
    const { data, cursor: next } = await auditEntity().query.bySubject({ tenantId, subject }).go({ order: 'desc', cursor, limit: options.limit ?? DEFAULT_PAGE_SIZE });
    return { items: data, ...(next ? { cursor: next } : {}) };
  },
};
