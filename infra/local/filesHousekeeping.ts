import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { bucket, deleteFile, s3 } from '../../functions/aws/files';
import { FILES_EXPIRY } from '../filesLifecycle';

/** How often the local runtime applies the bucket's lifecycle rules. S3 applies them about daily; hourly is close enough and costs nothing. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The files bucket's lifecycle rules (infra/filesLifecycle.ts), applied to the S3
 * stand-in, which has no lifecycle of its own: every object under a rule's prefix older
 * than its days is deleted. `now` is a parameter so tests can look a day ahead. Returns
 * the keys deleted.
 */
export async function expireFiles(now = new Date()): Promise<string[]> {
  const deleted: string[] = [];
  for (const rule of FILES_EXPIRY) {
    const cutoff = now.getTime() - rule.days * 86_400_000;
    let token: string | undefined;
    do {
      const page = await s3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: rule.prefix, ContinuationToken: token }));
      const old = (page.Contents ?? []).filter((o) => o.Key && o.LastModified && o.LastModified.getTime() <= cutoff).map((o) => o.Key!);
      // One by one: few objects locally, and no multi-object delete to trust in the stand-in.
      for (const key of old) await deleteFile(key);
      deleted.push(...old);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  return deleted;
}

/** Runs the rules now and then hourly, until stopped; a failed pass is reported and the next one tries again. */
export function startFilesHousekeeping(): { stop(): void } {
  const pass = () => void expireFiles().catch((err: unknown) => console.error('local files housekeeping failed', err));
  pass();
  const timer = setInterval(pass, HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
