import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { API_RESPONSES_COMPRESSED, SITE_RESPONSES_COMPRESSED } from '../../infra/cloudfrontCompression';
import { FORWARD_HOST_SOURCE, SPA_FALLBACK_SOURCE } from '../../infra/stacks/site/edgeFunctions';
import { buildTestApp, fakeWebBuild, resourcesOf, type TestApp } from './support';

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

// The production shape: wildcard certificate and a site build to upload. Synthesized once.
let t: TestApp;
beforeAll(() => {
  t = buildTestApp({ certificateArn: CERT, portalBaseDomain: 'portal.example.com', webBuildDir: fakeWebBuild() });
});

type Handler = (event: unknown) => { uri: string; headers: Record<string, { value: string }> };
const load = (source: string): Handler => new Function(`${source}\nreturn handler;`)() as Handler;

describe('edge functions', () => {
  const spa = load(SPA_FALLBACK_SOURCE);
  const route = (uri: string) => spa({ request: { uri, headers: {} } }).uri;

  test('client-side routes get index.html; files pass through', () => {
    expect(route('/')).toBe('/index.html');
    expect(route('/quotes/q-1')).toBe('/index.html');
    expect(route('/assets/app-1a2b3c.js')).toBe('/assets/app-1a2b3c.js');
    expect(route('/favicon.svg')).toBe('/favicon.svg');
    expect(route('/v1.2/quotes')).toBe('/index.html'); // a dot in a directory is not a file
  });

  test('the viewer host always wins over a client-supplied x-forwarded-host', () => {
    const forward = load(FORWARD_HOST_SOURCE);
    const spoofed = forward({
      request: {
        uri: '/api/public/tenant',
        headers: { host: { value: 'demo.portal.example.com' }, 'x-forwarded-host': { value: 'victim.portal.example.com' } },
      },
    });
    expect(spoofed.headers['x-forwarded-host']).toEqual({ value: 'demo.portal.example.com' });
  });
});

describe('site stack with a certificate and a web build', () => {
  const distributionConfig = () =>
    resourcesOf<{ DistributionConfig: Record<string, any> }>(t.template('site'), 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;

  test('serves *.<portalBaseDomain> with SNI and TLS 1.2+', () => {
    const config = distributionConfig();
    expect(config.Aliases).toEqual(['*.portal.example.com']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
  });

  test('uploads hashed assets as immutable first, then the pages with revalidation and an invalidation', () => {
    const site = t.template('site');
    const deployments = site.findResources('Custom::CDKBucketDeployment') as Record<string, { Properties: Record<string, any>; DependsOn?: string[] }>;
    const entries = Object.entries(deployments);
    expect(entries).toHaveLength(2);
    const [assetsId, assets] = entries.find(([, d]) => !d.Properties.DistributionId)!;
    const [, pages] = entries.find(([, d]) => d.Properties.DistributionId)!;
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(pages.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=0, must-revalidate' });
    expect(pages.Properties.DistributionPaths).toEqual(['/*']);
    expect(pages.DependsOn).toEqual(expect.arrayContaining([expect.stringContaining(assetsId.slice(0, 12))]));
    expect(assets.Properties.Prune).toBe(false);
    expect(pages.Properties.Prune).toBe(false);

    // The staged sources: the content of assets/ in the first, everything else in the second.
    const staged = (d: { Properties: Record<string, any> }) => {
      const key = String(d.Properties.SourceObjectKeys[0]).replace(/\.zip$/, '');
      return readdirSync(join(t.app.outdir, `asset.${key}`)).sort();
    };
    expect(staged(assets)).toEqual(['app-1a2b3c.js']);
    expect(assets.Properties.DestinationBucketKeyPrefix).toBe('assets/');
    expect(staged(pages)).toEqual(['favicon.svg', 'index.html']);
  });
});

describe('compression, as the local gateway copies it', () => {
  const behaviours = () => {
    const config = resourcesOf<{ DistributionConfig: Record<string, any> }>(t.template('site'), 'AWS::CloudFront::Distribution')[0]!.Properties
      .DistributionConfig;
    return { site: config.DefaultCacheBehavior, api: config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*') };
  };

  // infra/cloudfrontCompression.ts states what CloudFront compresses and the gateway follows it:
  // a change here (say, an API cache policy with Gzip and Brotli) must change it there too.
  test('compresses the site (Compress, and CachingOptimized enables Gzip and Brotli)', () => {
    const { site } = behaviours();
    expect(SITE_RESPONSES_COMPRESSED).toBe(true);
    expect(site.Compress).toBe(true);
    expect(site.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
  });

  test('leaves API responses as the API sends them (CachingDisabled: TTL 0, neither encoding enabled)', () => {
    const { api } = behaviours();
    expect(API_RESPONSES_COMPRESSED).toBe(false);
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
  });
});
