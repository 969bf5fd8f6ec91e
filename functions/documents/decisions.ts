import { DOCUMENT_KINDS, type DocumentType, type DocumentView } from '../../shared/api/documents';
import type { EventType } from '../../events/catalogue';
import { auditWrites } from '../audit/audit';
import type { PortalCaller } from '../core/callers';
import { conflict } from '../core/problems';
import { releaseHeldEvents, UnitOfWork, type Write } from '../table/unitOfWork';
import { activityRepository } from './activityRepository';
import { customerActor } from './documentActors';
import { documentKey, documentRepository, type StoredDocument } from './documentRepository';
import { availableActions, deadline, statusGroup, type DocumentAction } from './documentState';
import { toView } from './documentViews';
import { withDocumentRetry, withHistory, type DocumentActor } from './documentWrites';
import { visibleDocument } from './portalDocuments';

/**
 * The customer's decisions on a document: accept or reject a quote, approve a job's
 * artwork or ask for changes. Each is a conditional write on the document's revision,
 * so two clicks (or two people) cannot both decide, and a decision on a version the CRM
 * has just replaced is refused rather than applied to the new one. The decision, its
 * activity line, its audit entry (and a signature's evidence) commit together, and its
 * event is held beside the document until it is on the bus.
 */
export interface DecisionChange {
  action: DocumentAction;
  /** The state after the decision, from the document as read and the actor. */
  apply: (doc: StoredDocument, actor: DocumentActor, at: string) => Partial<StoredDocument>;
  history: (actor: DocumentActor) => { action: string; detail?: string };
  summary: (doc: StoredDocument, actor: DocumentActor) => string;
  /** The event; its detail may depend on the document as read (a proposal names its lines' dates). */
  event: { type: EventType; detail: Record<string, unknown> | ((doc: StoredDocument) => Record<string, unknown>) };
  /** Checks on each attempt, once the document is read (a bill's upload and number): throw a problem to refuse. */
  check?: (doc: StoredDocument) => Promise<void> | void;
  /** Why the action is refused when it is not available now, if the general answer would not say. */
  unavailable?: (doc: StoredDocument) => Error | undefined;
  /** More writes for the same unit of work (the signature's evidence and its audit entry). */
  extra?: (doc: StoredDocument, actor: DocumentActor, at: string) => Write[];
}

export async function decide(caller: PortalCaller, type: DocumentType, documentId: string, change: DecisionChange): Promise<DocumentView> {
  const actor = await customerActor(caller);
  return withDocumentRetry(async (attempt) => {
    const [doc] = await Promise.all([
      visibleDocument(caller, type, documentId, true),
      attempt === 0 ? releaseHeldEvents(documentKey(caller.tenantId, type, documentId)) : undefined,
    ]);
    if (!availableActions(doc, caller.permissions).includes(change.action)) throw change.unavailable?.(doc) ?? notAvailable(doc, change.action);
    await change.check?.(doc);
    const at = new Date().toISOString();
    const { action, detail } = change.history(actor);
    const next: StoredDocument = {
      ...doc,
      ...change.apply(doc, actor, at),
      revision: doc.revision + 1,
      updatedAt: at,
      history: withHistory(doc.history, { at, action, by: actor.name, version: doc.version, ...(detail ? { detail } : {}) }),
    };
    next.statusGroup = statusGroup(next);
    const activity = activityRepository.item({
      tenantId: doc.tenantId,
      companyId: doc.companyId,
      at,
      type,
      documentId,
      number: doc.number,
      action: change.event.type,
      actor: actor.name,
      summary: change.summary(doc, actor),
    });
    const work = documentRepository.save(new UnitOfWork(), next, deadline(next), doc);
    work
      .write({ Put: { Item: activity } })
      .write(
        ...auditWrites(caller, {
          action: 'document.decided',
          subjects: [`company:${doc.companyId}`, `user:${caller.userId}`],
          // A link visitor acts as the link's contact; the audit also names the link they came by, as signing does.
          details: {
            type,
            documentId,
            number: doc.number,
            version: doc.version,
            decision: change.event.type,
            ...(caller.link ? { viaDirectLink: caller.link.linkId } : {}),
          },
        }),
      )
      .write(...(change.extra?.(doc, actor, at) ?? []))
      .announce(change.event.type, {
        tenantId: doc.tenantId,
        type,
        documentId,
        number: doc.number,
        companyId: doc.companyId,
        ...(doc.contactId ? { contactId: doc.contactId } : {}),
        version: doc.version,
        actor: { kind: actor.kind, id: actor.id, name: actor.name },
        ...(typeof change.event.detail === 'function' ? change.event.detail(doc) : change.event.detail),
      } as never);
    await work.commit(documentKey(doc.tenantId, type, documentId));
    return toView(next, caller.permissions);
  }, 'The document is being changed right now. Reload it and try again.');
}

/** Why an action is not available: already decided, expired, no longer open. */
function notAvailable(doc: StoredDocument, action: DocumentAction) {
  const label = `${DOCUMENT_KINDS[doc.type].label} ${doc.number}`;
  if (doc.decision) return conflict(`${label} was already ${doc.decision.kind}.`);
  if (doc.signature) return conflict(`${label} is already signed.`);
  if (doc.approval) return conflict(`${label} was already ${doc.approval.kind === 'approved' ? 'approved' : 'sent back for changes'}.`);
  if (doc.type === 'quote' && doc.expiryDate && doc.expiryDate < new Date().toISOString().slice(0, 10))
    return conflict(`${label} expired on ${doc.expiryDate}. Ask for a new quote.`);
  return conflict(`${label} cannot be ${action === 'sign' ? 'signed' : `${action}ed`} in its current state.`);
}

export function acceptQuote(caller: PortalCaller, documentId: string, body: { purchaseOrderReference?: string }) {
  return decide(caller, 'quote', documentId, {
    action: 'accept',
    apply: (doc, actor, at) => ({
      decision: {
        kind: 'accepted',
        at,
        by: actor.name,
        userId: actor.id,
        version: doc.version,
        contentHash: doc.contentHash,
        ...(body.purchaseOrderReference ? { purchaseOrderReference: body.purchaseOrderReference } : {}),
      },
    }),
    history: () => ({ action: 'accepted', ...(body.purchaseOrderReference ? { detail: `Purchase order ${body.purchaseOrderReference}` } : {}) }),
    summary: (doc, actor) => `${actor.name} accepted quote ${doc.number}`,
    event: { type: 'quote.accepted', detail: body.purchaseOrderReference ? { purchaseOrderReference: body.purchaseOrderReference } : {} },
  });
}

export function rejectQuote(caller: PortalCaller, documentId: string, body: { reason: string }) {
  return decide(caller, 'quote', documentId, {
    action: 'reject',
    apply: (doc, actor, at) => ({
      decision: { kind: 'rejected', at, by: actor.name, userId: actor.id, version: doc.version, contentHash: doc.contentHash, reason: body.reason },
    }),
    history: () => ({ action: 'rejected', detail: body.reason }),
    summary: (doc, actor) => `${actor.name} rejected quote ${doc.number}`,
    event: { type: 'quote.rejected', detail: { reason: body.reason } },
  });
}

export function approveArtwork(caller: PortalCaller, documentId: string, body: { comment?: string }) {
  return decide(caller, 'job', documentId, {
    action: 'approve',
    apply: (doc, actor, at) => ({
      approval: {
        kind: 'approved',
        at,
        by: actor.name,
        userId: actor.id,
        version: doc.version,
        contentHash: doc.contentHash,
        ...(body.comment ? { comment: body.comment } : {}),
      },
    }),
    history: () => ({ action: 'approved', ...(body.comment ? { detail: body.comment } : {}) }),
    summary: (doc, actor) => `${actor.name} approved the artwork of job ${doc.number}`,
    event: { type: 'artwork.approved', detail: body.comment ? { comment: body.comment } : {} },
  });
}

export function requestArtworkChanges(caller: PortalCaller, documentId: string, body: { comment: string }) {
  return decide(caller, 'job', documentId, {
    action: 'request-changes',
    apply: (doc, actor, at) => ({
      approval: { kind: 'changes-requested', at, by: actor.name, userId: actor.id, version: doc.version, contentHash: doc.contentHash, comment: body.comment },
    }),
    history: () => ({ action: 'changes-requested', detail: body.comment }),
    summary: (doc, actor) => `${actor.name} asked for changes to job ${doc.number}`,
    event: { type: 'artwork.changes-requested', detail: { comment: body.comment } },
  });
}
