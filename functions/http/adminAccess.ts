import type { ApiKeyScope } from '../../shared/api/access';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { Caller } from '../core/callers';
import { forbidden } from '../core/problems';
import type { StaffGroup } from '../identity/staffGroups';
import type { RouteDefinition } from '../routes';

/**
 * Who among a tenant's own staff and keys may use an admin route, from the route's row:
 * a staff member needs its `role` among the groups of their verified ID token (a tenant
 * admin holds every staff role), an API key its `scope` (or `admin`, every scope) in its
 * stored record. A row that names none lets nobody of that kind in, so a row missing its
 * column fails closed (the route table's test asks every row to state it). Other callers
 * pass: their routes are guarded by their own checks.
 */
export function assertAdminAccess(route: Pick<RouteDefinition, 'role' | 'scope'>, caller: Caller): void {
  if (caller.kind === 'staff' && !holdsRole(caller.groups, route.role)) {
    throw forbidden(
      route.role === 'tenant-admin' ? 'Only a tenant admin may do this.' : 'Your staff login has no role that may do this.',
      PROBLEM_TYPES.roleRequired,
    );
  }
  if (caller.kind === 'api-key' && !holdsScope(caller.scopes, route.scope)) {
    throw forbidden(route.scope ? `This API key lacks the scope ${route.scope}.` : 'API keys may not use this route.', PROBLEM_TYPES.scopeRequired);
  }
}

/** `tenant-admin` may do all a `tenant-staff` member may. */
const ROLES_HOLDING: Record<StaffGroup, readonly StaffGroup[]> = {
  'tenant-admin': ['tenant-admin'],
  'tenant-staff': ['tenant-staff', 'tenant-admin'],
};

export function holdsRole(groups: readonly string[], role: StaffGroup | undefined): boolean {
  return !!role && ROLES_HOLDING[role].some((group) => groups.includes(group));
}

export function holdsScope(scopes: readonly string[], scope: ApiKeyScope | undefined): boolean {
  const admin: ApiKeyScope = 'admin';
  return !!scope && (scopes.includes(admin) || scopes.includes(scope));
}
