import type { Module, Permission } from './permissions';

/**
 * The document kinds as plain data, without zod: the API's schemas (shared/api/documents.ts)
 * and the site both read them from here, so the site bundles no schema library.
 */
export const DOCUMENT_TYPES = ['quote', 'sales-order', 'invoice', 'job', 'purchase-order', 'supplier-bill'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Per type: its module, the permission to see it, labels, and the statuses the CRM may publish. */
export const DOCUMENT_KINDS = {
  quote: { module: 'quotes', read: 'quotes:read', label: 'Quote', plural: 'Quotes', statuses: ['open', 'accepted', 'rejected', 'expired'] },
  'sales-order': {
    module: 'orders',
    read: 'orders:read',
    label: 'Sales order',
    plural: 'Sales orders',
    // `submitted`: placed by the customer in the portal (commerce/orders), until the CRM publishes it with its own status.
    statuses: ['open', 'completed', 'cancelled', 'submitted'],
  },
  invoice: { module: 'invoices', read: 'invoices:read', label: 'Invoice', plural: 'Invoices', statuses: ['outstanding', 'paid', 'void'] },
  job: { module: 'jobs', read: 'jobs:read', label: 'Job', plural: 'Jobs', statuses: ['in-progress', 'awaiting-approval', 'completed', 'cancelled'] },
  'purchase-order': {
    module: 'purchase-orders',
    read: 'purchase-orders:read',
    label: 'Purchase order',
    plural: 'Purchase orders',
    statuses: ['open', 'received', 'closed', 'cancelled'],
  },
  'supplier-bill': {
    module: 'supplier-bills',
    read: 'supplier-bills:read',
    label: 'Supplier bill',
    plural: 'Supplier bills',
    statuses: ['outstanding', 'paid', 'void'],
  },
} as const satisfies Record<DocumentType, { module: Module; read: Permission; label: string; plural: string; statuses: readonly string[] }>;

/** Types that bill: a total, what has been paid of it, a balance. */
export const isBilling = (type: DocumentType): type is 'invoice' | 'supplier-bill' => type === 'invoice' || type === 'supplier-bill';

/**
 * An invoice or supplier bill whose total is below zero is a credit note: money owed the
 * other way (to the customer on an invoice, to the business on a supplier bill). It is
 * never paid, never payable and never outstanding; its `credit` is what is left of it.
 * Negative lines (discounts, returns) are fine on any document; a negative total only here.
 */
export const isCreditNote = (doc: { type: DocumentType; totals: { total: number } }): boolean => isBilling(doc.type) && doc.totals.total < 0;

/** "Invoice", "Quote", … or "Credit note" for a credit note. */
export const documentLabel = (doc: { type: DocumentType; totals: { total: number } }): string =>
  isCreditNote(doc) ? 'Credit note' : DOCUMENT_KINDS[doc.type].label;

/**
 * The list filters a customer sees per type. Some are stored (the document's status
 * group); `overdue`, `open` quotes and `expired` quotes depend on today's date and are
 * answered from the deadline index.
 */
export const LIST_FILTERS = {
  quote: ['open', 'accepted', 'rejected', 'expired'],
  'sales-order': ['submitted', 'open', 'completed', 'cancelled'],
  invoice: ['outstanding', 'overdue', 'paid', 'credit', 'void'],
  job: ['in-progress', 'awaiting-approval', 'completed', 'cancelled'],
  'purchase-order': ['open', 'received', 'closed', 'cancelled'],
  'supplier-bill': ['outstanding', 'overdue', 'paid', 'credit', 'void'],
} as const satisfies Record<DocumentType, readonly string[]>;
export type ListFilter = (typeof LIST_FILTERS)[DocumentType][number];

export const SORTS = ['newest', 'oldest'] as const;

export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
] as const;
/** 10 MB per file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
