import { badRequest } from '../core/problems';

/** A cursor is the query's LastEvaluatedKey in base64url JSON (the encoding ElectroDB used). */
export const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');
export const decodeCursor = (cursor: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;

/**
 * Cursors are opaque to callers, but only encoded, not sealed. A caller could
 * hand back one made up for another tenant's partition, so a cursor is accepted only
 * when its partition key is the very partition being listed.
 */
export function scopedCursor(cursor: string | undefined, field: string, partition: string): string | undefined {
  if (!cursor) return undefined;
  let key: Record<string, unknown>;
  try {
    key = decodeCursor(cursor);
  } catch {
    throw badRequest([{ name: 'query.cursor', reason: 'is not a cursor from this list' }]);
  }
  if (!key || typeof key !== 'object' || key[field] !== partition) {
    throw badRequest([{ name: 'query.cursor', reason: 'is not a cursor from this list' }]);
  }
  return cursor;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 25;
