import type { DocumentType } from '../../../shared/api/documents';
import type { DocumentViewLogPage } from '../../../shared/api/documentViewLog';
import type { PortalCaller } from '../../core/callers';
import { adminDocument } from '../documentAccess';
import type { StoredDocument } from '../documentRepository';
import { viewLogRepository } from './viewLogRepository';

/**
 * Every view of a document by the customer's side, logged: each time a contact or a
 * direct-link visitor opens the document or gets its PDF. One PutItem per view on the
 * request path, made only once the document is known visible to the caller (a 404 logs
 * nothing), with the time, IP and user agent the gateway saw and who it was.
 */
export async function recordView(caller: PortalCaller, doc: StoredDocument, what: 'document' | 'pdf'): Promise<void> {
  await viewLogRepository.record({
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    at: new Date().toISOString(),
    what,
    version: doc.version,
    via: caller.link ? 'link' : 'login',
    contactId: caller.userId,
    ...(caller.link ? { linkId: caller.link.linkId } : {}),
    ...(!caller.link && caller.user ? { email: caller.user.email } : {}),
    ...(caller.origin.ip ? { ip: caller.origin.ip } : {}),
    ...(caller.origin.userAgent ? { userAgent: caller.origin.userAgent } : {}),
  });
}

/** A document's views for staff and the CRM, newest first, a page at a time: one read of the document (404 outside the tenant) and one Query. */
export async function listDocumentViews(
  tenantId: string,
  type: DocumentType,
  documentId: string,
  query: { limit?: number; cursor?: string },
): Promise<DocumentViewLogPage> {
  await adminDocument(tenantId, type, documentId);
  const page = await viewLogRepository.page(tenantId, type, documentId, query);
  return {
    items: page.items.map(({ tenantId: _t, type: _ty, documentId: _d, ...entry }) => entry),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
