import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

/** How long a JWKS request may take, connection and body included. */
const TIMEOUT_MS = 3_000;

/**
 * Fetches a pool's JWKS with Node's own http(s) client: https in the cloud, the http issuer
 * of cognito-local locally, the same code for both. Not the platform `fetch`: loading
 * undici for this one request cost a cold start 40–65 ms of CPU at the first signed-in
 * request (npm run bench); aws-jwt-verify's own fetcher speaks https only.
 */
export function fetchJwks(uri: string): Promise<ArrayBuffer> {
  const get = new URL(uri).protocol === 'http:' ? httpGet : httpsGet;
  return new Promise((resolve, reject) => {
    const req = get(uri, { timeout: TIMEOUT_MS }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`JWKS answered ${res.statusCode} at ${uri}`));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`JWKS took more than ${TIMEOUT_MS} ms at ${uri}`)));
    req.on('error', reject);
  });
}
