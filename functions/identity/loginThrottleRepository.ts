import { deleteItem, exists, getItem, marker, updateItem, type Keys } from '../table/db';

/**
 * Failed sign-ins per (tenant, pool, email), whether or not the email has a login, so
 * throttling itself reveals nothing. Counted with atomic adds: concurrent failures are
 * never lost.
 */
export type LoginThrottle = {
  tenantId: string;
  pool: 'portal' | 'staff';
  email: string;
  failures: number;
  windowStartedAt?: string;
  lockedUntil?: string;
  /** Epoch seconds, stored as the table's TTL attribute `expiresAtEpoch`. */
  ttl?: number;
};
type Key = { tenantId: string; pool: LoginThrottle['pool']; email: string };

const ENTITY = 'loginThrottle';
const FIELDS = ['tenantId', 'pool', 'email', 'failures', 'windowStartedAt', 'lockedUntil', 'ttl'] as const;
const primaryKey = ({ tenantId, pool, email }: Key): Keys => ({ pk: `TENANT#${tenantId}#THROTTLE#${pool}#${email}`, sk: 'THROTTLE' });

export const loginThrottleRepository = {
  async get(key: Key): Promise<LoginThrottle | undefined> {
    return getItem<LoginThrottle>(primaryKey(key), FIELDS);
  },

  /** Adds one failure and returns the new count (starting a new window when asked). */
  async addFailure(key: Key, options: { resetWindow: boolean; now: Date; keepForSeconds: number }): Promise<number> {
    const ttl = Math.floor(options.now.getTime() / 1000) + options.keepForSeconds;
    // An upsert: the item is made if there is none, so its key attributes and marker are written too.
    const identity = { tenantId: key.tenantId, pool: key.pool, email: key.email, ...marker(ENTITY) };
    const item = options.resetWindow
      ? await updateItem<LoginThrottle>(primaryKey(key), { set: { ...identity, failures: 1, windowStartedAt: options.now.toISOString(), ttl } }, FIELDS)
      : await updateItem<LoginThrottle>(
          primaryKey(key),
          { set: { ...identity, ttl }, add: { failures: 1 }, setIfNotExists: { windowStartedAt: options.now.toISOString() } },
          FIELDS,
        );
    return item.failures;
  },

  async lock(key: Key, until: Date): Promise<void> {
    await updateItem(primaryKey(key), { set: { lockedUntil: until.toISOString() } }, FIELDS, exists);
  },

  async clear(key: Key): Promise<void> {
    await deleteItem(primaryKey(key));
  },
};
