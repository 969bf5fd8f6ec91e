/**
 * CORS of the files bucket, for the cloud bucket (CDK) and the local S3 stand-in alike.
 *
 * Browsers PUT uploads and GET files with presigned URLs straight to the bucket, from
 * the page of whichever host the tenant's portal is on: `<slug>.<base domain>` or the
 * tenant's own domain. Any origin is allowed on purpose: a presigned request carries its
 * own authorisation (a signature over method, key, type, size and expiry) and no cookies,
 * so CORS protects nothing here that the signature does not, and a list of origins would
 * have to follow every tenant's custom domains. Requests without a valid signature are
 * refused by S3 whatever their origin.
 */
export const FILES_CORS = {
  allowedOrigins: ['*'],
  allowedMethods: ['GET', 'PUT', 'HEAD'] as const,
  /** `content-type` is signed into an upload's URL; the rest is what SDK-style clients add. */
  allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
  exposedHeaders: ['etag'],
  maxAgeSeconds: 3600,
};

/** The same rule as S3's CORS XML (what s3rver takes as a bucket config). */
export function filesCorsXml(): string {
  const tags = (name: string, values: readonly string[]) => values.map((v) => `<${name}>${v}</${name}>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    tags('AllowedOrigin', FILES_CORS.allowedOrigins) +
    tags('AllowedMethod', FILES_CORS.allowedMethods) +
    tags('AllowedHeader', FILES_CORS.allowedHeaders) +
    tags('ExposeHeader', FILES_CORS.exposedHeaders) +
    `<MaxAgeSeconds>${FILES_CORS.maxAgeSeconds}</MaxAgeSeconds>` +
    '</CORSRule></CORSConfiguration>'
  );
}
