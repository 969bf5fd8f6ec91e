import { Entity } from 'electrodb';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';

/**
 * One event's delivery to one target: a claim taken before the side effect and marked
 * done after it, so a redelivered event does not send the same email twice.
 */
const deliveryEntity = () =>
  new Entity(
    {
      model: { entity: 'delivery', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        eventId: { type: 'string', required: true },
        target: { type: 'string', required: true },
        status: { type: ['in-progress', 'done'] as const, required: true },
        claimedAt: { type: 'number', required: true },
        ttl: { type: 'number', field: 'expiresAtEpoch' },
      },
      indexes: {
        byEvent: {
          pk: { field: 'pk', composite: ['tenantId', 'eventId', 'target'], template: 'TENANT#${tenantId}#DELIVERY#${eventId}#${target}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'DELIVERY', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

type Key = { tenantId: string; eventId: string; target: string };
const KEEP_SECONDS = 7 * 86_400;

export const deliveryRepository = {
  /**
   * Claims a delivery. True when this caller may go ahead: nobody claimed it, or a
   * claim older than `staleAfterMs` was left by a run that died. False when it is done
   * or another run is on it now.
   */
  async claim(key: Key, now: number, staleAfterMs: number): Promise<boolean> {
    const ttl = Math.floor(now / 1000) + KEEP_SECONDS;
    try {
      await deliveryEntity()
        .put({ ...key, status: 'in-progress', claimedAt: now, ttl })
        .where((attr, { notExists, eq, lt }) => `${notExists(attr.status)} OR (${eq(attr.status, 'in-progress')} AND ${lt(attr.claimedAt, now - staleAfterMs)})`)
        .go();
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },

  async complete(key: Key): Promise<void> {
    await deliveryEntity().patch(key).set({ status: 'done' }).go();
  },

  /** Gives a failed claim back so the retry can run at once. */
  async release(key: Key): Promise<void> {
    await deliveryEntity().delete(key).go();
  },
};
