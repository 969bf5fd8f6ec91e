import { auditRepository, type AuditRecord } from './auditRepository';
import { companyRepository } from '../customers/companyRepository';
import type { Page } from '../table/pagination';
import { contactRepository } from '../customers/contactRepository';
import { notFoundIn } from '../core/problems';
import type { AdminCaller } from '../core/callers';

export type AuditEntry = Omit<AuditRecord, 'tenantId'>;

/**
 * One company's or one user's trail, newest first. The subject must be this tenant's
 * (404 otherwise, like every admin read); the partition is the tenant's anyway, so
 * another tenant's records could not show even without the check.
 */
export async function listAudit(
  caller: AdminCaller,
  query: { companyId?: string; userId?: string; limit?: number; cursor?: string },
): Promise<Page<AuditEntry>> {
  const { tenantId } = caller;
  let subject: string;
  if (query.companyId) {
    if (!(await companyRepository.get(tenantId, query.companyId))) throw notFoundIn('company');
    subject = `company:${query.companyId}`;
  } else {
    // The schema lets exactly one of the two through. A user id is its contact's id, and
    // a contact's trail starts before it has a login (details changed by staff).
    if (!(await contactRepository.get(tenantId, query.userId!))) throw notFoundIn('user');
    subject = `user:${query.userId}`;
  }
  const page = await auditRepository.pageBySubject(tenantId, subject, query);
  return { ...page, items: page.items.map(({ tenantId: _tenant, ...entry }) => entry) };
}

/**
 * The tenant's own trail, newest first: what the tenant's staff and keys did to the tenant
 * itself — settings and branding, teams' permissions, notification and payment settings
 * changed, API keys created and revoked. One page of one partition, however many entries
 * the tenant has. Sign-ins to addresses with no login are kept under the tenant too (the
 * throttle's record), but left out: they carry whatever a visitor typed, and under a
 * flood of them they would bury the changes this trail is for.
 */
export async function listTenantAudit(caller: AdminCaller, query: { limit?: number; cursor?: string }): Promise<Page<AuditEntry>> {
  const page = await auditRepository.pageBySubject(caller.tenantId, `tenant:${caller.tenantId}`, { ...query, withoutActionsStarting: 'sign-in.' });
  return { ...page, items: page.items.map(({ tenantId: _tenant, ...entry }) => entry) };
}
