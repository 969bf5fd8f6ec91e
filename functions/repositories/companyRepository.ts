import { Entity, type EntityItem } from 'electrodb';
import { COMPANY_KINDS } from '../../shared/api/access';
import { entityConfig } from './db';
import { DEFAULT_PAGE_SIZE, scopedCursor, type Page } from './pagination';

const addressAttribute = {
  type: 'map',
  properties: {
    line1: { type: 'string' },
    line2: { type: 'string' },
    city: { type: 'string' },
    region: { type: 'string' },
    postcode: { type: 'string' },
    country: { type: 'string' },
  },
} as const;
export { addressAttribute };

/** A company the tenant does business with: a customer, a supplier or both. */
const companyEntity = () =>
  new Entity(
    {
      model: { entity: 'company', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        companyId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        kind: { type: COMPANY_KINDS, required: true },
        allowPortal: { type: 'boolean', required: true, default: false },
        moduleOverrides: { type: 'any' },
        portalDiscountBps: { type: 'number', required: true, default: 0 },
        address: addressAttribute,
        phone: { type: 'string' },
        externalId: { type: 'string' },
        createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
        updatedAt: { type: 'string', required: true, watch: '*', set: () => new Date().toISOString(), default: () => new Date().toISOString() },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'companyId'], template: 'TENANT#${tenantId}#COMPANY#${companyId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'COMPANY', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: 'TENANT#${tenantId}#COMPANIES', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['companyId'], template: 'COMPANY#${companyId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type Company = EntityItem<ReturnType<typeof companyEntity>>;
export type NewCompany = Omit<Company, 'createdAt' | 'updatedAt'>;
export type CompanyChanges = Partial<Omit<Company, 'tenantId' | 'companyId' | 'createdAt' | 'updatedAt'>>;

export const companyRepository = {
  async get(tenantId: string, companyId: string): Promise<Company | undefined> {
    const { data } = await companyEntity().get({ tenantId, companyId }).go();
    return data ?? undefined;
  },

  async create(company: NewCompany): Promise<Company> {
    const { data } = await companyEntity().create(company).go();
    return { ...company, ...data } as Company;
  },

  /** Updates an existing company only; undefined when there is none. */
  async update(tenantId: string, companyId: string, changes: CompanyChanges): Promise<Company | undefined> {
    try {
      const { data } = await companyEntity().patch({ tenantId, companyId }).set(changes).go({ response: 'all_new' });
      return data as Company;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  async list(tenantId: string, options: { limit?: number; cursor?: string; kind?: Company['kind'] }): Promise<Page<Company>> {
    const cursor = scopedCursor(options.cursor, 'gsi1pk', `TENANT#${tenantId}#COMPANIES`);
    let query = companyEntity().query.byTenant({ tenantId });
    if (options.kind) query = query.where((attr, { eq }) => eq(attr.kind, options.kind!)) as typeof query;
    const { data, cursor: next } = await query.go({ cursor, limit: options.limit ?? DEFAULT_PAGE_SIZE });
    return { items: data, ...(next ? { cursor: next } : {}) };
  },
};

/** ElectroDB wraps DynamoDB's ConditionalCheckFailedException. */
export function isConditionFailure(err: unknown): boolean {
  const cause = (err as { cause?: { name?: string } })?.cause;
  return (err as { name?: string })?.name === 'ConditionalCheckFailedException' || cause?.name === 'ConditionalCheckFailedException';
}
