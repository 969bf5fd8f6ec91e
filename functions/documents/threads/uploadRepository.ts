import type { DocumentType } from '../../../shared/api/documents';
import { getItem, notExists, putItem, toItem, updateParams, type Keys } from '../../table/db';
import { documentKey } from '../documentRepository';

/**
 * A file someone asked to upload for a document's thread: recorded when the presigned
 * PUT is handed out, beside the document (`UPLOAD#<attachmentId>` in its partition), so an
 * upload id is only ever looked up under the document it was made for. Unused uploads
 * expire by TTL; posting a message claims the upload (`messageId`) and drops the TTL, and
 * from then on it is that message's attachment.
 */
export type Upload = {
  tenantId: string;
  type: DocumentType;
  documentId: string;
  /** The document's company when the upload was made. */
  companyId: string;
  attachmentId: string;
  /** Who may attach it: `customer:<contactId>`, `staff:<staffId>` or `crm:<keyId>`. */
  uploader: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The object's key in the files bucket. */
  key: string;
  createdAt: string;
  /** Until when it may be attached (readable); `ttl` is the same instant in epoch seconds. */
  expiresAt?: string;
  ttl?: number;
  /** Set once a message uses it. */
  messageId?: string;
  attachedAt?: string;
};

const ENTITY = 'upload';
const FIELDS = [
  'tenantId',
  'type',
  'documentId',
  'companyId',
  'attachmentId',
  'uploader',
  'fileName',
  'contentType',
  'size',
  'key',
  'createdAt',
  'expiresAt',
  'ttl',
  'messageId',
  'attachedAt',
] as const;

const uploadKey = (tenantId: string, type: DocumentType, documentId: string, attachmentId: string): Keys => ({
  pk: documentKey(tenantId, type, documentId).pk,
  sk: `UPLOAD#${attachmentId}`,
});

export const uploadRepository = {
  async create(upload: Upload): Promise<void> {
    await putItem(toItem(upload, FIELDS, uploadKey(upload.tenantId, upload.type, upload.documentId, upload.attachmentId), ENTITY), notExists);
  },

  async get(tenantId: string, type: DocumentType, documentId: string, attachmentId: string, consistent = false): Promise<Upload | undefined> {
    return getItem<Upload>(uploadKey(tenantId, type, documentId, attachmentId), FIELDS, consistent);
  },

  /**
   * The Update claiming an upload for a message, for the message's transaction: only if it
   * is still unused and still the uploader's. It then keeps no TTL, since it is the message's
   * attachment from now on.
   */
  claimUpdate(upload: Pick<Upload, 'tenantId' | 'type' | 'documentId' | 'attachmentId' | 'uploader'>, messageId: string, at: string, keptKey: string) {
    return updateParams(
      uploadKey(upload.tenantId, upload.type, upload.documentId, upload.attachmentId),
      // keptKey: the object's key once out of the pending prefix (pendingUploads.ts).
      { set: { messageId, attachedAt: at, key: keptKey }, remove: ['ttl', 'expiresAt'] },
      (x) => `attribute_exists(${x.name('pk')}) AND attribute_not_exists(${x.name('messageId')}) AND ${x.name('uploader')} = ${x.value(upload.uploader)}`,
    );
  },
};
