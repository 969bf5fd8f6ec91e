import { isCreditNote, type DocumentSummary, type DocumentView } from '../../shared/api/documents';
import type { Permission } from '../../shared/permissions';
import type { DocumentSummaryRecord, StoredDocument } from './documentRepository';
import { availableActions, currentState } from './documentState';
import { supplierView } from './purchaseOrders/supplierState';

/** The shapes the portal gets: the stored document without its hashes' inputs, attachment URLs or internal counters. */

export function toSummary(doc: DocumentSummaryRecord, now = new Date()): DocumentSummary {
  return {
    type: doc.type,
    documentId: doc.documentId,
    number: doc.number,
    ...(doc.title ? { title: doc.title } : {}),
    status: doc.status,
    state: currentState(doc, now),
    issueDate: doc.issueDate,
    ...(doc.dueDate ? { dueDate: doc.dueDate } : {}),
    ...(doc.expiryDate ? { expiryDate: doc.expiryDate } : {}),
    currency: doc.currency,
    totals: doc.totals,
    ...amountsOf(doc),
    unreadMessages: doc.unreadForCustomer ?? 0,
    version: doc.version,
  };
}

/**
 * Invoices and bills: the balance and whether it is unpaid, partially paid or paid (the
 * list filters stay outstanding/overdue/paid). A credit note has no balance to pay and is
 * never "paid": it shows the credit left instead (none once void).
 */
function amountsOf(doc: Pick<DocumentSummaryRecord, 'type' | 'status' | 'totals' | 'balance'>): Pick<DocumentSummary, 'balance' | 'paymentStatus' | 'credit'> {
  if (doc.balance === undefined) return {};
  if (isCreditNote(doc)) return doc.status === 'void' ? {} : { credit: Math.max(0, -doc.balance) };
  if (doc.status === 'void') return { balance: doc.balance };
  if (doc.status === 'paid' || doc.balance <= 0) return { balance: doc.balance, paymentStatus: 'paid' };
  return { balance: doc.balance, paymentStatus: doc.balance < doc.totals.total ? 'partially-paid' : 'unpaid' };
}

/** `options.payments`: the tenant takes online payments from this company (the `pay` action). */
export function toView(doc: StoredDocument, permissions: readonly Permission[], now = new Date(), options: { payments?: boolean } = {}): DocumentView {
  return {
    ...toSummary(doc, now),
    companyId: doc.companyId,
    ...(doc.contactId ? { contactId: doc.contactId } : {}),
    ...(doc.projectId ? { projectId: doc.projectId } : {}),
    ...(doc.requestId ? { requestId: doc.requestId } : {}),
    lines: doc.lines,
    ...(doc.amountPaid !== undefined ? { amountPaid: doc.amountPaid } : {}),
    ...(doc.portalPaid ? { portalPaid: doc.portalPaid } : {}),
    ...(doc.notes ? { notes: doc.notes } : {}),
    ...(doc.terms ? { terms: doc.terms } : {}),
    attachments: (doc.attachments ?? []).map(({ url: _url, ...a }) => a),
    ...(doc.approvalRequired !== undefined ? { approvalRequired: doc.approvalRequired } : {}),
    contentHash: doc.contentHash,
    publishedAt: doc.publishedAt,
    updatedAt: doc.updatedAt,
    ...(doc.decision ? { decision: pick(doc.decision, ['kind', 'at', 'by', 'purchaseOrderReference', 'reason', 'version']) } : {}),
    ...(doc.approval ? { approval: pick(doc.approval, ['kind', 'at', 'by', 'comment', 'version']) } : {}),
    ...(doc.signature ? { signature: pick(doc.signature, ['signerName', 'at', 'version', 'contentHash', 'evidenceId']) } : {}),
    ...(doc.type === 'purchase-order' ? { supplier: supplierView(doc) } : {}),
    history: doc.history,
    messageCount: doc.messageCount ?? 0,
    actions: availableActions(doc, permissions, now, options),
  } as DocumentView;
}

/** What staff see: the portal's view with everything they may act on besides. */
export function toStaffView(doc: StoredDocument, now = new Date()) {
  const { attachments: _withoutUrls, ...view } = toView(doc, [], now);
  return {
    ...view,
    attachments: doc.attachments ?? [],
    status: doc.status,
    statusGroup: doc.statusGroup,
    unreadForStaff: doc.unreadForStaff ?? 0,
    ...(doc.type === 'purchase-order' ? { supplier: supplierView(doc, true) } : {}),
    ...(doc.withdrawnAt ? { withdrawnAt: doc.withdrawnAt } : {}),
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Pick<T, K>;
}
