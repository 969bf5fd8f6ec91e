import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { adminDocument, adminSide } from '../services/documents/documentAccess';
import { pdfLink } from '../services/documents/documentPdfs';
import { attachmentLink, createUpload as upload } from '../services/documents/uploads';
import { callerOf, documentCallerOf } from '../admin/caller';

/** A document's files for staff and the CRM: its PDF, uploads for replies, attachments. */

export const getDocumentPdfAdmin = apiHandler('GET /api/admin/documents/{type}/{documentId}/pdf', async (ctx) =>
  ok(await pdfLink(await adminDocument(callerOf(ctx).tenantId, ctx.input.path.type, ctx.input.path.documentId))),
);

export const createUploadAdmin = apiHandler('POST /api/admin/documents/{type}/{documentId}/uploads', async (ctx) => {
  const caller = await documentCallerOf(ctx);
  const doc = await adminDocument(caller.tenantId, ctx.input.path.type, ctx.input.path.documentId);
  return created(await upload(doc, await adminSide(ctx.principal, caller.actorInfo), ctx.input.body));
});

export const getAttachmentAdmin = apiHandler('GET /api/admin/documents/{type}/{documentId}/attachments/{attachmentId}', async (ctx) =>
  ok(await attachmentLink(await adminDocument(callerOf(ctx).tenantId, ctx.input.path.type, ctx.input.path.documentId), ctx.input.path.attachmentId)),
);
