import type { InvoicePayments, PaymentAdminView } from '../../shared/api/payments';
import { documentRepository } from '../documents/documentRepository';
import { paymentRepository } from './paymentRepository';
import { notFoundIn } from '../core/problems';
import type { AdminCaller } from '../core/callers';
import type { PortalCaller } from '../core/callers';
import { visibleDocument } from '../documents/portalDocuments';
import { partMinimum } from './amounts';
import { paymentOptions } from './paymentOptions';
import { toPaymentAdminView, toPaymentView } from './paymentViews';

/**
 * The payments of an invoice the caller may see (their company's; 404 otherwise, as the
 * invoice itself), oldest first; and, for a caller who may pay, what they may pay online.
 */
export async function listInvoicePayments(caller: PortalCaller, documentId: string): Promise<InvoicePayments> {
  const mayPay = caller.permissions.includes('invoices:pay');
  // One Query of the invoice's own partition (the page polls it after returning from Stripe).
  const [doc, items, options] = await Promise.all([
    visibleDocument(caller, 'invoice', documentId),
    paymentRepository.listOfInvoice(caller.tenantId, documentId),
    mayPay ? paymentOptions(caller.tenantId, caller.company) : undefined,
  ]);
  const partial = options?.settings?.partialPayments;
  return {
    items: items.map((p) => toPaymentView(p)),
    ...(options
      ? {
          options: {
            available: options.available,
            methods: options.methods,
            partAllowed: !!partial?.allowed,
            partMinimum: partMinimum(doc.currency, partial?.minimums ?? {}),
            currency: doc.currency,
          },
        }
      : {}),
  };
}

/** Staff and the CRM: every payment of an invoice with what they need to reconcile it (Stripe ids, fee, net, bank account). */
export async function listInvoicePaymentsAdmin(caller: AdminCaller, documentId: string): Promise<{ items: PaymentAdminView[] }> {
  const doc = await documentRepository.get(caller.tenantId, 'invoice', documentId);
  if (!doc) throw notFoundIn('invoice');
  const items = await paymentRepository.listOfInvoice(caller.tenantId, documentId);
  return { items: items.map((p) => toPaymentAdminView(p)) };
}
