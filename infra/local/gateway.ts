import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { PROBLEM_CONTENT_TYPE } from '../../shared/problem';
import { API_RESPONSES_COMPRESSED, SITE_RESPONSES_COMPRESSED, chooseEncoding, isCompressible, type Encoding } from '../cloudfrontCompression';
import { policyHeaders, securityHeaderPolicy } from '../securityHeaders';
import { toApiGatewayEvent } from './apiGatewayEvent';
import { apiLambda, lambdaContext } from './lambdaRuntime';
import { decodedPath, matchRoute } from './routing';

/** API Gateway's own payload limit; larger requests never reach a Lambda. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The local stand-in for CloudFront + API Gateway: `/api/*` goes through the route
 * table to its Lambda's entry as an API Gateway v2 event; everything else is the
 * built site, with the SPA fallback, compressed as CloudFront compresses it
 * (infra/cloudfrontCompression.ts). API responses go out as the Lambda answered them:
 * CloudFront's `/api/*` behaviour does not compress. Every response, API or site,
 * problem or 500, carries the cloud's security headers (infra/securityHeaders.ts), which
 * override the origin's as CloudFront's policy does.
 */
export function createGateway(options: { siteDir: string; filesOrigin: string }): Server {
  const policy = securityHeaderPolicy(options.filesOrigin);
  const security = policyHeaders(policy);
  const overridden = new Set([...Object.keys(security), ...policy.removed.map((h) => h.toLowerCase())]);
  return createServer((req, res) => {
    for (const [name, value] of Object.entries(security)) res.setHeader(name, value);
    handle(req, res, options.siteDir, overridden).catch((err) => {
      console.error('local gateway error', err);
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'The local gateway failed.');
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, siteDir: string, overridden: Set<string>): Promise<void> {
  const url = requestUrl(req.url);
  // API Gateway refuses a path it cannot decode with a 400 before any route or Lambda sees it.
  if (!url) return problem(res, 400, 'Bad request', 'The request path is not a valid URL path.', [{ name: 'path', reason: 'is not a valid URL path' }]);
  if (decodedPath(url.pathname) === undefined) {
    return problem(res, 400, 'Bad request', 'The request path has malformed percent-encoding.', [{ name: 'path', reason: 'has malformed percent-encoding' }]);
  }
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url, overridden);
  return serveSite(req, res, url, siteDir);
}

/**
 * The request target as a URL on this origin, or undefined when it is not an origin-form
 * path (`//host/…` must not be read as another host, nor a bare `//` as an invalid URL).
 */
function requestUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/')) return undefined;
  try {
    const url = new URL(`http://local${target}`);
    return url.host === 'local' ? url : undefined;
  } catch {
    return undefined;
  }
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, overridden: Set<string>): Promise<void> {
  const match = matchRoute(req.method ?? 'GET', url.pathname);
  if (!match) return problem(res, 404, 'Not found', `No route for ${url.pathname}.`);
  if (match === 'method-not-allowed') return problem(res, 405, 'Method not allowed', `${req.method} is not allowed on ${url.pathname}.`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return problem(res, 413, 'Payload too large', 'The request body is over 10 MB.');
    chunks.push(chunk as Buffer);
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const event = toApiGatewayEvent(req, url, match, Buffer.concat(chunks), sourceIp);
  const result = await apiLambda(match.route.lambda)(event, lambdaContext(`portico-${match.route.lambda}`));

  // The policy's headers win over the Lambda's (CloudFront's override), and removed ones go.
  const headers: Record<string, string | string[]> = Object.fromEntries(
    Object.entries((result.headers ?? {}) as Record<string, string>).filter(([name]) => !overridden.has(name.toLowerCase())),
  );
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  let body: Buffer | undefined = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined;
  const header = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1] as string | undefined;
  const encoding = API_RESPONSES_COMPRESSED ? chooseEncoding(req.headers['accept-encoding']) : undefined;
  if (body && encoding && !header('content-encoding') && isCompressible(header('content-type'), body.length)) {
    body = await compress[encoding](body);
    headers['content-encoding'] = encoding;
    headers.vary = 'Accept-Encoding';
  }
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

async function serveSite(req: IncomingMessage, res: ServerResponse, url: URL, siteDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method not allowed', 'The site is read-only.');
  const root = normalize(siteDir + sep);
  let file = normalize(join(siteDir, decodedPath(url.pathname)!));
  if (!file.startsWith(root) && file !== normalize(siteDir)) return problem(res, 404, 'Not found', 'No such file.');
  const isFile = existsSync(file) && statSync(file).isFile();
  // SPA fallback: a path that is not a file is a client-side route, except under /assets/.
  if (!isFile) {
    if (url.pathname.startsWith('/assets/')) return problem(res, 404, 'Not found', 'No such asset.');
    file = join(siteDir, 'index.html');
    if (!existsSync(file)) {
      return problem(res, 503, 'Site not built', "The portal site has not been built: run 'npm run build:web'.");
    }
  }
  const hashed = url.pathname.startsWith('/assets/');
  const contentType = MIME[extname(file)] ?? 'application/octet-stream';
  const body = await siteFile(file, contentType, SITE_RESPONSES_COMPRESSED ? chooseEncoding(req.headers['accept-encoding']) : undefined);
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-length': String(body.bytes.length),
    ...(body.encoding ? { 'content-encoding': body.encoding } : {}),
    // What CloudFront caches per encoding: a response that could have been compressed.
    ...(body.compressible ? { vary: 'Accept-Encoding' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body.bytes);
}

const compress: Record<Encoding, (data: Buffer) => Promise<Buffer>> = {
  // CloudFront does not say which levels it uses: defaults that are quick on first request.
  br: (data) => promisify(brotliCompress)(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data) => promisify(gzip)(data),
};

/** Files and their compressed forms, kept while the file is unchanged (a rebuild replaces them). */
const siteFiles = new Map<string, { version: string; raw: Buffer; encoded: Partial<Record<Encoding, Promise<Buffer>>> }>();

async function siteFile(
  file: string,
  contentType: string,
  encoding: Encoding | undefined,
): Promise<{ bytes: Buffer; encoding?: Encoding; compressible: boolean }> {
  const stat = statSync(file);
  const version = `${stat.mtimeMs}:${stat.size}`;
  let entry = siteFiles.get(file);
  if (entry?.version !== version) {
    entry = { version, raw: await readFile(file), encoded: {} };
    siteFiles.set(file, entry);
  }
  const compressible = isCompressible(contentType, entry.raw.length);
  if (!compressible || !encoding) return { bytes: entry.raw, compressible };
  entry.encoded[encoding] ??= compress[encoding](entry.raw);
  return { bytes: await entry.encoded[encoding]!, encoding, compressible };
}

function problem(res: ServerResponse, status: number, title: string, detail: string, errors?: { name: string; reason: string }[]): void {
  res.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }));
}
