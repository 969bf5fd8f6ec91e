import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';

/** A tenant's API key for its CRM. Only the hash of the secret is stored. */
const apiKeyEntity = () =>
  new Entity(
    {
      model: { entity: 'apiKey', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        keyId: { type: 'string', required: true },
        name: { type: 'string', required: true },
        secretHash: { type: 'string', required: true },
        scopes: { type: 'list', items: { type: 'string' }, required: true },
        createdAt: { type: 'string', readOnly: true, default: () => new Date().toISOString() },
        revokedAt: { type: 'string' },
      },
      indexes: {
        byKey: {
          pk: { field: 'pk', composite: ['tenantId'], template: 'TENANT#${tenantId}', casing: 'none' },
          sk: { field: 'sk', composite: ['keyId'], template: 'APIKEY#${keyId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type ApiKeyRecord = EntityItem<ReturnType<typeof apiKeyEntity>>;

export const apiKeyRepository = {
  async get(tenantId: string, keyId: string): Promise<ApiKeyRecord | undefined> {
    const { data } = await apiKeyEntity().get({ tenantId, keyId }).go();
    return data ?? undefined;
  },

  /** Creates a key; refuses to overwrite one with the same id. */
  async create(record: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<void> {
    await apiKeyEntity().create(record).go();
  },

  async revoke(tenantId: string, keyId: string): Promise<void> {
    await apiKeyEntity().patch({ tenantId, keyId }).set({ revokedAt: new Date().toISOString() }).go();
  },

  /** A tenant's keys, revoked ones included (a tenant has a handful: one Query reads them all). */
  async list(tenantId: string): Promise<ApiKeyRecord[]> {
    const { data } = await apiKeyEntity().query.byKey({ tenantId }).go({ pages: 'all' });
    return data;
  },
};
