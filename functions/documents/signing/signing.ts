import { DOCUMENT_KINDS, type DocumentView, type SignatureEvidence } from '../../../shared/api/documents';
import type { PortalCaller } from '../../core/callers';
import { conflict, notFound, notFoundIn } from '../../core/problems';
import { newId } from '../../core/ids';
import { documentRepository, type StoredDocument } from '../documentRepository';
import { evidenceRepository } from './evidenceRepository';
import { auditWrites } from '../../audit/audit';
import { decide } from '../decisions';
import { availableActions } from '../documentState';
import { visibleDocument } from '../portalDocuments';
import { checkSigningPin } from './signingPin';

/**
 * E-signing a sales order: the signer types their name and their signing PIN. The
 * signature on the order and its evidence record (document version and content hash,
 * signer, time, IP, user agent, how they were signed in) are written in one transaction
 * through `decide()`, conditional on the order's revision: a signature is always of the
 * very version the signer saw. Publishing a changed order later voids both
 * (documents/publishing).
 */

/** Why an open-looking order cannot be signed now. */
function notSignable(doc: StoredDocument) {
  const label = `${DOCUMENT_KINDS[doc.type].label} ${doc.number}`;
  if (doc.signature) return conflict(`${label} is already signed.`);
  return conflict(`${label} cannot be signed in its current state.`);
}

export async function signOrder(caller: PortalCaller, documentId: string, body: { signerName: string; pin: string }): Promise<DocumentView> {
  // The order first (another company's is a 404, a signed one a 409), so the PIN is only
  // ever tried, and counted, against an order the caller may sign now.
  const doc = await visibleDocument(caller, 'sales-order', documentId, true);
  if (!availableActions(doc, caller.permissions).includes('sign')) throw notSignable(doc);
  await checkSigningPin(caller, body.pin);

  const evidenceId = newId('sig');
  const { origin } = caller;
  const authentication: SignatureEvidence['authentication'] = caller.link ? 'direct-link' : 'password';
  return decide(caller, 'sales-order', documentId, {
    action: 'sign',
    apply: (d, actor, at) => ({ signature: { signerName: body.signerName, at, userId: actor.id, version: d.version, contentHash: d.contentHash, evidenceId } }),
    history: () => ({ action: 'signed', detail: `Signed by ${body.signerName}` }),
    summary: (d) => `${body.signerName} signed sales order ${d.number}`,
    event: { type: 'order.signed', detail: { evidenceId, signerName: body.signerName } },
    extra: (d, actor, at) => {
      const evidence: SignatureEvidence = {
        evidenceId,
        tenantId: d.tenantId,
        type: 'sales-order',
        documentId: d.documentId,
        number: d.number,
        version: d.version,
        contentHash: d.contentHash,
        signerName: body.signerName,
        signer: {
          userId: caller.userId,
          contactId: caller.userId,
          ...((actor as { email?: string }).email ? { email: (actor as { email?: string }).email } : {}),
        },
        signedAt: at,
        ip: origin.ip ?? 'unknown',
        userAgent: origin.userAgent ?? 'unknown',
        authentication,
      };
      return [
        { Put: { Item: evidenceRepository.item(evidence), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...auditWrites(caller, {
          action: 'document.signed',
          subjects: [`company:${caller.companyId}`, `user:${caller.userId}`],
          details: {
            type: 'sales-order',
            documentId,
            number: d.number,
            version: evidence.version,
            contentHash: evidence.contentHash,
            evidenceId,
            signerName: body.signerName,
            authentication,
            ...(caller.link ? { linkId: caller.link.linkId } : {}),
          },
        }),
      ];
    },
  });
}

/** The current signature's evidence, or else the latest (voided) one. */
function currentOrLatest(doc: StoredDocument, all: SignatureEvidence[]): SignatureEvidence | undefined {
  const current = doc.signature && all.find((e) => e.evidenceId === doc.signature!.evidenceId);
  return current ?? newestFirst(all)[0];
}

const newestFirst = (all: SignatureEvidence[]) => [...all].sort((a, b) => b.signedAt.localeCompare(a.signedAt));

const notSigned = (doc: StoredDocument) => notFound(`Sales order ${doc.number} has not been signed.`);

/** GET …/signature in the portal: the evidence of the order's signature (the latest, if it was voided). */
export async function signatureEvidence(caller: PortalCaller, documentId: string): Promise<SignatureEvidence> {
  const doc = await visibleDocument(caller, 'sales-order', documentId, true);
  const evidence = currentOrLatest(doc, await evidenceRepository.list(doc.tenantId, 'sales-order', documentId));
  if (!evidence) throw notSigned(doc);
  return evidence;
}

/** What staff download: the current (or latest) evidence, and every voided signature of the order. */
export interface StaffSignatureEvidence {
  evidence: SignatureEvidence;
  /** Signatures voided by a later version, newest first. */
  voided: SignatureEvidence[];
}

export async function signatureEvidenceForStaff(tenantId: string, documentId: string): Promise<StaffSignatureEvidence> {
  const doc = await documentRepository.get(tenantId, 'sales-order', documentId, true);
  if (!doc) throw notFoundIn('sales order');
  const all = await evidenceRepository.list(tenantId, 'sales-order', documentId);
  const evidence = currentOrLatest(doc, all);
  if (!evidence) throw notSigned(doc);
  return { evidence, voided: newestFirst(all.filter((e) => e.voided)) };
}

/** A JSON download's name: `signature-evidence-SO-1001-v2.json`. */
export const evidenceFileName = (evidence: Pick<SignatureEvidence, 'number' | 'version'>) =>
  `signature-evidence-${evidence.number.replace(/[^A-Za-z0-9._-]+/g, '-')}-v${evidence.version}.json`;
