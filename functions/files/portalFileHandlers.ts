import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { portalSide } from '../services/documents/documentAccess';
import { pdfLink } from '../services/documents/documentPdfs';
import { visibleDocument } from '../services/documents/portalDocuments';
import { attachmentLink, createUpload as upload } from '../services/documents/uploads';
import { portalPrincipal } from '../portal/principal';

/** A document's files in the portal: its PDF, uploads for the thread, attachments. Only ever through `visibleDocument`. */

export const getDocumentPdf = apiHandler('GET /api/documents/{type}/{documentId}/pdf', async ({ principal, input }) =>
  ok(await pdfLink(await visibleDocument(portalPrincipal(principal), input.path.type, input.path.documentId))),
);

export const createUpload = apiHandler('POST /api/documents/{type}/{documentId}/uploads', async ({ principal, input }) => {
  const portal = portalPrincipal(principal);
  const doc = await visibleDocument(portal, input.path.type, input.path.documentId);
  return created(await upload(doc, await portalSide(portal), input.body));
});

export const getAttachment = apiHandler('GET /api/documents/{type}/{documentId}/attachments/{attachmentId}', async ({ principal, input }) =>
  ok(await attachmentLink(await visibleDocument(portalPrincipal(principal), input.path.type, input.path.documentId), input.path.attachmentId)),
);
