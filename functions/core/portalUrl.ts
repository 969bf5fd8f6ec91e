import { env } from '../aws/env';

/**
 * The address of a tenant's portal, for links in emails: the template is
 * `https://{slug}.<base domain>` in the cloud and `http://{slug}.localhost:3000` locally.
 */
export function portalUrl(slug: string, path = '/'): string {
  const base = env('PORTAL_URL_TEMPLATE').replace('{slug}', encodeURIComponent(slug));
  return base.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
