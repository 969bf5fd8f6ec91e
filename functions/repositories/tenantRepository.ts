import { Entity, type EntityItem } from 'electrodb';
import { MODULES } from '../../shared/permissions';
import { entityConfig } from './db';

/** A tenant: the business whose portal this is, with its settings. */
const tenantEntity = () =>
  new Entity(
    {
      model: { entity: 'tenant', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        slug: { type: 'string', required: true },
        name: { type: 'string', required: true },
        portalEnabled: { type: 'boolean', required: true, default: true },
        modules: { type: 'set', items: [...MODULES] as string[], required: true },
        branding: {
          type: 'map',
          required: true,
          properties: {
            logoUrl: { type: 'string' },
            primaryColour: { type: 'string', required: true },
            accentColour: { type: 'string', required: true },
            tagline: { type: 'string' },
          },
        },
        createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
        updatedAt: { type: 'string', required: true, watch: '*', set: () => new Date().toISOString(), default: () => new Date().toISOString() },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId'], template: 'TENANT#${tenantId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'TENANT', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type TenantItem = EntityItem<ReturnType<typeof tenantEntity>>;
export type Tenant = Omit<TenantItem, 'modules'> & { modules: string[] };

/**
 * Host → tenant. The one record not keyed by tenant, because the tenant is what it
 * finds. `host` is `sub:<label>` for a subdomain of the portal base domain, or
 * `host:<name>` for a tenant's own domain.
 */
const domainEntity = () =>
  new Entity(
    {
      model: { entity: 'domain', version: '1', service: 'portico' },
      attributes: {
        host: { type: 'string', required: true },
        tenantId: { type: 'string', required: true },
        verified: { type: 'boolean', required: true, default: false },
        createdAt: { type: 'string', readOnly: true, default: () => new Date().toISOString() },
      },
      indexes: {
        byHost: {
          pk: { field: 'pk', composite: ['host'], template: 'DOMAIN#${host}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'DOMAIN', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: 'TENANT#${tenantId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['host'], template: 'DOMAIN#${host}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export const tenantRepository = {
  async get(tenantId: string): Promise<Tenant | undefined> {
    const { data } = await tenantEntity().get({ tenantId }).go();
    return data ? fromItem(data) : undefined;
  },

  async put(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'> & { createdAt?: string }): Promise<Tenant> {
    const { data } = await tenantEntity().put(tenant).go();
    return fromItem(data as TenantItem);
  },

  async tenantIdForHost(hostKey: string): Promise<string | undefined> {
    const { data } = await domainEntity().get({ host: hostKey }).go();
    return data?.tenantId;
  },

  /** Claims a host for a tenant; refuses one another tenant already holds. */
  async claimHost(hostKey: string, tenantId: string, verified: boolean): Promise<void> {
    await domainEntity()
      .put({ host: hostKey, tenantId, verified })
      .where((attr, { notExists, eq }) => `${notExists(attr.host)} OR ${eq(attr.tenantId, tenantId)}`)
      .go();
  },
};

function fromItem(item: TenantItem): Tenant {
  return { ...item, modules: [...(item.modules ?? [])] };
}
