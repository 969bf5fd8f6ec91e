import type { DocumentType, SignatureEvidence } from '../../../shared/api/documents';
import { getItem, putItem, queryAll, toItem, updateParams, notExists, type Keys } from '../../table/db';
import { documentKey } from '../documentRepository';

/**
 * E-signature evidence: one record per signature, beside its document and never
 * deleted. A signature voided by a later version keeps its record, marked voided.
 */
const ENTITY = 'signatureEvidence';
const FIELDS = [
  'evidenceId',
  'tenantId',
  'type',
  'documentId',
  'number',
  'version',
  'contentHash',
  'signerName',
  'signer',
  'signedAt',
  'ip',
  'userAgent',
  'authentication',
  'voided',
] as const;

const keys = (tenantId: string, type: DocumentType, documentId: string, evidenceId: string): Keys => ({
  pk: documentKey(tenantId, type, documentId).pk,
  sk: `EVIDENCE#${evidenceId}`,
});

export const evidenceRepository = {
  /** The item to write in the signing transaction. */
  item(evidence: SignatureEvidence): Record<string, unknown> {
    return toItem(evidence, FIELDS, keys(evidence.tenantId, evidence.type, evidence.documentId, evidence.evidenceId), ENTITY);
  },

  async put(evidence: SignatureEvidence): Promise<void> {
    await putItem(this.item(evidence), notExists);
  },

  async get(tenantId: string, type: DocumentType, documentId: string, evidenceId: string): Promise<SignatureEvidence | undefined> {
    return getItem<SignatureEvidence>(keys(tenantId, type, documentId, evidenceId), FIELDS, true);
  },

  /** Every signature of a document, voided ones included. */
  async list(tenantId: string, type: DocumentType, documentId: string): Promise<SignatureEvidence[]> {
    return queryAll<SignatureEvidence>({ partition: documentKey(tenantId, type, documentId).pk, sortPrefix: 'EVIDENCE#' }, FIELDS);
  },

  /** The update that marks a signature voided (committed with the publish that voids it). */
  voidUpdate(tenantId: string, type: DocumentType, documentId: string, evidenceId: string, voided: { at: string; byVersion: number }) {
    return updateParams(keys(tenantId, type, documentId, evidenceId), { set: { voided } });
  },
};
