import { randomUUID } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import * as z from 'zod/mini';
import { eventCatalogue, type EventEnvelope } from '../../../events/catalogue';
import { deleteFile } from '../../aws/files';
import { readFileStream, uploadStream } from '../../aws/fileStreams';
import { logger } from '../../aws/logger';
import { isConflict } from '../../table/conflicts';
import type { StoredDocument } from '../documentRepository';
import { pdfFileName } from '../pdf/documentPdfs';
import { ZipEntryNames } from './zipEntries';
import { zipRepository, type StoredZipJob, type ZipOwner } from './zipRepository';
import { documentsById, recordViews } from './zipTable';

/**
 * The `pdf` Lambda's ZIP job: for each selected document, in the order chosen, its current
 * PDF (made now by `ensurePdf` if it is not yet), streamed into the ZIP, which streams to
 * the files bucket as a multipart upload: one PDF is in flight at a time and at most two
 * 5 MB parts are buffered, so a thousand PDFs never sit in memory together.
 *
 * - Documents are read `BATCH` at a time (one BatchGetItem). A document that is no longer
 *   the caller's to see — withdrawn, another company's, unknown — is **skipped** and
 *   counted (`skipped`), never refused at the POST: the POST reads nothing (cheap for
 *   1,000 ids, no half-checked selection), and a document withdrawn while the job runs
 *   must be left out anyway. Another tenant's or another type's cannot be found at all:
 *   the keys are built from the job's tenant and type. A selection with nothing left fails.
 * - Progress is written every `progressEvery(total)` documents (≤ 20 writes) or every
 *   10 s, whichever comes first, so the site's bar moves and `zipProgress` can tell a
 *   live job from one whose Lambda died.
 * - Each PDF put in the ZIP is one view of it in the view log (`what: 'pdf'`, the
 *   requester's IP and user agent as the POST saw them), written 25 to a BatchWriteItem
 *   beside the batch: cheap off the request path, so every document's log shows it.
 * - Any error fails the job with a reason (and the partial ZIP is aborted); the event is
 *   not thrown back to EventBridge, whose retry would find the job no longer queued.
 */

const BATCH = 25;
const PROGRESS_SECONDS = 10;
/** Stops in time to fail cleanly before the pdf Lambda's timeout (900 s, infra/stacks/eventsStack.ts). */
export const ZIP_TIME_BUDGET_MS = 840_000;

export const progressEvery = (total: number) => Math.max(5, Math.ceil(total / 20));

type EnsurePdf = (doc: StoredDocument) => Promise<string>;

export async function buildDocumentZip(event: EventEnvelope, ensurePdf: EnsurePdf, budgetMs = ZIP_TIME_BUDGET_MS): Promise<void> {
  const detail = z.parse(eventCatalogue['document-zip.requested'], event.detail);
  const owner: ZipOwner = { tenantId: detail.tenantId, companyId: detail.companyId, userId: detail.userId };
  let job: StoredZipJob;
  try {
    job = await zipRepository.claim(owner, detail.zipId);
  } catch (err) {
    // Taken by an earlier delivery of this event, finished, failed, or expired: nothing to do.
    if (isConflict(err)) return logger.info('zip job not queued: nothing to do', { zipId: detail.zipId });
    throw err;
  }
  const started = Date.now();
  try {
    const { done, skipped } = await writeZip(job, ensurePdf, started + budgetMs);
    if (done === skipped) {
      await deleteFile(job.key);
      await zipRepository.fail(owner, job.zipId, 'None of the selected documents is available any more.', { done, skipped });
    } else {
      await zipRepository.finish(owner, job.zipId, done, skipped);
    }
    logger.info('zip built', { zipId: job.zipId, total: job.total, skipped, ms: Date.now() - started });
  } catch (err) {
    const tooLong = err instanceof OutOfTime;
    if (!tooLong) logger.error('zip failed', { zipId: job.zipId, err });
    await zipRepository
      .fail(
        owner,
        job.zipId,
        tooLong
          ? 'There were too many PDFs to prepare at once. Please choose fewer documents.'
          : 'The ZIP could not be made. Please try again; if it fails again, choose fewer documents.',
      )
      .catch((e: unknown) => logger.error('could not mark the zip job failed', { zipId: job.zipId, err: e }));
  }
}

class OutOfTime extends Error {
  override name = 'OutOfTime';
}

async function writeZip(job: StoredZipJob, ensurePdf: EnsurePdf, deadline: number): Promise<{ done: number; skipped: number }> {
  const ids = await zipRepository.documentIds(job, job.zipId);
  const zip = new ZipFile();
  const upload = uploadStream(job.key, zip.outputStream as never, { contentType: 'application/zip' });
  const uploaded = upload.done();
  // Awaited below; until then a failed upload must not be an unhandled rejection.
  uploaded.catch(() => undefined);
  const names = new ZipEntryNames();
  const every = progressEvery(ids.length);
  let done = 0;
  let skipped = 0;
  let written = 0;
  let writtenAt = Date.now();
  try {
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      const docs = await documentsById(job.tenantId, job.type, batch);
      const viewed: StoredDocument[] = [];
      for (const id of batch) {
        if (Date.now() > deadline) throw new OutOfTime();
        const doc = docs.get(id);
        if (!doc || doc.companyId !== job.companyId || doc.withdrawnAt) {
          skipped++;
        } else {
          const body = await readFileStream(await ensurePdf(doc));
          zip.addReadStream(body, names.take(pdfFileName(doc)), { compress: false, mtime: new Date(doc.updatedAt) });
          // One PDF at a time: the next is fetched once this one has gone into the ZIP (or the upload failed).
          await Promise.race([finished(body), uploaded]);
          viewed.push(doc);
        }
        done++;
        if (done - written >= every || (done > written && Date.now() - writtenAt >= PROGRESS_SECONDS * 1000)) {
          await zipRepository.progress(job, job.zipId, done, skipped);
          written = done;
          writtenAt = Date.now();
        }
      }
      await recordViews(viewed.map((doc) => viewOf(job, doc)));
    }
    zip.end();
    await uploaded;
  } catch (err) {
    await upload.abort().catch(() => undefined);
    throw err;
  }
  return { done, skipped };
}

function viewOf(job: StoredZipJob, doc: StoredDocument) {
  return {
    viewId: randomUUID(),
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    at: new Date().toISOString(),
    what: 'pdf' as const,
    version: doc.version,
    via: 'login' as const,
    contactId: job.userId,
    ...(job.email ? { email: job.email } : {}),
    ...(job.ip ? { ip: job.ip } : {}),
    ...(job.userAgent ? { userAgent: job.userAgent } : {}),
  };
}
