import { and, exists, putItem, toItem, updateItem, type Keys } from './db';
import { isConflict } from './conflicts';

/**
 * Counters for things limited per subject, e.g. password reset emails per address per
 * hour. A window opens at the first use and lasts `windowSeconds` (so a burst cannot
 * straddle two fixed windows); uses inside it are an atomic add. Items expire by TTL.
 */
type Key = { tenantId: string; bucket: string; subject: string };

const ENTITY = 'rateLimit';
const FIELDS = ['tenantId', 'bucket', 'subject', 'count', 'windowStartedAt', 'ttl'] as const;
const primaryKey = ({ tenantId, bucket, subject }: Key): Keys => ({ pk: `TENANT#${tenantId}#RATE#${bucket}#${subject}`, sk: 'RATE' });

export const rateLimitRepository = {
  /** Counts one more use and returns the uses in the current window, this one included. */
  async hit(key: Key, windowSeconds: number, now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - windowSeconds * 1000).toISOString();
    const ttl = Math.floor(now.getTime() / 1000) + windowSeconds + 3600;
    try {
      const item = await updateItem<{ count: number }>(
        primaryKey(key),
        { add: { count: 1 }, set: { ttl } },
        FIELDS,
        and(exists, (x) => `${x.name('windowStartedAt')} > ${x.value(cutoff)}`),
      );
      return item.count;
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
    // No window open (first use, or the last one is over): open one.
    const record = { tenantId: key.tenantId, bucket: key.bucket, subject: key.subject, count: 1, windowStartedAt: now.toISOString(), ttl };
    await putItem(toItem(record, FIELDS, primaryKey(key), ENTITY));
    return 1;
  },
};
