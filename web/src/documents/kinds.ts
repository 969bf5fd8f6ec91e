/**
 * What the document pages need of the documents contract. The kinds, filters and file
 * limits come from shared/documentKinds.ts (plain data: the site bundles no zod).
 */
import type { MeResponse } from '../../../shared/api/access';
import { LIMITS } from '../../../shared/limits';
import type { CallArgs } from '../apiContract';
import { DOCUMENT_KINDS, LIST_FILTERS, type DocumentType } from '../../../shared/documentKinds';
import type { Module } from '../../../shared/permissions';

export {
  ATTACHMENT_CONTENT_TYPES,
  DOCUMENT_KINDS,
  DOCUMENT_TYPES,
  LIST_FILTERS,
  MAX_ATTACHMENT_BYTES,
  SORTS,
  documentLabel,
  isCreditNote,
} from '../../../shared/documentKinds';
export type { DocumentType };
export type Sort = 'newest' | 'oldest';

/** At most this many files on one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = LIMITS.attachmentsPerMessage;

/** The document type each module shows. */
export const MODULE_TYPES = {
  quotes: 'quote',
  orders: 'sales-order',
  invoices: 'invoice',
  jobs: 'job',
  'purchase-orders': 'purchase-order',
  'supplier-bills': 'supplier-bill',
} as const satisfies Partial<Record<Module, DocumentType>>;
export type DocumentModule = keyof typeof MODULE_TYPES;

/** `/quotes`, `/orders`, … for a document type. */
export const listPath = (type: DocumentType): string => `/${DOCUMENT_KINDS[type].module}`;
/** `/quotes/<id>` for a document. */
export const documentPath = (type: DocumentType, documentId: string): string => `${listPath(type)}/${encodeURIComponent(documentId)}`;
/** A document's path parameters, as its routes take them. */
export const documentArgs = (type: DocumentType, documentId: string) => ({ path: { type, documentId } });

/** A valid document id (the contract's `id`); anything else is not a page. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Documents per page of a list. */
export const LIST_PAGE_SIZE = 20;

/** What a list page's address asks for: its status tab (a known filter, else All), sort and number search. */
export function listQuery(type: DocumentType, params: URLSearchParams): { status: string; sort: Sort; q: string } {
  const filters: readonly string[] = LIST_FILTERS[type];
  const status = params.get('status') ?? '';
  return { status: filters.includes(status) ? status : '', sort: params.get('sort') === 'oldest' ? 'oldest' : 'newest', q: (params.get('q') ?? '').trim() };
}

/** What asking for one page of a list takes. */
export function listArgs(type: DocumentType, status: string, sort: Sort, q: string, cursor?: string): CallArgs<'GET /api/documents/{type}'> {
  return { path: { type }, query: { ...(status ? { status } : {}), sort, ...(q ? { q } : {}), limit: LIST_PAGE_SIZE, ...(cursor ? { cursor } : {}) } };
}

/**
 * `/api/me` as the documents pages read it: the contract adds `signingPinSet` for a
 * user who may sign, and `directLink` for a session opened from a direct link.
 */
export type DocumentsMe = MeResponse & {
  signingPinSet?: boolean;
  directLink?: { type: DocumentType; documentId: string; expiresAt: string };
};

/** Lower-case noun for sentences: "quote", "sales order". */
export const noun = (type: DocumentType): string => DOCUMENT_KINDS[type].label.toLowerCase();
export const pluralNoun = (type: DocumentType): string => DOCUMENT_KINDS[type].plural.toLowerCase();
