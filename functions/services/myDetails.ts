import type { MeResponse, ProfileField } from '../../shared/api/access';
import type { Address } from '../../shared/api/common';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { PortalRecords } from '../http/authenticate';
import { HttpProblem, notFound } from '../http/problem';
import type { ApiEvent, Principal } from '../http/types';
import { companyRepository, type Company } from '../repositories/companyRepository';
import { contactRepository, type Contact } from '../repositories/contactRepository';
import { DOCUMENT_KINDS } from '../../shared/api/documents';
import { editableFieldsOf } from './access';
import { hasSigningPin } from './documents/signingPin';
import { recordAudit } from './audit';

/**
 * "My Details": who the signed-in contact is, and the few fields of their own contact
 * record and their company that the tenant lets them keep current. Names, phone and
 * address live on the Contact (the portal user's id is the contact's id).
 */

type PortalPrincipal = Extract<Principal, { kind: 'portal' }>;

export function toMeResponse(
  principal: PortalPrincipal,
  records: Pick<PortalRecords, 'tenant' | 'user' | 'company' | 'modules'>,
  contact: Contact | undefined,
  signingPinSet: boolean,
): MeResponse {
  const { user, company, tenant } = records;
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
    permissions: principal.permissions,
    modules: records.modules,
    editableFields: editableFieldsOf(tenant),
    signingPinSet,
  };
}

/**
 * A direct-link visitor's "me": enough for the site's minimal shell — the recipient's
 * name (and email), their company's name, what the link allows, and which document it
 * opens. No contact details, no editable fields, and only the document's module.
 */
function linkMeResponse(principal: PortalPrincipal, records: PortalRecords, contact: Contact | undefined, signingPinSet: boolean): MeResponse {
  const link = principal.link!;
  return {
    user: {
      id: principal.userId,
      email: contact?.email ?? records.user?.email ?? '',
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? '',
    },
    company: { id: records.company.companyId, name: records.company.name, kind: records.company.kind },
    permissions: principal.permissions,
    modules: [DOCUMENT_KINDS[link.type].module],
    editableFields: [],
    // Signing from a link needs the recipient's portal login (and its PIN).
    signingPinSet: !!records.user && signingPinSet,
    directLink: { type: link.type, documentId: link.documentId, expiresAt: link.expiresAt },
  };
}

export async function getMe(principal: PortalPrincipal, records: PortalRecords): Promise<MeResponse> {
  const [contact, pinSet] = await Promise.all([contactRepository.get(principal.tenantId, principal.userId), hasSigningPin(principal.tenantId, principal.userId)]);
  return principal.link ? linkMeResponse(principal, records, contact, pinSet) : toMeResponse(principal, records, contact, pinSet);
}

/** Which tenant setting governs each input field. The company's phone goes with its address: both are "company details". */
const CONTACT_FIELDS: Record<'firstName' | 'lastName' | 'phone' | 'address', ProfileField> = { firstName: 'name', lastName: 'name', phone: 'phone', address: 'address' };
const COMPANY_FIELDS: Record<'address' | 'phone', ProfileField> = { address: 'companyAddress', phone: 'companyAddress' };

/** A 403 naming every field of the body that the tenant does not let contacts edit. */
function assertEditable(records: PortalRecords, body: object, governs: Record<string, ProfileField>): void {
  const allowed = new Set(editableFieldsOf(records.tenant));
  const refused = Object.keys(body).filter((field) => !allowed.has(governs[field]!));
  if (refused.length) {
    throw new HttpProblem(
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
  principal: PortalPrincipal,
  records: PortalRecords,
  body: Partial<{ firstName: string; lastName: string; phone: string; address: Address }>,
  event: ApiEvent,
): Promise<MeResponse> {
  assertEditable(records, body, CONTACT_FIELDS);
  const [before, pinSet] = await Promise.all([contactRepository.get(principal.tenantId, principal.userId), hasSigningPin(principal.tenantId, principal.userId)]);
  if (!before) throw notFound('Your contact record was not found.');
  const changed = changedFields(before, body);
  const after = changed.length ? await contactRepository.update(principal.tenantId, principal.userId, body) : before;
  if (!after) throw notFound('Your contact record was not found.');
  if (changed.length) await auditChange(principal, event, changed);
  return toMeResponse(principal, records, after, pinSet);
}

export async function updateMyCompany(
  principal: PortalPrincipal,
  records: PortalRecords,
  body: Partial<{ address: Address; phone: string }>,
  event: ApiEvent,
): Promise<MeResponse> {
  assertEditable(records, body, COMPANY_FIELDS);
  const changed = changedFields(records.company, body);
  let company: Company | undefined = records.company;
  const [updated, contact, pinSet] = await Promise.all([
    changed.length ? companyRepository.update(principal.tenantId, principal.companyId, body) : company,
    contactRepository.get(principal.tenantId, principal.userId),
    hasSigningPin(principal.tenantId, principal.userId),
  ]);
  company = updated;
  if (!company) throw notFound('Your company was not found.');
  if (changed.length) await auditChange(principal, event, changed.map((f) => `company.${f}`));
  return toMeResponse(principal, { ...records, company }, contact, pinSet);
}

function auditChange(principal: PortalPrincipal, event: ApiEvent, fields: string[]): Promise<void> {
  return recordAudit({
    tenantId: principal.tenantId,
    action: 'details.changed',
    actor: `portal:${principal.userId}`,
    subjects: [`user:${principal.userId}`, `company:${principal.companyId}`],
    event,
    details: { fields },
  });
}
