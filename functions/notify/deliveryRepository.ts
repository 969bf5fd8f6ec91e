import { deleteItem, exists, putItem, toItem, updateItem, type Keys } from '../table/db';
import { isConflict } from '../table/conflicts';

/**
 * One event's delivery to one target: a claim taken before the side effect and marked
 * done after it, so a redelivered event does not send the same email twice.
 */
type Key = { tenantId: string; eventId: string; target: string };
const KEEP_SECONDS = 7 * 86_400;

const ENTITY = 'delivery';
const FIELDS = ['tenantId', 'eventId', 'target', 'status', 'claimedAt', 'ttl'] as const;
const primaryKey = ({ tenantId, eventId, target }: Key): Keys => ({ pk: `TENANT#${tenantId}#DELIVERY#${eventId}#${target}`, sk: 'DELIVERY' });

export const deliveryRepository = {
  /**
   * Claims a delivery. True when this caller may go ahead: nobody claimed it, or a
   * claim older than `staleAfterMs` was left by a run that died. False when it is done
   * or another run is on it now.
   */
  async claim(key: Key, now: number, staleAfterMs: number): Promise<boolean> {
    const ttl = Math.floor(now / 1000) + KEEP_SECONDS;
    const record = { tenantId: key.tenantId, eventId: key.eventId, target: key.target, status: 'in-progress', claimedAt: now, ttl };
    try {
      await putItem(
        toItem(record, FIELDS, primaryKey(key), ENTITY),
        (x) =>
          `attribute_not_exists(${x.name('status')}) OR (${x.name('status')} = ${x.value('in-progress')} AND ${x.name('claimedAt')} < ${x.value(now - staleAfterMs)})`,
      );
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  },

  async complete(key: Key): Promise<void> {
    await updateItem(primaryKey(key), { set: { status: 'done' } }, FIELDS, exists);
  },

  /** Gives a failed claim back so the retry can run at once. */
  async release(key: Key): Promise<void> {
    await deleteItem(primaryKey(key));
  },
};
