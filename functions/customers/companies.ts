import type * as z from 'zod/mini';
import type { createCompanyBody, updateCompanyBody, COMPANY_KINDS } from '../../shared/api/access';
import { newId } from '../core/ids';
import { companyRepository, type Company } from './companyRepository';
import type { Page } from '../table/pagination';
import { notFoundIn } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { changedFields } from '../core/changes';
import { recordAudit } from '../audit/audit';

export type CreateCompanyInput = z.output<typeof createCompanyBody>;
export type UpdateCompanyInput = z.output<typeof updateCompanyBody>;
export type CompanyView = Omit<Company, 'tenantId'>;

/** What the admin API shows of a company: everything but the tenant, which is the caller's own. */
export function toCompanyView({ tenantId: _tenant, ...company }: Company): CompanyView {
  return company;
}

/**
 * Portico issues the id (`co_…`); a CRM's own id travels as `externalId`, plain data, so
 * a CRM can never pick an id that collides with, or guesses, another record's.
 */
export async function createCompany(caller: AdminCaller, input: CreateCompanyInput): Promise<CompanyView> {
  const company = await companyRepository.create({
    tenantId: caller.tenantId,
    companyId: newId('co'),
    allowPortal: false,
    portalDiscountBps: 0,
    ...input,
  });
  await recordAudit(caller, {
    action: 'company.changed',
    subjects: [`company:${company.companyId}`],
    details: { created: true, fields: Object.keys(input).sort() },
  });
  return toCompanyView(company);
}

export async function getCompany(caller: AdminCaller, companyId: string): Promise<CompanyView> {
  return toCompanyView(await requireCompany(caller.tenantId, companyId));
}

/** The company of this tenant, or the 404 that also answers for another tenant's id. */
export async function requireCompany(tenantId: string, companyId: string): Promise<Company> {
  const company = await companyRepository.get(tenantId, companyId);
  if (!company) throw notFoundIn('company');
  return company;
}

export async function listCompanies(
  caller: AdminCaller,
  query: { limit?: number; cursor?: string; kind?: (typeof COMPANY_KINDS)[number] },
): Promise<Page<CompanyView>> {
  const page = await companyRepository.list(caller.tenantId, query);
  return { ...page, items: page.items.map(toCompanyView) };
}

/**
 * PATCH semantics: each field given replaces the stored one whole (an address or the
 * module overrides are replaced, not merged). Only fields whose value really changes
 * are written and audited, so a CRM re-sending the same record leaves no noise.
 */
export async function updateCompany(caller: AdminCaller, companyId: string, input: UpdateCompanyInput): Promise<CompanyView> {
  const current = await requireCompany(caller.tenantId, companyId);
  const fields = changedFields(current, input);
  if (fields.length === 0) return toCompanyView(current);
  const changes = Object.fromEntries(fields.map((f) => [f, input[f as keyof UpdateCompanyInput]]));
  // The patch is conditional on the item existing, so a company cannot be re-created by an update.
  const updated = await companyRepository.update(caller.tenantId, companyId, changes);
  if (!updated) throw notFoundIn('company');
  await recordAudit(caller, { action: 'company.changed', subjects: [`company:${companyId}`], details: { fields } });
  return toCompanyView(updated);
}
