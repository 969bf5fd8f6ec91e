import { DOCUMENT_KINDS, type DocumentType, type PublishDocumentBody } from '../../../shared/api/documents';
import { HttpProblem, conflict } from '../../http/problem';
import { publishEvent } from '../../lib/eventPublisher';
import { activityRepository } from '../../repositories/activityRepository';
import { companyRepository } from '../../repositories/companyRepository';
import { contactRepository } from '../../repositories/contactRepository';
import { documentRepository, type ExtraWrite, type HistoryEntry, type StoredDocument } from '../../repositories/documentRepository';
import { evidenceRepository } from '../../repositories/evidenceRepository';
import { tenantRepository } from '../../repositories/tenantRepository';
import { notFoundIn, unknownReference, type AdminCaller } from '../adminSupport';
import { bodyHash, contentHash, totalsErrors, typeErrors } from './documentContent';
import { deadline, statusGroup } from './documentState';
import { isWriteConflict, MAX_HISTORY, withHistory, type DocumentActor } from './documentWrites';

export type PublishOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Publishing: the CRM (or staff) puts a document by the CRM's own id. Identical bodies
 * change nothing; any other change raises the version; a change to what the customer
 * accepted, signed or approved voids that and asks them again.
 */
export async function publishDocument(caller: AdminCaller & { actorInfo: DocumentActor }, type: DocumentType, documentId: string, body: PublishDocumentBody): Promise<{ outcome: PublishOutcome; document: StoredDocument }> {
  const errors = [...totalsErrors(body), ...typeErrors(type, body)];
  if (errors.length) throw new HttpProblem(422, 'Unprocessable document', 'The document does not add up or does not fit its type.', errors);
  const [company, contact] = await Promise.all([
    companyRepository.get(caller.tenantId, body.companyId),
    body.contactId ? contactRepository.get(caller.tenantId, body.contactId) : undefined,
  ]);
  if (!company) throw unknownReference('body.companyId', 'is not a company of this tenant');
  if (body.contactId && (!contact || contact.companyId !== body.companyId)) throw unknownReference('body.contactId', 'is not a contact of that company');

  const hashOfBody = bodyHash(type, body);
  const hashOfContent = contentHash(type, body);

  // Customers see what the business published under its name (the CRM's actor already carries it); read once, not per attempt.
  const activityActor = caller.actorInfo.kind === 'staff' ? await tenantName(caller.tenantId) : caller.actorInfo.name;

  // A concurrent action (an acceptance, another publish) moves the revision on: read again and redo.
  for (let attempt = 0; attempt < 4; attempt++) {
    const existing = await documentRepository.get(caller.tenantId, type, documentId, true);
    if (existing && !existing.withdrawnAt && existing.bodyHash === hashOfBody) return { outcome: 'unchanged', document: existing };

    const now = new Date().toISOString();
    const version = existing ? existing.version + 1 : 1;
    const contentChanged = !!existing && existing.contentHash !== hashOfContent;
    const voided: Array<'acceptance' | 'rejection' | 'signature' | 'approval'> = [];
    const extra: ExtraWrite[] = [];
    const history: HistoryEntry[] = [];
    let { decision, approval, signature } = existing ?? {};
    if (contentChanged && decision) {
      voided.push(decision.kind === 'accepted' ? 'acceptance' : 'rejection');
      history.push({ at: now, action: decision.kind === 'accepted' ? 'acceptance-voided' : 'rejection-voided', version, detail: `The quote changed after it was ${decision.kind}; it needs a new decision.` });
      decision = undefined;
    }
    if (contentChanged && signature) {
      voided.push('signature');
      history.push({ at: now, action: 'signature-voided', version, detail: `The order changed after ${signature.signerName} signed version ${signature.version}; it needs signing again.` });
      extra.push({ Update: evidenceRepository.voidUpdate(caller.tenantId, type, documentId, signature.evidenceId, { at: now, byVersion: version }) });
      signature = undefined;
    }
    if (contentChanged && approval) {
      voided.push('approval');
      history.push({ at: now, action: 'approval-voided', version, detail: 'The job changed; the new version needs approval.' });
      approval = undefined;
    }
    const change = !existing ? 'created' : existing.withdrawnAt ? 'republished' : 'updated';
    history.unshift({ at: now, action: change === 'created' ? 'published' : change, by: caller.actorInfo.name, version });

    const payable = type === 'invoice' || type === 'supplier-bill';
    const doc: StoredDocument = {
      tenantId: caller.tenantId,
      type,
      documentId,
      companyId: body.companyId,
      contactId: body.contactId,
      projectId: body.projectId,
      number: body.number,
      title: body.title,
      status: body.status,
      statusGroup: '',
      issueDate: body.issueDate,
      dueDate: body.dueDate,
      expiryDate: body.expiryDate,
      currency: body.currency,
      lines: body.lines,
      totals: body.totals,
      amountPaid: payable ? (body.amountPaid ?? 0) : undefined,
      // Online payments are Portico's own record (services/payments): a publish keeps them and the open checkout.
      portalPaid: payable ? existing?.portalPaid : undefined,
      openPayment: payable ? existing?.openPayment : undefined,
      balance: payable ? body.totals.total - (body.amountPaid ?? 0) - (existing?.portalPaid ?? 0) : undefined,
      notes: body.notes,
      terms: body.terms,
      attachments: body.attachments,
      approvalRequired: body.approvalRequired,
      version,
      revision: (existing?.revision ?? 0) + 1,
      bodyHash: hashOfBody,
      contentHash: hashOfContent,
      publishedAt: now,
      updatedAt: now,
      decision,
      approval,
      signature,
      history: withHistory(existing?.history ?? [], ...history).slice(0, MAX_HISTORY),
    };
    doc.statusGroup = statusGroup(doc);
    extra.push({
      Put: {
        Item: activityRepository.item({
          tenantId: caller.tenantId,
          companyId: doc.companyId,
          at: now,
          type,
          documentId,
          number: doc.number,
          action: 'document.published',
          actor: activityActor,
          summary: publishedSummary(type, doc.number, change, voided),
        }),
      },
    });
    try {
      await documentRepository.save(doc, deadline(doc), existing, extra);
    } catch (err) {
      if (isWriteConflict(err)) continue;
      throw err;
    }
    const notifyContact = body.notifyContact ?? !!doc.contactId;
    await publishEvent('document.published', {
      tenantId: caller.tenantId,
      type,
      documentId,
      number: doc.number,
      companyId: doc.companyId,
      ...(doc.contactId ? { contactId: doc.contactId } : {}),
      version,
      actor: caller.actorInfo,
      change,
      voided,
      notifyContact: notifyContact && !!doc.contactId,
    });
    return { outcome: existing && !existing.withdrawnAt ? 'updated' : 'created', document: doc };
  }
  throw conflict('The document is being changed by someone else right now. Try again.');
}

/** Takes a document off the portal: it leaves every list and its pages answer 404; publishing it again brings it back. */
export async function withdrawDocument(caller: AdminCaller & { actorInfo: DocumentActor }, type: DocumentType, documentId: string): Promise<StoredDocument> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const existing = await documentRepository.get(caller.tenantId, type, documentId, true);
    if (!existing) throw notFoundIn(DOCUMENT_KINDS[type].label.toLowerCase());
    if (existing.withdrawnAt) return existing;
    const now = new Date().toISOString();
    const doc: StoredDocument = {
      ...existing,
      withdrawnAt: now,
      updatedAt: now,
      revision: existing.revision + 1,
      history: withHistory(existing.history, { at: now, action: 'withdrawn', by: caller.actorInfo.name, version: existing.version }),
    };
    try {
      await documentRepository.save(doc, undefined, existing);
      return doc;
    } catch (err) {
      if (isWriteConflict(err)) continue;
      throw err;
    }
  }
  throw conflict('The document is being changed by someone else right now. Try again.');
}

async function tenantName(tenantId: string): Promise<string> {
  return (await tenantRepository.get(tenantId))?.name ?? 'Your supplier';
}

function publishedSummary(type: DocumentType, number: string, change: string, voided: string[]): string {
  const label = `${DOCUMENT_KINDS[type].label} ${number}`;
  if (voided.length) return `${label} was updated and needs your ${voided.includes('signature') ? 'signature' : voided.includes('approval') ? 'approval' : 'decision'} again`;
  return change === 'created' ? `${label} was published` : `${label} was updated`;
}
