import { exists, getItem, notExists, putItem, queryPage, toItem, updateItem, type Keys } from '../table/db';
import type { Address } from './companyRepository';
import { isConflict } from '../table/conflicts';
import { DEFAULT_PAGE_SIZE, type Page } from '../table/pagination';

/** A person at a company. A contact belongs to exactly one company, for good. */
export type Contact = {
  tenantId: string;
  contactId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  jobTitle?: string;
  address?: Address;
  externalId?: string;
  createdAt: string;
  updatedAt: string;
};

export type ContactChanges = Partial<Omit<Contact, 'tenantId' | 'contactId' | 'companyId' | 'createdAt' | 'updatedAt'>>;

const ENTITY = 'contact';
const FIELDS = [
  'tenantId',
  'contactId',
  'companyId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'jobTitle',
  'address',
  'externalId',
  'createdAt',
  'updatedAt',
] as const;

const primaryKey = (tenantId: string, contactId: string): Keys => ({ pk: `TENANT#${tenantId}#CONTACT#${contactId}`, sk: 'CONTACT' });
const companyPartition = (tenantId: string, companyId: string) => `TENANT#${tenantId}#COMPANY#${companyId}#CONTACTS`;

export const contactRepository = {
  async get(tenantId: string, contactId: string): Promise<Contact | undefined> {
    return getItem<Contact>(primaryKey(tenantId, contactId), FIELDS);
  },

  /** Creates a contact; refuses to overwrite one with the same id. */
  async create(contact: Omit<Contact, 'createdAt' | 'updatedAt'>): Promise<Contact> {
    const now = new Date().toISOString();
    const record: Contact = { ...contact, createdAt: now, updatedAt: now };
    const keys = {
      ...primaryKey(contact.tenantId, contact.contactId),
      gsi1pk: companyPartition(contact.tenantId, contact.companyId),
      gsi1sk: `CONTACT#${contact.contactId}`,
    };
    await putItem(toItem(record, FIELDS, keys, ENTITY), notExists);
    return record;
  },

  async update(tenantId: string, contactId: string, changes: ContactChanges): Promise<Contact | undefined> {
    try {
      return await updateItem<Contact>(primaryKey(tenantId, contactId), { set: { ...changes, updatedAt: new Date().toISOString() } }, FIELDS, exists);
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  async listByCompany(tenantId: string, companyId: string, options: { limit?: number; cursor?: string }): Promise<Page<Contact>> {
    const partition = companyPartition(tenantId, companyId);
    const { items, cursor: next } = await queryPage<Contact>(
      { index: 'gsi1', partition, sortPrefix: 'CONTACT#', cursor: options.cursor, limit: options.limit ?? DEFAULT_PAGE_SIZE },
      FIELDS,
    );
    return { items, ...(next ? { cursor: next } : {}) };
  },
};
