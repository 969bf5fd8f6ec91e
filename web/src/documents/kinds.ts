/**
 * What the document pages need of the documents contract. The kinds, filters and file
 * limits come from shared/documentKinds.ts (plain data: the site bundles no zod).
 */
import type { MeResponse } from '../../../shared/api/access';
import { DOCUMENT_KINDS, type DocumentType } from '../../../shared/documentKinds';
import type { Module } from '../../../shared/permissions';

export { ATTACHMENT_CONTENT_TYPES, DOCUMENT_KINDS, LIST_FILTERS, MAX_ATTACHMENT_BYTES, SORTS } from '../../../shared/documentKinds';
export type { DocumentType };
export type Sort = 'newest' | 'oldest';

/** At most this many files on one message (postMessageBody.attachmentIds). */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

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
/** The document's API path: `/api/documents/quote/<id>`. */
export const apiPath = (type: DocumentType, documentId: string): string => `/api/documents/${type}/${encodeURIComponent(documentId)}`;

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
