import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as z from 'zod/mini';
import { eventCatalogue, EVENT_SOURCE, type EventDetail, type EventType } from '../../events/catalogue';
import { clientConfig } from './clientConfig';
import { env } from './env';

let client: EventBridgeClient | undefined;

/**
 * Publishes one catalogue event on the Portico bus. The detail is validated first, so a
 * malformed event fails the request that made it rather than a notifier later. Locally
 * EVENTBRIDGE_ENDPOINT points at the in-process bus, which speaks the same PutEvents.
 */
export async function publishEvent<T extends EventType>(type: T, detail: EventDetail<T>): Promise<string> {
  const parsed = z.parse(eventCatalogue[type] as z.ZodMiniType, detail);
  client ??= new EventBridgeClient(clientConfig('eventbridge'));
  const result = await client.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: env('EVENT_BUS_NAME'), Source: EVENT_SOURCE, DetailType: type, Detail: JSON.stringify(parsed) }],
    }),
  );
  const entry = result.Entries?.[0];
  if (result.FailedEntryCount || !entry?.EventId) {
    throw new Error(`PutEvents refused ${type}: ${entry?.ErrorCode ?? 'unknown'} ${entry?.ErrorMessage ?? ''}`);
  }
  return entry.EventId;
}
