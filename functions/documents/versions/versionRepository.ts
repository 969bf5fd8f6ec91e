import type { DocumentType } from '../../../shared/api/documents';
import { getItem, putWrite, queryPage, toItem, type Keys } from '../../table/db';
import { encodeCursor, type Page } from '../../table/pagination';
import type { UnitOfWork } from '../../table/unitOfWork';
import { documentKey, type Approval, type Decision, type Signature, type StoredAttachment, type StoredDocument } from '../documentRepository';

/**
 * A document's past versions, kept in its own partition beside it. The document item
 * holds the current version; when a publish replaces it, the same transaction copies the
 * version it replaces into two items of its own, so no version is lost and none is half
 * written:
 * - `VERSION#<n>`: the small summary a versions list pages through (number, dates,
 *   totals, the decision, approval or signature it had, and whether the publish voided them);
 * - `VERSIONBODY#<n>`: its whole content, read only to show or compare that version.
 * A list page then reads small items (a page of 300 KB bodies would be most of the 1 MB a
 * Query may return, and its read capacity); showing a version is one GetItem.
 * Each is written once and never changed. Versions replaced before this store existed
 * (documents published earlier) have none: their history starts with the first version
 * replaced after.
 */
const SUMMARY_ENTITY = 'documentVersion';
const BODY_ENTITY = 'documentVersionBody';

export interface StoredVersion {
  tenantId: string;
  type: DocumentType;
  documentId: string;
  companyId: string;
  version: number;
  number: string;
  status: string;
  publishedAt: string;
  supersededAt: string;
  currency: string;
  totals: StoredDocument['totals'];
  lineCount: number;
  contentHash: string;
  decision?: Decision;
  approval?: Approval;
  signature?: Signature;
  /** The publish that replaced it voided the portal state above. */
  voided?: { at: string; byVersion: number };
}

export interface StoredVersionBody extends StoredVersion {
  title?: string;
  issueDate: string;
  dueDate?: string;
  expiryDate?: string;
  lines: StoredDocument['lines'];
  notes?: string;
  terms?: string;
  attachments?: StoredAttachment[];
  amountPaid?: number;
  approvalRequired?: boolean;
}

const SUMMARY_FIELDS = [
  'tenantId',
  'type',
  'documentId',
  'companyId',
  'version',
  'number',
  'status',
  'publishedAt',
  'supersededAt',
  'currency',
  'totals',
  'lineCount',
  'contentHash',
  'decision',
  'approval',
  'signature',
  'voided',
] as const;
const BODY_FIELDS = [
  ...SUMMARY_FIELDS,
  'title',
  'issueDate',
  'dueDate',
  'expiryDate',
  'lines',
  'notes',
  'terms',
  'attachments',
  'amountPaid',
  'approvalRequired',
] as const;

const SUMMARY_PREFIX = 'VERSION#';
const BODY_PREFIX = 'VERSIONBODY#';
/** Zero-padded so the sort key orders versions by number. */
const padded = (version: number) => String(version).padStart(10, '0');
const summaryKey = (tenantId: string, type: DocumentType, documentId: string, version: number): Keys => ({
  pk: documentKey(tenantId, type, documentId).pk,
  sk: `${SUMMARY_PREFIX}${padded(version)}`,
});
const bodyKey = (tenantId: string, type: DocumentType, documentId: string, version: number): Keys => ({
  pk: documentKey(tenantId, type, documentId).pk,
  sk: `${BODY_PREFIX}${padded(version)}`,
});

export const versionRepository = {
  /**
   * Adds to the publish's transaction the version it replaces. Unconditional: the
   * document's own write is conditional on its revision, so a lost race writes nothing,
   * and the retry copies the version it then replaces.
   */
  keep(work: UnitOfWork, replaced: StoredDocument, replacedBy: { at: string; version: number; voided: boolean }): UnitOfWork {
    const portalState = replaced.decision || replaced.approval || replaced.signature;
    const body: StoredVersionBody = {
      tenantId: replaced.tenantId,
      type: replaced.type,
      documentId: replaced.documentId,
      companyId: replaced.companyId,
      version: replaced.version,
      number: replaced.number,
      status: replaced.status,
      publishedAt: replaced.publishedAt,
      supersededAt: replacedBy.at,
      currency: replaced.currency,
      totals: replaced.totals,
      lineCount: replaced.lines.length,
      contentHash: replaced.contentHash,
      decision: replaced.decision,
      approval: replaced.approval,
      signature: replaced.signature,
      voided: replacedBy.voided && portalState ? { at: replacedBy.at, byVersion: replacedBy.version } : undefined,
      title: replaced.title,
      issueDate: replaced.issueDate,
      dueDate: replaced.dueDate,
      expiryDate: replaced.expiryDate,
      lines: replaced.lines,
      notes: replaced.notes,
      terms: replaced.terms,
      attachments: replaced.attachments,
      amountPaid: replaced.amountPaid,
      approvalRequired: replaced.approvalRequired,
    };
    const { tenantId, type, documentId, version } = body;
    return work.write(
      putWrite(toItem(body, SUMMARY_FIELDS, summaryKey(tenantId, type, documentId, version), SUMMARY_ENTITY)),
      putWrite(toItem(body, BODY_FIELDS, bodyKey(tenantId, type, documentId, version), BODY_ENTITY)),
    );
  },

  /**
   * One page of a document's replaced versions, newest first: one Query of the document's
   * partition. Every kept version is older than the current one, which the document item
   * itself holds.
   */
  async page(tenantId: string, type: DocumentType, documentId: string, options: { limit: number; cursor?: string }): Promise<Page<StoredVersion>> {
    const { items, cursor } = await queryPage<StoredVersion>(
      { partition: documentKey(tenantId, type, documentId).pk, sortPrefix: SUMMARY_PREFIX, limit: options.limit, cursor: options.cursor, descending: true },
      SUMMARY_FIELDS,
    );
    return { items, ...(cursor ? { cursor } : {}) };
  },

  /** A cursor that starts a page just below `version` (what the first page hands on when the current version filled it). */
  cursorBelow(tenantId: string, type: DocumentType, documentId: string, version: number): string {
    return encodeCursor(summaryKey(tenantId, type, documentId, version));
  },

  async body(tenantId: string, type: DocumentType, documentId: string, version: number): Promise<StoredVersionBody | undefined> {
    return getItem<StoredVersionBody>(bodyKey(tenantId, type, documentId, version), BODY_FIELDS);
  },
};
