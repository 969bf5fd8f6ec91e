import { isConflict } from '../../table/conflicts';
import { putItem, toItem, type Keys } from '../../table/db';

/**
 * "A render of this PDF was asked for": a short-lived marker per PDF key, so a client
 * polling for a PDF that is being rendered puts one event on the bus, not one per poll.
 * Taken with a conditional put; a marker older than `RENDER_REQUEST_SECONDS` counts as
 * gone, so a render that failed (or an event that was lost) is asked for again by the
 * next poll after it. DynamoDB's TTL deletes the item later (it may lag by hours, hence
 * the age check in the condition rather than relying on the deletion).
 */

/** Longer than a render takes (a few seconds) and short enough that a failed one is retried soon. */
export const RENDER_REQUEST_SECONDS = 60;

const ENTITY = 'renderRequest';
const FIELDS = ['tenantId', 'key', 'requestedAt', 'ttl'] as const;
const primaryKey = (tenantId: string, key: string): Keys => ({ pk: `TENANT#${tenantId}#RENDER#${key}`, sk: 'RENDER' });

export const renderRequestRepository = {
  /** True when this caller took the marker (none there, or an expired one): it, and only it, asks for the render. */
  async claim(tenantId: string, key: string, now = Date.now()): Promise<boolean> {
    const record = { tenantId, key, requestedAt: now, ttl: Math.floor(now / 1000) + RENDER_REQUEST_SECONDS };
    try {
      await putItem(
        toItem(record, FIELDS, primaryKey(tenantId, key), ENTITY),
        (x) => `attribute_not_exists(${x.name('pk')}) OR ${x.name('requestedAt')} <= ${x.value(now - RENDER_REQUEST_SECONDS * 1000)}`,
      );
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  },
};
