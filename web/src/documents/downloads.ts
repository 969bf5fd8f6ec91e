import type { DownloadLink, SignatureEvidence } from '../../../shared/api/documents';
import type { StatementQuery } from '../../../shared/api/statements';
import { call } from '../api';
import { DOCUMENT_KINDS, documentArgs, type DocumentType, type Sort } from './kinds';
import { untilPdfReady } from './pdfDownload';

/** Asks the API for a short-lived link to a file; `onWaiting` is told when the file is still being made. */
export type Download = (onWaiting?: () => void) => Promise<DownloadLink>;

/** A document's PDF, in the tenant's branding: rendered off the request path, so it may take a moment the first time. */
export const pdfDownload =
  (type: DocumentType, documentId: string): Download =>
  (onWaiting) =>
    untilPdfReady(() => call('GET /api/documents/{type}/{documentId}/pdf', documentArgs(type, documentId)), onWaiting);

/** The statement of account for a period as a PDF: rendered off the request path like a document's, the first time that statement is asked for. */
export const statementPdfDownload =
  (query: StatementQuery): Download =>
  (onWaiting) =>
    untilPdfReady(() => call('GET /api/statement/pdf', { query }), onWaiting);

/** One of a document's files, or of its messages'. */
export const attachmentDownload =
  (type: DocumentType, documentId: string, attachmentId: string): Download =>
  () =>
    call('GET /api/documents/{type}/{documentId}/attachments/{attachmentId}', { path: { type, documentId, attachmentId } });

/**
 * Opens a short-lived presigned link (PDF, attachment) in a new tab: a navigation, since
 * the file lives on another origin the page may not fetch from. Returns the link so the
 * page can offer it as a plain link too, in case a pop-up blocker stopped the tab.
 */
export async function openDownload(download: Download, onWaiting?: () => void): Promise<DownloadLink> {
  const link = await download(onWaiting);
  window.open(link.url, '_blank', 'noopener');
  return link;
}

/** Saves a value as a JSON file the browser downloads (a Blob URL: nothing leaves the page). */
export function saveJson(value: unknown, fileName: string): void {
  saveBlob(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), fileName);
}

/** Saves a Blob as a file the browser downloads. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a sales order's signature evidence and saves it as `signature-evidence-<number>.json`. */
export async function downloadSignatureEvidence(documentId: string, number: string): Promise<SignatureEvidence> {
  const evidence: SignatureEvidence = await call('GET /api/documents/sales-order/{documentId}/signature', { path: { documentId } });
  saveJson(evidence, `signature-evidence-${number.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`);
  return evidence;
}

/**
 * Fetches a list as CSV with the filters it has on screen and saves it as
 * `<plural>-<filter>-<date>.csv` (the name the API gives it too). Through `call`, so an
 * expired session is renewed first; the byte-order mark the API sends (Excel's cue for
 * UTF-8) is dropped by the text decoder, so it is put back.
 */
export async function downloadListCsv(type: DocumentType, status: string, sort: Sort, q: string): Promise<void> {
  const csv = await call('GET /api/document-exports/{type}', { path: { type }, query: { ...(status ? { status } : {}), sort, ...(q ? { q } : {}) } });
  const filter = q ? `number-${q.replace(/[^A-Za-z0-9._-]+/g, '-')}` : status || 'all';
  const plural = DOCUMENT_KINDS[type].plural.toLowerCase().replaceAll(' ', '-');
  saveBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), `${plural}-${filter}-${new Date().toISOString().slice(0, 10)}.csv`);
}
