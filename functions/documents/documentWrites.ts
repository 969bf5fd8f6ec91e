import type { DocumentType } from '../../shared/api/documents';
import { conflict } from '../core/problems';
import { retryOnConflict } from '../table/conflicts';
import { releaseHeldEvents } from '../table/unitOfWork';
import { documentKey, documentRepository, type HistoryEntry, type StoredDocument } from './documentRepository';

/** Who acted on a document, as events and activity name them. */
export type DocumentActor = { kind: 'customer' | 'staff' | 'crm'; id: string; name: string };

/** A document keeps its most recent history entries (newest first); the audit trail keeps everything. */
export const MAX_HISTORY = 100;
/**
 * And at most this many bytes of them (as JSON): entries carry customers' comments (2,000
 * characters each), so a hundred could outgrow the document's item. With the content's own
 * budget (`LIMITS.document.contentBytes`) and the portal state, the item stays under
 * DynamoDB's 400 KB (docs/architecture.md, "How big a document may be").
 */
export const MAX_HISTORY_BYTES = 40_000;

const utf8 = new TextEncoder();

/** New entries first, then the old ones, capped by count and size (the newest entry is always kept). */
export function withHistory(history: HistoryEntry[], ...entries: HistoryEntry[]): HistoryEntry[] {
  const kept: HistoryEntry[] = [];
  let bytes = 0;
  for (const entry of [...entries, ...history].slice(0, MAX_HISTORY)) {
    bytes += utf8.encode(JSON.stringify(entry)).length;
    if (kept.length && bytes > MAX_HISTORY_BYTES) break;
    kept.push(entry);
  }
  return kept;
}

/**
 * A document about to be written, read strongly consistent. Events a request left held
 * beside it (it died between its commit and the bus) are put on the bus on the way.
 */
export async function readForWrite(tenantId: string, type: DocumentType, documentId: string): Promise<StoredDocument | undefined> {
  const [doc] = await Promise.all([documentRepository.get(tenantId, type, documentId, true), releaseHeldEvents(documentKey(tenantId, type, documentId))]);
  return doc;
}

/**
 * Runs a read-decide-write of a document until no concurrent write beats it (the
 * revision moved on: read again and redo), at most four times, then answers 409.
 */
export const withDocumentRetry = <T>(attempt: (n: number) => Promise<T>, busy = 'The document is being changed by someone else right now. Try again.') =>
  retryOnConflict(attempt, { exhausted: () => conflict(busy) });
