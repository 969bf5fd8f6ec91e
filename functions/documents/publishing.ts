import { DOCUMENT_KINDS, documentLabel, type DocumentType, type PublishDocumentBody } from '../../shared/api/documents';
import { auditWrites } from '../audit/audit';
import type { AdminCaller } from '../core/callers';
import { notFoundIn, unknownReference, unprocessable } from '../core/problems';
import { companyRepository } from '../customers/companyRepository';
import { contactRepository } from '../customers/contactRepository';
import { tenantRepository } from '../customers/tenantRepository';
import { UnitOfWork } from '../table/unitOfWork';
import { activityRepository } from './activityRepository';
import { adminActor } from './documentActors';
import { bodyHash, contentHash, totalsErrors, typeErrors } from './documentContent';
import { documentKey, documentRepository, type HistoryEntry, type StoredDocument } from './documentRepository';
import { storedStatus } from './crmStatus';
import { balanceOf, deadline, statusGroup } from './documentState';
import { readForWrite, withDocumentRetry, withHistory } from './documentWrites';
import { evidenceRepository } from './signing/evidenceRepository';
import { supplierAfterPublish } from './purchaseOrders/supplierState';
import { versionRepository } from './versions/versionRepository';
import { answerRequestUpdate } from '../commerce/requests/staffRequests';

export type PublishOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Publishing: the CRM (or staff) puts a document by the CRM's own id. Identical bodies
 * change nothing; any other change raises the version; a change to what the customer
 * accepted, signed or approved voids that and asks them again.
 */
export async function publishDocument(
  caller: AdminCaller,
  type: DocumentType,
  documentId: string,
  body: PublishDocumentBody,
): Promise<{ outcome: PublishOutcome; document: StoredDocument }> {
  const errors = [...totalsErrors(body), ...typeErrors(type, body)];
  if (errors.length) throw unprocessable('Unprocessable document', 'The document does not add up or does not fit its type.', errors);
  const [company, contact, actor] = await Promise.all([
    companyRepository.get(caller.tenantId, body.companyId),
    body.contactId ? contactRepository.get(caller.tenantId, body.contactId) : undefined,
    adminActor(caller),
  ]);
  if (!company) throw unknownReference('body.companyId', 'is not a company of this tenant');
  if (body.requestId && type !== 'quote' && type !== 'job') throw unknownReference('body.requestId', 'answers a request only on a quote or a job');
  if (body.contactId && (!contact || contact.companyId !== body.companyId)) throw unknownReference('body.contactId', 'is not a contact of that company');

  const hashOfBody = bodyHash(type, body);
  const hashOfContent = contentHash(type, body);

  // Customers see what the business published under its name (the CRM's actor already carries it); read once, not per attempt.
  const activityActor = actor.kind === 'staff' ? await tenantName(caller.tenantId) : actor.name;

  // A concurrent action (an acceptance, another publish) moves the revision on: read again and redo.
  return withDocumentRetry(async () => {
    const existing = await readForWrite(caller.tenantId, type, documentId);
    if (existing && !existing.withdrawnAt && existing.bodyHash === hashOfBody) return { outcome: 'unchanged', document: existing };

    const now = new Date().toISOString();
    const version = existing ? existing.version + 1 : 1;
    const contentChanged = !!existing && existing.contentHash !== hashOfContent;
    const voided: Array<'acceptance' | 'rejection' | 'signature' | 'approval' | 'acknowledgement'> = [];
    const work = new UnitOfWork();
    const history: HistoryEntry[] = [];
    let voidedEvidence: string | undefined;
    let { decision, approval, signature } = existing ?? {};
    if (contentChanged && decision) {
      voided.push(decision.kind === 'accepted' ? 'acceptance' : 'rejection');
      history.push({
        at: now,
        action: decision.kind === 'accepted' ? 'acceptance-voided' : 'rejection-voided',
        version,
        detail: `The quote changed after it was ${decision.kind}; it needs a new decision.`,
      });
      decision = undefined;
    }
    if (contentChanged && signature) {
      voided.push('signature');
      history.push({
        at: now,
        action: 'signature-voided',
        version,
        detail: `The order changed after ${signature.signerName} signed version ${signature.version}; it needs signing again.`,
      });
      voidedEvidence = signature.evidenceId;
      signature = undefined;
    }
    if (contentChanged && approval) {
      voided.push('approval');
      history.push({ at: now, action: 'approval-voided', version, detail: 'The job changed; the new version needs approval.' });
      approval = undefined;
    }
    // Purchase orders: a new content asks the supplier to acknowledge again and answers their proposed dates.
    const supplier = supplierAfterPublish(existing, body.lines, contentChanged, version, now);
    if (supplier.voidedAcknowledgement) voided.push('acknowledgement');
    history.push(...supplier.history);
    const change = !existing ? 'created' : existing.withdrawnAt ? 'republished' : 'updated';
    history.unshift({ at: now, action: change === 'created' ? 'published' : change, by: actor.name, version });

    // Sales orders may carry online payments too: paid at purchase in the portal (commerce/orders).
    const payable = type === 'invoice' || type === 'supplier-bill';
    const paidOnline = payable || type === 'sales-order';
    const doc: StoredDocument = {
      tenantId: caller.tenantId,
      type,
      documentId,
      companyId: body.companyId,
      contactId: body.contactId,
      projectId: body.projectId,
      // Kept once set: a later publish need not repeat it.
      requestId: body.requestId ?? existing?.requestId,
      number: body.number,
      title: body.title,
      // A decided status sent with changed content does not stand in for the customer's decision on it.
      ...storedStatus(type, body.status, existing, contentChanged),
      statusGroup: '',
      issueDate: body.issueDate,
      dueDate: body.dueDate,
      expiryDate: body.expiryDate,
      currency: body.currency,
      lines: body.lines,
      totals: body.totals,
      amountPaid: payable ? (body.amountPaid ?? 0) : undefined,
      // Online payments are Portico's own record (the payments room): a publish keeps them and the open checkout.
      portalPaid: paidOnline ? existing?.portalPaid : undefined,
      openPayment: paidOnline ? existing?.openPayment : undefined,
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
      acknowledgement: supplier.acknowledgement,
      dateProposal: supplier.dateProposal,
      submittedBills: existing?.submittedBills,
      history: withHistory(existing?.history ?? [], ...history),
    };
    doc.balance = balanceOf(doc); // after amountPaid and portalPaid; a credit note's counts the other way
    doc.statusGroup = statusGroup(doc);
    documentRepository.save(work, doc, deadline(doc), existing);
    if (voidedEvidence)
      work.write({ Update: evidenceRepository.voidUpdate(caller.tenantId, type, documentId, voidedEvidence, { at: now, byVersion: version }) });
    // The version this publish replaces is kept, with what the customer did with it, in the same transaction.
    if (existing) versionRepository.keep(work, existing, { at: now, version, voided: contentChanged });
    work.write({
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
          summary: publishedSummary(doc, change, voided),
        }),
      },
    });
    // Answers the request it names (checked first: a wrong link is a 422 naming body.requestId), linked both ways.
    if (body.requestId)
      work.write({
        Update: await answerRequestUpdate(caller.tenantId, body.requestId, { type, documentId, number: doc.number, companyId: doc.companyId }, now),
      });
    const notifyContact = body.notifyContact ?? !!doc.contactId;
    work.announce('document.published', {
      tenantId: caller.tenantId,
      type,
      documentId,
      number: doc.number,
      companyId: doc.companyId,
      ...(doc.contactId ? { contactId: doc.contactId } : {}),
      version,
      actor,
      change,
      voided,
      notifyContact: notifyContact && !!doc.contactId,
    });
    await work.commit(documentKey(caller.tenantId, type, documentId));
    return { outcome: existing && !existing.withdrawnAt ? 'updated' : 'created', document: doc };
  });
}

/** Takes a document off the portal: it leaves every list and its pages answer 404; publishing it again brings it back. */
export async function withdrawDocument(caller: AdminCaller, type: DocumentType, documentId: string): Promise<StoredDocument> {
  const actor = await adminActor(caller);
  return withDocumentRetry(async () => {
    const existing = await readForWrite(caller.tenantId, type, documentId);
    if (!existing) throw notFoundIn(DOCUMENT_KINDS[type].label.toLowerCase());
    if (existing.withdrawnAt) return existing;
    const now = new Date().toISOString();
    const doc: StoredDocument = {
      ...existing,
      withdrawnAt: now,
      updatedAt: now,
      revision: existing.revision + 1,
      history: withHistory(existing.history, { at: now, action: 'withdrawn', by: actor.name, version: existing.version }),
    };
    await documentRepository
      .save(new UnitOfWork(), doc, undefined, existing)
      .write(
        ...auditWrites(caller, {
          action: 'document.withdrawn',
          subjects: [`company:${doc.companyId}`],
          details: { type: doc.type, documentId: doc.documentId, number: doc.number },
        }),
      )
      .commit();
    return doc;
  });
}

async function tenantName(tenantId: string): Promise<string> {
  return (await tenantRepository.get(tenantId))?.name ?? 'Your supplier';
}

function publishedSummary(doc: StoredDocument, change: string, voided: string[]): string {
  const label = `${documentLabel(doc)} ${doc.number}`;
  if (voided.length)
    return `${label} was updated and needs your ${voided.includes('signature') ? 'signature' : voided.includes('approval') ? 'approval' : voided.includes('acknowledgement') ? 'acknowledgement' : 'decision'} again`;
  return change === 'created' ? `${label} was published` : `${label} was updated`;
}
