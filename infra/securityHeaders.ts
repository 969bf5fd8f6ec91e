/**
 * The security headers of every response through CloudFront, site and `/api/*` alike
 * (JSON, problems, the site's pages, its 404s and any 500). One policy, read by both
 * runtimes: the site stack turns it into CloudFront's response headers policy, and the
 * local gateway sends it as plain headers, overriding what the origin sent, as CloudFront
 * does with `override: true`. test/integration/gatewayEdges.test.ts compares the two.
 *
 * The site is one static build that talks to its own origin (`/api/*`) and, for file
 * uploads, to the files bucket: the page PUTs each attachment to a presigned S3 URL, so
 * the bucket's origin is in `connect-src` (downloads are navigations, which `connect-src`
 * does not govern). That origin differs per deployment (the bucket's regional domain in
 * the cloud, the S3 stand-in's address locally), hence a function of it. Tenant logos may
 * be data: URLs or come from any https host. Product pictures are presigned GETs of the
 * files bucket: https in the cloud, the stand-in's http address locally, so the bucket's
 * origin is in `img-src` too. Stripe Checkout is a full-page redirect,
 * which CSP does not govern; embedding Stripe.js later would need its script/frame/connect
 * sources added here.
 */
export function contentSecurityPolicy(filesOrigin: string): string {
  return [
    "default-src 'self'",
    `img-src 'self' data: https: ${filesOrigin}`,
    // Tenant branding is applied as CSS variables through inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    `connect-src 'self' ${filesOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The policy in CloudFront's terms (ResponseHeadersPolicy's security and custom headers). */
export interface SecurityHeaderPolicy {
  contentSecurityPolicy: string;
  strictTransportSecurity: { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean };
  /** CloudFront's only content type option: `nosniff`. */
  contentTypeOptions: true;
  frameOption: 'DENY' | 'SAMEORIGIN';
  referrerPolicy: 'no-referrer' | 'same-origin' | 'strict-origin' | 'strict-origin-when-cross-origin';
  /** Headers CloudFront's custom headers behaviour adds. */
  custom: Record<string, string>;
  /** Headers CloudFront removes from the origin's response. */
  removed: string[];
}

/** Two years, the preload list's expectation. */
export const HSTS_MAX_AGE_DAYS = 730;

/** Features the portal never uses, switched off for every page. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

export const securityHeaderPolicy = (filesOrigin: string): SecurityHeaderPolicy => ({
  contentSecurityPolicy: contentSecurityPolicy(filesOrigin),
  strictTransportSecurity: { maxAgeSeconds: HSTS_MAX_AGE_DAYS * 86_400, includeSubdomains: true, preload: true },
  contentTypeOptions: true,
  frameOption: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  custom: { 'Permissions-Policy': PERMISSIONS_POLICY },
  removed: ['Server'],
});

/** The headers CloudFront sends for a policy, lower-cased: what the local gateway puts on every response. */
export function policyHeaders(policy: SecurityHeaderPolicy): Record<string, string> {
  const hsts = policy.strictTransportSecurity;
  return {
    'content-security-policy': policy.contentSecurityPolicy,
    'strict-transport-security': [
      `max-age=${hsts.maxAgeSeconds}`,
      ...(hsts.includeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.preload ? ['preload'] : []),
    ].join('; '),
    ...(policy.contentTypeOptions ? { 'x-content-type-options': 'nosniff' } : {}),
    'x-frame-options': policy.frameOption,
    'referrer-policy': policy.referrerPolicy,
    ...Object.fromEntries(Object.entries(policy.custom).map(([name, value]) => [name.toLowerCase(), value])),
  };
}

/** The same set as plain headers, for the local gateway (with the S3 stand-in's origin). */
export const securityHeaders = (filesOrigin: string): Record<string, string> => policyHeaders(securityHeaderPolicy(filesOrigin));
