import type * as z from 'zod/mini';
import type { createContactBody, updateContactBody } from '../../shared/api/access';
import { PROBLEM_TYPES } from '../../shared/problem';
import { conflict, Problem } from '../core/problems';
import { newId } from '../core/ids';
import { companyRepository } from './companyRepository';
import { contactRepository, type Contact } from './contactRepository';
import type { Page } from '../table/pagination';
import { LoginEmailTakenError, PortalUserChangedError, portalUserRepository } from './portalUserRepository';
import { notFoundIn, unknownReference } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { changedFields } from '../core/changes';
import { recordAudit } from '../audit/audit';
import { requireCompany } from './companies';
import { updatePortalEmail } from '../identity/cognitoAccounts';

export type CreateContactInput = z.output<typeof createContactBody>;
export type UpdateContactInput = z.output<typeof updateContactBody>;
export type ContactView = Omit<Contact, 'tenantId'>;

export function toContactView({ tenantId: _tenant, ...contact }: Contact): ContactView {
  return contact;
}

export async function createContact(caller: AdminCaller, input: CreateContactInput): Promise<ContactView> {
  // A body naming a company this tenant does not have is refused the same way whether
  // the id is unknown or another tenant's.
  if (!(await companyRepository.get(caller.tenantId, input.companyId))) {
    throw unknownReference('body.companyId', 'is not a company of this portal');
  }
  const contact = await contactRepository.create({ tenantId: caller.tenantId, contactId: newId('ct'), ...input });
  await recordAudit(caller, {
    action: 'details.changed',
    subjects: [`company:${contact.companyId}`, `user:${contact.contactId}`],
    details: { contactId: contact.contactId, created: true, fields: Object.keys(input).sort() },
  });
  return toContactView(contact);
}

export async function requireContact(tenantId: string, contactId: string): Promise<Contact> {
  const contact = await contactRepository.get(tenantId, contactId);
  if (!contact) throw notFoundIn('contact');
  return contact;
}

export async function getContact(caller: AdminCaller, contactId: string): Promise<ContactView> {
  return toContactView(await requireContact(caller.tenantId, contactId));
}

export async function listContacts(caller: AdminCaller, companyId: string, page: { limit?: number; cursor?: string }): Promise<Page<ContactView>> {
  await requireCompany(caller.tenantId, companyId);
  const result = await contactRepository.listByCompany(caller.tenantId, companyId, page);
  return { ...result, items: result.items.map(toContactView) };
}

/**
 * A contact never changes company (its login, documents and audit trail hang off that
 * company; the schema has no companyId to change). When the contact has a portal login
 * and its email changes, the login's email moves with it first, so a clash with another
 * login of this tenant refuses the whole update.
 */
export async function updateContact(caller: AdminCaller, contactId: string, input: UpdateContactInput): Promise<ContactView> {
  const current = await requireContact(caller.tenantId, contactId);
  const fields = changedFields(current, input);
  if (fields.length === 0) return toContactView(current);
  const changes = Object.fromEntries(fields.map((f) => [f, input[f as keyof UpdateContactInput]]));

  if (fields.includes('email') && input.email) await moveLoginEmail(caller, current, input.email);

  const updated = await contactRepository.update(caller.tenantId, contactId, changes);
  if (!updated) throw notFoundIn('contact');
  await recordAudit(caller, { action: 'details.changed', subjects: [`company:${current.companyId}`, `user:${contactId}`], details: { contactId, fields } });
  return toContactView(updated);
}

async function moveLoginEmail(caller: AdminCaller, contact: Contact, email: string): Promise<void> {
  const user = await portalUserRepository.get(caller.tenantId, contact.contactId, { consistent: true });
  if (!user || user.email === email) return;
  const { updatedAt, ...stored } = user;
  const { invitationHash: _hash, invitationExpiresAt: _expiry, ...withoutInvitation } = stored;
  // An invitation still out went to the old address, possibly the wrong person's: it
  // stops working, and staff send a new one to the corrected address.
  const next = { ...(user.status === 'invited' ? withoutInvitation : stored), email };
  try {
    await portalUserRepository.save(next, user.email, { ifUpdatedAt: updatedAt });
  } catch (err) {
    if (err instanceof LoginEmailTakenError) {
      throw new Problem(
        409,
        'Conflict',
        `Another portal login of this tenant already uses ${email}.`,
        [{ name: 'body.email', reason: 'is the email of another portal login' }],
        PROBLEM_TYPES.conflict,
      );
    }
    if (err instanceof PortalUserChangedError) throw conflict('The portal login of this contact changed while saving. Try again.');
    throw err;
  }
  if (user.status !== 'invited') await updatePortalEmail(user.cognitoUsername, email);
}
