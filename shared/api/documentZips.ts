import * as z from 'zod/mini';
import type { DocumentType } from '../documentKinds';
import { documentTypeSchema } from './documents';
import { id, lazily } from './common';

/**
 * Selected documents' PDFs as one ZIP (issue 11, item 6), made by a job off the request
 * path: the site starts it with the ids the customer ticked on a list page and polls it.
 */

/** The most documents one ZIP holds: a company's whole list of 1,000, selected page by page. */
export const MAX_ZIP_DOCUMENTS = 1_000;

/** POST /api/document-zips/{type}: the ticked rows of that type's list, by id. */
export const createZipBody = lazily(() =>
  z.strictObject({
    documentIds: z.array(id).check(
      z.minLength(1, 'select at least one document'),
      z.maxLength(MAX_ZIP_DOCUMENTS, `at most ${MAX_ZIP_DOCUMENTS} documents`),
      z.refine((ids) => new Set(ids).size === ids.length, 'must not name a document twice'),
    ),
  }),
);

export const zipPath = lazily(() => z.strictObject({ type: documentTypeSchema, zipId: id }));

export type ZipStatus = 'queued' | 'running' | 'ready' | 'failed';

/** A ZIP job as its owner sees it: how far it is, and a short-lived link once it is ready. */
export interface DocumentZipProgress {
  zipId: string;
  type: DocumentType;
  status: ZipStatus;
  /** Documents asked for. */
  total: number;
  /** Documents dealt with so far (in the ZIP, or skipped). */
  done: number;
  /** Documents left out: no longer available to the caller (withdrawn, another company's, unknown). */
  skipped: number;
  /** What the ZIP is saved as. */
  fileName: string;
  /** When ready: a short-lived download link. */
  link?: { url: string; expiresAt: string };
  /** When failed: why, in words for the customer. */
  reason?: string;
  /** While queued or running: when to ask again. */
  retryAfterSeconds?: number;
}
