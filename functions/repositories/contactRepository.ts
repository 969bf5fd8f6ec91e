import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';
import { addressAttribute, isConditionFailure } from './companyRepository';
import { DEFAULT_PAGE_SIZE, scopedCursor, type Page } from './pagination';

/** A person at a company. A contact belongs to exactly one company, for good. */
const contactEntity = () =>
  new Entity(
    {
      model: { entity: 'contact', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        contactId: { type: 'string', required: true, readOnly: true },
        companyId: { type: 'string', required: true, readOnly: true },
        firstName: { type: 'string', required: true },
        lastName: { type: 'string', required: true },
        email: { type: 'string' },
        phone: { type: 'string' },
        jobTitle: { type: 'string' },
        address: addressAttribute,
        externalId: { type: 'string' },
        createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
        updatedAt: { type: 'string', required: true, watch: '*', set: () => new Date().toISOString(), default: () => new Date().toISOString() },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'contactId'], template: 'TENANT#${tenantId}#CONTACT#${contactId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'CONTACT', casing: 'none' },
        },
        byCompany: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'companyId'], template: 'TENANT#${tenantId}#COMPANY#${companyId}#CONTACTS', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['contactId'], template: 'CONTACT#${contactId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type Contact = EntityItem<ReturnType<typeof contactEntity>>;
export type ContactChanges = Partial<Omit<Contact, 'tenantId' | 'contactId' | 'companyId' | 'createdAt' | 'updatedAt'>>;

export const contactRepository = {
  async get(tenantId: string, contactId: string): Promise<Contact | undefined> {
    const { data } = await contactEntity().get({ tenantId, contactId }).go();
    return data ?? undefined;
  },

  async create(contact: Omit<Contact, 'createdAt' | 'updatedAt'>): Promise<Contact> {
    const { data } = await contactEntity().create(contact).go();
    return { ...contact, ...data } as Contact;
  },

  async update(tenantId: string, contactId: string, changes: ContactChanges): Promise<Contact | undefined> {
    try {
      const { data } = await contactEntity().patch({ tenantId, contactId }).set(changes).go({ response: 'all_new' });
      return data as Contact;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  async listByCompany(tenantId: string, companyId: string, options: { limit?: number; cursor?: string }): Promise<Page<Contact>> {
    const cursor = scopedCursor(options.cursor, 'gsi1pk', `TENANT#${tenantId}#COMPANY#${companyId}#CONTACTS`);
    const { data, cursor: next } = await contactEntity().query.byCompany({ tenantId, companyId }).go({ cursor, limit: options.limit ?? DEFAULT_PAGE_SIZE });
    return { items: data, ...(next ? { cursor: next } : {}) };
  },
};
