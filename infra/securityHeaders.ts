/**
 * Security headers of every site response: CloudFront's response headers policy and
 * the local gateway both take them from here, so the site is tested under the same CSP
 * it runs under in the cloud.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Tenant branding is applied as CSS variables through inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  // Logos may be data: URLs or https images on the tenant's own site.
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
