import type { EventDetail, EventEnvelope } from '../../events/catalogue';
import { logger } from '../aws/logger';
import { sendMail } from '../aws/mail';
import { contactRepository } from '../customers/contactRepository';
import { tenantRepository } from '../customers/tenantRepository';
import { renderReceiptEmail } from '../payments/paymentEmails';
import { onceOnly } from './onceOnly';

/**
 * The payer's receipt. Claimed per payment, not per bus event: a payment succeeds once,
 * so even if its event were published twice (a redelivery repairing a crash between the
 * database and the bus), one receipt goes out.
 */
export async function sendPaymentReceipt(event: EventEnvelope, detail: EventDetail<'payment.succeeded'>): Promise<void> {
  const [tenant, contact] = await Promise.all([tenantRepository.get(detail.tenantId), contactRepository.get(detail.tenantId, detail.payer.contactId)]);
  const to = detail.payer.email ?? contact?.email;
  if (!tenant || !to) {
    logger.info('no receipt sent: no address', { tenantId: detail.tenantId, paymentId: detail.paymentId });
    return;
  }
  const mail = renderReceiptEmail({ tenant, detail, ...(contact?.firstName ? { firstName: contact.firstName } : {}) });
  await onceOnly(detail.tenantId, { ...event, id: `payment-receipt:${detail.paymentId}` }, 'sendPaymentReceipt', async () => {
    const messageId = await sendMail({ to: [to], ...mail, fromName: tenant.name });
    logger.info('payment receipt sent', { tenantId: detail.tenantId, paymentId: detail.paymentId, messageId });
  });
}
