import { roomHandlers } from '../../core/handlers';
import { created, ok } from '../../core/replies';
import { listInvoicePayments, listInvoicePaymentsAdmin } from '../invoicePayments';
import { getPaymentSettings, setPaymentSettings } from '../paymentSettings';
import { receiveStripeWebhook } from '../paymentWebhook';
import { startPayment } from '../startPayment';

/** Online payments: their own Lambda, so the Stripe calls and their secret live there only. */
export default roomHandlers('payments', 'payments', {
  startPayment: async ({ caller, input }) => created(await startPayment(caller, input.path.documentId, input.body)),
  listPayments: async ({ caller, input }) => ok(await listInvoicePayments(caller, input.path.documentId)),
  stripeWebhook: async ({ caller }) => ok(await receiveStripeWebhook(caller.payload, caller.headers['stripe-signature'])),
  getPaymentSettings: async ({ caller }) => ok(await getPaymentSettings(caller)),
  setPaymentSettings: async ({ caller, input }) => ok(await setPaymentSettings(caller, input.body)),
  listPaymentsAdmin: async ({ caller, input }) => ok(await listInvoicePaymentsAdmin(caller, input.path.documentId)),
});
