import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MIN_COMPRESSED_BYTES } from '../../infra/cloudfrontCompression';
import { SITE_DIR } from '../../infra/local/runtime';
import { DEMO_PORTAL_USER } from '../../infra/local/seed';
import { securityHeaders } from '../../infra/securityHeaders';
import { CookieJar, jsonRequest } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The local gateway compresses the site as CloudFront does (infra/cloudfrontCompression.ts):
 * Brotli or Gzip by the viewer's Accept-Encoding, CloudFront's types, 1,000 to 10,000,000
 * bytes, the security headers kept; API responses go out uncompressed, as through
 * CloudFront's /api/* behaviour. Against the built site (npm test builds it first).
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
}, 60_000);
afterAll(() => stack?.stop());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => stack.api('demo', path, { method, headers });
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
/** The site's largest script (the app chunk): what compression is for. */
const largestScript = () =>
  `/assets/${readdirSync(join(SITE_DIR, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .sort((a, b) => statSync(join(SITE_DIR, 'assets', b)).size - statSync(join(SITE_DIR, 'assets', a)).size)[0]!}`;

function expectSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(securityHeaders('x'))) {
    if (name === 'content-security-policy') expect(res.headers.get(name)).toMatch(/^default-src 'self'/);
    else expect([name, res.headers.get(name)]).toEqual([name, value]);
  }
}

describe('the local gateway compresses the site like CloudFront', () => {
  it('sends the largest script with Gzip to a client that offers Gzip but not Brotli, the same bytes after gunzip', async () => {
    const path = largestScript();
    const raw = readFileSync(join(SITE_DIR, path));
    const res = await get(path, { 'accept-encoding': 'gzip, deflate' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await bytesOf(res);
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(body).equals(raw)).toBe(true);
    expectSecurityHeaders(res);
  });

  it('prefers Brotli when offered, and sends the file as it is when no encoding is acceptable', async () => {
    const path = largestScript();
    const raw = readFileSync(join(SITE_DIR, path));
    const br = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytesOf(br)).equals(raw)).toBe(true);
    for (const accept of [undefined, 'identity', 'deflate', 'gzip;q=0, br;q=0']) {
      const res = await get(path, accept ? { 'accept-encoding': accept } : {});
      expect([accept, res.headers.get('content-encoding')]).toEqual([accept, null]);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect((await bytesOf(res)).equals(raw)).toBe(true);
    }
  });

  it('compresses index.html for a client-side route, with its security headers and no-cache', async () => {
    const res = await get('/invoices/INV-1', { 'accept-encoding': 'gzip' });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(gunzipSync(await bytesOf(res)).toString('utf8')).toBe(readFileSync(join(SITE_DIR, 'index.html'), 'utf8'));
    expectSecurityHeaders(res);
  });

  it('leaves a file under 1,000 bytes uncompressed, as CloudFront does', async () => {
    const small = readdirSync(join(SITE_DIR, 'assets')).find((f) => /\.(css|js)$/.test(f) && statSync(join(SITE_DIR, 'assets', f)).size < MIN_COMPRESSED_BYTES);
    expect(small).toBeDefined();
    const res = await get(`/assets/${small}`, { 'accept-encoding': 'gzip, br' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect((await bytesOf(res)).equals(readFileSync(join(SITE_DIR, 'assets', small!)))).toBe(true);
  });

  it('answers HEAD with the headers and length GET would send, and no body', async () => {
    const path = largestScript();
    const [head, full] = [await get(path, { 'accept-encoding': 'gzip' }, 'HEAD'), await get(path, { 'accept-encoding': 'gzip' })];
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(head.headers.get('content-length')).toBe(full.headers.get('content-length'));
    expect((await bytesOf(head)).length).toBe(0);
  });

  it("sends API JSON as the API answered it, however large, as CloudFront's /api/* behaviour does", async () => {
    const jar = new CookieJar();
    const login = await stack.api(
      'demo',
      '/api/auth/login',
      jsonRequest('POST', { email: DEMO_PORTAL_USER.email('demo'), password: DEMO_PORTAL_USER.password }),
    );
    expect(login.status).toBe(200);
    jar.take(login);
    const res = await get('/api/dashboard', { ...jar.headers(), 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    const body = await bytesOf(res);
    expect(body.length).toBeGreaterThan(MIN_COMPRESSED_BYTES);
    expect(JSON.parse(body.toString('utf8'))).toHaveProperty('recentActivity');
  });
});
