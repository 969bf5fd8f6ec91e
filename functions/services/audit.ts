import { randomUUID } from 'node:crypto';
import { auditRepository } from '../repositories/auditRepository';
import type { ApiEvent, Principal } from '../http/types';

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
  | 'payment.started';

/** A readable actor: `portal:<userId>`, `staff:<userId>`, `api-key:<keyId>`, or `anonymous`. */
export function actorOf(principal: Principal | undefined): string {
  if (!principal || principal.kind === 'anonymous') return 'anonymous';
  if (principal.kind === 'api-key') return `api-key:${principal.keyId}`;
  return `${principal.kind}:${principal.userId}`;
}

/** Where a request came from, as API Gateway saw it. */
export function originOf(event: ApiEvent): { ip?: string; userAgent?: string } {
  const http = event.requestContext?.http;
  return { ip: http?.sourceIp, userAgent: http?.userAgent?.slice(0, 512) };
}

/**
 * Records one audit event about up to two subjects (e.g. a user and their company), so
 * either trail shows it. Subjects look like `user:<id>`, `company:<id>`, `tenant:<id>`.
 */
export async function recordAudit(entry: {
  tenantId: string;
  action: AuditAction;
  actor: string;
  subjects: string[];
  event?: ApiEvent;
  details?: Record<string, unknown>;
}): Promise<void> {
  const at = new Date().toISOString();
  const eventId = randomUUID();
  const origin = entry.event ? originOf(entry.event) : {};
  await Promise.all(
    [...new Set(entry.subjects)].map((subject) =>
      auditRepository.record({ tenantId: entry.tenantId, eventId, at, action: entry.action, actor: entry.actor, subject, ...origin, details: entry.details }),
    ),
  );
}
