import { DOCUMENT_KINDS, isBilling, isCreditNote, type DocumentType } from '../../shared/api/documents';
import type { Permission } from '../../shared/permissions';
import { NO_DEADLINE, type StoredDocument } from './documentRepository';
import { supplierActions, type SupplierAction } from './purchaseOrders/supplierState';

/**
 * What state a document is in, from what the CRM published and what the customer did
 * in the portal. One place, so lists, the detail page, the dashboard and the actions
 * all agree.
 */

/** An expired quote's place in the deadline index: before every real date. */
const ALREADY_EXPIRED = '0000-01-01';

type StateInput = Pick<StoredDocument, 'type' | 'status' | 'decision' | 'approval' | 'signature' | 'approvalRequired' | 'balance' | 'totals'>;

/**
 * Invoices and bills (and sales orders paid at purchase): what is still owed on it. Positive: to pay. On a credit note (a
 * negative total) it is minus the credit left — the CRM's `amountPaid` being the part of
 * the credit used, applied or refunded — and 0 once the CRM says it is all used (`paid`).
 */
export function balanceOf(doc: Pick<StoredDocument, 'type' | 'status' | 'totals' | 'amountPaid' | 'portalPaid'>): number | undefined {
  // A sales order paid at purchase (commerce/orders): what is left to pay of it, once a payment was asked for.
  if (!isBilling(doc.type)) return doc.type === 'sales-order' && doc.portalPaid !== undefined ? doc.totals.total - doc.portalPaid : undefined;
  const paid = doc.amountPaid ?? 0;
  const online = doc.portalPaid ?? 0;
  if (!isCreditNote(doc)) return doc.totals.total - paid - online;
  return doc.status === 'paid' ? 0 : doc.totals.total + paid - online;
}

/** Whether a job still waits for the customer's approval of this version. */
export const approvalPending = (doc: StateInput): boolean =>
  doc.type === 'job' &&
  (doc.approvalRequired === true || doc.status === 'awaiting-approval') &&
  !doc.approval &&
  !['completed', 'cancelled'].includes(doc.status);

/** The stored list a document is in. */
export function statusGroup(doc: StateInput): string {
  switch (doc.type) {
    case 'quote':
      if (doc.decision) return doc.decision.kind;
      return doc.status;
    case 'sales-order':
      if (doc.signature && doc.status !== 'cancelled') return 'completed';
      return doc.status;
    case 'invoice':
    case 'supplier-bill':
      if (doc.status === 'void') return 'void';
      // A credit note is owed the other way: never paid, never outstanding (so never in the balance or overdue).
      if (isCreditNote(doc)) return 'credit';
      if (doc.status === 'paid' || (doc.balance ?? 0) <= 0) return 'paid';
      return 'outstanding';
    case 'job':
      if (approvalPending(doc)) return 'awaiting-approval';
      return doc.status === 'awaiting-approval' ? 'in-progress' : doc.status;
    default:
      return doc.status;
  }
}

/** The document's place in the deadline index, if it has one: open quotes by expiry, outstanding invoices and bills by due date. */
export function deadline(doc: Pick<StoredDocument, 'type' | 'statusGroup' | 'expiryDate' | 'dueDate'>): string | undefined {
  if (doc.type === 'quote' && doc.statusGroup === 'open') return doc.expiryDate ?? NO_DEADLINE;
  if (doc.type === 'quote' && doc.statusGroup === 'expired') return ALREADY_EXPIRED;
  if ((doc.type === 'invoice' || doc.type === 'supplier-bill') && doc.statusGroup === 'outstanding') return doc.dueDate ?? NO_DEADLINE;
  return undefined;
}

/** Today as the deadline index compares it (UTC calendar date). */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/** The filter a document falls under today: `overdue` and `expired` are the stored group plus the date. */
export function currentState(doc: Pick<StoredDocument, 'type' | 'statusGroup' | 'expiryDate' | 'dueDate'>, now = new Date()): string {
  const day = today(now);
  if (doc.type === 'quote' && doc.statusGroup === 'open' && doc.expiryDate && doc.expiryDate < day) return 'expired';
  if ((doc.type === 'invoice' || doc.type === 'supplier-bill') && doc.statusGroup === 'outstanding' && doc.dueDate && doc.dueDate < day) return 'overdue';
  return doc.statusGroup;
}

export type DocumentAction = 'accept' | 'reject' | 'approve' | 'request-changes' | 'sign' | 'message' | 'pay' | SupplierAction;

/**
 * What the holder of `permissions` may do with the document now. `payments`: whether the
 * tenant takes online payments from this company (payments/paymentOptions); an
 * invoice offers `pay` only then, while it is outstanding.
 */
export function availableActions(
  doc: StoredDocument,
  permissions: readonly Permission[],
  now = new Date(),
  options: { payments?: boolean } = {},
): DocumentAction[] {
  const can = (p: Permission) => permissions.includes(p);
  const state = currentState(doc, now);
  const actions: DocumentAction[] = [];
  if (doc.type === 'quote' && state === 'open' && can('quotes:accept')) actions.push('accept', 'reject');
  if (doc.type === 'job' && approvalPending(doc) && can('artwork:approve')) actions.push('approve', 'request-changes');
  if (doc.type === 'sales-order' && state === 'open' && can('orders:sign')) actions.push('sign');
  if (doc.type === 'invoice' && doc.statusGroup === 'outstanding' && (doc.balance ?? 0) > 0 && can('invoices:pay') && options.payments) actions.push('pay');
  if (doc.type === 'purchase-order' && can('purchase-orders:acknowledge')) actions.push(...supplierActions(doc));
  if (can('messages:write')) actions.push('message');
  return actions;
}

/** The permission to read documents of a type. */
export const readPermission = (type: DocumentType): Permission => DOCUMENT_KINDS[type].read;
