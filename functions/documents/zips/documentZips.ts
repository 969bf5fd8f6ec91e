import { createHash, randomUUID } from 'node:crypto';
import { DOCUMENT_KINDS, type DocumentType } from '../../../shared/api/documents';
import type { DocumentZipProgress } from '../../../shared/api/documentZips';
import type { PortalCaller } from '../../core/callers';
import { notFoundIn } from '../../core/problems';
import { today } from '../documentState';
import { HELD_RELEASE_AFTER_MS, isConflict, releaseHeldEvents, UnitOfWork } from '../../table/unitOfWork';
import { ZIP_KEEP_SECONDS, zipKeys, zipObjectKey, zipRepository, type StoredZipJob, type ZipOwner } from './zipRepository';

/**
 * Selected documents' PDFs as one ZIP, the request side: `startZip` (portal Lambda) records
 * the job and announces `document-zip.requested`, held beside the job until it is on the bus;
 * the `pdf` Lambda builds the ZIP (`zipBuilder.ts`); `zipProgress` (files Lambda, which has
 * the presigner) answers how far it is and, when ready, a short-lived link.
 *
 * Ids, not the list's filters: the customer ticks the rows they see (or all of a page), so
 * the ZIP holds exactly what they chose; a filter would zip a whole list they never looked
 * at, and the CSV export already covers "the whole list".
 */

/** How soon the site asks again while the job runs. */
export const ZIP_RETRY_SECONDS = 2;
/** A running job whose progress has not moved for this long died with its Lambda (a timeout): it is failed, not left hanging. */
export const ZIP_STALE_MS = 3 * 60_000;
/** A queued job no worker took in this long (its event released and still not run) is failed too. */
export const ZIP_QUEUED_GIVE_UP_MS = 10 * 60_000;

const ownerOf = (caller: PortalCaller): ZipOwner => ({ tenantId: caller.tenantId, companyId: caller.companyId, userId: caller.userId });

/** The same ids in any order are the same selection. */
const selectionHash = (type: DocumentType, ids: readonly string[]) =>
  createHash('sha256')
    .update(`${type}\n${[...ids].sort().join('\n')}`)
    .digest('base64url')
    .slice(0, 32);

/** `invoices-12-pdfs-2026-12-03.zip`. */
const zipFileName = (type: DocumentType, count: number, now: Date) =>
  `${DOCUMENT_KINDS[type].plural.toLowerCase().replaceAll(' ', '-')}-${count}-pdf${count === 1 ? '' : 's'}-${today(now)}.zip`;

export async function startZip(caller: PortalCaller, type: DocumentType, documentIds: readonly string[]): Promise<DocumentZipProgress> {
  const owner = ownerOf(caller);
  const hash = selectionHash(type, documentIds);
  // A double click or a retried POST: the job this selection made a moment ago.
  const recent = await zipRepository.recentJobOf(owner, hash);
  if (recent && recent.status !== 'failed') return progressOf(recent);

  const now = new Date();
  const zipId = randomUUID().replaceAll('-', '');
  const ttl = Math.floor(now.getTime() / 1000) + ZIP_KEEP_SECONDS;
  const job: StoredZipJob = {
    ...owner,
    zipId,
    type,
    status: 'queued',
    total: documentIds.length,
    done: 0,
    skipped: 0,
    fileName: zipFileName(type, documentIds.length, now),
    key: zipObjectKey(owner, zipId),
    ...(caller.user?.email ? { email: caller.user.email } : {}),
    ...(caller.origin.ip ? { ip: caller.origin.ip } : {}),
    ...(caller.origin.userAgent ? { userAgent: caller.origin.userAgent } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(ttl * 1000).toISOString(),
    ttl,
  };
  const work = new UnitOfWork()
    .write(...zipRepository.createWrites(job, documentIds, hash, recent))
    .announce('document-zip.requested', { tenantId: owner.tenantId, companyId: owner.companyId, userId: owner.userId, zipId, type });
  try {
    await work.commit(zipKeys.job(owner, zipId));
  } catch (err) {
    // Two clicks at once: the other made the job; answer it.
    const other = isConflict(err) ? await zipRepository.recentJobOf(owner, hash) : undefined;
    if (other && other.status !== 'failed') return progressOf(other);
    throw err;
  }
  return progressOf(job);
}

/** The owner's job, by id: another user's, company's or tenant's is not addressable (its key names the caller) and answers 404. */
export async function zipProgress(
  caller: PortalCaller,
  type: DocumentType,
  zipId: string,
  presign: (job: StoredZipJob) => Promise<{ url: string; expiresAt: string }>,
): Promise<DocumentZipProgress> {
  const owner = ownerOf(caller);
  let job = await zipRepository.get(owner, zipId, true);
  if (!job || job.type !== type) throw notFoundIn('ZIP');
  const age = Date.now() - Date.parse(job.updatedAt);
  if (job.status === 'queued' && age > HELD_RELEASE_AFTER_MS) {
    // Its request died between the commit and the bus: put the held event on the bus now.
    const released = await releaseHeldEvents(zipKeys.job(owner, zipId));
    if (!released && age > ZIP_QUEUED_GIVE_UP_MS) job = (await zipRepository.fail(owner, zipId, 'The ZIP was never started. Please try again.')) ?? job;
  } else if (job.status === 'running' && age > ZIP_STALE_MS) {
    job = (await zipRepository.fail(owner, zipId, 'Preparing the ZIP stopped before it finished. Please try again, or choose fewer documents.')) ?? job;
  }
  if (job.status === 'ready') return { ...progressOf(job), link: await presign(job) };
  return progressOf(job);
}

function progressOf(job: StoredZipJob): DocumentZipProgress {
  const active = job.status === 'queued' || job.status === 'running';
  return {
    zipId: job.zipId,
    type: job.type,
    status: job.status,
    total: job.total,
    done: job.done,
    skipped: job.skipped,
    fileName: job.fileName,
    ...(job.reason ? { reason: job.reason } : {}),
    ...(active ? { retryAfterSeconds: ZIP_RETRY_SECONDS } : {}),
  };
}
