/**
 * What the site needs of the documents contract (shared/api/documents.ts), repeated as
 * literals so the site bundles neither zod nor the request schemas; the annotations make
 * the compiler check that the copies still agree with the contract.
 */
import type {
  ATTACHMENT_CONTENT_TYPES as CONTRACT_CONTENT_TYPES,
  DOCUMENT_KINDS as CONTRACT_KINDS,
  DocumentType,
  LIST_FILTERS as CONTRACT_FILTERS,
  SORTS as CONTRACT_SORTS,
} from '../../../shared/api/documents';
import type { MeResponse } from '../../../shared/api/access';
import type { Module } from '../../../shared/permissions';

export type { DocumentType };

export const DOCUMENT_KINDS: typeof CONTRACT_KINDS = {
  quote: { module: 'quotes', read: 'quotes:read', label: 'Quote', plural: 'Quotes', statuses: ['open', 'accepted', 'rejected', 'expired'] },
  'sales-order': { module: 'orders', read: 'orders:read', label: 'Sales order', plural: 'Sales orders', statuses: ['open', 'completed', 'cancelled'] },
  invoice: { module: 'invoices', read: 'invoices:read', label: 'Invoice', plural: 'Invoices', statuses: ['outstanding', 'paid', 'void'] },
  job: { module: 'jobs', read: 'jobs:read', label: 'Job', plural: 'Jobs', statuses: ['in-progress', 'awaiting-approval', 'completed', 'cancelled'] },
  'purchase-order': { module: 'purchase-orders', read: 'purchase-orders:read', label: 'Purchase order', plural: 'Purchase orders', statuses: ['open', 'received', 'closed', 'cancelled'] },
  'supplier-bill': { module: 'supplier-bills', read: 'supplier-bills:read', label: 'Supplier bill', plural: 'Supplier bills', statuses: ['outstanding', 'paid', 'void'] },
};

export const LIST_FILTERS: typeof CONTRACT_FILTERS = {
  quote: ['open', 'accepted', 'rejected', 'expired'],
  'sales-order': ['open', 'completed', 'cancelled'],
  invoice: ['outstanding', 'overdue', 'paid', 'void'],
  job: ['in-progress', 'awaiting-approval', 'completed', 'cancelled'],
  'purchase-order': ['open', 'received', 'closed', 'cancelled'],
  'supplier-bill': ['outstanding', 'overdue', 'paid', 'void'],
};

export const SORTS: typeof CONTRACT_SORTS = ['newest', 'oldest'];
export type Sort = (typeof SORTS)[number];

export const ATTACHMENT_CONTENT_TYPES: typeof CONTRACT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
];
/** 10 MB per file (MAX_ATTACHMENT_BYTES of the contract). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
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
