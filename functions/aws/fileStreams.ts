import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { bucket, s3 } from './files';

/**
 * Streams in and out of the files bucket, for work too large to hold in memory (a ZIP of a
 * thousand PDFs): a stored file read as a stream, and a stream written as a multipart upload
 * (lib-storage's `Upload`: parts of 5 MB, two in flight, so at most ~10 MB is buffered
 * whatever the stream's length; a short stream is one PutObject). Only the `pdf` Lambda
 * imports this, so lib-storage stays out of the request path's bundles.
 */

export async function readFileStream(key: string): Promise<Readable> {
  const out = await s3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  return out.Body as Readable;
}

/** Starts uploading `body` to `key`; `done()` settles when the last part is in (or the upload failed and was aborted). */
export function uploadStream(key: string, body: Readable, options: { contentType: string }): Upload {
  return new Upload({
    client: s3(),
    params: { Bucket: bucket(), Key: key, Body: body, ContentType: options.contentType },
    queueSize: 2,
    partSize: 5 * 1024 * 1024,
    leavePartsOnError: false,
  });
}
