import { badRequest } from '../core/problems';
import { viewerHost } from '../customers/tenantHosts';
import type { ApiEvent } from './types';

/** One host name (or IPv4 address) or a bracketed IPv6 address, then an optional port. */
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;
const PORT = /^\d{1,5}$/;

/** The host name of a Host value, without its port; undefined when it is not one well-formed host. */
function hostNameOf(value: string): string | undefined {
  const host = value.trim().toLowerCase();
  const colon = host.startsWith('[') ? host.indexOf(']:') + 1 : host.lastIndexOf(':');
  const name = colon > 0 ? host.slice(0, colon) : host;
  if (colon > 0 && !PORT.test(host.slice(colon + 1))) return undefined;
  return name.length <= 253 && (NAME.test(name) || IPV6.test(name)) ? name : undefined;
}

/**
 * The viewer's host, checked before anything reads it: several Host values (repeated
 * headers arrive joined by commas) or one that is not a host name answer 400, so no
 * credential check ever runs on a host that is half one tenant's. No Host at all (an
 * HTTP/1.0 request) names no tenant.
 */
export function checkedViewerHost(event: ApiEvent): string | undefined {
  const value = viewerHost(event.headers);
  if (value === undefined) return undefined;
  if (!hostNameOf(value)) {
    throw badRequest([{ name: 'headers.host', reason: 'must be one host name' }], 'The request must name exactly one host.');
  }
  return value;
}
