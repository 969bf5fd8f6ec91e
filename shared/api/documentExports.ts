import * as z from 'zod/mini';
import { SORTS } from '../documentKinds';
import { lazily, trimmed } from './common';

/**
 * A document list as CSV (issue 11, item 6): the same filters as the list on screen —
 * status group, number search, sort — and no paging: the file holds the whole list.
 */
export const exportDocumentsQuery = lazily(() =>
  z.strictObject({
    status: z.optional(trimmed(30)),
    sort: z.optional(z.enum(SORTS)),
    q: z.optional(trimmed(50)),
  }),
);

/** The most rows one export holds; a list longer than this is refused with 422, asking for a filter. */
export const MAX_EXPORT_ROWS = 5_000;
