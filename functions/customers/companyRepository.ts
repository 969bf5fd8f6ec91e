import type { COMPANY_KINDS } from '../../shared/api/access';
import type { Module } from '../../shared/permissions';
import type { PaymentMethod } from '../../shared/api/payments';
import { exists, getItem, notExists, putItem, queryPage, toItem, updateItem, type Keys } from '../table/db';
import { DEFAULT_PAGE_SIZE, type Page } from '../table/pagination';
import { isConflict } from '../table/conflicts';

export type Address = {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postcode?: string;
  country?: string;
};

/** A company the tenant does business with: a customer, a supplier or both. */
export type Company = {
  tenantId: string;
  companyId: string;
  name: string;
  kind: (typeof COMPANY_KINDS)[number];
  allowPortal: boolean;
  /** Per-company module switches: true adds a module the tenant has off, false removes one. */
  moduleOverrides?: Partial<Record<Module, boolean>>;
  portalDiscountBps: number;
  /** Online payment methods this company may use (within the tenant's); absent or null: the tenant's list; []: none. */
  paymentMethods?: PaymentMethod[] | null;
  address?: Address;
  phone?: string;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
};

export type NewCompany = Omit<Company, 'createdAt' | 'updatedAt' | 'allowPortal' | 'portalDiscountBps'> &
  Partial<Pick<Company, 'allowPortal' | 'portalDiscountBps'>>;
export type CompanyChanges = Partial<Omit<Company, 'tenantId' | 'companyId' | 'createdAt' | 'updatedAt'>>;

const ENTITY = 'company';
const FIELDS = [
  'tenantId',
  'companyId',
  'name',
  'kind',
  'allowPortal',
  'moduleOverrides',
  'portalDiscountBps',
  'paymentMethods',
  'address',
  'phone',
  'externalId',
  'createdAt',
  'updatedAt',
] as const;

const keys = (tenantId: string, companyId: string): Keys => ({
  pk: `TENANT#${tenantId}#COMPANY#${companyId}`,
  sk: 'COMPANY',
  gsi1pk: `TENANT#${tenantId}#COMPANIES`,
  gsi1sk: `COMPANY#${companyId}`,
});
const primaryKey = (tenantId: string, companyId: string): Keys => {
  const { pk, sk } = keys(tenantId, companyId);
  return { pk, sk };
};

export const companyRepository = {
  async get(tenantId: string, companyId: string): Promise<Company | undefined> {
    return getItem<Company>(primaryKey(tenantId, companyId), FIELDS);
  },

  /** Creates a company; refuses to overwrite one with the same id. */
  async create(company: NewCompany): Promise<Company> {
    const now = new Date().toISOString();
    const record: Company = {
      ...company,
      allowPortal: company.allowPortal ?? false,
      portalDiscountBps: company.portalDiscountBps ?? 0,
      createdAt: now,
      updatedAt: now,
    };
    await putItem(toItem(record, FIELDS, keys(company.tenantId, company.companyId), ENTITY), notExists);
    return record;
  },

  /** Updates an existing company only; undefined when there is none. */
  async update(tenantId: string, companyId: string, changes: CompanyChanges): Promise<Company | undefined> {
    try {
      return await updateItem<Company>(primaryKey(tenantId, companyId), { set: { ...changes, updatedAt: new Date().toISOString() } }, FIELDS, exists);
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  async list(tenantId: string, options: { limit?: number; cursor?: string; kind?: Company['kind'] }): Promise<Page<Company>> {
    const partition = `TENANT#${tenantId}#COMPANIES`;
    const kind = options.kind;
    const { items, cursor: next } = await queryPage<Company>(
      {
        index: 'gsi1',
        partition,
        sortPrefix: 'COMPANY#',
        cursor: options.cursor,
        limit: options.limit ?? DEFAULT_PAGE_SIZE,
        filter: kind ? (x) => `${x.name('kind')} = ${x.value(kind)}` : undefined,
      },
      FIELDS,
    );
    return { items, ...(next ? { cursor: next } : {}) };
  },
};
