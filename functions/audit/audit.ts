import { randomUUID } from 'node:crypto';
import { auditRepository } from './auditRepository';
import type { Actor } from '../core/callers';
import { UnitOfWork, type Write } from '../table/unitOfWork';

/** Audit actions Portico records; staff list them per company and per user. */
export type AuditAction =
  | 'sign-in.succeeded'
  | 'sign-in.failed'
  | 'sign-in.locked'
  | 'sign-out'
  | 'invitation.sent'
  | 'invitation.accepted'
  | 'password-reset.requested'
  | 'password-reset.completed'
  | 'user.deactivated'
  | 'user.reactivated'
  | 'user.teams-changed'
  | 'details.changed'
  | 'company.changed'
  | 'team.changed'
  | 'tenant.settings-changed'
  | 'api-key.created'
  | 'api-key.revoked'
  | 'document.decided'
  | 'document.signed'
  | 'document.withdrawn'
  | 'direct-link.created'
  | 'direct-link.revoked'
  | 'direct-link.opened'
  | 'signing-pin.set'
  | 'signing-pin.failed'
  | 'notification-settings.changed'
  | 'payment-settings.changed'
  | 'payment.started'
  | 'order.placed'
  | 'request.declined'
  | 'notification-template.changed';

export interface AuditEntry {
  action: AuditAction;
  /** `user:<id>`, `company:<id>`, `tenant:<id>`, `staff:<id>`, `team:<id>`: each subject's trail shows the entry. */
  subjects: string[];
  details?: Record<string, unknown>;
}

/**
 * The one way an audit entry is written: as writes of the unit of work that makes the
 * change it records (so the change and its record commit together), one item per
 * subject. `eventId` and `at` are given when the entry records a bus event (a redelivery
 * writes the same items again).
 */
export function auditWrites(by: Actor, entry: AuditEntry, options: { eventId?: string; at?: string } = {}): Write[] {
  const at = options.at ?? new Date().toISOString();
  const eventId = options.eventId ?? randomUUID();
  const origin = by.origin ? { ...(by.origin.ip ? { ip: by.origin.ip } : {}), ...(by.origin.userAgent ? { userAgent: by.origin.userAgent } : {}) } : {};
  return [...new Set(entry.subjects)].map((subject) => ({
    Put: {
      Item: auditRepository.item({ tenantId: by.tenantId, eventId, at, action: entry.action, actor: by.actor, subject, ...origin, details: entry.details }),
    },
  }));
}

/** An entry that records no other write (a failed sign-in, a link opened): its own unit of work. */
export async function recordAudit(by: Actor, entry: AuditEntry, options?: { eventId?: string; at?: string }): Promise<void> {
  await new UnitOfWork().write(...auditWrites(by, entry, options)).commit();
}
