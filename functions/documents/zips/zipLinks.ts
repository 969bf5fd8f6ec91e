import { presignDownload } from '../../aws/files';
import type { StoredZipJob } from './zipRepository';

/** How long a ZIP's link works: long enough to start the download, short enough that a copied link soon stops working. */
export const ZIP_LINK_SECONDS = 300;

/** A short-lived link to a ready ZIP, saved under its file name (files Lambda: it has the presigner). */
export async function zipLink(job: StoredZipJob): Promise<{ url: string; expiresAt: string }> {
  const { url, expiresAt } = await presignDownload(job.key, { fileName: job.fileName, contentType: 'application/zip', expiresInSeconds: ZIP_LINK_SECONDS });
  return { url, expiresAt };
}
