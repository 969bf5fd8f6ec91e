import { MODULES, PERMISSIONS, PERMISSION_MODULE, type Module, type Permission } from '../../shared/permissions';
import { PROBLEM_TYPES } from '../../shared/problem';
import type { ProfileField } from '../../shared/api/access';
import { forbidden } from '../core/problems';
import type { Company } from './companyRepository';
import type { PortalUser } from './portalUserRepository';
import { DEFAULT_EDITABLE_PROFILE_FIELDS, type Tenant } from './tenantRepository';

/**
 * What a portal user may see and do: the product rules of DESIGN §3 as pure functions,
 * shared by the auth context, sign-in, invitations and `/api/me`.
 */

/** The tenant's modules with the company's overrides applied: `true` adds a module, `false` removes it. */
export function effectiveModules(tenantModules: readonly string[], overrides: unknown): Module[] {
  const on = new Set<string>(tenantModules);
  if (overrides && typeof overrides === 'object') {
    for (const [module, enabled] of Object.entries(overrides as Record<string, unknown>)) {
      if (enabled === true) on.add(module);
      else if (enabled === false) on.delete(module);
    }
  }
  // Catalogue order, and only modules Portico knows, whatever was stored.
  return MODULES.filter((m) => on.has(m));
}

/**
 * The union of the permissions of the teams the user is in, limited by the effective
 * modules: a permission of a switched-off module is dropped; one that belongs to no
 * module (messages, profile) stays.
 */
export function effectivePermissions(
  teams: ReadonlyArray<{ teamId: string; permissions: readonly string[] }>,
  userTeamIds: readonly string[],
  modules: readonly Module[],
): Permission[] {
  const mine = new Set(userTeamIds);
  const granted = new Set<string>();
  for (const team of teams) if (mine.has(team.teamId)) for (const p of team.permissions) granted.add(p);
  const on = new Set<string>(modules);
  return PERMISSIONS.filter((p) => {
    if (!granted.has(p)) return false;
    const module = PERMISSION_MODULE[p];
    return !module || on.has(module);
  });
}

/** The My Details fields the tenant lets contacts edit (tenants saved before the setting existed get the default). */
export function editableFieldsOf(tenant: Pick<Tenant, 'editableProfileFields'>): ProfileField[] {
  return [...(tenant.editableProfileFields ?? DEFAULT_EDITABLE_PROFILE_FIELDS)];
}

export const accountDeactivated = () =>
  forbidden('This account has been deactivated. Contact the business if you think this is a mistake.', PROBLEM_TYPES.accountDeactivated);
export const portalDisabled = () => forbidden('The portal is switched off at the moment.', PROBLEM_TYPES.portalDisabled);
export const companyNotAllowed = () => forbidden('Your company does not have access to this portal.', PROBLEM_TYPES.companyNotAllowed);

/**
 * The switches that decide whether a known portal user may be in the portal at all, in
 * the order the site explains them: the account, the tenant's portal, the company.
 * Throws the matching 403 problem.
 */
export function assertPortalAccess(
  tenant: Pick<Tenant, 'portalEnabled'>,
  user: Pick<PortalUser, 'status' | 'companyId'>,
  company: Pick<Company, 'companyId' | 'allowPortal'> | undefined,
): void {
  if (user.status === 'deactivated') throw accountDeactivated();
  if (!tenant.portalEnabled) throw portalDisabled();
  if (!company || company.companyId !== user.companyId || !company.allowPortal) throw companyNotAllowed();
}
