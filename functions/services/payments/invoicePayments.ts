import type { InvoicePayments, PaymentAdminView } from '../../../shared/api/payments';
import { documentRepository } from '../../repositories/documentRepository';
import { paymentRepository } from '../../repositories/paymentRepository';
import { notFoundIn, type AdminCaller } from '../adminSupport';
import { visibleDocument, type PortalPrincipal } from '../documents/portalDocuments';
import { toPaymentAdminView, toPaymentView } from './paymentViews';

/** The payments of an invoice the caller may see (their company's; 404 otherwise, as the invoice itself), oldest first. */
export async function listInvoicePayments(principal: PortalPrincipal, documentId: string): Promise<InvoicePayments> {
  await visibleDocument(principal, 'invoice', documentId);
  const items = await paymentRepository.listOfInvoice(principal.tenantId, documentId);
  // One Query of the invoice's own partition (the page polls it after returning from Stripe).
  return { items: items.map((p) => toPaymentView(p)) };
}

/** Staff and the CRM: every payment of an invoice with what they need to reconcile it (Stripe ids, fee, net, bank account). */
export async function listInvoicePaymentsAdmin(caller: AdminCaller, documentId: string): Promise<{ items: PaymentAdminView[] }> {
  const doc = await documentRepository.get(caller.tenantId, 'invoice', documentId);
  if (!doc) throw notFoundIn('invoice');
  const items = await paymentRepository.listOfInvoice(caller.tenantId, documentId);
  return { items: items.map((p) => toPaymentAdminView(p)) };
}
