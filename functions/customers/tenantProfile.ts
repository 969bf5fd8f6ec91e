import type { PublicTenant } from '../../shared/tenant';
import { MODULES, type Module } from '../../shared/permissions';
import type { Tenant } from './tenantRepository';

/** The part of a tenant anyone on its portal may see: name, branding, modules. */
export function toPublicTenant(tenant: Tenant): PublicTenant {
  const enabled = new Set(tenant.modules);
  return {
    id: tenant.tenantId,
    name: tenant.name,
    branding: {
      primaryColour: tenant.branding.primaryColour,
      accentColour: tenant.branding.accentColour,
      ...(tenant.branding.logoUrl ? { logoUrl: tenant.branding.logoUrl } : {}),
      ...(tenant.branding.tagline ? { tagline: tenant.branding.tagline } : {}),
    },
    // Menu order is the catalogue's order, whatever order the settings were saved in.
    modules: MODULES.filter((m): m is Module => enabled.has(m)),
    portalEnabled: tenant.portalEnabled,
  };
}
