import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentType } from '../../../shared/api/documents';
import { isConflict } from '../../table/conflicts';
import { and, dynamo, exists, Expr, getItem, notExists, queryAll, tableName, toItem, updateItem, type Keys } from '../../table/db';

/**
 * A direct link: one document, one recipient (a contact of the document's company),
 * until it expires or staff revoke it. Like an invitation, only the SHA-256 of its
 * random 32-byte token is stored, on a small pointer item written in the same
 * transaction as the link, so a presented token finds its link with two strongly
 * consistent reads and the link keeps a stable id of its own for staff to revoke it by.
 *
 * Indexes: gsi1 lists a document's links (newest first), gsi2 a contact's. Revoking all
 * of a contact's links does not trust gsi2, which in the cloud may not have a link made a
 * moment ago yet: each link also has an entry in its contact's own partition of the table
 * (`…#CONTACT#<id>#DIRECTLINKS`, written in the link's transaction), read strongly
 * consistent. All expire by TTL 90 days after the link does, so staff still see expired
 * links for a while.
 */
export type DirectLink = {
  tenantId: string;
  linkId: string;
  tokenHash: string;
  type: DocumentType;
  documentId: string;
  /** The document's number when the link was made (for lists and the audit trail). */
  number: string;
  companyId: string;
  contactId: string;
  expiresAt: string;
  createdAt: string;
  /** The audit actor who made it (`staff:<id>`, `api-key:<id>`). */
  createdBy: string;
  /** Where the link was emailed, if it was. */
  sentTo?: string;
  revokedAt?: string;
  revokedBy?: string;
  openCount?: number;
  lastOpenedAt?: string;
  /** Epoch seconds, stored as the table's TTL attribute `expiresAtEpoch`. */
  ttl?: number;
};

const ENTITY = 'directLink';
const FIELDS = [
  'tenantId',
  'linkId',
  'tokenHash',
  'type',
  'documentId',
  'number',
  'companyId',
  'contactId',
  'expiresAt',
  'createdAt',
  'createdBy',
  'sentTo',
  'revokedAt',
  'revokedBy',
  'openCount',
  'lastOpenedAt',
  'ttl',
] as const;
const TOKEN_ENTITY = 'directLinkToken';
const TOKEN_FIELDS = ['tenantId', 'tokenHash', 'linkId', 'ttl'] as const;
const CONTACT_ENTRY_ENTITY = 'directLinkOfContact';
const CONTACT_ENTRY_FIELDS = ['linkId', 'expiresAt', 'ttl'] as const;
/** What revoking all of a contact's links needs of each. */
export type ContactLink = Pick<DirectLink, 'linkId' | 'expiresAt' | 'revokedAt'>;

/** How long a link's records outlive it (so staff still see it as expired). */
const KEEP_AFTER_EXPIRY_SECONDS = 90 * 86_400;

const primaryKey = (tenantId: string, linkId: string): Keys => ({ pk: `TENANT#${tenantId}#DIRECTLINK#${linkId}`, sk: 'DIRECTLINK' });
const tokenKey = (tenantId: string, tokenHash: string): Keys => ({ pk: `TENANT#${tenantId}#DIRECTLINK-TOKEN#${tokenHash}`, sk: 'DIRECTLINK-TOKEN' });
const documentPartition = (tenantId: string, type: DocumentType, documentId: string) => `TENANT#${tenantId}#DOC#${type}#${documentId}#DIRECTLINKS`;
const contactPartition = (tenantId: string, contactId: string) => `TENANT#${tenantId}#CONTACT#${contactId}#DIRECTLINKS`;

/** Neither revoked nor expired at `now`. */
const usable = (now: string) => (x: Expr) => `attribute_not_exists(${x.name('revokedAt')}) AND ${x.name('expiresAt')} > ${x.value(now)}`;

export const directLinkRepository = {
  async create(link: Omit<DirectLink, 'ttl' | 'openCount' | 'lastOpenedAt' | 'revokedAt' | 'revokedBy'>): Promise<DirectLink> {
    const ttl = Math.floor(new Date(link.expiresAt).getTime() / 1000) + KEEP_AFTER_EXPIRY_SECONDS;
    const record: DirectLink = { ...link, openCount: 0, ttl };
    const sort = `DIRECTLINK#${link.createdAt}#${link.linkId}`;
    const keys: Keys = {
      ...primaryKey(link.tenantId, link.linkId),
      gsi1pk: documentPartition(link.tenantId, link.type, link.documentId),
      gsi1sk: sort,
      gsi2pk: contactPartition(link.tenantId, link.contactId),
      gsi2sk: sort,
    };
    const condition = () => {
      const x = new Expr();
      return { ConditionExpression: notExists(x), ...x.params() };
    };
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(record, FIELDS, keys, ENTITY), ...condition() } },
          {
            Put: {
              TableName: tableName(),
              Item: toItem(
                { tenantId: link.tenantId, tokenHash: link.tokenHash, linkId: link.linkId, ttl },
                TOKEN_FIELDS,
                tokenKey(link.tenantId, link.tokenHash),
                TOKEN_ENTITY,
              ),
              ...condition(),
            },
          },
          // The contact's strongly consistent list of links (see above: gsi2 may lag).
          {
            Put: {
              TableName: tableName(),
              Item: toItem(
                { linkId: link.linkId, expiresAt: link.expiresAt, ttl },
                CONTACT_ENTRY_FIELDS,
                { pk: contactPartition(link.tenantId, link.contactId), sk: sort },
                CONTACT_ENTRY_ENTITY,
              ),
              ...condition(),
            },
          },
        ],
      }),
    );
    return record;
  },

  /** Strongly consistent: a revocation must apply to the very next request. */
  async get(tenantId: string, linkId: string): Promise<DirectLink | undefined> {
    return getItem<DirectLink>(primaryKey(tenantId, linkId), FIELDS, true);
  },

  /** The link a token's hash names, in this tenant only. */
  async getByTokenHash(tenantId: string, tokenHash: string): Promise<DirectLink | undefined> {
    const pointer = await getItem<{ linkId: string }>(tokenKey(tenantId, tokenHash), TOKEN_FIELDS, true);
    if (!pointer) return undefined;
    const link = await this.get(tenantId, pointer.linkId);
    return link && link.tokenHash === tokenHash ? link : undefined;
  },

  /** A document's links, newest first. */
  async listForDocument(tenantId: string, type: DocumentType, documentId: string): Promise<DirectLink[]> {
    return queryAll<DirectLink>(
      { index: 'gsi1', partition: documentPartition(tenantId, type, documentId), sortPrefix: 'DIRECTLINK#', descending: true },
      FIELDS,
    );
  },

  /**
   * Every link made for a contact, up to the moment of the call: the contact's own
   * partition, read strongly consistent, so a link made a moment ago is in it whatever
   * the index's lag. Links made before that partition was kept are only in gsi2, and long
   * enough ago for the index to have them, so the two are read together.
   */
  async listForContact(tenantId: string, contactId: string): Promise<ContactLink[]> {
    const spec = { partition: contactPartition(tenantId, contactId), sortPrefix: 'DIRECTLINK#' };
    const [own, indexed] = await Promise.all([
      queryAll<ContactLink>({ ...spec, consistent: true }, CONTACT_ENTRY_FIELDS),
      queryAll<ContactLink>({ ...spec, index: 'gsi2' }, FIELDS),
    ]);
    const byId = new Map<string, ContactLink>();
    for (const link of [...own, ...indexed]) byId.set(link.linkId, { ...byId.get(link.linkId), ...link });
    return [...byId.values()];
  },

  /** Revokes a link once: undefined when it is unknown or was already revoked (of two concurrent revocations one wins). */
  async revoke(tenantId: string, linkId: string, by: string, now = new Date()): Promise<DirectLink | undefined> {
    try {
      return await updateItem<DirectLink>(
        primaryKey(tenantId, linkId),
        { set: { revokedAt: now.toISOString(), revokedBy: by } },
        FIELDS,
        and(exists, (x) => `attribute_not_exists(${x.name('revokedAt')})`),
      );
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  /** Counts an opening, only while the link is usable: undefined when it was revoked or expired meanwhile. */
  async recordOpen(tenantId: string, linkId: string, now = new Date()): Promise<DirectLink | undefined> {
    try {
      return await updateItem<DirectLink>(
        primaryKey(tenantId, linkId),
        { set: { lastOpenedAt: now.toISOString() }, add: { openCount: 1 } },
        FIELDS,
        and(exists, usable(now.toISOString())),
      );
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },
};
