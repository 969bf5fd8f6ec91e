import type * as z from 'zod/mini';
import type { BusinessContactDetails, ProfileField, updateSettingsBody } from '../../shared/api/access';
import { MODULES, type Module } from '../../shared/permissions';
import type { Branding } from '../../shared/tenant';
import { publishEvent } from '../aws/eventBus';
import { optionalEnv } from '../aws/env';
import { tenantRepository, type Tenant } from './tenantRepository';
import { editableFieldsOf } from './access';
import { notFoundIn } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import { changedFields } from '../core/changes';

export type UpdateSettingsInput = z.output<typeof updateSettingsBody>;

export interface TenantSettings {
  tenantId: string;
  slug: string;
  name: string;
  portalEnabled: boolean;
  branding: Branding;
  /** In the catalogue's (menu) order. */
  modules: Module[];
  editableProfileFields: ProfileField[];
  contactDetails: BusinessContactDetails;
  domains: { host: string; kind: 'subdomain' | 'custom'; verified: boolean }[];
  updatedAt: string;
}

/** The settings as staff edit them; the tenant is always the caller's. */
export async function getSettings(caller: AdminCaller): Promise<TenantSettings> {
  const tenant = await tenantRepository.get(caller.tenantId);
  if (!tenant) throw notFoundIn('tenant');
  return toSettings(tenant, await tenantRepository.listDomains(caller.tenantId));
}

/**
 * Changes some settings. Only fields whose value really changes are written and
 * announced: `tenant.settings-changed` names them and who changed them, and its audit
 * target keeps the record. The portal switch and modules apply on the next request,
 * since every request reads the tenant afresh.
 */
export async function updateSettings(caller: AdminCaller, input: UpdateSettingsInput): Promise<TenantSettings> {
  const current = await tenantRepository.get(caller.tenantId);
  if (!current) throw notFoundIn('tenant');
  const before = { ...current, editableProfileFields: editableFieldsOf(current) };
  const fields = changedFields(before, input as Partial<typeof before>);
  let tenant = current;
  if (fields.length) {
    const changes = Object.fromEntries(fields.map((f) => [f, input[f as keyof UpdateSettingsInput]]));
    const updated = await tenantRepository.update(caller.tenantId, changes);
    if (!updated) throw notFoundIn('tenant');
    tenant = updated;
    await publishEvent('tenant.settings-changed', { tenantId: caller.tenantId, changedBy: caller.actor, fields });
  }
  return toSettings(tenant, await tenantRepository.listDomains(caller.tenantId));
}

function toSettings(tenant: Tenant, domains: { host: string; verified: boolean }[]): TenantSettings {
  const base = optionalEnv('PORTAL_BASE_DOMAIN') ?? 'localhost';
  const enabled = new Set(tenant.modules);
  return {
    tenantId: tenant.tenantId,
    slug: tenant.slug,
    name: tenant.name,
    portalEnabled: tenant.portalEnabled,
    branding: tenant.branding,
    modules: MODULES.filter((m) => enabled.has(m)),
    editableProfileFields: editableFieldsOf(tenant),
    contactDetails: tenant.contactDetails ?? {},
    domains: domains.map(({ host, verified }) =>
      host.startsWith('sub:')
        ? { host: `${host.slice(4)}.${base}`, kind: 'subdomain' as const, verified }
        : { host: host.replace(/^host:/, ''), kind: 'custom' as const, verified },
    ),
    updatedAt: tenant.updatedAt,
  };
}
