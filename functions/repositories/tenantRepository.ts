import { Entity, type EntityItem } from 'electrodb';
import { MODULES } from '../../shared/permissions';
import { PROFILE_FIELDS, type ProfileField } from '../../shared/api/access';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';

/** What contacts may edit in My Details unless the tenant says otherwise: their own name, phone and address. */
export const DEFAULT_EDITABLE_PROFILE_FIELDS: readonly ProfileField[] = ['name', 'phone', 'address'];

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
        /** My Details fields contacts may edit (a list, not a set: it may be empty). Tenants saved before it existed read as the default. */
        editableProfileFields: { type: 'list', items: { type: 'string' }, default: () => [...DEFAULT_EDITABLE_PROFILE_FIELDS] },
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
export type Tenant = Omit<TenantItem, 'modules' | 'editableProfileFields'> & { modules: string[]; editableProfileFields?: ProfileField[] };

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

  /** Creates a tenant that does not exist yet; undefined when the id is taken. */
  async create(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>): Promise<Tenant | undefined> {
    try {
      const { data } = await tenantEntity().create(tenant).go();
      return fromItem({ ...tenant, ...data } as TenantItem);
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  /** Sets some settings of an existing tenant (only those: a concurrent change of others stays). */
  async update(tenantId: string, changes: Partial<Pick<Tenant, 'name' | 'portalEnabled' | 'branding' | 'modules' | 'editableProfileFields'>>): Promise<Tenant | undefined> {
    try {
      const { data } = await tenantEntity().patch({ tenantId }).set(changes).go({ response: 'all_new' });
      return fromItem(data as TenantItem);
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  /** The hosts a tenant is served at (`sub:<slug>`, `host:<name>`), from the Domain items' tenant index. */
  async listDomains(tenantId: string): Promise<Array<{ host: string; verified: boolean }>> {
    const { data } = await domainEntity().query.byTenant({ tenantId }).go({ pages: 'all' });
    return data.map((d) => ({ host: d.host, verified: d.verified }));
  },
};

function fromItem(item: TenantItem): Tenant {
  const { editableProfileFields, ...rest } = item;
  return {
    ...rest,
    modules: [...(item.modules ?? [])],
    // Only names the API knows (the settings schema validates writes; this guards reads).
    ...(editableProfileFields ? { editableProfileFields: editableProfileFields.filter((f): f is ProfileField => (PROFILE_FIELDS as readonly string[]).includes(f)) } : {}),
  };
}
