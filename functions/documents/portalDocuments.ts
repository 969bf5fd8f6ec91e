import { DOCUMENT_KINDS, LIST_FILTERS, type DocumentPage, type DocumentType, type DocumentView } from '../../shared/api/documents';
import type { PortalCaller } from '../core/callers';
import { badRequest, notFound } from '../core/problems';
import { paymentOptions } from '../payments/paymentOptions';
import { documentRepository, type ListSpec, type StoredDocument } from './documentRepository';
import { today } from './documentState';
import { toSummary, toView } from './documentViews';
import { recordView } from './viewLog/viewLog';

/**
 * The one way the portal reaches a document: by the caller's own tenant and
 * company. Unknown, withdrawn and another company's documents are all the same 404.
 */
export async function visibleDocument(caller: PortalCaller, type: DocumentType, documentId: string, consistent = false): Promise<StoredDocument> {
  const doc = await documentRepository.get(caller.tenantId, type, documentId, consistent);
  if (!doc || doc.withdrawnAt || doc.companyId !== caller.companyId) throw notFound(`No ${DOCUMENT_KINDS[type].label.toLowerCase()} with this id.`);
  if (caller.link && (caller.link.type !== type || caller.link.documentId !== documentId))
    throw notFound(`No ${DOCUMENT_KINDS[type].label.toLowerCase()} with this id.`);
  return doc;
}

/** Whether the caller's company may pay online decides the invoice's `pay` action. Each call is a view, logged. */
export async function getDocument(caller: PortalCaller, type: DocumentType, documentId: string): Promise<DocumentView> {
  const payable = type === 'invoice' && caller.permissions.includes('invoices:pay');
  const [doc, payments] = await Promise.all([
    // Every opening is logged (viewLog), once the document is known to be the caller's.
    visibleDocument(caller, type, documentId).then(async (d) => {
      await recordView(caller, d, 'document');
      return d;
    }),
    payable ? paymentOptions(caller.tenantId, caller.company) : undefined,
  ]);
  return toView(doc, caller.permissions, new Date(), { payments: payments?.available ?? false });
}

export interface ListQuery {
  status?: string;
  sort?: 'newest' | 'oldest';
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * One page of the company's documents of a type: always one Query of one index
 * partition. Filters that depend on today's date (overdue invoices, open and expired
 * quotes) are ranges of the deadline index, ordered by that deadline.
 */
export async function listDocuments(caller: PortalCaller, type: DocumentType, query: ListQuery): Promise<DocumentPage> {
  const { spec, descending } = listPlan(type, query);
  const page = await documentRepository.list(caller.tenantId, caller.companyId, type, spec, { limit: query.limit, cursor: query.cursor, descending });
  const now = new Date();
  return { items: page.items.map((d) => toSummary(d, now)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Which index range a list reads and in which order (the CSV export reads the same): a 400 for a filter the type lacks. */
export function listPlan(type: DocumentType, query: Pick<ListQuery, 'status' | 'sort' | 'q'>): { spec: ListSpec; descending: boolean } {
  const filters: readonly string[] = LIST_FILTERS[type];
  if (query.status && !filters.includes(query.status)) throw badRequest([{ name: 'query.status', reason: `must be one of ${filters.join(', ')}` }]);
  if (query.q && query.status) throw badRequest([{ name: 'query.q', reason: 'searches every status: leave out query.status' }]);
  const spec = listSpec(type, query);
  return { spec, descending: spec.by === 'number' ? false : (query.sort ?? 'newest') === 'newest' };
}

function listSpec(type: DocumentType, query: ListQuery): ListSpec {
  if (query.q) return { by: 'number', prefix: query.q };
  const day = today();
  switch (query.status) {
    case undefined:
      return { by: 'all' };
    case 'overdue':
      return { by: 'deadline', before: day };
    case 'open':
      return type === 'quote' ? { by: 'deadline', from: day } : { by: 'group', group: 'open' };
    case 'expired':
      return { by: 'deadline', before: day };
    default:
      return { by: 'group', group: query.status };
  }
}
