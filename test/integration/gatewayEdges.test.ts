import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway } from '../../infra/local/gateway';
import { freePort } from '../../infra/local/standins/process';
import { buildTestApp, resourcesOf } from '../infra/support';
import { requestWithHost, startTestStack, type TestStack } from '../support/stack';

/**
 * The local gateway answers where CloudFront and API Gateway would, before any Lambda:
 * a path it cannot decode is a 400 problem, not a 500; and every response, API or site,
 * success, problem or 500, carries the security headers of the site stack's response
 * headers policy, the same set as the synthesized template says CloudFront adds.
 */

/** A tiny site build: a page and one asset. */
function siteBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-site-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Portico</title>');
  writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  return dir;
}

let stack: TestStack;
/** A second gateway whose site cannot be read (index.html is a directory): its own 500. */
let broken: { server: Server; port: number };
/** The CloudFront response headers policy, synthesised once. */
let cloudPolicy: { headers: Record<string, string>; removed: string[] };
beforeAll(async () => {
  // Synthesised before any request: the synth blocks this process (the gateway's too) for
  // seconds under load, long enough for a kept-alive socket to time out on the server just
  // as the client reuses it (ECONNRESET).
  cloudPolicy = cloudHeaders();
  stack = await startTestStack({ siteDir: siteBuild() });
  const dir = mkdtempSync(join(tmpdir(), 'portico-broken-site-'));
  mkdirSync(join(dir, 'index.html'));
  const server = createGateway({ siteDir: dir, filesOrigin: new URL(stack.endpoints.s3).origin });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  broken = { server, port };
}, 60_000);
afterAll(async () => {
  broken?.server.close();
  await stack?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => stack.api('demo', path, { headers });
const jsonOf = async (res: Response) => (await res.json()) as { status: number; errors?: { name: string }[] };

describe('malformed percent-encoding is a 400 problem, as API Gateway answers it', () => {
  it.each(['/%', '/%ZZ', '/invoices/%E0%A4%A', '/api/admin/documents/invoice/%ZZ', '/api/documents/%', '/api/%C3%28'])('%s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await jsonOf(res);
    expect(body.status).toBe(400);
    expect(body.errors?.map((e) => e.name)).toEqual(['path']);
  });

  it('`//` and `//host/…` are paths of this origin (the site), never another host and never a 500', async () => {
    for (const path of ['//', '//evil.example/api/public/tenant']) {
      const res = await get(path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
    }
  });
});

/** The headers CloudFront adds by the template's ResponseHeadersPolicy, with the files origin (only known at deploy) as `<files>`. */
function cloudHeaders(): { headers: Record<string, string>; removed: string[] } {
  const [policy] = resourcesOf<{ ResponseHeadersPolicyConfig: CloudFrontPolicy }>(buildTestApp().template('site'), 'AWS::CloudFront::ResponseHeadersPolicy');
  const config = policy!.Properties.ResponseHeadersPolicyConfig;
  const s = config.SecurityHeadersConfig;
  const headers: Record<string, string> = {};
  if (s.ContentSecurityPolicy) headers['content-security-policy'] = flattenJoin(s.ContentSecurityPolicy.ContentSecurityPolicy);
  if (s.StrictTransportSecurity) {
    const h = s.StrictTransportSecurity;
    headers['strict-transport-security'] = [
      `max-age=${h.AccessControlMaxAgeSec}`,
      ...(h.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(h.Preload ? ['preload'] : []),
    ].join('; ');
  }
  if (s.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
  if (s.FrameOptions) headers['x-frame-options'] = s.FrameOptions.FrameOption;
  if (s.ReferrerPolicy) headers['referrer-policy'] = s.ReferrerPolicy.ReferrerPolicy;
  if (s.XSSProtection) headers['x-xss-protection'] = 'set'; // not used by Portico: would fail the comparison below
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[item.Header.toLowerCase()] = item.Value;
  return { headers, removed: (config.RemoveHeadersConfig?.Items ?? []).map((i) => i.Header.toLowerCase()) };
}

interface CloudFrontPolicy {
  SecurityHeadersConfig: {
    ContentSecurityPolicy?: { ContentSecurityPolicy: unknown };
    StrictTransportSecurity?: { AccessControlMaxAgeSec: number; IncludeSubdomains?: boolean; Preload?: boolean };
    ContentTypeOptions?: unknown;
    FrameOptions?: { FrameOption: string };
    ReferrerPolicy?: { ReferrerPolicy: string };
    XSSProtection?: unknown;
  };
  CustomHeadersConfig?: { Items: { Header: string; Value: string }[] };
  RemoveHeadersConfig?: { Items: { Header: string }[] };
}

/** `Fn::Join` resolved; the files bucket's domain (a stack output) as `<files>`. */
function flattenJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(flattenJoin).join(join[0]);
  expect(JSON.stringify(value)).toMatch(/Files[0-9A-F]{8}RegionalDomainName/);
  return '<files>';
}

describe('every local response carries the security headers CloudFront adds in the cloud', () => {
  let expected: { headers: Record<string, string>; removed: string[] };
  beforeAll(() => {
    expected = cloudPolicy;
  });

  /** The response's headers of the policy's names, with the S3 stand-in's origin as the cloud's `https://<files>`. */
  const sent = (res: Response) => {
    const files = new URL(stack.endpoints.s3).origin;
    return Object.fromEntries(Object.keys(expected.headers).map((name) => [name, res.headers.get(name)?.replaceAll(files, 'https://<files>') ?? null]));
  };

  it('the template names the whole set: CSP, HSTS, nosniff, frame options, referrer and permissions policies', () => {
    expect(Object.keys(expected.headers).sort()).toEqual(
      ['content-security-policy', 'permissions-policy', 'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options'].sort(),
    );
    expect(expected.headers['content-security-policy']).toContain("connect-src 'self' https://<files>;");
    // Product pictures are presigned GETs of the files bucket (the stand-in's http origin locally).
    expect(expected.headers['content-security-policy']).toContain("img-src 'self' data: https: https://<files>;");
  });

  const cases: Array<[string, () => Promise<Response>, number]> = [
    ['a JSON reply', () => get('/api/public/tenant'), 200],
    ["a Lambda's problem", () => get('/api/me'), 401],
    ["the gateway's own problem (no route)", () => get('/api/no-such-route'), 404],
    ['a malformed path', () => get('/api/%ZZ'), 400],
    ["the site's index (a client-side route)", () => get('/invoices/INV-1'), 200],
    ["the site's asset", () => get('/assets/app-1a2b3c.js'), 200],
    ["the site's 404", () => get('/assets/missing-0000.js'), 404],
    ['a 500', () => requestWithHost(broken.port, `demo.localhost:${broken.port}`, '/'), 500],
  ];
  it.each(cases)('%s', async (_name, request, status) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(sent(res)).toEqual(expected.headers);
    for (const name of expected.removed) expect([name, res.headers.get(name)]).toEqual([name, null]);
  });
});
