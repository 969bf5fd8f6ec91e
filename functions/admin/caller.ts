import { API_KEY_SCOPES } from '../../shared/api/access';
import { forbidden } from '../http/problem';
import type { RequestContext } from '../http/types';
import type { AdminCaller } from '../services/adminSupport';
import { actorOf } from '../services/audit';
import type { DocumentActor } from '../services/documents/documentWrites';
import { staffLoginRepository } from '../repositories/staffLoginRepository';
import { tenantRepository } from '../repositories/tenantRepository';

/**
 * The admin API: staff of a tenant, or the tenant's CRM with its API key. Each handler
 * is parse (done by apiHandler from the route row) → authorize (here) → service → reply.
 * The tenant is always the credential's; no id in a path or body can name another.
 */
export function callerOf({ principal, event }: Pick<RequestContext, 'principal' | 'event'>): AdminCaller {
  if (principal.kind === 'staff') return { tenantId: principal.tenantId, actor: actorOf(principal), event };
  if (principal.kind === 'api-key') {
    // Keys carry scopes so a narrower key (say, documents only) can exist later without admin rights.
    if (!principal.scopes.includes('admin' satisfies (typeof API_KEY_SCOPES)[number])) throw forbidden('This API key may not use the admin API.');
    return { tenantId: principal.tenantId, actor: actorOf(principal), event };
  }
  // The route rows admit only staff and API keys; anything else is refused, never trusted.
  throw forbidden();
}


/** The admin caller as documents name their actor: a staff member by name, or the CRM. */
export async function documentCallerOf(ctx: Pick<RequestContext, 'principal' | 'event'>): Promise<AdminCaller & { actorInfo: DocumentActor }> {
  const caller = callerOf(ctx);
  const { principal } = ctx;
  if (principal.kind === 'staff') {
    const login = await staffLoginRepository.getByStaffId(principal.tenantId, principal.userId);
    return { ...caller, actorInfo: { kind: 'staff', id: principal.userId, name: login?.name ?? 'Staff' } };
  }
  // Customers see the CRM's work (history, messages) under the business's own name, never as "CRM".
  const tenant = await tenantRepository.get(caller.tenantId);
  return { ...caller, actorInfo: { kind: 'crm', id: principal.kind === 'api-key' ? principal.keyId : 'crm', name: tenant?.name ?? 'CRM' } };
}
