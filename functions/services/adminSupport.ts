import { PROBLEM_TYPES } from '../../shared/problem';
import { HttpProblem, notFound } from '../http/problem';
import type { ApiEvent } from '../http/types';
import { recordAudit, type AuditAction } from './audit';

/**
 * Who is acting, as the admin services need it: the tenant (always the credential's,
 * never the request's), a readable actor for the audit trail (`actorOf`), and the
 * request for where it came from.
 */
export interface AdminCaller {
  tenantId: string;
  actor: string;
  event?: ApiEvent;
}

/** Records an admin action in the caller's tenant about the given subjects. */
export const auditAs = (caller: AdminCaller, action: AuditAction, subjects: string[], details?: Record<string, unknown>) =>
  recordAudit({ tenantId: caller.tenantId, action, actor: caller.actor, subjects, event: caller.event, details });

/**
 * Refusals the admin services share. An id in the path that this tenant does not hold is
 * a 404 whether it is unknown or another tenant's: the answer never tells the two apart.
 * An id in the body that names nothing of this tenant is a 422 naming that field.
 */
export const notFoundIn = (what: string) => notFound(`No ${what} with this id.`);

export const unknownReference = (field: string, reason: string) =>
  new HttpProblem(422, 'Unprocessable request', 'The request names something that does not exist.', [{ name: field, reason }], PROBLEM_TYPES.invalidRequest);

/**
 * The fields of `after` whose value differs from `before`'s, sorted by name, compared
 * by value (arrays as sets, objects by their defined keys): what an audit record and
 * an event call "changed".
 */
export function changedFields<T extends object>(before: T, after: Partial<T>): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((field) => canonical(before[field]) !== canonical(after[field])).sort();
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify([...value].map((v) => canonical(v)).sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
