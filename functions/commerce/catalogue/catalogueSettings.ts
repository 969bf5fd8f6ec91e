import type * as z from 'zod/mini';
import type { CatalogueSettingsInput, companyCatalogueBody, contactCatalogueBody } from '../../../shared/api/catalogue';
import type { CatalogueSettingsView, CompanyCatalogueView, ContactCatalogueView } from '../../../shared/api/catalogueAdmin';
import { recordAudit } from '../../audit/audit';
import type { AdminCaller } from '../../core/callers';
import { conflict } from '../../core/problems';
import { requireCompany } from '../../customers/companies';
import { requireContact } from '../../customers/contacts';
import { retryOnConflict, StaleRead } from '../../table/conflicts';
import {
  catalogueOverridesRepository,
  catalogueSettingsRepository,
  DEFAULT_CATALOGUE_SETTINGS,
  type CompanyCatalogue,
  type ContactCatalogue,
  type StoredCatalogueSettings,
} from './catalogueSettingsRepository';

/**
 * The catalogue's settings (tenant admins), and a company's and a contact's overrides
 * (staff and the CRM). Each is replaced whole; the company's discount is its
 * `portalDiscountBps` (PATCH the company), shown here beside its overrides.
 */

function settingsView(stored: StoredCatalogueSettings | undefined): CatalogueSettingsView {
  if (!stored) return { ...DEFAULT_CATALOGUE_SETTINGS, configured: false };
  const { tenantId: _t, ...rest } = stored;
  return { ...rest, configured: true };
}

export async function getCatalogueSettings(caller: AdminCaller): Promise<CatalogueSettingsView> {
  return settingsView(await catalogueSettingsRepository.get(caller.tenantId));
}

export async function setCatalogueSettings(caller: AdminCaller, input: CatalogueSettingsInput): Promise<CatalogueSettingsView> {
  const stored = await retryOnConflict(
    async () => {
      const current = await catalogueSettingsRepository.get(caller.tenantId, true);
      const next: StoredCatalogueSettings = { tenantId: caller.tenantId, ...input, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
      if (!(await catalogueSettingsRepository.replace(next, current?.updatedAt))) throw new StaleRead();
      return next;
    },
    { exhausted: () => conflict('The catalogue settings changed while these were saved; load them again.') },
  );
  await recordAudit(caller, { action: 'tenant.settings-changed', subjects: [`tenant:${caller.tenantId}`], details: { catalogue: Object.keys(input).sort() } });
  return settingsView(stored);
}

const overrides = <T extends object>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([k, v]) => v !== undefined && !['tenantId', 'updatedBy'].includes(k))) as Omit<T, 'tenantId' | 'updatedBy'>;

export async function setCompanyCatalogue(caller: AdminCaller, companyId: string, input: z.output<typeof companyCatalogueBody>): Promise<CompanyCatalogueView> {
  const company = await requireCompany(caller.tenantId, companyId);
  const record: CompanyCatalogue = { tenantId: caller.tenantId, companyId, ...input, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
  await catalogueOverridesRepository.putCompany(record);
  await recordAudit(caller, { action: 'company.changed', subjects: [`company:${companyId}`], details: { catalogue: Object.keys(input).sort() } });
  return { ...overrides(record), discountBps: company.portalDiscountBps ?? 0 };
}

export async function setContactCatalogue(caller: AdminCaller, contactId: string, input: z.output<typeof contactCatalogueBody>): Promise<ContactCatalogueView> {
  const contact = await requireContact(caller.tenantId, contactId);
  const record: ContactCatalogue = { tenantId: caller.tenantId, contactId, ...input, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
  await catalogueOverridesRepository.putContact(record);
  await recordAudit(caller, {
    action: 'company.changed',
    subjects: [`company:${contact.companyId}`, `user:${contactId}`],
    details: { contactCatalogue: Object.keys(input).sort() },
  });
  return overrides(record);
}
