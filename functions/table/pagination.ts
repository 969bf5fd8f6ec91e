import { badRequest } from '../core/problems';

/** A cursor is the query's LastEvaluatedKey in base64url JSON (the encoding ElectroDB used). */
export const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** What a cursor of one query must be: the key attributes of its index, in its partition, within its sort condition. */
export interface CursorScope {
  /** Every key attribute of the index queried: the table's pk and sk, plus the index's own. */
  attributes: readonly string[];
  partitionKey: string;
  partition: string;
  sortKey: string;
  /** Whether a sort key value is one the query's key condition admits. */
  admits: (sortValue: string) => boolean;
}

const notOurs = () => badRequest([{ name: 'query.cursor', reason: 'is not a cursor from this list' }]);

/**
 * The start key of a cursor a caller handed back. Cursors are opaque to callers, but only
 * encoded, not sealed: one could be made up for another tenant's partition, or in the
 * right partition with the wrong shape (a key missing, an object for a key, an extra
 * attribute), which DynamoDB refuses with a ValidationException, or outside the query's
 * sort condition, which it refuses too. Each is a 400 naming `query.cursor`, never a 500:
 * a cursor is accepted only with exactly the key attributes of the index queried, each a
 * non-empty string, in the partition being listed and within its sort condition.
 */
export function startKey(cursor: string, scope: CursorScope): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw notOurs();
  const entries = Object.entries(key);
  const expected = new Set(scope.attributes);
  if (entries.length !== expected.size || !entries.every(([name, value]) => expected.has(name) && typeof value === 'string' && value !== '')) throw notOurs();
  const start = key as Record<string, string>;
  if (start[scope.partitionKey] !== scope.partition || !scope.admits(start[scope.sortKey]!)) throw notOurs();
  return start;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 25;
