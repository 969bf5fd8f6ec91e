import { exists, getItem, notExists, putItem, queryAll, toItem, updateItem, type Keys } from '../table/db';

/** A tenant's API key for its CRM. Only the hash of the secret is stored. */
export type ApiKeyRecord = {
  tenantId: string;
  keyId: string;
  name: string;
  secretHash: string;
  scopes: string[];
  createdAt?: string;
  revokedAt?: string;
};

const ENTITY = 'apiKey';
const FIELDS = ['tenantId', 'keyId', 'name', 'secretHash', 'scopes', 'createdAt', 'revokedAt'] as const;
const primaryKey = (tenantId: string, keyId: string): Keys => ({ pk: `TENANT#${tenantId}`, sk: `APIKEY#${keyId}` });

export const apiKeyRepository = {
  async get(tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    return getItem<ApiKeyRecord>(primaryKey(tenantId, keyId), FIELDS);
  },

  /** Creates a key; refuses to overwrite one with the same id. */
  async create(record: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<void> {
    const item: ApiKeyRecord = { ...record, createdAt: new Date().toISOString() };
    await putItem(toItem(item, FIELDS, primaryKey(record.tenantId, record.keyId), ENTITY), notExists);
  },

  async revoke(tenantId: string, keyId: string): Promise<void> {
    await updateItem(primaryKey(tenantId, keyId), { set: { revokedAt: new Date().toISOString() } }, FIELDS, exists);
  },

  /** A tenant's keys, revoked ones included (a tenant has a handful: one Query reads them all). */
  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    return queryAll<ApiKeyRecord>({ partition: `TENANT#${tenantId}`, sortPrefix: 'APIKEY#' }, FIELDS);
  },
};
