import { roomHandlers } from '../../core/handlers';
import { created, ok, type Reply } from '../../core/replies';
import type { DocumentPdfReply } from '../../../shared/api/documents';
import { adminDocument, adminSide, portalSide } from '../documentAccess';
import { pdfLink } from '../pdf/documentPdfs';
import { visibleDocument } from '../portalDocuments';
import { createBillUpload, submitBill } from '../purchaseOrders/bills';
import { postMessage, readThread } from '../threads/messages';
import { attachmentLink, createUpload } from '../threads/uploads';
import { statementPdfLink } from '../statements/statementPdfs';
import { adminStatement, portalStatement } from '../statements/statements';
import { recordView } from '../viewLog/viewLog';
import { zipProgress } from '../zips/documentZips';
import { zipLink } from '../zips/zipLinks';

/** 200 with the link, or 202 with `Retry-After` while the PDF (a document's current version, a statement as it is now) is rendered. */
const pdfReply = (reply: DocumentPdfReply): Reply<DocumentPdfReply> =>
  'status' in reply ? { status: 202, body: reply, headers: { 'retry-after': String(reply.retryAfterSeconds) } } : ok(reply);

/**
 * What touches the files bucket — PDF links, uploads, attachment links, and the message
 * threads that attach uploads — for both sides, served by the `files` Lambda, so the S3
 * client and the presigner stay out of the others (PDFs are rendered by the `pdf` Lambda). The portal reaches a document only
 * through `visibleDocument`; staff and the CRM through their tenant.
 */
export default roomHandlers('documents', 'files', {
  /** Getting the PDF is a view, logged beside the document. */
  async getDocumentPdf({ caller, input }) {
    const doc = await visibleDocument(caller, input.path.type, input.path.documentId);
    const [link] = await Promise.all([pdfLink(doc), recordView(caller, doc, 'pdf')]);
    return pdfReply(link);
  },
  async createUpload({ caller, input }) {
    const doc = await visibleDocument(caller, input.path.type, input.path.documentId);
    return created(await createUpload(doc, await portalSide(caller), input.body));
  },
  getAttachment: async ({ caller, input }) =>
    ok(await attachmentLink(await visibleDocument(caller, input.path.type, input.path.documentId), input.path.attachmentId)),
  /** Reading a thread marks it read for the customer's side. */
  listMessages: async ({ caller, input }) =>
    ok(await readThread(await visibleDocument(caller, input.path.type, input.path.documentId, true), 'customer', input.query)),
  async postMessage({ caller, input }) {
    const [doc, side] = await Promise.all([visibleDocument(caller, input.path.type, input.path.documentId, true), portalSide(caller)]);
    return created(await postMessage(doc, side, input.body));
  },
  /** A supplier's bill against a purchase order: its PDF's upload, then the bill. */
  createBillUpload: async ({ caller, input }) => created(await createBillUpload(caller, input.path.documentId, input.body)),
  submitBill: async ({ caller, input }) => created(await submitBill(caller, input.path.documentId, input.body)),

  /** A ZIP job's progress, with a short-lived link once ready: only its owner's (the key names the caller). */
  getDocumentZip: async ({ caller, input }) => ok(await zipProgress(caller, input.path.type, input.path.zipId, zipLink)),

  getStatementPdf: async ({ caller, input }) => pdfReply(await statementPdfLink(caller.tenantId, await portalStatement(caller, input.query))),
  getCompanyStatementPdf: async ({ caller, input }) =>
    pdfReply(await statementPdfLink(caller.tenantId, await adminStatement(caller.tenantId, input.path.companyId, input.query))),

  getDocumentPdfAdmin: async ({ caller, input }) => pdfReply(await pdfLink(await adminDocument(caller.tenantId, input.path.type, input.path.documentId))),
  async createUploadAdmin({ caller, input }) {
    const doc = await adminDocument(caller.tenantId, input.path.type, input.path.documentId);
    return created(await createUpload(doc, await adminSide(caller), input.body));
  },
  getAttachmentAdmin: async ({ caller, input }) =>
    ok(await attachmentLink(await adminDocument(caller.tenantId, input.path.type, input.path.documentId), input.path.attachmentId)),
  /** Reading it marks it read for the staff side; a reply is emailed to the contact. */
  listMessagesAdmin: async ({ caller, input }) =>
    ok(await readThread(await adminDocument(caller.tenantId, input.path.type, input.path.documentId, true), 'staff', input.query)),
  async postMessageAdmin({ caller, input }) {
    const doc = await adminDocument(caller.tenantId, input.path.type, input.path.documentId, true);
    return created(await postMessage(doc, await adminSide(caller), input.body));
  },
});
