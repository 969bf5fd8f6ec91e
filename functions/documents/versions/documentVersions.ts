import { DOCUMENT_KINDS, type DocumentType } from '../../../shared/api/documents';
import type {
  DocumentVersionPage,
  DocumentVersionSummary,
  DocumentVersionView,
  VersionComparison,
  VersionPortalState,
} from '../../../shared/api/documentVersions';
import type { AdminCaller, PortalCaller } from '../../core/callers';
import { notFound } from '../../core/problems';
import { DEFAULT_PAGE_SIZE } from '../../table/pagination';
import { adminDocument } from '../documentAccess';
import type { StoredDocument } from '../documentRepository';
import { visibleDocument } from '../portalDocuments';
import { compareVersions } from './versionComparison';
import { type StoredVersion, type StoredVersionBody, versionRepository } from './versionRepository';

/**
 * A document's versions for the portal and for staff and the CRM. The portal reaches them
 * only through `visibleDocument` (its own tenant and company, the link's one document),
 * and only versions published to its own company; staff and the CRM through their tenant.
 * Every read is bounded: a list page is the document and one Query page, a version the
 * document and at most one GetItem, a comparison the document and at most two.
 */
type Side = { kind: 'portal'; caller: PortalCaller } | { kind: 'admin'; caller: AdminCaller };

export const portalSide = (caller: PortalCaller): Side => ({ kind: 'portal', caller });
export const adminSide = (caller: AdminCaller): Side => ({ kind: 'admin', caller });

const noVersion = (type: DocumentType, version: number) => notFound(`No version ${version} of this ${DOCUMENT_KINDS[type].label.toLowerCase()}.`);

function documentOf(side: Side, type: DocumentType, documentId: string): Promise<StoredDocument> {
  return side.kind === 'portal' ? visibleDocument(side.caller, type, documentId) : adminDocument(side.caller.tenantId, type, documentId);
}

/** A replaced version the side may see: the portal only its own company's (a document moved between companies keeps its past with the old one). */
function maySee(side: Side, version: Pick<StoredVersion, 'companyId'> | undefined): boolean {
  return !!version && (side.kind === 'admin' || version.companyId === side.caller.companyId);
}

export async function listVersions(
  side: Side,
  type: DocumentType,
  documentId: string,
  query: { limit?: number; cursor?: string },
): Promise<DocumentVersionPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const { tenantId } = side.caller;
  // The first page leads with the current version (the document item); the rest are replaced versions.
  const first = !query.cursor;
  const wanted = first ? limit - 1 : limit;
  // Both reads in one round; nothing is answered unless the document is the caller's.
  const [doc, page] = await Promise.all([
    documentOf(side, type, documentId),
    wanted > 0 ? versionRepository.page(tenantId, type, documentId, { limit: wanted, cursor: query.cursor }) : undefined,
  ]);
  const replaced = (page?.items ?? []).filter((v) => v.version < doc.version && maySee(side, v)).map((v) => summaryOf(v, false));
  const items = markCarriedVoids([...(first ? [currentSummary(doc)] : []), ...replaced]);
  const cursor = page ? page.cursor : first && doc.version > 1 ? versionRepository.cursorBelow(tenantId, type, documentId, doc.version) : undefined;
  return { items, ...(cursor ? { cursor } : {}) };
}

export async function getVersion(side: Side, type: DocumentType, documentId: string, version: number): Promise<DocumentVersionView> {
  const doc = await documentOf(side, type, documentId);
  return viewOf(side, await versionBody(side, doc, version));
}

/** What changed in `version` since `since` (the version before it when left out). */
export async function versionChanges(side: Side, type: DocumentType, documentId: string, version: number, since?: number): Promise<VersionComparison> {
  const doc = await documentOf(side, type, documentId);
  const earlier = since ?? version - 1;
  if (earlier < 1) throw notFound(`Version ${version} is the first: there is no earlier version to compare it with.`);
  const [from, to] = await Promise.all([versionBody(side, doc, earlier), versionBody(side, doc, version)]);
  return compareVersions({ ...from, header: headerOf(from) }, { ...to, header: headerOf(to) });
}

/** A version's content: the document itself for the current one, else its kept copy (one GetItem). */
async function versionBody(side: Side, doc: StoredDocument, version: number): Promise<StoredVersionBody & { current: boolean }> {
  if (version === doc.version) return { ...currentBody(doc), current: true };
  if (version > doc.version) throw noVersion(doc.type, version);
  const body = await versionRepository.body(doc.tenantId, doc.type, doc.documentId, version);
  if (!body || !maySee(side, body)) throw noVersion(doc.type, version);
  return { ...body, current: false };
}

function currentBody(doc: StoredDocument): StoredVersionBody {
  return {
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    companyId: doc.companyId,
    version: doc.version,
    number: doc.number,
    status: doc.status,
    publishedAt: doc.publishedAt,
    supersededAt: '',
    currency: doc.currency,
    totals: doc.totals,
    lineCount: doc.lines.length,
    contentHash: doc.contentHash,
    decision: doc.decision,
    approval: doc.approval,
    signature: doc.signature,
    title: doc.title,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    expiryDate: doc.expiryDate,
    lines: doc.lines,
    notes: doc.notes,
    terms: doc.terms,
    attachments: doc.attachments,
    amountPaid: doc.amountPaid,
    approvalRequired: doc.approvalRequired,
  };
}

const currentSummary = (doc: StoredDocument): DocumentVersionSummary => summaryOf(currentBody(doc), true);

/** The portal state as the portal shows it (no user ids, no hashes of decisions). */
function portalStateOf(v: Pick<StoredVersion, 'decision' | 'approval' | 'signature' | 'voided'>): VersionPortalState {
  return {
    ...(v.decision ? { decision: pick(v.decision, ['kind', 'at', 'by', 'purchaseOrderReference', 'reason', 'version']) } : {}),
    ...(v.approval ? { approval: pick(v.approval, ['kind', 'at', 'by', 'comment', 'version']) } : {}),
    ...(v.signature ? { signature: pick(v.signature, ['signerName', 'at', 'version', 'contentHash', 'evidenceId']) } : {}),
    ...(v.voided ? { voided: v.voided } : {}),
  };
}

function summaryOf(v: StoredVersion, current: boolean): DocumentVersionSummary {
  return {
    version: v.version,
    current,
    number: v.number,
    status: v.status,
    publishedAt: v.publishedAt,
    ...(v.supersededAt ? { supersededAt: v.supersededAt } : {}),
    currency: v.currency,
    totals: v.totals,
    lineCount: v.lineCount,
    ...portalStateOf(v),
  };
}

function viewOf(side: Side, v: StoredVersionBody & { current: boolean }): DocumentVersionView {
  const attachments = (v.attachments ?? []).map(({ url, ...a }) => (side.kind === 'admin' ? { ...a, url } : a));
  return {
    ...summaryOf(v, v.current),
    type: v.type,
    documentId: v.documentId,
    ...(v.title ? { title: v.title } : {}),
    issueDate: v.issueDate,
    ...(v.dueDate ? { dueDate: v.dueDate } : {}),
    ...(v.expiryDate ? { expiryDate: v.expiryDate } : {}),
    lines: v.lines,
    ...(v.notes ? { notes: v.notes } : {}),
    ...(v.terms ? { terms: v.terms } : {}),
    attachments,
    ...(v.amountPaid !== undefined ? { amountPaid: v.amountPaid } : {}),
  };
}

function headerOf(v: StoredVersionBody & { current: boolean }): VersionComparison['from'] {
  return { version: v.version, current: v.current, publishedAt: v.publishedAt, status: v.status, currency: v.currency, totals: v.totals };
}

/**
 * A decision carried unchanged through status-only republishes and then voided is one
 * decision: the versions that carried it show it voided too (within the page read).
 */
function markCarriedVoids(items: DocumentVersionSummary[]): DocumentVersionSummary[] {
  const voidedBy = new Map<string, { at: string; byVersion: number }>();
  const marks = (v: DocumentVersionSummary) =>
    [v.decision && `decision:${v.decision.at}`, v.approval && `approval:${v.approval.at}`, v.signature && `signature:${v.signature.evidenceId}`].filter(
      (m): m is string => !!m,
    );
  return items.map((v) => {
    if (v.voided) for (const m of marks(v)) voidedBy.set(m, v.voided);
    if (v.voided) return v;
    const inherited = marks(v)
      .map((m) => voidedBy.get(m))
      .find(Boolean);
    return inherited ? { ...v, voided: inherited } : v;
  });
}

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Pick<T, K>;
}
