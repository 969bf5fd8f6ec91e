import { optionalEnv } from '../aws/env';
import { tenantRepository, type Tenant } from './tenantRepository';

const HOST_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The Domain key for a Host header: `sub:<label>` for `<label>.<portal base domain>`,
 * `host:<name>` for a tenant's own domain; undefined for anything that is not a host name.
 */
export function hostKey(hostHeader: string | undefined, baseDomain = optionalEnv('PORTAL_BASE_DOMAIN') ?? 'localhost'): string | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  if (host.length > 253 || !HOST_PATTERN.test(host)) return undefined;
  const base = baseDomain.toLowerCase();
  if (host.endsWith(`.${base}`)) {
    const label = host.slice(0, -(base.length + 1));
    return label.includes('.') ? undefined : `sub:${label}`;
  }
  return `host:${host}`;
}

/** Host → tenant id changes rarely; remember it for a short while in a warm Lambda. */
const HOST_CACHE_MS = 60_000;
const hostCache = new Map<string, { tenantId: string | undefined; until: number }>();

/**
 * The tenant a Host names: its id (from the cached Domain lookup, so usually no read) and
 * its record, read when first asked for and then shared. The record is read on every
 * request that needs it, never cached: its portal switch must apply at once. Asking for
 * it separately lets a signed-in request read it beside the caller's own records, in one
 * round instead of two.
 */
export interface HostTenant {
  tenantId: string;
  record(): Promise<Tenant | undefined>;
}

export async function tenantForHost(hostHeader: string | undefined): Promise<HostTenant | undefined> {
  const key = hostKey(hostHeader);
  if (!key) return undefined;
  const now = Date.now();
  let cached = hostCache.get(key);
  if (!cached || cached.until < now) {
    cached = { tenantId: await tenantRepository.tenantIdForHost(key), until: now + HOST_CACHE_MS };
    hostCache.set(key, cached);
  }
  const tenantId = cached.tenantId;
  if (!tenantId) return undefined;
  let read: Promise<Tenant | undefined> | undefined;
  return { tenantId, record: () => (read ??= tenantRepository.get(tenantId)) };
}

/** The viewer's host: CloudFront forwards it as x-forwarded-host; the local gateway sets the same. */
export function viewerHost(headers: Record<string, string | undefined> | undefined): string | undefined {
  return headers?.['x-forwarded-host'] ?? headers?.host;
}
