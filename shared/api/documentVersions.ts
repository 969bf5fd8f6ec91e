import * as z from 'zod/mini';
import { documentTypeSchema, type DocumentLine, type DocumentView } from './documents';
import { id, lazily, pageQueryFields } from './common';

/**
 * A document's past versions: each version's content as it was published, what the
 * customer did with it (decision, approval, signature) and whether a later change of
 * content voided that, and what changed between two versions.
 */

/** A version number in a path: a whole number from 1. */
const versionNumber = () => z.coerce.number().check(z.int('must be a whole version number'), z.minimum(1), z.maximum(1_000_000_000));

export const documentVersionsQuery = lazily(() => z.strictObject(pageQueryFields()));
export const documentVersionPath = lazily(() => z.strictObject({ type: documentTypeSchema, documentId: id, version: versionNumber() }));
/** `since`: the version to compare with; the one before `{version}` when left out. */
export const versionChangesQuery = lazily(() => z.strictObject({ since: z.optional(versionNumber()) }));

/** What a version received, and whether it still stands. */
export interface VersionPortalState {
  decision?: DocumentView['decision'];
  approval?: DocumentView['approval'];
  signature?: DocumentView['signature'];
  /**
   * Set when a later change of content voided the decision, approval or signature this
   * version carried: when, and by which version. A status-only republish carries them on
   * unvoided.
   */
  voided?: { at: string; byVersion: number };
}

/** One row of a document's versions list. */
export interface DocumentVersionSummary extends VersionPortalState {
  version: number;
  /** The version the portal shows now. */
  current: boolean;
  number: string;
  status: string;
  publishedAt: string;
  /** When the next version replaced it (absent on the current one). */
  supersededAt?: string;
  currency: string;
  totals: DocumentView['totals'];
  lineCount: number;
}

/** A page of versions, newest first. */
export interface DocumentVersionPage {
  items: DocumentVersionSummary[];
  cursor?: string;
}

/** One version's content as it was published. */
export interface DocumentVersionView extends DocumentVersionSummary {
  type: DocumentView['type'];
  documentId: string;
  title?: string;
  issueDate: string;
  dueDate?: string;
  expiryDate?: string;
  lines: DocumentLine[];
  notes?: string;
  terms?: string;
  attachments: Array<{ attachmentId: string; name: string; contentType: string; size: number; proof?: boolean }>;
  amountPaid?: number;
}

/** The line fields a comparison reports as changed. */
export const COMPARED_LINE_FIELDS = ['description', 'sku', 'quantity', 'unitPrice', 'discount', 'tax', 'taxRateBps', 'total'] as const;
export type ComparedLineField = (typeof COMPARED_LINE_FIELDS)[number];

/** The document fields besides lines and totals a comparison reports. */
export const COMPARED_DOCUMENT_FIELDS = ['title', 'status', 'issueDate', 'dueDate', 'expiryDate', 'currency', 'notes', 'terms'] as const;
export type ComparedDocumentField = (typeof COMPARED_DOCUMENT_FIELDS)[number];

/**
 * One line of a comparison. Lines carry no id, so they are matched by a key: the SKU when
 * the line has one, else its description (trimmed, case and spacing folded); the n-th line
 * with a key in one version matches the n-th with the same key in the other. A line
 * without a SKU whose description changed is therefore removed and added.
 */
export interface LineChange {
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  key: string;
  before?: DocumentLine;
  after?: DocumentLine;
  /** For `changed`: which fields differ. */
  fields?: ComparedLineField[];
}

export type Totals = DocumentView['totals'];

export interface VersionComparison {
  from: Pick<DocumentVersionSummary, 'version' | 'current' | 'publishedAt' | 'status' | 'currency' | 'totals'>;
  to: Pick<DocumentVersionSummary, 'version' | 'current' | 'publishedAt' | 'status' | 'currency' | 'totals'>;
  /** In the newer version's order, each removed line where it stood. */
  lines: LineChange[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
  totals: { before: Totals; after: Totals; difference: Totals };
  fields: Array<{ field: ComparedDocumentField; before?: string; after?: string }>;
}
