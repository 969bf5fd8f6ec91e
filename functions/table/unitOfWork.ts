import { randomUUID } from 'node:crypto';
import { DeleteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EventDetail, EventType } from '../../events/catalogue';
import { publishEvent } from '../aws/eventBus';
import { isConflict, retryOnConflict, StaleRead, failedAt } from './conflicts';
import { logger } from '../aws/logger';
import { dynamo, queryAll, tableName, type Write } from './db';
import { TABLE_KEYS } from './tableDesign';

/**
 * One unit of work: the writes of one change (the record, its activity and audit lines,
 * what else moves with it) committed as one DynamoDB transaction, with the catalogue
 * events the change announces held in the same transaction, beside the record they are
 * about, until they are on the bus. A crash between the commit and the bus leaves the
 * events held; the next writer of that record puts them on the bus (`releaseHeldEvents`).
 */

export type { Write };
export { failedAt, isConflict, retryOnConflict, StaleRead };

/** A catalogue event held beside its record until it is on the bus. */
interface HeldEvent {
  type: EventType;
  detail: Record<string, unknown>;
}

/** Held events live in their record's partition under this sort-key prefix, a week at most. */
const HELD = 'HELD-EVENT#';
const HELD_KEEP_SECONDS = 7 * 86_400;
/** Longer than any Lambda's timeout: an older held event belongs to a request that died before the bus. */
export const HELD_RELEASE_AFTER_MS = 60_000;

export class UnitOfWork {
  private readonly writes: Write[] = [];
  private readonly trailing: Write[] = [];
  private readonly events: HeldEvent[] = [];

  /** Adds writes; their order is kept (a cancelled transaction names them by position). */
  write(...writes: Write[]): this {
    this.writes.push(...writes);
    return this;
  }

  /** Adds writes that go after every other (running totals), so the others keep their positions. */
  writeLast(...writes: Write[]): this {
    this.trailing.push(...writes);
    return this;
  }

  /** An event to put on the bus once the writes are committed (validated against the catalogue then). */
  announce<T extends EventType>(type: T, detail: EventDetail<T>): this {
    this.events.push({ type, detail: detail as Record<string, unknown> });
    return this;
  }

  get size(): number {
    return this.writes.length + this.trailing.length;
  }

  /**
   * Commits the writes as one transaction, the events held in `holder`'s partition (the
   * record they are about) in the same transaction, then puts the events on the bus and
   * forgets them. Throws what DynamoDB throws (a conflict is for `retryOnConflict`).
   */
  async commit(holder?: { pk: string }): Promise<void> {
    const at = new Date();
    const held = holder ? this.events.map((event) => ({ event, key: { pk: holder.pk, sk: `${HELD}${at.toISOString()}#${randomUUID()}` } })) : [];
    const heldWrites: Write[] = held.map(({ event, key }) => ({
      Put: {
        Item: {
          ...key,
          type: event.type,
          detail: event.detail,
          heldAt: at.toISOString(),
          [TABLE_KEYS.ttlAttribute]: Math.floor(at.getTime() / 1000) + HELD_KEEP_SECONDS,
        },
      },
    }));
    const items = [...this.writes, ...this.trailing, ...heldWrites];
    if (items.length) {
      await dynamo().send(
        new TransactWriteCommand({ TransactItems: items.map((w) => ('Put' in w ? { Put: { TableName: tableName(), ...w.Put } } : { Update: w.Update })) }),
      );
    }
    if (!holder) {
      for (const event of this.events) await publishEvent(event.type, event.detail as never);
      return;
    }
    for (const { event, key } of held) {
      await publishEvent(event.type, event.detail as never);
      await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: key }));
    }
  }
}

/**
 * Puts on the bus the events held in a record's partition for longer than a live request
 * takes (their request died between its commit and the bus), oldest first, and forgets
 * them. Called by the next writer of the record, so a crash is repaired by the next touch
 * (a retry of the same request, the next decision, Stripe's redelivery).
 */
export async function releaseHeldEvents(holder: { pk: string }, now = Date.now()): Promise<number> {
  const held = await queryAll<{ pk: string; sk: string; type: EventType; detail: Record<string, unknown>; heldAt: string }>(
    { partition: holder.pk, sortPrefix: HELD, sortRange: { from: HELD, before: `${HELD}${new Date(now - HELD_RELEASE_AFTER_MS).toISOString()}` } },
    ['pk', 'sk', 'type', 'detail', 'heldAt'],
  );
  for (const item of held) {
    logger.warn('releasing an event held since a request that did not finish', { type: item.type, heldAt: item.heldAt });
    await publishEvent(item.type, item.detail as never);
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
  }
  return held.length;
}
