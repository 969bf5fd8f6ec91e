import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { clientConfig } from '../aws/clientConfig';
import { env } from '../aws/env';
import { encodeCursor, startKey } from './pagination';
import { TABLE_KEYS } from './tableDesign';

let documentClient: DynamoDBDocumentClient | undefined;

/** One document client per process, created on first use so the init phase stays short. */
export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export const tableName = (): string => env('TABLE_NAME');

/*
 * The repositories use plain lib-dynamodb commands (no entity library: ElectroDB cost
 * ~220 KB and dynamodb-toolbox ~135 KB of every bundle). What the entity libraries did is
 * here, in a few lines: key attributes, the entity marker, attribute lists, TTL mapping,
 * condition and update expressions, and cursors.
 */

/** The table's key attributes: never part of a record a repository returns. */
export type Keys = {
  pk: string;
  sk: string;
  gsi1pk?: string;
  gsi1sk?: string;
  gsi2pk?: string;
  gsi2sk?: string;
  gsi3pk?: string;
  gsi3sk?: string;
  gsi4pk?: string;
  gsi4sk?: string;
};

/**
 * Every item carries its entity name and model version in the attributes ElectroDB used
 * (`__edb_e__`, `__edb_v__`), so items written before and after the switch look alike.
 */
export const marker = (entity: string) => ({ __edb_e__: entity, __edb_v__: '1' });

/** Records keep their TTL as `ttl`; the table's TTL attribute is `expiresAtEpoch`. */
const TTL_FIELD = TABLE_KEYS.ttlAttribute;

/** A stored item → the record: only the entity's attributes, keys and markers dropped, TTL renamed. */
export function toRecord<T>(item: Record<string, unknown> | undefined, fields: readonly string[]): T | undefined {
  if (!item) return undefined;
  const record: Record<string, unknown> = {};
  for (const field of fields) {
    const value = field === 'ttl' ? item[TTL_FIELD] : item[field];
    if (value !== undefined) record[field] = value;
  }
  return record as T;
}

/** A record → the stored item: only the entity's attributes (TTL under its table name), plus keys and marker. */
export function toItem(record: object, fields: readonly string[], keys: Keys, entity: string): Record<string, unknown> {
  const item: Record<string, unknown> = { ...keys, ...marker(entity) };
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (value !== undefined) item[field === 'ttl' ? TTL_FIELD : field] = value;
  }
  return item;
}

/** A string set as DynamoDB stores it; an empty one is no attribute at all (DynamoDB has no empty sets). */
export const stringSet = (values: readonly string[] | undefined): Set<string> | undefined => (values?.length ? new Set(values) : undefined);

/** Names and values of one expression, with placeholders made up as they are used. */
export class Expr {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private count = 0;

  name(attribute: string): string {
    const placeholder = `#${attribute === 'ttl' ? TTL_FIELD : attribute}`;
    this.names[placeholder] = attribute === 'ttl' ? TTL_FIELD : attribute;
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${this.count++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** The parts of a command input this expression fills (none when it is empty). */
  params(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

export type Condition = (x: Expr) => string;

/** The item exists: what a patch requires. */
export const exists: Condition = (x) => `attribute_exists(${x.name('pk')}) AND attribute_exists(${x.name('sk')})`;
/** No item has this key yet: what a create requires. */
export const notExists: Condition = (x) => `attribute_not_exists(${x.name('pk')}) AND attribute_not_exists(${x.name('sk')})`;
export const and =
  (...conditions: Array<Condition | undefined>): Condition =>
  (x) =>
    conditions
      .filter((c): c is Condition => !!c)
      .map((c) => `(${c(x)})`)
      .join(' AND ');

export async function getItem<T>(keys: Keys, fields: readonly string[], consistent = false): Promise<T | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys, ConsistentRead: consistent }));
  return toRecord<T>(Item, fields);
}

/** One write of a transaction, as lib-dynamodb takes it (the table name is added on commit). */
export type Write =
  | {
      Put: {
        Item: Record<string, unknown>;
        ConditionExpression?: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Record<string, unknown>;
      };
    }
  | { Update: ReturnType<typeof updateParams> };

/** A Put for a transaction, with its condition. */
export function putWrite(item: Record<string, unknown>, condition?: Condition): Write {
  const x = new Expr();
  const expression = condition?.(x);
  return { Put: { Item: item, ...(expression ? { ConditionExpression: expression, ...x.params() } : {}) } };
}

/** An Update for a transaction. */
export const updateWrite = (keys: Keys, changes: Changes, condition?: Condition): Write => ({ Update: updateParams(keys, changes, condition) });

export async function putItem(item: Record<string, unknown>, condition?: Condition): Promise<void> {
  const x = new Expr();
  const expression = condition?.(x);
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: item, ...(expression ? { ConditionExpression: expression, ...x.params() } : {}) }));
}

export async function deleteItem(keys: Keys, condition?: Condition): Promise<void> {
  const x = new Expr();
  const expression = condition?.(x);
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys, ...(expression ? { ConditionExpression: expression, ...x.params() } : {}) }));
}

export interface Changes {
  /** Attributes to set; undefined values are left alone (as ElectroDB's `set` did). An empty Set removes the attribute. */
  set?: Record<string, unknown>;
  /** Set only if the item has none yet. */
  setIfNotExists?: Record<string, unknown>;
  add?: Record<string, number>;
  remove?: readonly string[];
}

/** An UpdateItem's params: the update expression from `changes`, the condition, and the new item back when asked. */
export function updateParams(keys: Keys, changes: Changes, condition?: Condition) {
  const x = new Expr();
  const sets: string[] = [];
  const removes = [...(changes.remove ?? [])].map((a) => x.name(a));
  for (const [attribute, value] of Object.entries(changes.set ?? {})) {
    if (value === undefined) continue;
    if (value instanceof Set && value.size === 0) removes.push(x.name(attribute));
    else sets.push(`${x.name(attribute)} = ${x.value(value)}`);
  }
  for (const [attribute, value] of Object.entries(changes.setIfNotExists ?? {})) {
    const name = x.name(attribute);
    sets.push(`${name} = if_not_exists(${name}, ${x.value(value)})`);
  }
  const adds = Object.entries(changes.add ?? {}).map(([attribute, value]) => `${x.name(attribute)} ${x.value(value)}`);
  const update = [
    sets.length ? `SET ${sets.join(', ')}` : '',
    removes.length ? `REMOVE ${removes.join(', ')}` : '',
    adds.length ? `ADD ${adds.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const expression = condition?.(x);
  return { TableName: tableName(), Key: keys, UpdateExpression: update, ...(expression ? { ConditionExpression: expression } : {}), ...x.params() };
}

/** Updates an item and returns it as it is now. */
export async function updateItem<T>(keys: Keys, changes: Changes, fields: readonly string[], condition?: Condition): Promise<T> {
  const { Attributes } = await dynamo().send(new UpdateCommand({ ...updateParams(keys, changes, condition), ReturnValues: 'ALL_NEW' }));
  return toRecord<T>(Attributes, fields) as T;
}

export interface QuerySpec {
  /** Omitted for the table itself. */
  index?: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
  partition: string;
  /** The sort keys' common prefix: what keeps one entity's items apart from another's in a shared partition. */
  sortPrefix: string;
  /** A range on the sort key instead of the prefix: `[from, before)`; either end may be open. */
  sortRange?: { from?: string; before?: string };
  filter?: Condition;
  limit?: number;
  /** A cursor as the caller handed it back: checked against this query (index, partition, sort condition) before DynamoDB sees it, a 400 naming `query.cursor` otherwise. */
  cursor?: string;
  descending?: boolean;
  /** Strongly consistent (the table only: an index never is). */
  consistent?: boolean;
}

function queryParams(spec: QuerySpec): QueryCommandInput {
  const gsi = TABLE_KEYS.gsis.find((g) => g.indexName === spec.index);
  const sortKeyName = gsi?.sortKey ?? TABLE_KEYS.sortKey;
  const partitionKeyName = gsi?.partitionKey ?? TABLE_KEYS.partitionKey;
  const x = new Expr();
  const sortKey = x.name(sortKeyName);
  const range = spec.sortRange;
  const sortCondition = !range
    ? `begins_with(${sortKey}, ${x.value(spec.sortPrefix)})`
    : range.from !== undefined && range.before !== undefined
      ? `${sortKey} BETWEEN ${x.value(range.from)} AND ${x.value(range.before)}`
      : range.from !== undefined
        ? `${sortKey} >= ${x.value(range.from)}`
        : `${sortKey} < ${x.value(range.before ?? spec.sortPrefix)}`;
  const keyCondition = `${x.name(partitionKeyName)} = ${x.value(spec.partition)} AND ${sortCondition}`;
  const filter = spec.filter?.(x);
  const cursor = spec.cursor
    ? startKey(spec.cursor, {
        attributes: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...(gsi ? [gsi.partitionKey, gsi.sortKey] : [])],
        partitionKey: partitionKeyName,
        partition: spec.partition,
        sortKey: sortKeyName,
        admits: (v) => admitsSortKey(spec, v),
      })
    : undefined;
  return {
    TableName: tableName(),
    ...(spec.index ? { IndexName: spec.index } : {}),
    KeyConditionExpression: keyCondition,
    ...(filter ? { FilterExpression: filter } : {}),
    ...(spec.limit ? { Limit: spec.limit } : {}),
    ...(cursor ? { ExclusiveStartKey: cursor } : {}),
    ...(spec.descending ? { ScanIndexForward: false } : {}),
    ...(spec.consistent && !spec.index ? { ConsistentRead: true } : {}),
    ...x.params(),
  };
}

/** The sort key condition of `queryParams`, as a test of one value (strings compare by code unit, close enough to DynamoDB's UTF-8 bytes for these ASCII keys). */
function admitsSortKey(spec: QuerySpec, value: string): boolean {
  const range = spec.sortRange;
  if (!range) return value.startsWith(spec.sortPrefix);
  if (range.from !== undefined && value < range.from) return false;
  if (range.from !== undefined && range.before !== undefined) return value <= range.before;
  return range.before === undefined && range.from !== undefined ? true : value < (range.before ?? spec.sortPrefix);
}

/** One DynamoDB page (as ElectroDB's `go({ limit, cursor })`: `Limit` counts items before the filter), with the cursor to the next. */
export async function queryPage<T>(spec: QuerySpec, fields: readonly string[]): Promise<{ items: T[]; cursor?: string }> {
  const { Items = [], LastEvaluatedKey } = await dynamo().send(new QueryCommand(queryParams(spec)));
  return { items: Items.map((item) => toRecord<T>(item, fields) as T), ...(LastEvaluatedKey ? { cursor: encodeCursor(LastEvaluatedKey) } : {}) };
}

/** Every item of the query, page after page. */
export async function queryAll<T>(spec: QuerySpec, fields: readonly string[]): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<T>({ ...spec, cursor }, fields);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}
