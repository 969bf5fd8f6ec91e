import type { DownloadLink, UploadTicket } from '../../../shared/api/documents';
import { conflict, notFound, tooMany } from '../../core/problems';
import { presignDownload, presignUpload } from '../../aws/files';
import { newId } from '../../core/ids';
import type { StoredDocument } from '../documentRepository';
import { rateLimitRepository } from '../../table/rateLimitRepository';
import { pendingKey } from './pendingUploads';
import { uploadRepository } from './uploadRepository';
import type { DocumentSide } from '../documentAccess';

/**
 * Message attachments: a caller asks for an upload (name, type, size; the schema keeps
 * type and size within the limits), gets a presigned PUT whose signature covers exactly
 * that type and size, and names the upload's id in the message it then posts. Downloads
 * are presigned GETs, for message attachments and the document's own (CRM) files.
 */

/** How long the presigned PUT works. */
export const UPLOAD_URL_SECONDS = 15 * 60;
/** How long an upload may wait for its message before it expires (and its record goes by TTL). */
export const UPLOAD_KEEP_SECONDS = 24 * 3_600;
/** How long a download link works. */
export const DOWNLOAD_SECONDS = 5 * 60;

/**
 * Uploads per uploader per hour: enough for any conversation (ten files a message), far
 * from what it would take to use the bucket as free storage. The CRM and staff answer
 * for every customer, so they get more.
 */
export const UPLOADS_PER_HOUR = { customer: 60, staff: 300 } as const;
const RATE_WINDOW_SECONDS = 3_600;

/** A key-safe file name: letters, digits, dot, dash and underscore; the real name stays in the record. */
export function safeFileName(fileName: string): string {
  const base = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return base || 'file';
}

/** Counts an upload against its uploader's hourly allowance (UPLOADS_PER_HOUR): 429 once past it. */
export async function countUpload(tenantId: string, uploader: string, side: keyof typeof UPLOADS_PER_HOUR): Promise<void> {
  const uses = await rateLimitRepository.hit({ tenantId, bucket: 'uploads', subject: uploader }, RATE_WINDOW_SECONDS);
  if (uses > UPLOADS_PER_HOUR[side]) {
    throw tooMany('Too many requests', `At most ${UPLOADS_PER_HOUR[side]} files an hour can be uploaded. Try again later.`, RATE_WINDOW_SECONDS);
  }
}

/** An upload record's times, made now: when it may be attached until (readable, and as its TTL). */
export function uploadTimes(now = Date.now()): { createdAt: string; expiresAt: string; ttl: number } {
  const keepUntil = now + UPLOAD_KEEP_SECONDS * 1000;
  return { createdAt: new Date(now).toISOString(), expiresAt: new Date(keepUntil).toISOString(), ttl: Math.floor(keepUntil / 1000) };
}

/** The presigned PUT of an upload's object, signed for exactly its type and size. */
export async function uploadTicket(attachmentId: string, key: string, input: { contentType: string; size: number }): Promise<UploadTicket> {
  const ticket = await presignUpload(key, { contentType: input.contentType, size: input.size, expiresInSeconds: UPLOAD_URL_SECONDS });
  return { attachmentId, url: ticket.url, headers: ticket.headers, expiresAt: ticket.expiresAt };
}

export const uploadKey = (doc: Pick<StoredDocument, 'tenantId' | 'type' | 'documentId'>, attachmentId: string, fileName: string) =>
  `tenants/${doc.tenantId}/uploads/${doc.type}/${doc.documentId}/${attachmentId}/${safeFileName(fileName)}`;

export async function createUpload(
  doc: StoredDocument,
  uploader: DocumentSide,
  input: { fileName: string; contentType: string; size: number },
): Promise<UploadTicket> {
  if (doc.withdrawnAt) throw conflict('This document has been withdrawn from the portal.');
  await countUpload(doc.tenantId, uploader.uploader, uploader.side);
  const attachmentId = newId('at');
  // Under the pending prefix until a message or bill claims it (pendingUploads.ts).
  const key = pendingKey(uploadKey(doc, attachmentId, input.fileName));
  await uploadRepository.create({
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    companyId: doc.companyId,
    attachmentId,
    uploader: uploader.uploader,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    key,
    ...uploadTimes(),
  });
  return uploadTicket(attachmentId, key, input);
}

/**
 * A link to one of the document's files: its own attachments (the CRM serves those at its
 * https URL, handed back as it is: Portico holds no copy and cannot make it expire, so
 * `expiresAt` only says how long the caller should use this answer), or a file attached
 * to a message on its thread (a presigned GET). An upload no message uses yet is nobody's
 * to download: 404, as an unknown id.
 */
export async function attachmentLink(doc: StoredDocument, attachmentId: string): Promise<DownloadLink> {
  const own = doc.attachments?.find((a) => a.attachmentId === attachmentId);
  if (own) return { url: own.url, expiresAt: new Date(Date.now() + DOWNLOAD_SECONDS * 1000).toISOString(), fileName: own.name };
  const upload = await uploadRepository.get(doc.tenantId, doc.type, doc.documentId, attachmentId);
  if (!upload?.messageId) throw notFound('No attachment with this id on this document.');
  return presignDownload(upload.key, { fileName: upload.fileName, contentType: upload.contentType, expiresInSeconds: DOWNLOAD_SECONDS });
}
