import type { MeResponse, ProfileField } from '../../shared/api/access';
import type { Address } from '../../shared/api/common';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { PortalCaller } from '../core/callers';
import { notFound, Problem } from '../core/problems';
import { companyRepository } from './companyRepository';
import { contactRepository, type Contact } from './contactRepository';
import { DOCUMENT_KINDS } from '../../shared/api/documents';
import { editableFieldsOf } from './access';
import { hasSigningPin } from '../documents/signing/signingPinRepository';
import { recordAudit } from '../audit/audit';

/**
 * "My Details": who the signed-in contact is, and the few fields of their own contact
 * record and their company that the tenant lets them keep current. Names, phone and
 * address live on the Contact (the portal user's id is the contact's id).
 */

export function toMeResponse(caller: PortalCaller, contact: Contact | undefined, signingPinSet: boolean): MeResponse {
  const { user, company, tenant } = caller;
  if (!user) throw new Error('toMeResponse: a signed-in portal user has a login record');
  return {
    user: {
      id: user.userId,
      email: user.email,
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
      ...(contact?.phone ? { phone: contact.phone } : {}),
      ...(contact?.address ? { address: contact.address as Address } : {}),
      ...(user.lastSignInAt ? { lastSignInAt: user.lastSignInAt } : {}),
    },
    company: {
      id: company.companyId,
      name: company.name,
      kind: company.kind,
      ...(company.phone ? { phone: company.phone } : {}),
      ...(company.address ? { address: company.address as Address } : {}),
    },
    permissions: caller.permissions,
    modules: caller.modules,
    editableFields: editableFieldsOf(tenant),
    signingPinSet,
  };
}

/**
 * A direct-link visitor's "me": enough for the site's minimal shell — the recipient's
 * name (and email), their company's name, what the link allows, and which document it
 * opens. No contact details, no editable fields, and only the document's module.
 */
function linkMeResponse(caller: PortalCaller, contact: Contact | undefined, signingPinSet: boolean): MeResponse {
  const link = caller.link!;
  return {
    user: {
      id: caller.userId,
      email: contact?.email ?? caller.user?.email ?? '',
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
    },
    company: { id: caller.company.companyId, name: caller.company.name, kind: caller.company.kind },
    permissions: caller.permissions,
    modules: [DOCUMENT_KINDS[link.type].module],
    editableFields: [],
    // Signing from a link needs the recipient's portal login (and its PIN).
    signingPinSet: !!caller.user && signingPinSet,
    directLink: { type: link.type, documentId: link.documentId, expiresAt: link.expiresAt },
  };
}

export async function getMe(caller: PortalCaller): Promise<MeResponse> {
  const [contact, pinSet] = await Promise.all([contactRepository.get(caller.tenantId, caller.userId), hasSigningPin(caller.tenantId, caller.userId)]);
  return caller.link ? linkMeResponse(caller, contact, pinSet) : toMeResponse(caller, contact, pinSet);
}

/** Which tenant setting governs each input field. The company's phone goes with its address: both are "company details". */
const CONTACT_FIELDS: Record<'firstName' | 'lastName' | 'phone' | 'address', ProfileField> = {
  firstName: 'name',
  lastName: 'name',
  phone: 'phone',
  address: 'address',
};
const COMPANY_FIELDS: Record<'address' | 'phone', ProfileField> = { address: 'companyAddress', phone: 'companyAddress' };

/** A 403 naming every field of the body that the tenant does not let contacts edit. */
function assertEditable(caller: PortalCaller, body: object, governs: Record<string, ProfileField>): void {
  const allowed = new Set(editableFieldsOf(caller.tenant));
  const refused = Object.keys(body).filter((field) => !allowed.has(governs[field]!));
  if (refused.length) {
    throw new Problem(
      403,
      'Forbidden',
      'Some of these details can only be changed by the business. Contact them to update these.',
      refused.map((field) => ({ name: `body.${field}`, reason: 'is not editable in this portal' })),
      PROBLEM_TYPES.forbidden,
    );
  }
}

/** Fields whose new value differs from the stored one (for the audit trail). */
const changedFields = (before: Record<string, unknown>, body: Record<string, unknown>) =>
  Object.keys(body).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(body[k] ?? null));

export async function updateMe(
  caller: PortalCaller,
  body: Partial<{ firstName: string; lastName: string; phone: string; address: Address }>,
): Promise<MeResponse> {
  assertEditable(caller, body, CONTACT_FIELDS);
  const [before, pinSet] = await Promise.all([contactRepository.get(caller.tenantId, caller.userId), hasSigningPin(caller.tenantId, caller.userId)]);
  if (!before) throw notFound('Your contact record was not found.');
  const changed = changedFields(before, body);
  const after = changed.length ? await contactRepository.update(caller.tenantId, caller.userId, body) : before;
  if (!after) throw notFound('Your contact record was not found.');
  if (changed.length) await auditChange(caller, changed);
  return toMeResponse(caller, after, pinSet);
}

export async function updateMyCompany(caller: PortalCaller, body: Partial<{ address: Address; phone: string }>): Promise<MeResponse> {
  assertEditable(caller, body, COMPANY_FIELDS);
  const changed = changedFields(caller.company, body);
  const [updated, contact, pinSet] = await Promise.all([
    changed.length ? companyRepository.update(caller.tenantId, caller.companyId, body) : caller.company,
    contactRepository.get(caller.tenantId, caller.userId),
    hasSigningPin(caller.tenantId, caller.userId),
  ]);
  if (!updated) throw notFound('Your company was not found.');
  if (changed.length)
    await auditChange(
      caller,
      changed.map((f) => `company.${f}`),
    );
  return toMeResponse({ ...caller, company: updated }, contact, pinSet);
}

function auditChange(caller: PortalCaller, fields: string[]): Promise<void> {
  return recordAudit(caller, { action: 'details.changed', subjects: [`user:${caller.userId}`, `company:${caller.companyId}`], details: { fields } });
}
