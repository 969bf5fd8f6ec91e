import { copyFile, deleteFile } from '../../aws/files';
import { logger } from '../../aws/logger';
import type { Upload } from './uploadRepository';

/**
 * Uploads land under this prefix until a message or a bill takes them. The files bucket
 * deletes anything under it a day old (infra/filesLifecycle.ts: a lifecycle rule in the
 * cloud, the local runtime's housekeeping locally), so a file never attached does not
 * outlive its upload record (24 h, by TTL). Attaching copies the object to its kept key
 * (the same key without the prefix) before the claim commits, so a claimed upload never
 * points at an object the rule could still delete.
 */
export const PENDING_UPLOADS_PREFIX = 'pending-uploads/';

export const pendingKey = (keptKey: string): string => `${PENDING_UPLOADS_PREFIX}${keptKey}`;

const isPending = (key: string) => key.startsWith(PENDING_UPLOADS_PREFIX);

/**
 * The key the claimed upload keeps: its object copied out of the pending prefix (again
 * on a retry: same bytes, same key). Uploads made before the prefix existed keep theirs.
 */
export async function keepUpload(upload: Pick<Upload, 'key'>): Promise<string> {
  if (!isPending(upload.key)) return upload.key;
  const kept = upload.key.slice(PENDING_UPLOADS_PREFIX.length);
  await copyFile(upload.key, kept);
  return kept;
}

/** After the claim committed: the pending copy can go now; if this fails, the lifecycle rule takes it within a day. */
export async function dropPending(upload: Pick<Upload, 'key'>): Promise<void> {
  if (!isPending(upload.key)) return;
  await deleteFile(upload.key).catch((err: unknown) => logger.warn('pending upload not deleted; the lifecycle rule will', { key: upload.key, err }));
}
