import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';

/**
 * Failed sign-ins per (tenant, pool, email), whether or not the email has a login, so
 * throttling itself reveals nothing. Counted with atomic adds: concurrent failures are
 * never lost.
 */
const throttleEntity = () =>
  new Entity(
    {
      model: { entity: 'loginThrottle', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        pool: { type: ['portal', 'staff'] as const, required: true },
        email: { type: 'string', required: true },
        failures: { type: 'number', required: true, default: 0 },
        windowStartedAt: { type: 'string' },
        lockedUntil: { type: 'string' },
        ttl: { type: 'number', field: 'expiresAtEpoch' },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['tenantId', 'pool', 'email'], template: 'TENANT#${tenantId}#THROTTLE#${pool}#${email}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'THROTTLE', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type LoginThrottle = EntityItem<ReturnType<typeof throttleEntity>>;
type Key = { tenantId: string; pool: LoginThrottle['pool']; email: string };

export const loginThrottleRepository = {
  async get(key: Key): Promise<LoginThrottle | undefined> {
    const { data } = await throttleEntity().get(key).go();
    return data ?? undefined;
  },

  /** Adds one failure and returns the new count (starting a new window when asked). */
  async addFailure(key: Key, options: { resetWindow: boolean; now: Date; keepForSeconds: number }): Promise<number> {
    const ttl = Math.floor(options.now.getTime() / 1000) + options.keepForSeconds;
    const op = options.resetWindow
      ? throttleEntity().upsert(key).set({ failures: 1, windowStartedAt: options.now.toISOString(), ttl })
      : throttleEntity().upsert(key).add({ failures: 1 }).set({ ttl }).ifNotExists({ windowStartedAt: options.now.toISOString() });
    const { data } = await op.go({ response: 'all_new' });
    return (data as LoginThrottle).failures;
  },

  async lock(key: Key, until: Date): Promise<void> {
    await throttleEntity().patch(key).set({ lockedUntil: until.toISOString() }).go();
  },

  async clear(key: Key): Promise<void> {
    await throttleEntity().delete(key).go();
  },
};
