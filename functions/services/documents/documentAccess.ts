import type { DocumentType } from '../../../shared/api/documents';
import type { RequestContext } from '../../http/types';
import { documentRepository, type StoredDocument } from '../../repositories/documentRepository';
import { tenantRepository } from '../../repositories/tenantRepository';
import { notFoundIn } from '../adminSupport';
import type { MessageAuthor } from '../../repositories/messageRepository';
import { customerActor, type PortalPrincipal } from './portalDocuments';

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

export async function portalSide(principal: PortalPrincipal): Promise<DocumentSide> {
  const actor = await customerActor(principal);
  return { side: 'customer', author: { kind: 'customer', id: actor.id, name: actor.name }, uploader: `customer:${principal.userId}` };
}

/**
 * Staff write under their own name; the CRM writes as the business itself, under the
 * tenant's name (what the customer knows it by), never as "CRM".
 */
export async function adminSide(principal: RequestContext['principal'], actor: { kind: 'customer' | 'staff' | 'crm'; id: string; name: string }): Promise<DocumentSide> {
  if (principal.kind === 'staff') return { side: 'staff', author: { kind: 'staff', id: actor.id, name: actor.name }, uploader: `staff:${principal.userId}` };
  if (principal.kind === 'api-key') {
    const tenant = await tenantRepository.get(principal.tenantId);
    return { side: 'staff', author: { kind: 'crm', id: principal.keyId, name: tenant?.name ?? actor.name }, uploader: `crm:${principal.keyId}` };
  }
  throw new Error('admin document route reached without a staff or API-key principal');
}

/** A document of the caller's tenant, withdrawn ones included (staff still see those): 404 otherwise. */
export async function adminDocument(tenantId: string, type: DocumentType, documentId: string, consistent = false): Promise<StoredDocument> {
  const doc = await documentRepository.get(tenantId, type, documentId, consistent);
  if (!doc) throw notFoundIn('document');
  return doc;
}
