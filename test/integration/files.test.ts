import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import { deleteFile, fileInfo, presignDownload, presignUpload, putFile } from '../../functions/lib/files';
import { handlerEnvironment } from '../../infra/local/runtime';
import { standInEndpoints } from '../support/stack';

/*
 * Against the run's s3rver. Two things about it shape this file:
 * - it knows only its own access key (S3RVER), not the `local` one the handlers'
 *   environment sets, so this file uses that key;
 * - it does not check SigV4 signatures at all, so a PUT of another type or size would be
 *   taken. A small proxy in front of it checks presigned URLs as S3 does (with the SDK's
 *   own signer) before passing requests on.
 */
const KEY = 'S3RVER';

let proxy: Server;
beforeAll(async () => {
  const endpoints = standInEndpoints();
  proxy = await signatureCheckingProxy(endpoints.s3);
  const proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  Object.assign(process.env, handlerEnvironment(endpoints, 'portico-files-test-unused', 'http://127.0.0.1:9', 9), {
    S3_ENDPOINT: proxyEndpoint,
    AWS_ACCESS_KEY_ID: KEY,
    AWS_SECRET_ACCESS_KEY: KEY,
  });
});
afterAll(() => new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve())));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the files bucket', () => {
  it('takes a presigned PUT of exactly the declared type and size', async () => {
    const key = `uploads/${randomUUID()}`;
    const body = bytes('%PDF-1.7 pretend');
    const ticket = await presignUpload(key, { contentType: 'application/pdf', size: body.length });
    expect(ticket.headers).toEqual({ 'content-type': 'application/pdf' });
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body });
    expect(put.status).toBe(200);
    expect(await fileInfo(key)).toEqual({ size: body.length, contentType: 'application/pdf' });
  });

  it('refuses a presigned PUT of another content type or another size', async () => {
    const key = `uploads/${randomUUID()}`;
    const body = bytes('twelve bytes');
    const ticket = await presignUpload(key, { contentType: 'image/png', size: body.length });
    const otherType = await fetch(ticket.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body });
    expect(otherType.status).toBe(403);
    const bigger = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes('twelve bytes and more') });
    expect(bigger.status).toBe(403);
    const noType = await fetch(ticket.url, { method: 'PUT', body });
    expect(noType.status).toBe(403);
    expect(await fileInfo(key)).toBeUndefined();
  });

  it('serves a presigned GET with the bytes and an attachment disposition naming the file', async () => {
    const key = `documents/${randomUUID()}.pdf`;
    const body = bytes('the invoice bytes');
    await putFile(key, body, { contentType: 'application/pdf' });
    const link = await presignDownload(key, { fileName: 'Invoice “INV-1001” (£).pdf', contentType: 'application/pdf' });
    expect(link.fileName).toBe('Invoice “INV-1001” (£).pdf');
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="Invoice _INV-1001_ (_).pdf"; filename*=UTF-8''Invoice%20%E2%80%9CINV-1001%E2%80%9D%20%28%C2%A3%29.pdf`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(link.fileName);
  });

  it('keeps line breaks and quotes out of the disposition header', async () => {
    const key = `documents/${randomUUID()}`;
    await putFile(key, bytes('x'), { contentType: 'text/plain' });
    const res = await fetch((await presignDownload(key, { fileName: 'a"b\r\nSet-Cookie: x=1.txt' })).url);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="a_bSet-Cookie: x=1.txt"; filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1.txt`);
  });

  it('has no info for a missing key, and none after a delete', async () => {
    expect(await fileInfo(`missing/${randomUUID()}`)).toBeUndefined();
    const key = `documents/${randomUUID()}`;
    await putFile(key, bytes('gone soon'), { contentType: 'text/plain', contentDisposition: 'attachment' });
    expect(await fileInfo(key)).toEqual({ size: 9, contentType: 'text/plain' });
    await deleteFile(key);
    expect(await fileInfo(key)).toBeUndefined();
  });
});

/**
 * Forwards to `target`, refusing (403) a presigned request whose SigV4 signature does not
 * match the request as it arrived, or that has expired, as S3 would. Requests signed in an
 * Authorization header (the SDK's own calls) pass through.
 */
async function signatureCheckingProxy(target: string): Promise<Server> {
  const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: KEY, secretAccessKey: KEY } });
  const presigner = new S3RequestPresigner({ ...s3.config, region: async () => 'eu-west-1' });
  const targetUrl = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const refusal = await checkPresigned(presigner, req.method ?? 'GET', req.url ?? '/', req.headers);
        if (refusal) {
          res.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>${refusal}</Code></Error>`);
          return;
        }
        const forward = httpRequest({ host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers }, (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        });
        forward.on('error', () => res.writeHead(502).end());
        forward.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function checkPresigned(presigner: S3RequestPresigner, method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>): Promise<string | undefined> {
  const url = new URL(rawUrl, 'http://placeholder');
  const q = url.searchParams;
  if (!q.has('X-Amz-Signature')) return undefined;
  const date = q.get('X-Amz-Date')!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
  const signingDate = new Date(date);
  const expiresIn = Number(q.get('X-Amz-Expires'));
  if (Date.now() > signingDate.getTime() + expiresIn * 1000) return 'AccessDenied';
  const signedHeaders = q.get('X-Amz-SignedHeaders')!.split(';');
  const query: Record<string, string> = {};
  for (const [name, value] of q) if (!/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Content-Sha256)$/.test(name)) query[name] = value;
  const signedValues: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headers[name];
    if (value !== undefined) signedValues[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const [hostname, port] = (signedValues.host ?? '').split(':');
  const again = await presigner.presign(new HttpRequest({ method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: url.pathname, query, headers: signedValues }), {
    signingDate,
    expiresIn,
    signableHeaders: new Set(signedHeaders),
  });
  return again.query?.['X-Amz-Signature'] === q.get('X-Amz-Signature') ? undefined : 'SignatureDoesNotMatch';
}
