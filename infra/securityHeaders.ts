/**
 * Security headers of every site response. CloudFront's response headers policy (site
 * stack) and the local gateway both take them from here, so the site is tested locally
 * under the same CSP it runs under in the cloud.
 *
 * The site is one static build that talks to its own origin (`/api/*`) and, for file
 * uploads, to the files bucket: the page PUTs each attachment to a presigned S3 URL, so
 * the bucket's origin is in `connect-src` (downloads are navigations, which `connect-src`
 * does not govern). That origin differs per deployment (the bucket's regional domain in
 * the cloud, the S3 stand-in's address locally), hence a function of it. Tenant logos may
 * be data: URLs or come from any https host. Stripe Checkout is a full-page redirect,
 * which CSP does not govern; embedding Stripe.js later would need its script/frame/connect
 * sources added here.
 */
export function contentSecurityPolicy(filesOrigin: string): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: https:",
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

/** Two years, the preload list's expectation. */
export const HSTS_MAX_AGE_DAYS = 730;

/** Features the portal never uses, switched off for every page. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** The same set as plain headers, for the local gateway (with the S3 stand-in's origin). */
export const securityHeaders = (filesOrigin: string): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(filesOrigin),
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_DAYS * 86_400}; includeSubDomains; preload`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': PERMISSIONS_POLICY,
});
