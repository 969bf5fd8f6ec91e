import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';

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
          sk: { field: 'sk', composite: ['at', 'eventId'], template: 'AT#${at}#${eventId}', casing: 'none' },
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
};
