import type { EventEnvelope } from '../../events/catalogue';
import { deliveryRepository } from './deliveryRepository';

/** Longer than the notify Lambda's timeout: an older claim belongs to a run that died. */
const STALE_AFTER_MS = 2 * 60_000;

/**
 * Runs a target's side effect at most once per event, although EventBridge (and the
 * local bus) deliver at least once. Powertools' idempotency utility would do the same,
 * but its DynamoDB layer needs a static partition key on a composite-key table, and
 * every key here starts with the tenant.
 */
export async function onceOnly(tenantId: string, event: EventEnvelope, target: string, effect: () => Promise<void>): Promise<'done' | 'skipped'> {
  const key = { tenantId, eventId: event.id, target };
  if (!(await deliveryRepository.claim(key, Date.now(), STALE_AFTER_MS))) return 'skipped';
  try {
    await effect();
  } catch (err) {
    await deliveryRepository.release(key).catch(() => undefined);
    throw err;
  }
  await deliveryRepository.complete(key);
  return 'done';
}
