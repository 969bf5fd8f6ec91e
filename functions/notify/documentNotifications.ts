import type { EventDetail, EventEnvelope } from '../../events/catalogue';
import { DOCUMENT_KINDS, DOCUMENT_NOTIFIED_EVENTS, type DocumentNotifiedEvent as NotifiedEvent } from '../../shared/api/documents';
import { logger } from '../aws/logger';
import { sendMail } from '../aws/mail';
import { companyRepository } from '../customers/companyRepository';
import { contactRepository, type Contact } from '../customers/contactRepository';
import { documentRepository } from '../documents/documentRepository';
import { notificationSettingsRepository } from './notificationSettingsRepository';
import { portalUserRepository } from '../customers/portalUserRepository';
import { teamRepository } from '../customers/teamRepository';
import { tenantRepository } from '../customers/tenantRepository';
import { effectiveModules, effectivePermissions } from '../customers/access';
import { describeRecipients, recipientsFor } from './notificationSettings';
import { renderDocumentPublishedEmail, renderReplyEmail, renderStaffEmail, type StaffEventInput } from '../documents/documentEmails';
import { onceOnly } from './onceOnly';

/**
 * The two document notifiers. Both run at least once per event (EventBridge retries), so
 * every email is claimed before it is sent (`onceOnly`): staff mail per recipient, so a
 * failure part-way through a list resends only to those not yet mailed.
 */

type DocumentDetail = EventDetail<NotifiedEvent>;

export const isNotifiedEvent = (type: string): type is NotifiedEvent => (DOCUMENT_NOTIFIED_EVENTS as readonly string[]).includes(type);

/**
 * Staff mail: the tenant's rule for the event (team members ∪ addresses), minus
 * deactivated staff logins. A staff or CRM message on a thread is not mailed to staff:
 * it is their own side's reply.
 */
export async function notifyStaff(event: EventEnvelope, detail: DocumentDetail): Promise<void> {
  const type = event['detail-type'] as NotifiedEvent;
  if (type === 'message.posted' && detail.actor.kind !== 'customer') return;
  // Staff hear that a link was opened the first time, not on every visit the recipient makes.
  if (type === 'direct-link.opened' && ((detail as EventDetail<'direct-link.opened'>).openCount ?? 1) > 1) return;
  const settings = await notificationSettingsRepository.get(detail.tenantId);
  const named = recipientsFor(settings, type);
  if (!named.length) return;
  const [known, tenant, company, document, contact] = await Promise.all([
    describeRecipients(detail.tenantId, named),
    tenantRepository.get(detail.tenantId),
    companyRepository.get(detail.tenantId, detail.companyId),
    documentRepository.get(detail.tenantId, detail.type, detail.documentId),
    detail.contactId ? contactRepository.get(detail.tenantId, detail.contactId) : undefined,
  ]);
  if (!tenant) return;
  const recipients = named.filter((email) => known[email]?.status !== 'deactivated');
  const customer =
    detail.actor.kind === 'customer'
      ? { name: detail.actor.name, ...(contact && contact.contactId === detail.actor.id && contact.email ? { email: contact.email } : {}) }
      : contact
        ? { name: fullName(contact), ...(contact.email ? { email: contact.email } : {}) }
        : undefined;
  const mail = renderStaffEmail({ tenant, notice: { event: type, detail } as StaffEventInput, document, company, customer });
  await Promise.all(
    recipients.map((email) =>
      onceOnly(detail.tenantId, event, `notifyStaff#${email}`, async () => {
        const messageId = await sendMail({ to: [email], ...mail, fromName: tenant.name });
        logger.info('staff notified', { tenantId: detail.tenantId, detailType: type, documentId: detail.documentId, messageId });
      }),
    ),
  );
}

/**
 * Contact mail: a document published for its contact (when the publisher asked for it),
 * or a staff or CRM reply on its thread. Only a contact with an email who can open the
 * document in the portal: a portal login that is not deactivated, the tenant's portal on,
 * the company let in, and a team that may read the type. Never about a withdrawn
 * document, and never to a contact who has moved out of the document's company.
 */
export async function notifyContact(event: EventEnvelope, detail: DocumentDetail): Promise<void> {
  const type = event['detail-type'];
  if (type === 'document.published' && !(detail as EventDetail<'document.published'>).notifyContact) return;
  if (type === 'message.posted' && detail.actor.kind === 'customer') return;
  if (type !== 'document.published' && type !== 'message.posted') return;
  const skip = (reason: string) => logger.info('contact not notified', { tenantId: detail.tenantId, documentId: detail.documentId, detailType: type, reason });

  const document = await documentRepository.get(detail.tenantId, detail.type, detail.documentId, true);
  if (!document || document.withdrawnAt) return skip('the document is not in the portal');
  // The document's contact now, not the event's: a republish may have named someone else.
  const contactId = document.contactId;
  if (!contactId) return skip('the document names no contact');
  const [contact, user, tenant, company, teams] = await Promise.all([
    contactRepository.get(detail.tenantId, contactId),
    portalUserRepository.get(detail.tenantId, contactId),
    tenantRepository.get(detail.tenantId),
    companyRepository.get(detail.tenantId, document.companyId),
    teamRepository.list(detail.tenantId),
  ]);
  if (!contact?.email) return skip('the contact has no email');
  if (contact.companyId !== document.companyId) return skip('the contact is not at the document’s company');
  if (!tenant?.portalEnabled) return skip('the portal is switched off');
  if (!company?.allowPortal) return skip('the company is not let into the portal');
  if (!user || user.status === 'deactivated' || user.companyId !== document.companyId) return skip('the contact has no portal login that works');
  const permissions = effectivePermissions(teams, user.teams, effectiveModules(tenant.modules, company.moduleOverrides));
  if (!permissions.includes(DOCUMENT_KINDS[detail.type].read)) return skip('the contact may not read this type of document');

  const invited = user.status === 'invited';
  const mail =
    type === 'document.published'
      ? renderDocumentPublishedEmail({ tenant, detail: detail as EventDetail<'document.published'>, document, contact, invited })
      : renderReplyEmail({ tenant, detail: detail as EventDetail<'message.posted'>, contact, invited });
  const to = contact.email;
  await onceOnly(detail.tenantId, event, 'notifyContact', async () => {
    const messageId = await sendMail({ to: [to], ...mail, fromName: tenant.name });
    logger.info('contact notified', { tenantId: detail.tenantId, detailType: type, documentId: detail.documentId, messageId });
  });
}

const fullName = (c: Pick<Contact, 'firstName' | 'lastName'>) => `${c.firstName} ${c.lastName}`.trim();
