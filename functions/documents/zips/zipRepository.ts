import type { DocumentType } from '../../../shared/api/documents';
import type { ZipStatus } from '../../../shared/api/documentZips';
import { getItem, putWrite, toItem, updateItem, type Condition, type Keys } from '../../table/db';

/**
 * A ZIP job lives in a partition of its own, named by tenant, company, user and job:
 * `TENANT#t#COMPANY#c#USER#u#DOCZIP#<zipId>`. Reading it needs all four, taken from the
 * verified caller, so another user, company or tenant cannot even address it. Two items:
 * `JOB` (small, its progress updated every few documents) and `DOCS` (the selection,
 * written once, up to ~66 KB, so progress writes do not pay for it). A third partition,
 * `…#DOCZIP-SELECTION#<hash>`, remembers the job of a selection for a minute: a double
 * click or a retried POST finds it and answers the same job.
 */

export interface StoredZipJob {
  tenantId: string;
  companyId: string;
  userId: string;
  zipId: string;
  type: DocumentType;
  status: ZipStatus;
  total: number;
  done: number;
  skipped: number;
  fileName: string;
  /** The ZIP's key in the files bucket (under `zips/`, which the bucket's lifecycle rule expires). */
  key: string;
  reason?: string;
  /** Who asked, from where: one log entry per ZIP beside the view log's per-document entries. */
  email?: string;
  ip?: string;
  userAgent?: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ttl: number;
}

const JOB_ENTITY = 'document-zip';
const DOCS_ENTITY = 'document-zip-selection';
const POINTER_ENTITY = 'document-zip-pointer';

const JOB_FIELDS = [
  'tenantId',
  'companyId',
  'userId',
  'zipId',
  'type',
  'status',
  'total',
  'done',
  'skipped',
  'fileName',
  'key',
  'reason',
  'email',
  'ip',
  'userAgent',
  'createdAt',
  'updatedAt',
  'expiresAt',
  'ttl',
] as const;

/** A job and its ZIP are kept a day: long enough to download it again, short enough that a bucket of ZIPs does not pile up. */
export const ZIP_KEEP_SECONDS = 86_400;

/** How long the same selection answers the same job: covers double clicks and retries, not a deliberate second download later. */
export const SELECTION_WINDOW_SECONDS = 60;

export type ZipOwner = Pick<StoredZipJob, 'tenantId' | 'companyId' | 'userId'>;

const owned = (o: ZipOwner) => `TENANT#${o.tenantId}#COMPANY#${o.companyId}#USER#${o.userId}`;

export const zipKeys = {
  job: (o: ZipOwner, zipId: string): Keys => ({ pk: `${owned(o)}#DOCZIP#${zipId}`, sk: 'JOB' }),
  docs: (o: ZipOwner, zipId: string): Keys => ({ pk: `${owned(o)}#DOCZIP#${zipId}`, sk: 'DOCS' }),
  selection: (o: ZipOwner, hash: string): Keys => ({ pk: `${owned(o)}#DOCZIP-SELECTION#${hash}`, sk: 'SELECTION' }),
};

/** The files bucket key: under `zips/` (one lifecycle rule expires them all), then tenant and company. */
export const zipObjectKey = (o: ZipOwner, zipId: string) => `zips/tenants/${o.tenantId}/companies/${o.companyId}/${o.userId}/${zipId}.zip`;

/** No pointer, or one whose minute is over (TTL deletes lazily, so the time is checked here). */
const pointerFree =
  (nowEpoch: number): Condition =>
  (x) =>
    `attribute_not_exists(${x.name('pk')}) OR ${x.name('ttl')} < ${x.value(nowEpoch)}`;

const isActive: Condition = (x) => `${x.name('status')} = ${x.value('running')}`;

export const zipRepository = {
  /** A job's `JOB` item as written (the bench seeds a finished job with it). */
  jobItem: (job: StoredZipJob) => toItem(job, JOB_FIELDS, zipKeys.job(job, job.zipId), JOB_ENTITY),

  /**
   * The three writes of a new job (for one transaction): the selection's pointer first, so a
   * lost race names it. `replacing`: the failed job the pointer names now (a retry after a
   * failure makes a new job at once rather than answering the failure for the rest of the minute).
   */
  createWrites(job: StoredZipJob, documentIds: readonly string[], selectionHash: string, replacing?: StoredZipJob) {
    const nowEpoch = Math.floor(Date.parse(job.createdAt) / 1000);
    const pointer = toItem(
      { zipId: job.zipId, ttl: nowEpoch + SELECTION_WINDOW_SECONDS },
      ['zipId', 'ttl'],
      zipKeys.selection(job, selectionHash),
      POINTER_ENTITY,
    );
    const docs = toItem({ documentIds, ttl: job.ttl }, ['documentIds', 'ttl'], zipKeys.docs(job, job.zipId), DOCS_ENTITY);
    // Replacing a failed job's pointer: on condition it still names that job, so two retries at once make one job.
    const pointerCondition: Condition = replacing ? (x) => `${x.name('zipId')} = ${x.value(replacing.zipId)}` : pointerFree(nowEpoch);
    return [putWrite(pointer, pointerCondition), putWrite(zipRepository.jobItem(job), (x) => `attribute_not_exists(${x.name('pk')})`), putWrite(docs)];
  },

  /** The job a selection made within the last minute, if any. */
  async recentJobOf(owner: ZipOwner, selectionHash: string): Promise<StoredZipJob | undefined> {
    const pointer = await getItem<{ zipId: string; ttl: number }>(zipKeys.selection(owner, selectionHash), ['zipId', 'ttl'], true);
    if (!pointer || pointer.ttl < Date.now() / 1000) return undefined;
    return zipRepository.get(owner, pointer.zipId, true);
  },

  get: (owner: ZipOwner, zipId: string, consistent = false) => getItem<StoredZipJob>(zipKeys.job(owner, zipId), JOB_FIELDS, consistent),

  async documentIds(owner: ZipOwner, zipId: string): Promise<string[]> {
    return (await getItem<{ documentIds: string[] }>(zipKeys.docs(owner, zipId), ['documentIds'], true))?.documentIds ?? [];
  },

  /** queued → running, once: a redelivered event finds it taken and does nothing. */
  async claim(owner: ZipOwner, zipId: string): Promise<StoredZipJob> {
    const now = new Date().toISOString();
    return updateItem<StoredZipJob>(
      zipKeys.job(owner, zipId),
      { set: { status: 'running', updatedAt: now } },
      JOB_FIELDS,
      (x) => `${x.name('status')} = ${x.value('queued')}`,
    );
  },

  /** Progress while running (the condition keeps a job another path already failed failed). */
  async progress(owner: ZipOwner, zipId: string, done: number, skipped: number): Promise<void> {
    await updateItem(zipKeys.job(owner, zipId), { set: { done, skipped, updatedAt: new Date().toISOString() } }, [], isActive);
  },

  async finish(owner: ZipOwner, zipId: string, done: number, skipped: number): Promise<void> {
    await updateItem(zipKeys.job(owner, zipId), { set: { status: 'ready', done, skipped, updatedAt: new Date().toISOString() } }, [], isActive);
  },

  /** running (or, for a job whose event never ran, queued) → failed with a reason. */
  async fail(owner: ZipOwner, zipId: string, reason: string, counts?: { done: number; skipped: number }): Promise<StoredZipJob | undefined> {
    try {
      return await updateItem<StoredZipJob>(
        zipKeys.job(owner, zipId),
        { set: { status: 'failed', reason, updatedAt: new Date().toISOString(), ...counts } },
        JOB_FIELDS,
        (x) => `${x.name('status')} IN (${x.value('queued')}, ${x.value('running')})`,
      );
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return zipRepository.get(owner, zipId, true);
      throw err;
    }
  },
};
