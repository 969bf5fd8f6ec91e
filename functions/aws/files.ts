import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientConfig } from './clientConfig';
import { env } from './env';

/**
 * The files bucket (`FILES_BUCKET`): documents' PDFs, attachments and uploads. Browsers
 * never see the bucket's credentials: they get short-lived presigned URLs.
 */

let client: S3Client | undefined;

/** One S3 client per process, created on first use so the init phase stays short. */
export function s3(): S3Client {
  // The SDK's default checksums would sign a CRC of the (empty) body into a presigned PUT,
  // which the browser's real body then fails, and add checksum mode to presigned GETs.
  client ??= new S3Client({ ...clientConfig('s3'), requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
  return client;
}

export const bucket = (): string => env('FILES_BUCKET');

const expiresAt = (seconds: number): string => new Date(Date.now() + seconds * 1000).toISOString();

export async function putFile(key: string, body: Uint8Array, options: { contentType: string; contentDisposition?: string }): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: bucket(),
      Key: key,
      Body: body,
      ContentType: options.contentType,
      ...(options.contentDisposition ? { ContentDisposition: options.contentDisposition } : {}),
    }),
  );
}

/** Size and type of a stored file, or undefined when there is none (e.g. an upload never made). */
export async function fileInfo(key: string): Promise<{ size: number; contentType: string } | undefined> {
  try {
    const head = await s3().send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? 'application/octet-stream' };
  } catch (err) {
    // HEAD responses have no body, so a missing key is only a 404 (`NotFound`), not `NoSuchKey`.
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}

/** A server-side copy within the files bucket: type and metadata go with it. */
export async function copyFile(from: string, to: string): Promise<void> {
  await s3().send(new CopyObjectCommand({ Bucket: bucket(), CopySource: `${bucket()}/${encodeURIComponent(from).replace(/%2F/g, '/')}`, Key: to }));
}

export async function deleteFile(key: string): Promise<void> {
  await s3().send(new DeleteObjectCommand({ Bucket: bucket(), Key: key }));
}

/** A short-lived GET that downloads the file under `fileName`, whatever its key. */
export async function presignDownload(
  key: string,
  options: { fileName: string; contentType?: string; expiresInSeconds?: number },
): Promise<{ url: string; expiresAt: string; fileName: string }> {
  const expiresIn = options.expiresInSeconds ?? 300;
  const command = new GetObjectCommand({
    Bucket: bucket(),
    Key: key,
    ResponseContentDisposition: attachmentDisposition(options.fileName),
    ...(options.contentType ? { ResponseContentType: options.contentType } : {}),
  });
  const url = await getSignedUrl(s3(), command, { expiresIn });
  return { url, expiresAt: expiresAt(expiresIn), fileName: options.fileName };
}

/**
 * A short-lived PUT for a browser upload. The signature covers content-type and
 * content-length, so S3 refuses any other type or size than the one declared (and checked)
 * when the ticket was made. `headers` are what the PUT must send; the browser sets
 * content-length itself from the body.
 */
export async function presignUpload(
  key: string,
  options: { contentType: string; size: number; expiresInSeconds?: number },
): Promise<{ url: string; headers: Record<string, string>; expiresAt: string }> {
  const expiresIn = options.expiresInSeconds ?? 300;
  const command = new PutObjectCommand({ Bucket: bucket(), Key: key, ContentType: options.contentType, ContentLength: options.size });
  // The presigner leaves content-type unsigned by default; signableHeaders puts both back in.
  const url = await getSignedUrl(s3(), command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
  return { url, headers: { 'content-type': options.contentType }, expiresAt: expiresAt(expiresIn) };
}

/**
 * `attachment` with the name twice: `filename*` (RFC 6266/8187, UTF-8, percent-encoded)
 * for browsers, and a plain ASCII `filename` for the rest. Quotes, backslashes, control
 * characters and line breaks never reach the header.
 */
export function attachmentDisposition(fileName: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips from a header value
  const clean = fileName.replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'download';
  const ascii = clean
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
