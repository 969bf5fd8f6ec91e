import type { RequestKind, RequestStatus } from '../../../shared/api/commerceRequests';
import { getItem, notExists, putItem, putWrite, queryPage, toItem, updateParams, type Condition, type Keys } from '../../table/db';

/**
 * Quote and job requests. One item per request in its own partition
 * (`TENANT#…#REQUEST#<requestId>` / `REQUEST`), indexed twice, newest first: by company
 * (`gsi1`: the portal's list, one Query of `limit` items) and by tenant (`gsi2`: staff's).
 * Files are uploaded before the request exists: each upload is its own item
 * (`TENANT#…#REQUEST-UPLOAD#<attachmentId>`), claimed by the request in the transaction
 * that creates it, expiring by TTL when never claimed.
 */

export interface RequestFile {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  /** The kept object's key in the files bucket. */
  key: string;
}

export interface RequestLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
}

export interface StoredRequest {
  tenantId: string;
  requestId: string;
  companyId: string;
  contactId: string;
  contactName: string;
  /** The portal user who asked and their id for the submission (one request per pair). */
  userId: string;
  clientRequestId: string;
  kind: RequestKind;
  title: string;
  description: string;
  source: 'form' | 'cart';
  lines?: RequestLine[];
  attachments: RequestFile[];
  createdAt: string;
  status: RequestStatus;
  answeredAt?: string;
  answer?: { type: RequestKind; documentId: string; number: string };
  declinedAt?: string;
  declineReason?: string;
  declinedBy?: string;
  updatedAt: string;
}

const ENTITY = 'commerceRequest';
const FIELDS = [
  'tenantId',
  'requestId',
  'companyId',
  'contactId',
  'contactName',
  'userId',
  'clientRequestId',
  'kind',
  'title',
  'description',
  'source',
  'lines',
  'attachments',
  'createdAt',
  'status',
  'answeredAt',
  'answer',
  'declinedAt',
  'declineReason',
  'declinedBy',
  'updatedAt',
] as const;

export const requestKey = (tenantId: string, requestId: string): Keys => ({ pk: `TENANT#${tenantId}#REQUEST#${requestId}`, sk: 'REQUEST' });
const companyPartition = (tenantId: string, companyId: string) => `TENANT#${tenantId}#COMPANY#${companyId}#REQUESTS`;
const tenantPartition = (tenantId: string) => `TENANT#${tenantId}#REQUESTS`;
const SORT_PREFIX = 'REQUEST#';
const sortKey = (r: Pick<StoredRequest, 'createdAt' | 'requestId'>) => `${SORT_PREFIX}${r.createdAt}#${r.requestId}`;

export interface RequestFilter {
  kind?: RequestKind;
  status?: RequestStatus;
}

/** `kind` and `status` as a filter (applied after `Limit`: a filtered page may be short and still have a cursor). */
const filterOf =
  (filter: RequestFilter): Condition =>
  (x) =>
    [
      ...(filter.kind ? [`${x.name('kind')} = ${x.value(filter.kind)}`] : []),
      ...(filter.status ? [`${x.name('status')} = ${x.value(filter.status)}`] : []),
    ].join(' AND ');

export const requestRepository = {
  /** The Put of a new request, for the transaction that also claims its uploads. */
  putWrite(request: StoredRequest) {
    const keys: Keys = {
      ...requestKey(request.tenantId, request.requestId),
      gsi1pk: companyPartition(request.tenantId, request.companyId),
      gsi1sk: sortKey(request),
      gsi2pk: tenantPartition(request.tenantId),
      gsi2sk: sortKey(request),
    };
    return putWrite(toItem(request, FIELDS, keys, ENTITY), notExists);
  },

  async get(tenantId: string, requestId: string, consistent = false): Promise<StoredRequest | undefined> {
    return getItem<StoredRequest>(requestKey(tenantId, requestId), FIELDS, consistent);
  },

  /** A page of a company's requests, newest first: one Query of `limit` items. */
  async pageOfCompany(tenantId: string, companyId: string, filter: RequestFilter, limit: number, cursor?: string) {
    const hasFilter = !!(filter.kind || filter.status);
    return queryPage<StoredRequest>(
      {
        index: 'gsi1',
        partition: companyPartition(tenantId, companyId),
        sortPrefix: SORT_PREFIX,
        descending: true,
        limit,
        cursor,
        filter: hasFilter ? filterOf(filter) : undefined,
      },
      FIELDS,
    );
  },

  /** A page of the tenant's requests, newest first. */
  async pageOfTenant(tenantId: string, filter: RequestFilter, limit: number, cursor?: string) {
    const hasFilter = !!(filter.kind || filter.status);
    return queryPage<StoredRequest>(
      {
        index: 'gsi2',
        partition: tenantPartition(tenantId),
        sortPrefix: SORT_PREFIX,
        descending: true,
        limit,
        cursor,
        filter: hasFilter ? filterOf(filter) : undefined,
      },
      FIELDS,
    );
  },

  /**
   * The Update answering a request with the quote or job published for it: only a request
   * of the document's company and kind, still open or answered by this same document (a
   * republish changes nothing but the number).
   */
  answerUpdate(request: Pick<StoredRequest, 'tenantId' | 'requestId' | 'companyId' | 'kind'>, answer: NonNullable<StoredRequest['answer']>, at: string) {
    return updateParams(
      requestKey(request.tenantId, request.requestId),
      { set: { status: 'answered', answer, answeredAt: at, updatedAt: at } },
      (x) =>
        `attribute_exists(${x.name('pk')}) AND ${x.name('companyId')} = ${x.value(request.companyId)} AND ${x.name('kind')} = ${x.value(request.kind)} AND ` +
        `(${x.name('status')} = ${x.value('requested')} OR (${x.name('status')} = ${x.value('answered')} AND ${x.name('answer')}.${x.name('documentId')} = ${x.value(answer.documentId)}))`,
    );
  },

  /** The Update declining an open request. */
  declineUpdate(tenantId: string, requestId: string, reason: string, by: string, at: string) {
    return updateParams(
      requestKey(tenantId, requestId),
      { set: { status: 'declined', declineReason: reason, declinedBy: by, declinedAt: at, updatedAt: at } },
      (x) => `attribute_exists(${x.name('pk')}) AND ${x.name('status')} = ${x.value('requested')}`,
    );
  },
};

/** A file a portal user asked to upload for a request they have not sent yet. */
export interface RequestUpload {
  tenantId: string;
  attachmentId: string;
  companyId: string;
  /** `customer:<contactId>`: only they may attach it. */
  uploader: string;
  fileName: string;
  contentType: string;
  size: number;
  key: string;
  createdAt: string;
  expiresAt?: string;
  ttl?: number;
  requestId?: string;
}

const UPLOAD_ENTITY = 'requestUpload';
const UPLOAD_FIELDS = [
  'tenantId',
  'attachmentId',
  'companyId',
  'uploader',
  'fileName',
  'contentType',
  'size',
  'key',
  'createdAt',
  'expiresAt',
  'ttl',
  'requestId',
] as const;
const uploadKey = (tenantId: string, attachmentId: string): Keys => ({ pk: `TENANT#${tenantId}#REQUEST-UPLOAD#${attachmentId}`, sk: 'UPLOAD' });

export const requestUploadRepository = {
  async create(upload: RequestUpload): Promise<void> {
    await putItem(toItem(upload, UPLOAD_FIELDS, uploadKey(upload.tenantId, upload.attachmentId), UPLOAD_ENTITY), notExists);
  },

  async get(tenantId: string, attachmentId: string, consistent = false): Promise<RequestUpload | undefined> {
    return getItem<RequestUpload>(uploadKey(tenantId, attachmentId), UPLOAD_FIELDS, consistent);
  },

  /** Claims an upload for a request, in the request's transaction: still unclaimed, still the uploader's; it keeps no TTL from then on. */
  claimUpdate(upload: Pick<RequestUpload, 'tenantId' | 'attachmentId' | 'uploader'>, requestId: string, keptKey: string) {
    return updateParams(
      uploadKey(upload.tenantId, upload.attachmentId),
      { set: { requestId, key: keptKey }, remove: ['ttl', 'expiresAt'] },
      (x) => `attribute_exists(${x.name('pk')}) AND attribute_not_exists(${x.name('requestId')}) AND ${x.name('uploader')} = ${x.value(upload.uploader)}`,
    );
  },
};
