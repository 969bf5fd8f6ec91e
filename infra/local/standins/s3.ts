import { mkdirSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { HttpRequest } from '@smithy/core/protocols';
import S3rver from 's3rver';
import { filesCorsXml } from '../../filesCors';
import type { StandIn } from './process';

/**
 * Access keys the stand-in knows, with their secrets: s3rver's own, and the one the local
 * handlers' environment sets (infra/local/runtime.ts), so handlers and the presigned URLs
 * they make work against it as against S3.
 */
const KEYS: Record<string, string> = { S3RVER: 'S3RVER', local: 'local' };

// s3rver keeps its known keys in a registry of its (untyped) account model.
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
for (const [id, secret] of Object.entries(KEYS)) DUMMY_ACCOUNT.createKeyPair(id, secret);

/**
 * s3rver does not check SigV4 signatures at all, so a presigned PUT of another size or
 * type, or an expired or tampered URL, would be taken. S3 refuses those, and uploads rely
 * on it (the signature covers content-type and content-length), so this stand-in checks
 * presigned requests as S3 does, with the SDK's own signer, before s3rver sees them.
 * Requests signed in an Authorization header (the SDK's own calls) and CORS preflights
 * (never signed) pass as they are.
 */
class CheckedS3rver extends S3rver {
  override callback(): ReturnType<S3rver['callback']> {
    const inner = super.callback();
    // Only ever served over HTTP/1.1 here (s3rver's own http server).
    return ((req: IncomingMessage, res: ServerResponse) => {
      void presignedRefusal(req.method ?? 'GET', req.url ?? '/', req.headers).then(
        (refusal) => {
          if (!refusal) return inner(req, res);
          req.resume();
          res
            .writeHead(403, { 'content-type': 'application/xml' })
            .end(
              `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal}</Code><Message>Refused by the local S3 stand-in's signature check.</Message></Error>`,
            );
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
        },
      );
    }) as ReturnType<S3rver['callback']>;
  }
}

/** s3rver in-process, with the files bucket (and its CORS rule) created; objects persist under `dir`. */
export async function startS3Local(options: { port: number; dir: string; buckets: string[] }): Promise<StandIn> {
  mkdirSync(options.dir, { recursive: true });
  const server = new CheckedS3rver({
    port: options.port,
    address: '127.0.0.1',
    directory: options.dir,
    silent: true,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [filesCorsXml()] })),
  });
  await server.run();
  return {
    name: 'local S3',
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const presigners = new Map<string, S3RequestPresigner>();
function presignerFor(accessKeyId: string, region: string): S3RequestPresigner | undefined {
  const secretAccessKey = KEYS[accessKeyId];
  if (!secretAccessKey) return undefined;
  const id = `${accessKeyId}/${region}`;
  let presigner = presigners.get(id);
  if (!presigner) {
    const client = new S3Client({ region, credentials: { accessKeyId, secretAccessKey } });
    presigner = new S3RequestPresigner({ ...client.config, region: async () => region });
    presigners.set(id, presigner);
  }
  return presigner;
}

/** Why S3 would refuse this presigned request (an S3 error code), or undefined when it is fine or not presigned. */
export async function presignedRefusal(method: string, rawUrl: string, headers: IncomingHttpHeaders): Promise<string | undefined> {
  const url = new URL(rawUrl, 'http://placeholder');
  const q = url.searchParams;
  if (method === 'OPTIONS' || !q.has('X-Amz-Signature')) return undefined;
  const [accessKeyId = '', , region = ''] = (q.get('X-Amz-Credential') ?? '').split('/');
  const presigner = presignerFor(accessKeyId, region);
  if (!presigner) return 'InvalidAccessKeyId';
  const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(q.get('X-Amz-Date') ?? '');
  if (!stamp) return 'AuthorizationQueryParametersError';
  const signingDate = new Date(`${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:${stamp[6]}Z`);
  const expiresIn = Number(q.get('X-Amz-Expires'));
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) return 'AuthorizationQueryParametersError';
  if (Date.now() > signingDate.getTime() + expiresIn * 1000) return 'AccessDenied';
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of q) if (!/^X-Amz-(Algorithm|Credential|Date|Expires|SignedHeaders|Signature|Content-Sha256)$/.test(name)) query[name] = value;
  const signedValues: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headers[name];
    if (value !== undefined) signedValues[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const [hostname = '', port] = (signedValues.host ?? '').split(':');
  const again = await presigner.presign(
    new HttpRequest({ method, protocol: 'http:', hostname, port: port ? Number(port) : undefined, path: url.pathname, query, headers: signedValues }),
    { signingDate, expiresIn, signableHeaders: new Set(signedHeaders) },
  );
  return again.query?.['X-Amz-Signature'] === q.get('X-Amz-Signature') ? undefined : 'SignatureDoesNotMatch';
}
