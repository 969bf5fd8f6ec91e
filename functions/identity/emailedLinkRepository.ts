import { and, exists, getItem, notExists, putWrite, toItem, updateItem, type Keys, type Write } from '../table/db';
import { isConflict, UnitOfWork } from '../table/unitOfWork';

export const LINK_PURPOSES = ['invitation', 'password-reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/**
 * A single-use emailed link (invitation, password reset). Only the SHA-256 of its random
 * token is stored; the item expires by TTL a day after the link does.
 */
export type EmailedLink = {
  tenantId: string;
  tokenHash: string;
  purpose: LinkPurpose;
  userId: string;
  pool: 'portal' | 'staff';
  expiresAt: string;
  usedAt?: string;
  /** Epoch seconds, stored as the table's TTL attribute `expiresAtEpoch`. */
  ttl?: number;
  createdAt?: string;
};

type NewEmailedLink = Omit<EmailedLink, 'createdAt' | 'usedAt' | 'ttl' | 'pool'> & { pool?: EmailedLink['pool'] };

const ENTITY = 'linkToken';
const FIELDS = ['tenantId', 'tokenHash', 'purpose', 'userId', 'pool', 'expiresAt', 'usedAt', 'ttl', 'createdAt'] as const;
const primaryKey = (tenantId: string, purpose: LinkPurpose, tokenHash: string): Keys => ({ pk: `TENANT#${tenantId}#LINK#${purpose}#${tokenHash}`, sk: 'LINK' });

export const emailedLinkRepository = {
  /** The Put of a new link, for the unit of work that also sends it. */
  createWrite(token: NewEmailedLink): Write {
    const ttl = Math.floor(new Date(token.expiresAt).getTime() / 1000) + 86_400;
    const record: EmailedLink = { ...token, pool: token.pool ?? 'portal', ttl, createdAt: new Date().toISOString() };
    return putWrite(toItem(record, FIELDS, primaryKey(token.tenantId, token.purpose, token.tokenHash), ENTITY), notExists);
  },

  async create(token: NewEmailedLink): Promise<void> {
    await new UnitOfWork().write(emailedLinkRepository.createWrite(token)).commit();
  },

  async get(tenantId: string, purpose: LinkPurpose, tokenHash: string): Promise<EmailedLink | undefined> {
    return getItem<EmailedLink>(primaryKey(tenantId, purpose, tokenHash), FIELDS);
  },

  /** Marks a link used, once: of two concurrent uses exactly one gets `true`. */
  async consume(tenantId: string, purpose: LinkPurpose, tokenHash: string, now = new Date()): Promise<boolean> {
    try {
      await updateItem(
        primaryKey(tenantId, purpose, tokenHash),
        { set: { usedAt: now.toISOString() } },
        FIELDS,
        and(exists, (x) => `attribute_not_exists(${x.name('usedAt')}) AND ${x.name('expiresAt')} > ${x.value(now.toISOString())}`),
      );
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  },

  /**
   * Gives a consumed link back, for when the step it guarded failed for a reason the
   * user can fix (a password the identity provider refused). Only the consumer calls it.
   */
  async release(tenantId: string, purpose: LinkPurpose, tokenHash: string): Promise<void> {
    await updateItem(primaryKey(tenantId, purpose, tokenHash), { remove: ['usedAt'] }, FIELDS, exists);
  },
};
