/**
 * Counts what the repositories read from DynamoDB, from outside production code: an SDK
 * middleware on the one document client (`dynamo()`), added by the bench or a test in
 * the process that runs the handlers (the local gateway runs them in-process). It asks
 * every call for `ReturnConsumedCapacity: TOTAL` and records, per command, the items
 * DynamoDB read (a Query's ScannedCount — what it charges for, before any filter — and
 * one per item a GetItem or BatchGetItem found) and the capacity consumed.
 */
import { dynamo } from '../functions/table/db';

export interface ReadCall {
  /** Get, BatchGet, TransactGet, Query, Scan, Put, Update, … (the document client's and the base client's names alike). */
  command: string;
  /** Items DynamoDB read to answer: ScannedCount for a Query or Scan, items found for a Get. */
  itemsRead: number;
  /** Items returned (after a Query's filter). */
  itemsReturned: number;
  capacityUnits: number;
  write: boolean;
}

export interface ReadTotals {
  /** Query and Scan calls. */
  queries: number;
  /** GetItem, BatchGetItem and TransactGetItems calls. */
  gets: number;
  /** Every write call (Put, Update, Delete, TransactWrite, BatchWrite). */
  writes: number;
  itemsRead: number;
  itemsReturned: number;
  readCapacityUnits: number;
  writeCapacityUnits: number;
}

type Output = {
  Count?: number;
  ScannedCount?: number;
  Item?: unknown;
  Items?: unknown[];
  /** BatchGetItem: items by table; TransactGetItems: one `{ Item }` per get. */
  Responses?: Record<string, unknown[]> | Array<{ Item?: unknown }>;
  ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }>;
};

const WRITES = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'TransactWriteCommand',
  'BatchWriteCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
  'BatchWriteItemCommand',
]);

export class ReadMeter {
  readonly calls: ReadCall[] = [];
  private recording = false;

  /** Records the calls `run` makes (calls made by anything else at the same time would count too: run nothing else). */
  async measure<T>(run: () => Promise<T>): Promise<{ result: T; calls: ReadCall[]; totals: ReadTotals }> {
    this.calls.length = 0;
    this.recording = true;
    try {
      const result = await run();
      return { result, calls: [...this.calls], totals: totalsOf(this.calls) };
    } finally {
      this.recording = false;
    }
  }

  record(command: string, output: Output): void {
    if (!this.recording) return;
    const capacity = [output.ConsumedCapacity ?? []].flat().reduce((s, c) => s + (c?.CapacityUnits ?? 0), 0);
    const responses = output.Responses;
    const found = output.Item
      ? 1
      : Array.isArray(responses)
        ? responses.filter((r) => r?.Item).length
        : responses
          ? Object.values(responses).reduce((s, items) => s + items.length, 0)
          : 0;
    const itemsRead = output.ScannedCount ?? found;
    const itemsReturned = output.Count ?? found;
    this.calls.push({
      command: command.replace(/Command$/, '').replace(/(Item|Items)$/, ''),
      itemsRead,
      itemsReturned,
      capacityUnits: capacity,
      write: WRITES.has(command),
    });
  }
}

export function totalsOf(calls: ReadCall[]): ReadTotals {
  const reads = calls.filter((c) => !c.write);
  return {
    queries: reads.filter((c) => c.command === 'Query' || c.command === 'Scan').length,
    gets: reads.filter((c) => c.command === 'Get' || c.command === 'BatchGet' || c.command === 'TransactGet').length,
    writes: calls.filter((c) => c.write).length,
    itemsRead: reads.reduce((s, c) => s + c.itemsRead, 0),
    itemsReturned: reads.reduce((s, c) => s + c.itemsReturned, 0),
    readCapacityUnits: reads.reduce((s, c) => s + c.capacityUnits, 0),
    writeCapacityUnits: calls.filter((c) => c.write).reduce((s, c) => s + c.capacityUnits, 0),
  };
}

let installed: ReadMeter | undefined;

/** Adds the meter to the document client once per process and returns it. */
export function installReadMeter(): ReadMeter {
  if (installed) return installed;
  const meter = new ReadMeter();
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      meter.record(String(context.commandName ?? 'unknown'), result.output as Output);
      return result;
    },
    { step: 'initialize', name: 'benchReadMeter', override: true },
  );
  installed = meter;
  return meter;
}
