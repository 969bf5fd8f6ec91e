import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentMethod } from '../../../shared/api/payments';
import type { CatalogueSettingsInput, StockDisplay } from '../../../shared/api/catalogue';
import { dynamo, getItem, putItem, tableName, toItem, toRecord, type Keys } from '../../table/db';
import { tenantSettingsItem } from '../../table/tenantSettingsItem';

/**
 * The catalogue's settings: the tenant's (one item, replaced whole), and a company's and a
 * contact's overrides (one item each, beside the company's and the contact's own items,
 * replaced whole). What a caller gets is the three read together (`readTerms`, one
 * BatchGetItem) and combined by catalogueTerms.ts.
 */

export type StoredCatalogueSettings = CatalogueSettingsInput & { tenantId: string; updatedAt: string; updatedBy: string };

const SETTINGS_FIELDS = [
  'tenantId',
  'placeOrders',
  'quoteRequests',
  'pricesHidden',
  'stockDisplay',
  'showIncoming',
  'blanketDiscountBps',
  'enforceStock',
  'currency',
  'updatedAt',
  'updatedBy',
] as const;

export const catalogueSettingsRepository = tenantSettingsItem<StoredCatalogueSettings>('catalogueSettings', 'CATALOGUE-SETTINGS', SETTINGS_FIELDS);

/** What a tenant that has saved no catalogue settings gets. */
export const DEFAULT_CATALOGUE_SETTINGS: CatalogueSettingsInput = {
  placeOrders: true,
  quoteRequests: true,
  pricesHidden: false,
  stockDisplay: 'indication',
  showIncoming: true,
  blanketDiscountBps: 0,
  enforceStock: false,
  currency: 'GBP',
};

/** A company's or a contact's overrides: absent fields are as the level above says. */
export interface CatalogueOverrides {
  access?: boolean;
  placeOrders?: boolean;
  quoteRequests?: boolean;
  pricesHidden?: boolean;
  stockDisplay?: StockDisplay;
  showIncoming?: boolean;
}
export type CompanyCatalogue = CatalogueOverrides & { tenantId: string; companyId: string; currency?: string; updatedAt: string; updatedBy: string };
export type ContactCatalogue = CatalogueOverrides & {
  tenantId: string;
  contactId: string;
  /** Within the company's methods; absent or null: the company's. */
  paymentMethods?: PaymentMethod[] | null;
  updatedAt: string;
  updatedBy: string;
};

const OVERRIDE_FIELDS = ['access', 'placeOrders', 'quoteRequests', 'pricesHidden', 'stockDisplay', 'showIncoming'] as const;
const COMPANY_FIELDS = ['tenantId', 'companyId', ...OVERRIDE_FIELDS, 'currency', 'updatedAt', 'updatedBy'] as const;
const CONTACT_FIELDS = ['tenantId', 'contactId', ...OVERRIDE_FIELDS, 'paymentMethods', 'updatedAt', 'updatedBy'] as const;

const settingsKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}#CATALOGUE-SETTINGS`, sk: 'CATALOGUE-SETTINGS' });
const companyKey = (tenantId: string, companyId: string): Keys => ({ pk: `TENANT#${tenantId}#COMPANY#${companyId}`, sk: 'CATALOGUE' });
const contactKey = (tenantId: string, contactId: string): Keys => ({ pk: `TENANT#${tenantId}#CONTACT#${contactId}`, sk: 'CATALOGUE' });

export const catalogueOverridesRepository = {
  async getCompany(tenantId: string, companyId: string): Promise<CompanyCatalogue | undefined> {
    return getItem<CompanyCatalogue>(companyKey(tenantId, companyId), COMPANY_FIELDS);
  },
  async getContact(tenantId: string, contactId: string): Promise<ContactCatalogue | undefined> {
    return getItem<ContactCatalogue>(contactKey(tenantId, contactId), CONTACT_FIELDS);
  },
  /** Replaced whole: last writer wins (a staff form or the CRM sends all the overrides each time). */
  async putCompany(record: CompanyCatalogue): Promise<void> {
    await putItem(toItem(record, COMPANY_FIELDS, companyKey(record.tenantId, record.companyId), 'companyCatalogue'));
  },
  async putContact(record: ContactCatalogue): Promise<void> {
    await putItem(toItem(record, CONTACT_FIELDS, contactKey(record.tenantId, record.contactId), 'contactCatalogue'));
  },
};

/** The tenant's settings and the company's and contact's overrides, in one BatchGetItem. */
export async function readTerms(
  tenantId: string,
  companyId: string,
  contactId: string,
): Promise<{ settings?: StoredCatalogueSettings; company?: CompanyCatalogue; contact?: ContactCatalogue }> {
  const keys = [settingsKey(tenantId), companyKey(tenantId, companyId), contactKey(tenantId, contactId)];
  const found: Array<Record<string, unknown>> = [];
  let pending: Array<Record<string, unknown>> = keys;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= 8) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
    if (attempt) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
    found.push(...(out.Responses?.[tableName()] ?? []));
    pending = (out.UnprocessedKeys?.[tableName()]?.Keys as Array<Record<string, unknown>> | undefined) ?? [];
  }
  const at = (key: Keys) => found.find((item) => item.pk === key.pk && item.sk === key.sk);
  return {
    settings: toRecord<StoredCatalogueSettings>(at(keys[0]!), SETTINGS_FIELDS),
    company: toRecord<CompanyCatalogue>(at(keys[1]!), COMPANY_FIELDS),
    contact: toRecord<ContactCatalogue>(at(keys[2]!), CONTACT_FIELDS),
  };
}
