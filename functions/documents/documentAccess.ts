import type { DocumentType } from '../../shared/api/documents';
import type { AdminCaller, PortalCaller } from '../core/callers';
import { notFoundIn } from '../core/problems';
import { adminActor, customerActor } from './documentActors';
import { documentRepository, type StoredDocument } from './documentRepository';
import type { MessageAuthor } from './threads/messageRepository';

/**
 * Who reaches a document's files and thread, and as whom: the portal only through
 * `visibleDocument` (its own tenant and company, 404 otherwise), staff and the CRM through
 * their tenant. `uploader` names the one caller whose uploads a message may attach.
 */
export interface DocumentSide {
  side: 'customer' | 'staff';
  author: MessageAuthor;
  uploader: string;
}

export async function portalSide(caller: PortalCaller): Promise<DocumentSide> {
  const actor = await customerActor(caller);
  return { side: 'customer', author: { kind: 'customer', id: actor.id, name: actor.name }, uploader: `customer:${caller.userId}` };
}

/** Staff write under their own name; the CRM writes as the business itself, under the tenant's name. */
export async function adminSide(caller: AdminCaller): Promise<DocumentSide> {
  const actor = await adminActor(caller);
  return { side: 'staff', author: actor, uploader: caller.kind === 'staff' ? `staff:${caller.staffId}` : `crm:${caller.keyId}` };
}

/** A document of the caller's tenant, withdrawn ones included (staff still see those): 404 otherwise. */
export async function adminDocument(tenantId: string, type: DocumentType, documentId: string, consistent = false): Promise<StoredDocument> {
  const doc = await documentRepository.get(tenantId, type, documentId, consistent);
  if (!doc) throw notFoundIn('document');
  return doc;
}
