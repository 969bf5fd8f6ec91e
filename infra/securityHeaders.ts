/**
 * Security headers of every site response. CloudFront's response headers policy (site
 * stack) and the local gateway both take them from here, so the site is tested locally
 * under the same CSP it runs under in the cloud.
 *
 * The site is one static build that talks only to its own origin (`/api/*`); tenant
 * logos may be data: URLs or come from any https host. Stripe Checkout is a full-page
 * redirect, which CSP does not govern; embedding Stripe.js later would need its
 * script/frame/connect sources added here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: https:",
  // Tenant branding is applied as CSS variables through inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Two years, the preload list's expectation. */
export const HSTS_MAX_AGE_DAYS = 730;

/** Features the portal never uses, switched off for every page. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** The same set as plain headers, for the local gateway. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_DAYS * 86_400}; includeSubDomains; preload`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};
