import { DOCUMENT_KINDS, type DocumentSummary, type DocumentType } from '../../../shared/api/documents';
import { MAX_EXPORT_ROWS } from '../../../shared/api/documentExports';
import type { PortalCaller } from '../../core/callers';
import { unprocessable } from '../../core/problems';
import { documentRepository } from '../documentRepository';
import { today } from '../documentState';
import { toSummary } from '../documentViews';
import { listPlan, type ListQuery } from '../portalDocuments';
import { documentsCsv } from './documentCsv';

/**
 * A company's list of one type as CSV, with the list's own filters, in one request: the
 * service pages through the same index range the list page reads, `EXPORT_PAGE` items a
 * Query, and answers the whole file. Why not a background job with progress: a company's
 * 1,000 documents are 4 Queries and about 80 KB of CSV (measured and reasoned in
 * docs/architecture.md, "Exporting a list as CSV"); the cap (`MAX_EXPORT_ROWS`, 5,000)
 * keeps every request within 21 Queries, the portal Lambda's 10 s and its 6 MB response,
 * and a list past it is refused with a 422 that asks for a filter, never cut short silently.
 */
export const EXPORT_PAGE = 250;

export async function exportDocuments(
  caller: PortalCaller,
  type: DocumentType,
  query: Pick<ListQuery, 'status' | 'sort' | 'q'>,
): Promise<{ fileName: string; csv: string; rows: number }> {
  const { spec, descending } = listPlan(type, query);
  const now = new Date();
  const rows: DocumentSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await documentRepository.list(caller.tenantId, caller.companyId, type, spec, { limit: EXPORT_PAGE, cursor, descending });
    rows.push(...page.items.map((d) => toSummary(d, now)));
    cursor = page.cursor;
    if (rows.length > MAX_EXPORT_ROWS)
      throw unprocessable(
        'Too many documents to export',
        `This list has more than ${MAX_EXPORT_ROWS.toLocaleString('en-GB')} documents. Choose a status or search by number to export fewer.`,
        [{ name: 'query.status', reason: `the list holds more than ${MAX_EXPORT_ROWS} documents: choose a status` }],
      );
  } while (cursor && rows.length <= MAX_EXPORT_ROWS);
  return { fileName: exportFileName(type, query, now), csv: documentsCsv(type, rows), rows: rows.length };
}

/** `quotes-open-2026-12-03.csv`, `invoices-all-2026-12-03.csv`, `invoices-number-INV-10-2026-12-03.csv`. */
function exportFileName(type: DocumentType, query: Pick<ListQuery, 'status' | 'q'>, now: Date): string {
  const plural = DOCUMENT_KINDS[type].plural.toLowerCase().replaceAll(' ', '-');
  const filter = query.q ? `number-${query.q.replace(/[^A-Za-z0-9._-]+/g, '-')}` : (query.status ?? 'all');
  return `${plural}-${filter}-${today(now)}.csv`;
}
