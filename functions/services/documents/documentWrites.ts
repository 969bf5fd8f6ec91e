import type { HistoryEntry } from '../../repositories/documentRepository';

/** Who acted on a document, as events and activity name them. */
export type DocumentActor = { kind: 'customer' | 'staff' | 'crm'; id: string; name: string };

/** A document keeps its most recent history entries (newest first); the audit trail keeps everything. */
export const MAX_HISTORY = 100;

/** New entries first, then the old ones, capped. */
export const withHistory = (history: HistoryEntry[], ...entries: HistoryEntry[]): HistoryEntry[] => [...entries, ...history].slice(0, MAX_HISTORY);

/**
 * A conditional write lost to a concurrent one: the plain condition failure, or a
 * transaction cancelled because one of its conditions failed.
 */
export function isWriteConflict(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name === 'ConditionalCheckFailedException') return true;
  if (e?.name === 'TransactionCanceledException') return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  return false;
}
