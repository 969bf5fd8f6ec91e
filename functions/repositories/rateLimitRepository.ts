import { Entity } from 'electrodb';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';

/**
 * Counters for things limited per subject, e.g. password reset emails per address per
 * hour. A window opens at the first use and lasts `windowSeconds` (so a burst cannot
 * straddle two fixed windows); uses inside it are an atomic add. Items expire by TTL.
 */
const rateLimitEntity = () =>
  new Entity(
    {
      model: { entity: 'rateLimit', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        bucket: { type: 'string', required: true },
        subject: { type: 'string', required: true },
        count: { type: 'number', required: true, default: 0 },
        windowStartedAt: { type: 'string', required: true },
        ttl: { type: 'number', field: 'expiresAtEpoch' },
      },
      indexes: {
        bySubject: {
          pk: { field: 'pk', composite: ['tenantId', 'bucket', 'subject'], template: 'TENANT#${tenantId}#RATE#${bucket}#${subject}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'RATE', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export const rateLimitRepository = {
  /** Counts one more use and returns the uses in the current window, this one included. */
  async hit(key: { tenantId: string; bucket: string; subject: string }, windowSeconds: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
    const ttl = Math.floor(now.getTime() / 1000) + windowSeconds + 3600;
    try {
      const { data } = await rateLimitEntity()
        .patch(key)
        .add({ count: 1 })
        .set({ ttl })
        .where((attr, { gt }) => gt(attr.windowStartedAt, cutoff))
        .go({ response: 'all_new' });
      return (data as { count: number }).count;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    // No window open (first use, or the last one is over): open one.
    await rateLimitEntity().put({ ...key, count: 1, windowStartedAt: now.toISOString(), ttl }).go();
    return 1;
  },
};
