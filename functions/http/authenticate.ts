import type { CallerKind } from '../routes';
import { verifyIdToken } from '../lib/tokens';
import { verifyApiKey } from '../services/apiKeys';
import { forbidden, unauthorized } from './problem';
import { readCookie, SESSION_COOKIES } from './cookies';
import type { ApiEvent, Principal } from './types';
import type { Tenant } from '../repositories/tenantRepository';

/** Which credential kinds a caller kind accepts. */
const ACCEPTS: Record<CallerKind, Array<'portal' | 'staff' | 'api-key'>> = {
  public: [],
  webhook: [],
  portal: ['portal'],
  staff: ['staff'],
  'api-key': ['api-key'],
  'staff-or-api-key': ['staff', 'api-key'],
};

function bearer(event: ApiEvent): string | undefined {
  const header = event.headers?.authorization;
  return header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * Establishes the caller from a verified credential only: a Cognito ID token (cookie,
 * or bearer for tools), or a tenant API key. The tenant always comes from the
 * credential; when the Host also names a tenant, the two must agree.
 */
export async function authenticate(event: ApiEvent, caller: CallerKind, hostTenant: Tenant | undefined): Promise<Principal> {
  const accepts = ACCEPTS[caller];
  if (accepts.length === 0) return { kind: 'anonymous' };

  let principal: Exclude<Principal, { kind: 'anonymous' }> | undefined;
  const presented = bearer(event) ?? event.headers?.['x-api-key'];

  if (accepts.includes('api-key') && presented?.startsWith('ptk.')) {
    const key = await verifyApiKey(presented);
    if (key) principal = { kind: 'api-key', tenantId: key.tenantId, keyId: key.keyId, scopes: key.scopes };
  } else {
    for (const pool of ['portal', 'staff'] as const) {
      if (!accepts.includes(pool) || principal) continue;
      const token = readCookie(event.cookies, event.headers?.cookie, SESSION_COOKIES[pool]) ?? presented;
      const identity = token ? await verifyIdToken(pool, token) : undefined;
      if (!identity) continue;
      principal =
        pool === 'portal'
          ? { kind: 'portal', tenantId: identity.tenantId, userId: identity.sub, username: identity.username, permissions: [] }
          : { kind: 'staff', tenantId: identity.tenantId, userId: identity.sub, username: identity.username, groups: identity.groups };
    }
  }

  if (!principal) throw unauthorized();
  if (hostTenant && hostTenant.tenantId !== principal.tenantId) throw forbidden('This sign-in belongs to another portal.');
  return principal;
}
