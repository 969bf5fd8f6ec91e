import type { DocumentZipProgress } from '../../../shared/api/documentZips';
import { call } from '../api';
import type { DocumentType, Sort } from './kinds';

/** The most documents one ZIP takes (the API's limit too). */
export const MAX_ZIP_DOCUMENTS = 1_000;

/** How long the site follows a job before it says to try again later (the job itself stops at 14 minutes). */
const PATIENCE_MS = 15 * 60_000;
/** Polls start at the API's `retryAfterSeconds` and back off by half again each time, to at most this. */
const MAX_POLL_MS = 10_000;

/**
 * Starts a ZIP of the selected documents' PDFs and follows it until it is ready or failed:
 * asks again after the seconds the API says, backing off while a long job runs, and tells
 * `onProgress` each answer. Through `call`, so an expired session is renewed on the way.
 */
export async function runZipJob(
  type: DocumentType,
  documentIds: string[],
  onProgress: (progress: DocumentZipProgress) => void,
  signal?: AbortSignal,
): Promise<DocumentZipProgress> {
  let progress = await call('POST /api/document-zips/{type}', { path: { type }, body: { documentIds } }, signal);
  onProgress(progress);
  const giveUpAt = Date.now() + PATIENCE_MS;
  let wait = Math.max(1, progress.retryAfterSeconds ?? 2) * 1000;
  while (progress.status === 'queued' || progress.status === 'running') {
    if (Date.now() > giveUpAt) throw new Error('The ZIP is taking longer than usual. Please try again later, or choose fewer documents.');
    await pause(wait, signal);
    progress = await call('GET /api/document-zips/{type}/{zipId}', { path: { type, zipId: progress.zipId } }, signal);
    onProgress(progress);
    wait = Math.min(MAX_POLL_MS, Math.max(wait * 1.5, (progress.retryAfterSeconds ?? 2) * 1000));
  }
  return progress;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Starts the browser's download of a ready ZIP: the link is presigned as an attachment, so the page stays where it is. */
export function saveZip(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * The ids of a whole list with its filters, for "Select all in this list": pages of 100
 * (the list route's largest), stopping at the most one ZIP holds, so at most 10 requests
 * whatever the list's length. `more`: the list goes on past what was taken.
 */
export async function wholeListIds(query: { type: DocumentType; status: string; sort: Sort; q: string }): Promise<{ ids: string[]; more: boolean }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('GET /api/documents/{type}', {
      path: { type: query.type },
      query: {
        ...(query.status ? { status: query.status } : {}),
        sort: query.sort,
        ...(query.q ? { q: query.q } : {}),
        limit: 100,
        ...(cursor ? { cursor } : {}),
      },
    });
    ids.push(...page.items.map((d) => d.documentId));
    cursor = page.cursor;
  } while (cursor && ids.length < MAX_ZIP_DOCUMENTS);
  return { ids: ids.slice(0, MAX_ZIP_DOCUMENTS), more: !!cursor || ids.length > MAX_ZIP_DOCUMENTS };
}
