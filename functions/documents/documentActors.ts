import type { AdminCaller, PortalCaller } from '../core/callers';
import { contactRepository } from '../customers/contactRepository';
import { tenantRepository } from '../customers/tenantRepository';
import { staffLoginRepository } from '../identity/staffLoginRepository';
import type { DocumentActor } from './documentWrites';

/** The customer acting, as events and activity name them: their contact's name. */
export async function customerActor(caller: PortalCaller): Promise<DocumentActor & { email?: string }> {
  const contact = await contactRepository.get(caller.tenantId, caller.userId);
  const name = contact ? `${contact.firstName} ${contact.lastName}`.trim() : 'Customer';
  return { kind: 'customer', id: caller.userId, name, ...(contact?.email ? { email: contact.email } : {}) };
}

/**
 * Staff or the CRM acting: a staff member by name; the CRM under the business's own name,
 * as customers see the CRM's work (history, messages), never as "CRM".
 */
export async function adminActor(caller: AdminCaller): Promise<DocumentActor> {
  if (caller.kind === 'staff') {
    const login = await staffLoginRepository.getByStaffId(caller.tenantId, caller.staffId);
    return { kind: 'staff', id: caller.staffId, name: login?.name ?? 'Staff' };
  }
  const tenant = await tenantRepository.get(caller.tenantId);
  return { kind: 'crm', id: caller.keyId, name: tenant?.name ?? 'CRM' };
}
