import { randomUUID } from 'node:crypto';
import type { DocumentType } from '../../../shared/api/documents';
import type { DocumentViewEntry } from '../../../shared/api/documentViewLog';
import { putItem, queryPage, toItem, type Keys } from '../../table/db';
import { DEFAULT_PAGE_SIZE, type Page } from '../../table/pagination';
import { documentKey } from '../documentRepository';

export type StoredView = DocumentViewEntry & { tenantId: string; type: DocumentType; documentId: string };

const ENTITY = 'document-view';
const FIELDS = ['tenantId', 'type', 'documentId', 'viewId', 'at', 'what', 'version', 'via', 'contactId', 'email', 'linkId', 'ip', 'userAgent', 'ttl'] as const;
const READ_FIELDS = FIELDS.filter((f) => f !== 'ttl');
/**
 * Kept two years: long enough to answer "did they see it?" through an invoice's whole
 * collection and dispute life (card chargebacks reach back up to 540 days) and a year's
 * audit cycle, and bounded so a much-opened document's partition does not grow forever.
 * About 300 bytes a view.
 */
export const VIEW_KEEP_SECONDS = 730 * 86_400;

const SORT_PREFIX = 'VIEW#';

/**
 * Views live in the document's own partition (`VIEW#<at>#<id>`, beside its `DOC` item and
 * held events): one PutItem per view, no read, no counter to contend on, and listing is
 * one Query of that partition, newest first.
 */
export const viewLogRepository = {
  item(view: StoredView): Record<string, unknown> {
    const doc = documentKey(view.tenantId, view.type, view.documentId);
    const keys: Keys = { pk: doc.pk, sk: `${SORT_PREFIX}${view.at}#${view.viewId}` };
    return toItem({ ...view, ttl: Math.floor(Date.parse(view.at) / 1000) + VIEW_KEEP_SECONDS }, FIELDS, keys, ENTITY);
  },

  async record(view: Omit<StoredView, 'viewId'>): Promise<void> {
    await putItem(viewLogRepository.item({ ...view, viewId: randomUUID() }));
  },

  /** One page of a document's views, newest first; a cursor is only good for this document's views (`queryPage` checks it). */
  async page(tenantId: string, type: DocumentType, documentId: string, options: { limit?: number; cursor?: string }): Promise<Page<StoredView>> {
    const { items, cursor } = await queryPage<StoredView>(
      {
        partition: documentKey(tenantId, type, documentId).pk,
        sortPrefix: SORT_PREFIX,
        descending: true,
        limit: options.limit ?? DEFAULT_PAGE_SIZE,
        cursor: options.cursor,
      },
      READ_FIELDS,
    );
    return { items, ...(cursor ? { cursor } : {}) };
  },
};
