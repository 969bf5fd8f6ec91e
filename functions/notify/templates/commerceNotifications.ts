import type { EventDetail, EventEnvelope } from '../../../events/catalogue';
import type { TemplateAudience, TemplateEvent } from '../../../shared/api/notificationTemplates';
import { logger } from '../../aws/logger';
import { sendMail } from '../../aws/mail';
import { formatMoney } from '../../core/money';
import { portalUrl } from '../../core/portalUrl';
import { documentPortalUrl } from '../../documents/documentEmails';
import { requestRepository } from '../../commerce/requests/requestRepository';
import { companyRepository } from '../../customers/companyRepository';
import { contactRepository } from '../../customers/contactRepository';
import { tenantRepository, type Tenant } from '../../customers/tenantRepository';
import { describeRecipients, recipientsFor } from '../notificationSettings';
import { notificationSettingsRepository } from '../notificationSettingsRepository';
import { onceOnly } from '../onceOnly';
import { renderTemplate } from './templateRendering';
import { templateFor } from './templates';

/**
 * The commerce events' mail: to the staff the settings name for the event, in the template
 * the settings choose (the default otherwise), and a confirmation to the contact who acted.
 * Each mail is claimed per event and recipient before it is sent (`onceOnly`), so a
 * redelivered event, or a retry after a failure part-way through, mails no one twice.
 */

type CommerceDetail = EventDetail<TemplateEvent>;

export const isTemplateEvent = (type: string): type is TemplateEvent => type === 'order.placed' || type === 'quote.requested' || type === 'job.requested';

/** The placeholders' values for one event, read from the table (the event carries ids). */
async function dataFor(type: TemplateEvent, detail: CommerceDetail, tenant: Tenant) {
  const [company, contact] = await Promise.all([
    companyRepository.get(detail.tenantId, detail.companyId),
    contactRepository.get(detail.tenantId, detail.contactId),
  ]);
  const data: Record<string, string> = {
    'tenant.name': tenant.name,
    'contact.name': contact ? `${contact.firstName} ${contact.lastName}`.trim() : 'A customer',
    'contact.email': contact?.email ?? '',
    'company.name': company?.name ?? '',
  };
  if (type === 'order.placed') {
    const order = detail as EventDetail<'order.placed'>;
    Object.assign(data, {
      'order.number': order.number,
      'order.total': formatMoney(order.total, order.currency),
      'order.lineCount': String(order.lineCount),
      'order.paymentRequested': order.paymentRequested ? 'yes' : 'no',
      'portal.link': documentPortalUrl(tenant.slug, 'sales-order', order.documentId),
    });
  } else {
    const asked = detail as EventDetail<'quote.requested'>;
    const request = await requestRepository.get(detail.tenantId, asked.requestId, true);
    Object.assign(data, {
      'request.title': request?.title ?? asked.title,
      'request.description': request?.description ?? '',
      'request.kind': asked.kind,
      'request.files': request?.attachments.length ? request.attachments.map((a) => a.fileName).join(', ') : 'none',
      'portal.link': portalUrl(tenant.slug, `/requests/${asked.requestId}`),
    });
  }
  return { data, contactEmail: contact?.companyId === detail.companyId ? contact.email : undefined };
}

async function mailOf(tenant: Tenant, type: TemplateEvent, audience: TemplateAudience, chosen: string | undefined, data: Record<string, string>) {
  return renderTemplate(tenant, await templateFor(tenant.tenantId, type, audience, chosen), data);
}

/** Staff named by the settings' rule for the event, each once, in the chosen template. */
export async function notifyStaffOfCommerce(event: EventEnvelope, type: TemplateEvent, detail: CommerceDetail): Promise<void> {
  const settings = await notificationSettingsRepository.get(detail.tenantId);
  const named = recipientsFor(settings, type);
  if (!named.length) return;
  const [known, tenant] = await Promise.all([describeRecipients(detail.tenantId, named), tenantRepository.get(detail.tenantId)]);
  if (!tenant) return;
  const recipients = named.filter((email) => known[email]?.status !== 'deactivated');
  const { data } = await dataFor(type, detail, tenant);
  const mail = await mailOf(tenant, type, 'staff', settings?.templates?.[type]?.staff, data);
  await Promise.all(
    recipients.map((email) =>
      onceOnly(detail.tenantId, event, `notifyStaff#${email}`, async () => {
        const messageId = await sendMail({ to: [email], ...mail, fromName: tenant.name });
        logger.info('staff notified', { tenantId: detail.tenantId, detailType: type, messageId });
      }),
    ),
  );
}

/** The contact who placed the order or asked: a confirmation, once, in the chosen template. */
export async function confirmToContact(event: EventEnvelope, type: TemplateEvent, detail: CommerceDetail): Promise<void> {
  const [settings, tenant] = await Promise.all([notificationSettingsRepository.get(detail.tenantId), tenantRepository.get(detail.tenantId)]);
  if (!tenant) return;
  const { data, contactEmail } = await dataFor(type, detail, tenant);
  if (!contactEmail) return void logger.info('contact not confirmed', { tenantId: detail.tenantId, detailType: type, reason: 'no email at the company' });
  const mail = await mailOf(tenant, type, 'contact', settings?.templates?.[type]?.contact, data);
  await onceOnly(detail.tenantId, event, `confirmToContact#${contactEmail}`, async () => {
    const messageId = await sendMail({ to: [contactEmail], ...mail, fromName: tenant.name });
    logger.info('contact confirmed', { tenantId: detail.tenantId, detailType: type, messageId });
  });
}
