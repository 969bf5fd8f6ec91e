import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { PROBLEM_CONTENT_TYPE } from '../../shared/problem';
import { securityHeaders } from '../securityHeaders';
import { toApiGatewayEvent } from './apiGatewayEvent';
import { apiLambda, lambdaContext } from './lambdaRuntime';
import { matchRoute } from './routing';

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
 * table to the group's Lambda entry as an API Gateway v2 event; everything else is the
 * built site, with the SPA fallback and the cloud's security headers.
 */
export function createGateway(options: { siteDir: string; filesOrigin: string }): Server {
  const headers = securityHeaders(options.filesOrigin);
  return createServer((req, res) => {
    handle(req, res, options.siteDir, headers).catch((err) => {
      console.error('local gateway error', err);
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'The local gateway failed.');
      else res.end();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, siteDir: string, headers: Record<string, string>): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url);
  return serveSite(req, res, url, siteDir, headers);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
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
  const result = await apiLambda(match.route.group)(event, lambdaContext(`portico-${match.route.group}`));

  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

function serveSite(req: IncomingMessage, res: ServerResponse, url: URL, siteDir: string, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return problem(res, 405, 'Method not allowed', 'The site is read-only.');
  const root = normalize(siteDir + sep);
  let file = normalize(join(siteDir, decodeURIComponent(url.pathname)));
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
  res.writeHead(200, {
    ...headers,
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  res.writeHead(status, { 'content-type': PROBLEM_CONTENT_TYPE });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}
