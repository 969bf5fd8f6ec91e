import * as z from 'zod/mini';
import { eventCatalogue, type EventEnvelope, type EventType } from '../../events/catalogue';
import type { RuleTarget } from '../../events/rules';
import { logger } from '../aws/logger';
import { sendMail as deliverMail } from '../aws/mail';
import { recordAudit } from '../audit/audit';
import { tenantRepository } from '../customers/tenantRepository';
import { isNotifiedEvent, notifyContact, notifyStaff } from './documentNotifications';
import { onceOnly } from './onceOnly';
import { sendPaymentReceipt } from './paymentReceipts';
import { confirmToContact, isTemplateEvent, notifyStaffOfCommerce } from './templates/commerceNotifications';

type Target = (event: EventEnvelope) => Promise<void>;

/** Parses an event's detail against the catalogue again: targets trust nothing on the bus. */
function detailOf<T extends EventType>(event: EventEnvelope, type: T) {
  if (event['detail-type'] !== type) throw new Error(`expected ${type}, got ${event['detail-type']}`);
  return z.parse(eventCatalogue[type] as z.ZodMiniType, event.detail) as z.output<(typeof eventCatalogue)[T]>;
}

/** A document event's detail, parsed against the catalogue entry of its own detail-type. */
function documentDetailOf(event: EventEnvelope) {
  const type = event['detail-type'];
  if (!isNotifiedEvent(type)) throw new Error(`expected a document event, got ${type}`);
  return detailOf(event, type);
}

/** Event targets named by the rule table, one export each. */
export const targets: Record<RuleTarget, Target> = {
  async sendMail(event) {
    const mail = detailOf(event, 'mail.requested');
    const outcome = await onceOnly(mail.tenantId, event, 'sendMail', async () => {
      const tenant = await tenantRepository.get(mail.tenantId);
      const messageId = await deliverMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, fromName: tenant?.name });
      logger.info('mail sent', { tenantId: mail.tenantId, purpose: mail.purpose, messageId, eventId: event.id });
    });
    if (outcome === 'skipped') logger.info('mail already sent for this event', { eventId: event.id });
  },

  async recordAudit(event) {
    const change = detailOf(event, 'tenant.settings-changed');
    // Keyed by the event's id: a redelivery writes the same entry again.
    await recordAudit(
      { tenantId: change.tenantId, actor: change.changedBy },
      { action: 'tenant.settings-changed', subjects: [`tenant:${change.tenantId}`], details: { fields: change.fields } },
      { eventId: event.id, at: event.time },
    );
  },

  /** Staff named by the tenant's notification settings for the event (commerce events in the tenant's templates). */
  async notifyStaff(event) {
    const type = event['detail-type'];
    if (isTemplateEvent(type)) return notifyStaffOfCommerce(event, type, detailOf(event, type));
    await notifyStaff(event, documentDetailOf(event));
  },

  /** The contact who placed an order or asked for a quote or job: a confirmation. */
  async confirmToContact(event) {
    const type = event['detail-type'];
    if (!isTemplateEvent(type)) throw new Error(`expected a commerce event, got ${type}`);
    await confirmToContact(event, type, detailOf(event, type));
  },

  /** The document's contact: a document published for them, a reply from staff. */
  async notifyContact(event) {
    await notifyContact(event, documentDetailOf(event));
  },

  /** The payer's receipt for an online payment. */
  async sendPaymentReceipt(event) {
    await sendPaymentReceipt(event, detailOf(event, 'payment.succeeded'));
  },
};
