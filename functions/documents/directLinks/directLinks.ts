import { PROBLEM_TYPES } from '../../../shared/problem';
import { DOCUMENT_KINDS, type DirectLinkSession, type DocumentType } from '../../../shared/api/documents';
import { conflict, notFoundIn, unknownReference } from '../../core/problems';
import { publishEvent } from '../../aws/eventBus';
import { newId } from '../../core/ids';
import { portalUrl } from '../../core/portalUrl';
import { hashToken, newLinkToken } from '../../core/secrets';
import { companyRepository } from '../../customers/companyRepository';
import { contactRepository, type Contact } from '../../customers/contactRepository';
import { directLinkRepository, type DirectLink } from './directLinkRepository';
import { documentRepository } from '../documentRepository';
import { portalUserRepository, type PortalUser } from '../../customers/portalUserRepository';
import { sessionRepository } from '../../identity/sessionRepository';
import { teamRepository } from '../../customers/teamRepository';
import type { Tenant } from '../../customers/tenantRepository';
import { tenantRepository } from '../../customers/tenantRepository';
import { effectiveModules, effectivePermissions } from '../../customers/access';
import type { AdminCaller, RequestOrigin } from '../../core/callers';
import { recordAudit } from '../../audit/audit';
import { renderDirectLinkEmail } from './directLinkEmail';
import { assertLinkAccess, defaultTeamFor, linkExpired, linkInvalid, linkPermissions, linkRevoked, linkSessionSub } from './directLinkAccess';

/**
 * Direct links: staff (or the CRM) email one contact a link to one document. The link's
 * 32-byte token is shown once (in the answer and the email) and stored only as its
 * SHA-256. Opening it makes a server-side session limited to that document, which every
 * request checks against the link again (functions/http/authenticate), so revoking the
 * link or deactivating the recipient's login ends it at the next request.
 */

export const DEFAULT_LINK_DAYS = 14;

export interface CreatedDirectLink {
  linkId: string;
  /** The link itself: shown here once, never stored. */
  url: string;
  expiresAt: string;
  /** Where it was emailed (absent with `send: false`). */
  sentTo?: string;
}

export interface DirectLinkView {
  linkId: string;
  type: DocumentType;
  documentId: string;
  number: string;
  contactId: string;
  recipientName?: string;
  recipientEmail?: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  sentTo?: string;
  openCount: number;
  lastOpenedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export const linkStatus = (link: Pick<DirectLink, 'revokedAt' | 'expiresAt'>, now = new Date()): DirectLinkView['status'] =>
  link.revokedAt ? 'revoked' : link.expiresAt <= now.toISOString() ? 'expired' : 'active';

function toView(link: DirectLink, contact: Contact | undefined, now = new Date()): DirectLinkView {
  return {
    linkId: link.linkId,
    type: link.type,
    documentId: link.documentId,
    number: link.number,
    contactId: link.contactId,
    ...(contact ? { recipientName: `${contact.firstName} ${contact.lastName}`.trim() } : {}),
    ...(contact?.email ? { recipientEmail: contact.email } : {}),
    status: linkStatus(link, now),
    createdAt: link.createdAt,
    createdBy: link.createdBy,
    expiresAt: link.expiresAt,
    ...(link.sentTo ? { sentTo: link.sentTo } : {}),
    openCount: link.openCount ?? 0,
    ...(link.lastOpenedAt ? { lastOpenedAt: link.lastOpenedAt } : {}),
    ...(link.revokedAt ? { revokedAt: link.revokedAt } : {}),
    ...(link.revokedBy ? { revokedBy: link.revokedBy } : {}),
  };
}

/** The recipient's effective permissions: their login's teams if it is active, else the tenant's default team for the type; both within the company's modules. */
async function recipientPermissions(tenant: Tenant, company: { moduleOverrides?: unknown }, user: PortalUser | undefined, type: DocumentType) {
  const teams = await teamRepository.list(tenant.tenantId);
  const modules = effectiveModules(tenant.modules, company.moduleOverrides);
  const granted =
    user?.status === 'active' ? effectivePermissions(teams, user.teams ?? [], modules) : effectivePermissions(teams, [defaultTeamFor(type)], modules);
  return linkPermissions(type, granted);
}

export async function createDirectLink(
  caller: AdminCaller,
  type: DocumentType,
  documentId: string,
  body: { contactId: string; expiresInDays?: number; send?: boolean },
  now = new Date(),
): Promise<CreatedDirectLink> {
  const { tenantId } = caller;
  const label = DOCUMENT_KINDS[type].label;
  const [doc, contact, tenant] = await Promise.all([
    documentRepository.get(tenantId, type, documentId, true),
    contactRepository.get(tenantId, body.contactId),
    tenantRepository.get(tenantId),
  ]);
  if (!doc || !tenant) throw notFoundIn(label.toLowerCase());
  if (doc.withdrawnAt) throw conflict(`${label} ${doc.number} is withdrawn from the portal. Publish it again before sharing it.`);
  if (!contact || contact.companyId !== doc.companyId)
    throw unknownReference('body.contactId', `is not a contact of the company of ${label.toLowerCase()} ${doc.number}`);
  const [company, user] = await Promise.all([companyRepository.get(tenantId, doc.companyId), portalUserRepository.get(tenantId, contact.contactId)]);
  const name = `${contact.firstName} ${contact.lastName}`.trim();
  if (!tenant.portalEnabled) throw conflict('The portal is switched off: a direct link would not open. Switch it on first.', PROBLEM_TYPES.portalDisabled);
  if (!company?.allowPortal)
    throw conflict(
      `${company?.name ?? 'The company'} is not allowed into the portal, so a link would not open. Allow it first.`,
      PROBLEM_TYPES.companyNotAllowed,
    );
  if (user?.status === 'deactivated')
    throw conflict(`The portal login of ${name} is deactivated, so a link would not open. Reactivate it first.`, PROBLEM_TYPES.accountDeactivated);
  const send = body.send ?? true;
  if (send && !contact.email)
    throw conflict(`${name} has no email address to send the link to. Add one, or create the link with "send": false and pass it on yourself.`);

  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + (body.expiresInDays ?? DEFAULT_LINK_DAYS) * 86_400_000);
  const link = await directLinkRepository.create({
    tenantId,
    linkId: newId('dl'),
    tokenHash: hashToken(token),
    type,
    documentId,
    number: doc.number,
    companyId: doc.companyId,
    contactId: contact.contactId,
    expiresAt: expiresAt.toISOString(),
    createdAt: now.toISOString(),
    createdBy: caller.actor,
    ...(send ? { sentTo: contact.email } : {}),
  });
  const url = portalUrl(tenant.slug, `/d/${token}`);
  if (send) {
    const mail = renderDirectLinkEmail({
      tenant,
      firstName: contact.firstName,
      type,
      number: doc.number,
      title: doc.title,
      permissions: await recipientPermissions(tenant, company, user, type),
      canSign: user?.status === 'active',
      url,
      expiresAt,
    });
    await publishEvent('mail.requested', { tenantId, to: [contact.email!], ...mail, purpose: 'direct-link' });
  }
  await recordAudit(caller, {
    action: 'direct-link.created',
    subjects: [`company:${doc.companyId}`, `user:${contact.contactId}`],
    details: { linkId: link.linkId, type, documentId, number: doc.number, contactId: contact.contactId, expiresAt: link.expiresAt, sent: send },
  });
  return { linkId: link.linkId, url, expiresAt: link.expiresAt, ...(send ? { sentTo: contact.email } : {}) };
}

async function viewsOf(tenantId: string, links: DirectLink[]): Promise<DirectLinkView[]> {
  const contactIds = [...new Set(links.map((l) => l.contactId))];
  const contacts = new Map(
    (await Promise.all(contactIds.map((id) => contactRepository.get(tenantId, id)))).filter((c): c is Contact => !!c).map((c) => [c.contactId, c]),
  );
  const now = new Date();
  return links.map((l) => toView(l, contacts.get(l.contactId), now));
}

/** A document's links, newest first, without their tokens (never stored). */
export async function listDirectLinks(caller: AdminCaller, type: DocumentType, documentId: string): Promise<{ items: DirectLinkView[] }> {
  const doc = await documentRepository.get(caller.tenantId, type, documentId);
  if (!doc) throw notFoundIn(DOCUMENT_KINDS[type].label.toLowerCase());
  return { items: await viewsOf(caller.tenantId, await directLinkRepository.listForDocument(caller.tenantId, type, documentId)) };
}

/** Revokes one link; revoking a revoked link changes nothing and answers the same. */
export async function revokeDirectLink(caller: AdminCaller, linkId: string): Promise<DirectLinkView> {
  const { tenantId } = caller;
  const existing = await directLinkRepository.get(tenantId, linkId);
  if (!existing) throw notFoundIn('direct link');
  const revoked = existing.revokedAt ? undefined : await directLinkRepository.revoke(tenantId, linkId, caller.actor);
  if (revoked) {
    await recordAudit(caller, {
      action: 'direct-link.revoked',
      subjects: [`company:${existing.companyId}`, `user:${existing.contactId}`],
      details: { linkIds: [linkId], type: existing.type, documentId: existing.documentId, number: existing.number },
    });
  }
  const link = revoked ?? (await directLinkRepository.get(tenantId, linkId)) ?? existing;
  return (await viewsOf(tenantId, [link]))[0]!;
}

/** Revokes every link of a contact that still works, each with a conditional write. */
export async function revokeContactDirectLinks(caller: AdminCaller, contactId: string): Promise<{ revoked: number; linkIds: string[] }> {
  const { tenantId } = caller;
  const contact = await contactRepository.get(tenantId, contactId);
  if (!contact) throw notFoundIn('contact');
  const now = new Date();
  const live = (await directLinkRepository.listForContact(tenantId, contactId)).filter((l) => linkStatus(l, now) === 'active');
  const revoked = (await Promise.all(live.map((l) => directLinkRepository.revoke(tenantId, l.linkId, caller.actor, now)))).filter((l): l is DirectLink => !!l);
  const linkIds = revoked.map((l) => l.linkId);
  if (linkIds.length) {
    await recordAudit(caller, {
      action: 'direct-link.revoked',
      subjects: [`company:${contact.companyId}`, `user:${contactId}`],
      details: { linkIds, contactId, all: true },
    });
  }
  return { revoked: linkIds.length, linkIds };
}

export interface OpenedLink {
  body: DirectLinkSession;
  /** The link session cookie's value: `<secret>.<linkId>`. */
  sessionCookie: string;
  expiresAt: Date;
}

/**
 * Opens a link on its tenant's host: a session limited to its document, expiring with
 * the link. Unknown (or another tenant's) token → 404 link-invalid; revoked or expired →
 * 410 link-revoked / link-expired; the document withdrawn (or gone) → link-invalid.
 */
export async function openDirectLink(tenant: Tenant, token: string, origin: RequestOrigin, now = new Date()): Promise<OpenedLink> {
  const tenantId = tenant.tenantId;
  const link = await directLinkRepository.getByTokenHash(tenantId, hashToken(token));
  if (!link) throw linkInvalid();
  if (link.revokedAt) throw linkRevoked();
  if (link.expiresAt <= now.toISOString()) throw linkExpired();
  const [doc, contact, company, user] = await Promise.all([
    documentRepository.get(tenantId, link.type, link.documentId, true),
    contactRepository.get(tenantId, link.contactId),
    companyRepository.get(tenantId, link.companyId),
    portalUserRepository.get(tenantId, link.contactId, { consistent: true }),
  ]);
  if (!doc || doc.withdrawnAt || doc.companyId !== link.companyId || !contact || contact.companyId !== link.companyId) throw linkInvalid();
  assertLinkAccess(tenant, company, link.companyId, user);

  // Counted only while the link still works: a revocation a moment ago wins.
  const opened = await directLinkRepository.recordOpen(tenantId, link.linkId, now);
  if (!opened) throw (await directLinkRepository.get(tenantId, link.linkId))?.revokedAt ? linkRevoked() : linkExpired();

  const secret = newLinkToken();
  await sessionRepository.create({
    tenantId,
    sessionId: hashToken(secret),
    pool: 'portal',
    userId: link.contactId,
    sub: linkSessionSub(link.linkId),
    companyId: link.companyId,
    ...(origin.ip ? { ip: origin.ip } : {}),
    ...(origin.userAgent ? { userAgent: origin.userAgent } : {}),
    expiresAt: link.expiresAt,
  });
  const recipientName = `${contact.firstName} ${contact.lastName}`.trim();
  await publishEvent('direct-link.opened', {
    tenantId,
    type: link.type,
    documentId: link.documentId,
    number: doc.number,
    companyId: link.companyId,
    contactId: link.contactId,
    version: doc.version,
    actor: { kind: 'customer', id: link.contactId, name: recipientName },
    linkId: link.linkId,
    openCount: opened.openCount,
  });
  await recordAudit(
    { tenantId, actor: `portal:${link.contactId}`, origin },
    {
      action: 'direct-link.opened',
      subjects: [`company:${link.companyId}`, `user:${link.contactId}`],
      details: { linkId: link.linkId, type: link.type, documentId: link.documentId, number: doc.number, openCount: opened.openCount },
    },
  );

  return {
    body: { type: link.type, documentId: link.documentId, recipientName, expiresAt: link.expiresAt },
    sessionCookie: `${secret}.${link.linkId}`,
    expiresAt: new Date(link.expiresAt),
  };
}
