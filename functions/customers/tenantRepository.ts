import { PROFILE_FIELDS, type BusinessContactDetails, type ProfileField } from '../../shared/api/access';
import { exists, getItem, notExists, putItem, queryAll, stringSet, toItem, updateItem, type Keys } from '../table/db';
import { isConflict } from '../table/conflicts';

/** What contacts may edit in My Details unless the tenant says otherwise: their own name, phone and address. */
export const DEFAULT_EDITABLE_PROFILE_FIELDS: readonly ProfileField[] = ['name', 'phone', 'address'];

export type Branding = {
  logoUrl?: string;
  primaryColour: string;
  accentColour: string;
  tagline?: string;
};

/** A tenant as stored: `modules` is a DynamoDB string set. */
export type TenantItem = {
  tenantId: string;
  slug: string;
  name: string;
  portalEnabled: boolean;
  modules?: Set<string>;
  branding: Branding;
  /** My Details fields contacts may edit (a list, not a set: it may be empty). Tenants saved before it existed read as the default. */
  editableProfileFields?: string[];
  /** How customers reach the business (printed on document PDFs); none until staff set them. */
  contactDetails?: BusinessContactDetails;
  createdAt: string;
  updatedAt: string;
};

/** A tenant: the business whose portal this is, with its settings. */
export type Tenant = Omit<TenantItem, 'modules' | 'editableProfileFields'> & { modules: string[]; editableProfileFields?: ProfileField[] };

const ENTITY = 'tenant';
const FIELDS = [
  'tenantId',
  'slug',
  'name',
  'portalEnabled',
  'modules',
  'branding',
  'editableProfileFields',
  'contactDetails',
  'createdAt',
  'updatedAt',
] as const;
const primaryKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}`, sk: 'TENANT' });

/**
 * Host → tenant. The one record not keyed by tenant, because the tenant is what it
 * finds. `host` is `sub:<label>` for a subdomain of the portal base domain, or
 * `host:<name>` for a tenant's own domain.
 */
type Domain = {
  host: string;
  tenantId: string;
  verified: boolean;
  createdAt?: string;
};
const DOMAIN_ENTITY = 'domain';
const DOMAIN_FIELDS = ['host', 'tenantId', 'verified', 'createdAt'] as const;
const domainKey = (host: string): Keys => ({ pk: `DOMAIN#${host}`, sk: 'DOMAIN' });

type NewTenant = Omit<Tenant, 'createdAt' | 'updatedAt' | 'portalEnabled'> & { portalEnabled?: boolean; createdAt?: string };

/** The item a put or create writes: defaults applied, timestamps set. */
function newItem(tenant: NewTenant): Record<string, unknown> {
  const now = new Date().toISOString();
  const record = {
    ...tenant,
    portalEnabled: tenant.portalEnabled ?? true,
    modules: stringSet(tenant.modules),
    editableProfileFields: tenant.editableProfileFields ?? [...DEFAULT_EDITABLE_PROFILE_FIELDS],
    createdAt: tenant.createdAt ?? now,
    updatedAt: now,
  };
  return toItem(record, FIELDS, primaryKey(tenant.tenantId), ENTITY);
}

export const tenantRepository = {
  async get(tenantId: string): Promise<Tenant | undefined> {
    const item = await getItem<TenantItem>(primaryKey(tenantId), FIELDS);
    return item ? fromItem(item) : undefined;
  },

  async put(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'> & { createdAt?: string }): Promise<Tenant> {
    const item = newItem(tenant);
    await putItem(item);
    return fromItem(item as unknown as TenantItem);
  },

  async tenantIdForHost(hostKey: string): Promise<string | undefined> {
    const domain = await getItem<Domain>(domainKey(hostKey), DOMAIN_FIELDS);
    return domain?.tenantId;
  },

  /** Claims a host for a tenant; refuses one another tenant already holds. */
  async claimHost(hostKey: string, tenantId: string, verified: boolean): Promise<void> {
    const record: Domain = { host: hostKey, tenantId, verified, createdAt: new Date().toISOString() };
    const keys = { ...domainKey(hostKey), gsi1pk: `TENANT#${tenantId}`, gsi1sk: `DOMAIN#${hostKey}` };
    await putItem(
      toItem(record, DOMAIN_FIELDS, keys, DOMAIN_ENTITY),
      (x) => `attribute_not_exists(${x.name('host')}) OR ${x.name('tenantId')} = ${x.value(tenantId)}`,
    );
  },

  /** Creates a tenant that does not exist yet; undefined when the id is taken. */
  async create(tenant: Omit<Tenant, 'createdAt' | 'updatedAt'>): Promise<Tenant | undefined> {
    const item = newItem({ ...tenant, createdAt: undefined });
    try {
      await putItem(item, notExists);
      return fromItem(item as unknown as TenantItem);
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  /** Sets some settings of an existing tenant (only those: a concurrent change of others stays). */
  async update(
    tenantId: string,
    changes: Partial<Pick<Tenant, 'name' | 'portalEnabled' | 'branding' | 'modules' | 'editableProfileFields' | 'contactDetails'>>,
  ): Promise<Tenant | undefined> {
    try {
      const set = { ...changes, modules: changes.modules && new Set(changes.modules), updatedAt: new Date().toISOString() };
      return fromItem(await updateItem<TenantItem>(primaryKey(tenantId), { set }, FIELDS, exists));
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  /** The hosts a tenant is served at (`sub:<slug>`, `host:<name>`), from the Domain items' tenant index. */
  async listDomains(tenantId: string): Promise<Array<{ host: string; verified: boolean }>> {
    const domains = await queryAll<Domain>({ index: 'gsi1', partition: `TENANT#${tenantId}`, sortPrefix: 'DOMAIN#' }, DOMAIN_FIELDS);
    return domains.map((d) => ({ host: d.host, verified: d.verified }));
  },
};

function fromItem(item: TenantItem): Tenant {
  const { editableProfileFields, modules, ...rest } = item;
  // Only what a Tenant has: the item a put wrote also holds keys and the entity marker.
  const tenant = {
    tenantId: rest.tenantId,
    slug: rest.slug,
    name: rest.name,
    portalEnabled: rest.portalEnabled,
    branding: rest.branding,
    ...(rest.contactDetails ? { contactDetails: rest.contactDetails } : {}),
    createdAt: rest.createdAt,
    updatedAt: rest.updatedAt,
  };
  return {
    ...tenant,
    modules: [...(modules ?? [])],
    // Only names the API knows (the settings schema validates writes; this guards reads).
    ...(editableProfileFields
      ? { editableProfileFields: editableProfileFields.filter((f): f is ProfileField => (PROFILE_FIELDS as readonly string[]).includes(f)) }
      : {}),
  };
}
