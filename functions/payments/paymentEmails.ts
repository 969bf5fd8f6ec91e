import type { EventDetail } from '../../events/catalogue';
import type { Tenant } from '../customers/tenantRepository';
import { renderBrandedEmail } from '../notify/brandedEmail';
import { documentPortalUrl, formatDate, formatMoney } from '../documents/documentEmails';

/**
 * The emails of online payments: the customer's receipt, and what staff are told (the
 * lines the staff notification shows for a payment event, with what they reconcile by).
 */

type TenantInfo = Pick<Tenant, 'name' | 'slug' | 'branding'>;
type PaymentEvent = 'payment.succeeded' | 'payment.failed' | 'payment.refunded';

const METHOD_NAMES: Record<string, string> = {
  card: 'card',
  bacs_debit: 'Bacs Direct Debit',
  sepa_debit: 'SEPA Direct Debit',
  us_bank_account: 'US bank account',
  link: 'Link',
};
const methodName = (method: string | undefined) => (method ? (METHOD_NAMES[method] ?? method.replace(/_/g, ' ')) : undefined);

/** What was paid, in words: an invoice, or a sales order paid at purchase (commerce/orders). */
const paidNoun = (detail: { type: string }) => (detail.type === 'sales-order' ? 'order' : 'invoice');

/** The receipt a payer gets once Stripe says the money moved: amount, invoice, what is left to pay, date, reference. */
export function renderReceiptEmail(input: { tenant: TenantInfo; detail: EventDetail<'payment.succeeded'>; firstName?: string }): {
  subject: string;
  text: string;
  html: string;
} {
  const { tenant, detail } = input;
  const paid = formatMoney(detail.amount, detail.currency);
  const invoice = paidNoun(detail);
  const remaining =
    detail.balance > 0 ? `${formatMoney(detail.balance, detail.currency)} is still to pay on this ${invoice}.` : `The ${invoice} is now paid in full.`;
  const method = methodName(detail.method);
  return renderBrandedEmail(tenant, {
    subject: `Receipt: ${paid} paid to ${tenant.name} for ${invoice} ${detail.number}`,
    paragraphs: [
      `Hello ${input.firstName ?? detail.payer.name},`,
      `Thank you: we have received your payment of ${paid} for ${invoice} ${detail.number}.`,
      remaining,
      `Date: ${formatDate(detail.at)}. ${method ? `Paid by ${method}. ` : ''}Payment reference: ${detail.reference}.`,
      'Keep this email as your receipt. Please quote the reference if you contact us about this payment.',
    ],
    action: { label: `View ${invoice}`, url: documentPortalUrl(tenant.slug, detail.type, detail.documentId) },
    footnote: `${tenant.name} took this payment through Stripe; your card or bank statement may show Stripe's descriptor for ${tenant.name}.`,
  });
}

/** What a staff notification says about a payment event: subject, what happened, and the reconciliation lines. */
export function paymentStaffNotice(
  event: PaymentEvent,
  detail: EventDetail<PaymentEvent>,
  company: string,
): { subject: string; happened: string; said: string[] } {
  const amount = formatMoney(detail.amount, detail.currency);
  const invoice = paidNoun(detail);
  const left = detail.balance > 0 ? `${formatMoney(detail.balance, detail.currency)} is still outstanding.` : `The ${invoice} is now paid in full.`;
  const r = detail.reconciliation;
  const reconcile = [
    `Reference ${detail.reference}${detail.method ? `, ${methodName(detail.method)}` : ''}.`,
    [r.chargeId ? `Stripe charge ${r.chargeId}` : '', r.paymentIntentId ? `payment ${r.paymentIntentId}` : '', r.payoutId ? `payout ${r.payoutId}` : '']
      .filter(Boolean)
      .join(', ')
      .replace(/.$/, '$&.'),
    r.fee !== undefined ? `Stripe fee ${formatMoney(r.fee, detail.currency)}${r.net !== undefined ? `, net ${formatMoney(r.net, detail.currency)}` : ''}.` : '',
    r.bankAccount ? `Pays out to ${r.bankAccount}.` : '',
  ].filter(Boolean);
  switch (event) {
    case 'payment.succeeded':
      return {
        subject: `Payment received: ${amount} for ${invoice} ${detail.number} (${company})`,
        happened: `${detail.payer.name} (${company}) paid ${amount} of ${invoice} ${detail.number} online. ${left}`,
        said: reconcile,
      };
    case 'payment.failed': {
      const reason = (detail as EventDetail<'payment.failed'>).reason;
      return {
        subject: `Payment failed: ${invoice} ${detail.number} (${company})`,
        happened: `A payment of ${amount} by ${detail.payer.name} (${company}) for ${invoice} ${detail.number} did not go through.${reason ? ` Stripe said: ${reason}` : ''} They can try again from the portal.`,
        said: reconcile,
      };
    }
    case 'payment.refunded': {
      const d = detail as EventDetail<'payment.refunded'>;
      const change = formatMoney(d.change, d.currency);
      const what =
        d.cause === 'refund'
          ? `${change} of payment ${d.reference} for ${invoice} ${d.number} was refunded (${formatMoney(d.refunded, d.currency)} refunded in all).`
          : d.cause === 'dispute'
            ? `The card holder disputed payment ${d.reference} for ${invoice} ${d.number}: Stripe withdrew ${change}. Respond to the dispute in Stripe.`
            : `The dispute of payment ${d.reference} for ${invoice} ${d.number} was decided for you: ${change} was reinstated.`;
      return {
        subject:
          d.cause === 'refund'
            ? `Refund: ${change} on ${invoice} ${d.number} (${company})`
            : d.cause === 'dispute'
              ? `Payment disputed: ${change} on ${invoice} ${d.number} (${company})`
              : `Dispute won: ${change} on ${invoice} ${d.number} (${company})`,
        happened: `${what} ${left}`,
        said: reconcile,
      };
    }
  }
}
