import { createHash } from 'node:crypto';
import type { UploadTicket } from '../../../shared/api/documents';
import type { CreateRequestBody, RequestKind, RequestPage, RequestView } from '../../../shared/api/commerceRequests';
import type { Permission } from '../../../shared/permissions';
import { fileInfo, presignDownload } from '../../aws/files';
import type { PortalCaller } from '../../core/callers';
import { newId } from '../../core/ids';
import { forbidden, notFound, unprocessable, type FieldError } from '../../core/problems';
import { contactRepository } from '../../customers/contactRepository';
import { dropPending, keepUpload, pendingKey } from '../../documents/threads/pendingUploads';
import { countUpload, DOWNLOAD_SECONDS, safeFileName, uploadTicket, uploadTimes } from '../../documents/threads/uploads';
import { DEFAULT_PAGE_SIZE } from '../../table/pagination';
import { isConflict, UnitOfWork } from '../../table/unitOfWork';
import { requestKey, requestRepository, requestUploadRepository, type RequestLine, type StoredRequest } from './requestRepository';

/**
 * Quote and job requests from the portal. Who may do what:
 * - asking: a quote request needs `quote-requests:write` (module quotes), a job request
 *   `job-requests:write` (module jobs); an upload either of them;
 * - seeing: a company's quote requests show to its users who may request or read quotes
 *   (`quote-requests:write` or `quotes:read`), its job requests likewise (`job-requests:write`
 *   or `jobs:read`), whoever asked: the answer is a document of the company they would see
 *   in Quotes or Jobs anyway.
 * A request is one per user and `clientRequestId` (its id is derived from both), so a double
 * click or a retry makes one, and its event is announced once.
 */

const WRITE: Record<RequestKind, Permission> = { quote: 'quote-requests:write', job: 'job-requests:write' };
const READ: Record<RequestKind, Permission[]> = { quote: ['quote-requests:write', 'quotes:read'], job: ['job-requests:write', 'jobs:read'] };

export const mayRequest = (caller: Pick<PortalCaller, 'permissions'>, kind: RequestKind) => caller.permissions.includes(WRITE[kind]);
export const maySee = (caller: Pick<PortalCaller, 'permissions'>, kind: RequestKind) => READ[kind].some((p) => caller.permissions.includes(p));

const uploaderOf = (caller: PortalCaller) => `customer:${caller.userId}`;

/** The request's id for one user's submission: the same submission, the same id, whatever the retries. */
export const requestIdFor = (caller: Pick<PortalCaller, 'tenantId' | 'userId'>, clientRequestId: string) =>
  `rq_${createHash('sha256').update(`${caller.tenantId}\n${caller.userId}\n${clientRequestId}`).digest('base64url').slice(0, 24)}`;

export function toRequestView(r: StoredRequest): RequestView {
  const base = {
    requestId: r.requestId,
    kind: r.kind,
    title: r.title,
    description: r.description,
    source: r.source,
    ...(r.lines ? { lines: r.lines } : {}),
    attachments: r.attachments.map(({ attachmentId, fileName, contentType, size }) => ({ attachmentId, fileName, contentType, size })),
    createdAt: r.createdAt,
    requestedBy: { contactId: r.contactId, name: r.contactName },
  };
  if (r.status === 'answered' && r.answer) return { ...base, status: 'answered', answeredAt: r.answeredAt ?? r.updatedAt, document: r.answer };
  if (r.status === 'declined') return { ...base, status: 'declined', declinedAt: r.declinedAt ?? r.updatedAt, reason: r.declineReason ?? '' };
  return { ...base, status: 'requested' };
}

/** A presigned upload for a file of a request the caller is about to send. */
export async function createRequestUpload(caller: PortalCaller, input: { fileName: string; contentType: string; size: number }): Promise<UploadTicket> {
  if (!mayRequest(caller, 'quote') && !mayRequest(caller, 'job')) throw forbidden();
  const uploader = uploaderOf(caller);
  await countUpload(caller.tenantId, uploader, 'customer');
  const attachmentId = newId('at');
  // Under the pending prefix until a request claims it (documents/threads/pendingUploads.ts): the bucket's housekeeping deletes it otherwise.
  const key = pendingKey(`tenants/${caller.tenantId}/requests/${caller.companyId}/${attachmentId}/${safeFileName(input.fileName)}`);
  await requestUploadRepository.create({
    tenantId: caller.tenantId,
    attachmentId,
    companyId: caller.companyId,
    uploader,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    key,
    ...uploadTimes(),
  });
  return uploadTicket(attachmentId, key, input);
}

/** Each id: an upload of this caller's, unclaimed, unexpired, its file in the bucket as declared (422 naming `body.attachmentIds.N` otherwise). */
async function checkUploads(caller: PortalCaller, ids: string[]) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const uploads = await Promise.all(
    ids.map(async (attachmentId, i) => {
      const name = `body.attachmentIds.${i}`;
      if (seen.has(attachmentId)) return void errors.push({ name, reason: 'names the same upload twice' });
      seen.add(attachmentId);
      const upload = await requestUploadRepository.get(caller.tenantId, attachmentId, true);
      if (!upload || upload.uploader !== uploaderOf(caller)) return void errors.push({ name, reason: 'is not an upload of yours' });
      if (upload.requestId) return void errors.push({ name, reason: 'is already attached to a request' });
      if (upload.expiresAt && Date.parse(upload.expiresAt) < Date.now()) return void errors.push({ name, reason: 'has expired: upload the file again' });
      const info = await fileInfo(upload.key);
      if (!info) return void errors.push({ name, reason: 'has no file yet: upload it to the URL given first' });
      if (info.size !== upload.size || info.contentType !== upload.contentType) {
        return void errors.push({ name, reason: `is not the file declared (${upload.contentType}, ${upload.size} bytes)` });
      }
      return upload;
    }),
  );
  if (errors.length) {
    throw unprocessable(
      'Unprocessable request',
      'Some files cannot be attached to this request.',
      errors.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })),
    );
  }
  return uploads.filter((u) => u !== undefined);
}

/** The request the caller already made with this `clientRequestId`, if any: a retry or a double click answers it. */
export const requestMadeBefore = (caller: PortalCaller, clientRequestId: string): Promise<StoredRequest | undefined> =>
  earlierSubmission(caller, requestIdFor(caller, clientRequestId));

/** The caller's own earlier submission with this id, if any (a retry or a double click). */
async function earlierSubmission(caller: PortalCaller, requestId: string): Promise<StoredRequest | undefined> {
  const existing = await requestRepository.get(caller.tenantId, requestId, true);
  return existing && existing.userId === caller.userId && existing.companyId === caller.companyId ? existing : undefined;
}

export interface NewRequest {
  kind: RequestKind;
  clientRequestId: string;
  title: string;
  description: string;
  attachmentIds: string[];
  source: 'form' | 'cart';
  lines?: RequestLine[];
}

/**
 * Sends a request: one transaction puts it and claims its uploads (each copied out of the
 * pending prefix first), holding `quote.requested` / `job.requested` beside it. The same
 * submission again answers the request it made, whatever its state.
 */
export async function createRequest(
  caller: PortalCaller,
  input: NewRequest,
  extraWrites: (work: UnitOfWork) => void = () => {},
): Promise<{ request: StoredRequest; created: boolean }> {
  if (!mayRequest(caller, input.kind)) throw forbidden(`You may not request ${input.kind === 'quote' ? 'quotes' : 'jobs'}.`);
  const requestId = requestIdFor(caller, input.clientRequestId);
  const earlier = await earlierSubmission(caller, requestId);
  if (earlier) return { request: earlier, created: false };

  const [uploads, contact] = await Promise.all([checkUploads(caller, input.attachmentIds), contactRepository.get(caller.tenantId, caller.userId)]);
  const kept = await Promise.all(uploads.map(keepUpload));
  const now = new Date().toISOString();
  const request: StoredRequest = {
    tenantId: caller.tenantId,
    requestId,
    companyId: caller.companyId,
    contactId: caller.userId,
    contactName: contact ? `${contact.firstName} ${contact.lastName}`.trim() : 'Customer',
    userId: caller.userId,
    clientRequestId: input.clientRequestId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    source: input.source,
    ...(input.lines ? { lines: input.lines } : {}),
    attachments: uploads.map((u, i) => ({ attachmentId: u.attachmentId, fileName: u.fileName, contentType: u.contentType, size: u.size, key: kept[i]! })),
    createdAt: now,
    status: 'requested',
    updatedAt: now,
  };
  const work = new UnitOfWork().write(requestRepository.putWrite(request));
  for (const [i, u] of uploads.entries()) work.write({ Update: requestUploadRepository.claimUpdate(u, requestId, kept[i]!) });
  extraWrites(work);
  work.announce(input.kind === 'quote' ? 'quote.requested' : 'job.requested', {
    tenantId: caller.tenantId,
    companyId: caller.companyId,
    contactId: caller.userId,
    userId: caller.userId,
    requestId,
    kind: input.kind,
    title: input.title,
  });
  try {
    await work.commit(requestKey(caller.tenantId, requestId));
  } catch (err) {
    if (!isConflict(err)) throw err;
    // A concurrent double click made it first; or an upload was claimed meanwhile.
    const made = await earlierSubmission(caller, requestId);
    if (made) return { request: made, created: false };
    throw unprocessable('Unprocessable request', 'A file was attached elsewhere meanwhile: upload it again.', [
      { name: 'body.attachmentIds', reason: 'names an upload attached meanwhile' },
    ]);
  }
  await Promise.all(uploads.map(dropPending));
  return { request, created: true };
}

export const createFormRequest = (caller: PortalCaller, body: CreateRequestBody) => createRequest(caller, { ...body, source: 'form' });

/** One of the caller's company's requests they may see; 404 otherwise (another company's is no different from none). */
export async function visibleRequest(caller: PortalCaller, requestId: string): Promise<StoredRequest> {
  const request = await requestRepository.get(caller.tenantId, requestId);
  if (!request || request.companyId !== caller.companyId || !maySee(caller, request.kind)) throw notFound('No request with this id.');
  return request;
}

/** A page of the company's requests the caller may see, newest first: one Query. */
export async function listRequests(caller: PortalCaller, query: { kind?: RequestKind; limit?: number; cursor?: string }): Promise<RequestPage> {
  const kinds = (['quote', 'job'] as const).filter((k) => maySee(caller, k));
  if (!kinds.length) throw forbidden('You may not see quote or job requests.');
  if (query.kind && !kinds.includes(query.kind)) throw forbidden(`You may not see ${query.kind} requests.`);
  const kind = query.kind ?? (kinds.length === 1 ? kinds[0] : undefined);
  const page = await requestRepository.pageOfCompany(caller.tenantId, caller.companyId, { kind }, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  return { items: page.items.map(toRequestView), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A short-lived link to one of a request's files. */
export async function requestFileLink(request: StoredRequest, attachmentId: string) {
  const file = request.attachments.find((a) => a.attachmentId === attachmentId);
  if (!file) throw notFound('No file with this id on this request.');
  return presignDownload(file.key, { fileName: file.fileName, contentType: file.contentType, expiresInSeconds: DOWNLOAD_SECONDS });
}
