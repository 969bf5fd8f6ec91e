import type { DocumentView, UploadTicket } from '../../../shared/api/documents';
import { fileInfo } from '../../aws/files';
import type { PortalCaller } from '../../core/callers';
import { newId } from '../../core/ids';
import { conflict, unprocessable } from '../../core/problems';
import { decide } from '../decisions';
import { portalSide } from '../documentAccess';
import { formatMoney } from '../../core/money';
import { today } from '../documentState';
import { visibleDocument } from '../portalDocuments';
import { createUpload } from '../threads/uploads';
import { dropPending, keepUpload } from '../threads/pendingUploads';
import { uploadRepository } from '../threads/uploadRepository';
import { billRepository, type SubmittedBill } from './billRepository';

/**
 * A supplier's bill against a purchase order: a PDF uploaded the way message attachments
 * are (a presigned PUT signed over type and size, recorded beside the order), then the
 * bill's number, date and amount in the order's currency. The submission is one unit of
 * work: the order's list of submitted bills (conditional on its revision), the bill's own
 * record keyed by the supplier company and number (conditional on the number being
 * free: a duplicate is a 409), the upload's claim, the activity line and audit entry, and
 * `purchase-order.bill-submitted`. The CRM publishes the real supplier-bill document later.
 */

/** A presigned upload for the bill's PDF; only a supplier who may act on the order asks for one. */
export async function createBillUpload(
  caller: PortalCaller,
  documentId: string,
  body: { fileName: string; contentType: string; size: number },
): Promise<UploadTicket> {
  const [doc, side] = await Promise.all([visibleDocument(caller, 'purchase-order', documentId), portalSide(caller)]);
  return createUpload(doc, side, body);
}

export async function submitBill(
  caller: PortalCaller,
  documentId: string,
  body: { number: string; issueDate: string; amount: number; uploadId: string },
): Promise<DocumentView> {
  const billId = newId('bill');
  const uploader = `customer:${caller.userId}`;
  const evidence = { ...(caller.origin.ip ? { ip: caller.origin.ip } : {}), ...(caller.origin.userAgent ? { userAgent: caller.origin.userAgent } : {}) };
  // A bill dated ahead of today is refused; a day's grace for time zones east of UTC.
  const latest = today(new Date(Date.now() + 86_400_000));
  if (body.issueDate > latest)
    throw unprocessable('Unprocessable bill', 'The bill cannot be submitted as it is.', [{ name: 'body.issueDate', reason: 'must not be in the future' }]);
  let upload: Awaited<ReturnType<typeof uploadRepository.get>>;
  let keptKey = '';
  const result = await decide(caller, 'purchase-order', documentId, {
    action: 'submit-bill',
    unavailable: (doc) =>
      doc.status === 'cancelled'
        ? conflict(`Purchase order ${doc.number} is cancelled: no bill can be submitted against it.`)
        : conflict(`Purchase order ${doc.number} has as many bills as it can take.`),
    async check(doc) {
      const [taken, found] = await Promise.all([
        billRepository.get(doc.tenantId, doc.companyId, body.number),
        uploadRepository.get(doc.tenantId, doc.type, doc.documentId, body.uploadId, true),
      ]);
      if (taken)
        throw conflict(
          `Bill ${taken.number} was already submitted (against purchase order ${taken.purchaseOrderNumber}). Bill numbers are unique per supplier.`,
        );
      const bad = (reason: string) => unprocessable('Unprocessable bill', 'The bill’s PDF cannot be used.', [{ name: 'body.uploadId', reason }]);
      if (!found || found.uploader !== uploader) throw bad('is not an upload of yours for this purchase order');
      if (found.messageId) throw bad('is already used');
      if (found.contentType !== 'application/pdf') throw bad('is not a PDF');
      if (found.expiresAt && Date.parse(found.expiresAt) < Date.now()) throw bad('has expired: upload the file again');
      const info = await fileInfo(found.key);
      if (!info) throw bad('has no file yet: upload it to the URL given first');
      if (info.size !== found.size || info.contentType !== found.contentType) throw bad(`is not the file declared (${found.contentType}, ${found.size} bytes)`);
      upload = found;
      keptKey = await keepUpload(found);
    },
    apply: (doc, actor, at) => ({
      submittedBills: [
        ...(doc.submittedBills ?? []),
        {
          billId,
          number: body.number,
          issueDate: body.issueDate,
          amount: body.amount,
          currency: doc.currency,
          at,
          by: actor.name,
          userId: actor.id,
          attachmentId: upload!.attachmentId,
          fileName: upload!.fileName,
          size: upload!.size,
        },
      ],
    }),
    history: () => ({ action: 'bill-submitted', detail: `Bill ${body.number} of ${body.issueDate}` }),
    summary: (doc, actor) => `${actor.name} submitted bill ${body.number} (${formatMoney(body.amount, doc.currency)}) against purchase order ${doc.number}`,
    extra: (doc, actor, at) => {
      const bill: SubmittedBill = {
        tenantId: doc.tenantId,
        companyId: doc.companyId,
        billId,
        number: body.number,
        issueDate: body.issueDate,
        amount: body.amount,
        currency: doc.currency,
        purchaseOrderId: doc.documentId,
        purchaseOrderNumber: doc.number,
        attachmentId: upload!.attachmentId,
        fileName: upload!.fileName,
        size: upload!.size,
        userId: actor.id,
        by: actor.name,
        at,
        ...evidence,
      };
      // The upload becomes the bill's file: claimed as a message's attachment is, so the attachment links serve it to both sides.
      return [billRepository.createWrite(bill), { Update: uploadRepository.claimUpdate(upload!, billId, at, keptKey) }];
    },
    event: {
      type: 'purchase-order.bill-submitted',
      detail: (doc) => ({
        billId,
        billNumber: body.number,
        issueDate: body.issueDate,
        amount: body.amount,
        currency: doc.currency,
        attachmentId: upload!.attachmentId,
        fileName: upload!.fileName,
      }),
    },
  });
  // Assigned in check(), which TypeScript cannot see from here.
  const claimed = upload as Awaited<ReturnType<typeof uploadRepository.get>>;
  if (claimed) await dropPending(claimed);
  return result;
}
