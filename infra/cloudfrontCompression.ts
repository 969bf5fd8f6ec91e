/**
 * What CloudFront compresses, for the local gateway to do the same (and so measure the
 * site as it reaches a browser in the cloud). From CloudFront's "Serve compressed files":
 * a behaviour compresses when `Compress` is on and its cache policy enables Gzip and
 * Brotli with a TTL above zero; a response is compressed when it has none of its own
 * Content-Encoding, a Content-Length from 1,000 to 10,000,000 bytes and one of the types
 * below; Brotli when the viewer accepts it, else Gzip.
 *
 * The site stack (infra/stacks/siteStack.ts): the site's behaviour compresses
 * (`compress: true`, CachingOptimized, which enables both); the `/api/*` behaviour uses
 * CachingDisabled (TTL 0, neither encoding enabled), so API responses reach the browser
 * as the API sends them. test/infra/site.test.ts holds the stack to this.
 */
export const SITE_RESPONSES_COMPRESSED = true;
export const API_RESPONSES_COMPRESSED = false;

export const MIN_COMPRESSED_BYTES = 1_000;
export const MAX_COMPRESSED_BYTES = 10_000_000;

/** CloudFront's list of compressed Content-Types. */
export const COMPRESSED_TYPES: ReadonlySet<string> = new Set([
  'application/dash+xml',
  'application/eot',
  'application/font',
  'application/font-sfnt',
  'application/javascript',
  'application/json',
  'application/opentype',
  'application/otf',
  'application/pkcs7-mime',
  'application/protobuf',
  'application/rss+xml',
  'application/truetype',
  'application/ttf',
  'application/vnd.apple.mpegurl',
  'application/vnd.ms-fontobject',
  'application/xhtml+xml',
  'application/xml',
  'application/x-font-opentype',
  'application/x-font-truetype',
  'application/x-font-ttf',
  'application/x-httpd-cgi',
  'application/x-javascript',
  'application/x-mpegurl',
  'application/x-opentype',
  'application/x-otf',
  'application/x-perl',
  'application/x-ttf',
  'font/eot',
  'font/opentype',
  'font/otf',
  'font/ttf',
  'image/svg+xml',
  'text/css',
  'text/csv',
  'text/html',
  'text/javascript',
  'text/js',
  'text/plain',
  'text/richtext',
  'text/tab-separated-values',
  'text/xml',
  'text/x-component',
  'text/x-java-source',
  'text/x-script',
  'vnd.apple.mpegurl',
]);

export type Encoding = 'br' | 'gzip';

/** Whether CloudFront would compress a response of this type and length. */
export function isCompressible(contentType: string | undefined, length: number): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return COMPRESSED_TYPES.has(type) && length >= MIN_COMPRESSED_BYTES && length <= MAX_COMPRESSED_BYTES;
}

/** The encoding for a viewer's Accept-Encoding: Brotli if accepted, else Gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}
