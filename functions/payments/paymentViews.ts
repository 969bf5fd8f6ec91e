import type { PaymentAdminView, PaymentStatus, PaymentView } from '../../shared/api/payments';
import type { StoredPayment } from './paymentRepository';

/** A payment's short reference, as the receipt, the portal and staff mail show it: `P-7K3Q9X2M`. */
export const paymentReference = (paymentId: string): string => `P-${paymentId.slice(-8).toUpperCase()}`;

/** A checkout that was never paid and whose session has run out shows as expired, even before Stripe's event says so. */
function statusNow(p: StoredPayment, now: number): PaymentStatus {
  if ((p.status === 'pending' || p.status === 'failed') && Date.parse(p.expiresAt) < now) return 'expired';
  return p.status;
}

export function toPaymentView(p: StoredPayment, now = Date.now()): PaymentView {
  return {
    paymentId: p.paymentId,
    status: statusNow(p, now),
    amount: p.amount,
    currency: p.currency,
    kind: p.kind,
    ...(p.method ? { method: p.method } : {}),
    createdAt: p.createdAt,
    ...(p.succeededAt ? { succeededAt: p.succeededAt } : {}),
    counted: p.counted,
    refunded: p.refunded,
    disputed: p.dispute?.withdrawn ?? 0,
    payer: p.payer.name,
    reference: paymentReference(p.paymentId),
    ...(p.failureMessage && p.status === 'failed' ? { failureMessage: p.failureMessage } : {}),
  };
}

export function toPaymentAdminView(p: StoredPayment, now = Date.now()): PaymentAdminView {
  const optional = {
    payerEmail: p.payer.email,
    checkoutSessionId: p.checkoutSessionId,
    paymentIntentId: p.paymentIntentId,
    chargeId: p.chargeId,
    balanceTransactionId: p.balanceTransactionId,
    fee: p.fee,
    net: p.net,
    payoutId: p.payoutId,
    payoutArrivalDate: p.payoutArrivalDate,
    bankAccount: p.bankAccount,
    dispute: p.dispute ? { disputeId: p.dispute.disputeId, status: p.dispute.status, amount: p.dispute.amount } : undefined,
  };
  return {
    ...toPaymentView(p, now),
    payerContactId: p.payer.contactId,
    invoiceVersion: p.invoiceVersion,
    stripeAccount: p.stripeAccount,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
