import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';

export const LINK_PURPOSES = ['invitation', 'password-reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/**
 * A single-use emailed link (invitation, password reset). Only the SHA-256 of its random
 * token is stored; the item expires by TTL a day after the link does.
 */
const linkTokenEntity = () =>
  new Entity(
    {
      model: { entity: 'linkToken', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        tokenHash: { type: 'string', required: true, readOnly: true },
        purpose: { type: LINK_PURPOSES, required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        pool: { type: ['portal', 'staff'] as const, required: true, default: 'portal' },
        expiresAt: { type: 'string', required: true },
        usedAt: { type: 'string' },
        ttl: { type: 'number', field: 'expiresAtEpoch' },
        createdAt: { type: 'string', readOnly: true, default: () => new Date().toISOString() },
      },
      indexes: {
        byHash: {
          pk: { field: 'pk', composite: ['tenantId', 'purpose', 'tokenHash'], template: 'TENANT#${tenantId}#LINK#${purpose}#${tokenHash}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'LINK', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type LinkToken = EntityItem<ReturnType<typeof linkTokenEntity>>;

export const linkTokenRepository = {
  async create(token: Omit<LinkToken, 'createdAt' | 'usedAt' | 'ttl'>): Promise<void> {
    const ttl = Math.floor(new Date(token.expiresAt).getTime() / 1000) + 86_400;
    await linkTokenEntity().create({ ...token, ttl }).go();
  },

  async get(tenantId: string, purpose: LinkPurpose, tokenHash: string): Promise<LinkToken | undefined> {
    const { data } = await linkTokenEntity().get({ tenantId, purpose, tokenHash }).go();
    return data ?? undefined;
  },

  /** Marks a link used, once: of two concurrent uses exactly one gets `true`. */
  async consume(tenantId: string, purpose: LinkPurpose, tokenHash: string, now = new Date()): Promise<boolean> {
    try {
      await linkTokenEntity()
        .patch({ tenantId, purpose, tokenHash })
        .set({ usedAt: now.toISOString() })
        .where((attr, { notExists, gt }) => `${notExists(attr.usedAt)} AND ${gt(attr.expiresAt, now.toISOString())}`)
        .go();
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },

  /**
   * Gives a consumed link back, for when the step it guarded failed for a reason the
   * user can fix (a password the identity provider refused). Only the consumer calls it.
   */
  async release(tenantId: string, purpose: LinkPurpose, tokenHash: string): Promise<void> {
    await linkTokenEntity().patch({ tenantId, purpose, tokenHash }).remove(['usedAt']).go();
  },
};
