import { effectiveModules, effectivePermissions, editableFieldsOf, assertPortalAccess } from '../../functions/customers/access';
import type { Problem } from '../../functions/core/problems';
import { DEFAULT_TEAMS } from '../../functions/customers/teamRepository';
import { MODULES, PERMISSIONS, PERMISSION_MODULE } from '../../shared/permissions';
import { problemType } from '../../shared/problem';

const teams = [
  { teamId: 'a', permissions: ['quotes:read', 'invoices:pay', 'profile:write'] },
  { teamId: 'b', permissions: ['quotes:read', 'purchase-orders:read', 'messages:write'] },
  { teamId: 'c', permissions: ['tickets:write'] },
];

describe('effectiveModules', () => {
  it('is the tenant’s modules with the company’s overrides: true adds, false removes', () => {
    expect(effectiveModules(['quotes', 'invoices', 'jobs'], { jobs: false, catalog: true })).toEqual(['quotes', 'invoices', 'catalog']);
  });

  it('ignores overrides that are not booleans and modules Portico does not know, and keeps catalogue order', () => {
    expect(effectiveModules(['invoices', 'quotes', 'bogus'], { orders: 'yes', tickets: null, made_up: true })).toEqual(['quotes', 'invoices']);
    expect(effectiveModules(['quotes'], undefined)).toEqual(['quotes']);
    expect(effectiveModules([], {})).toEqual([]);
  });
});

describe('effectivePermissions', () => {
  it('is the union of the user’s teams only', () => {
    expect(effectivePermissions(teams, ['a', 'b'], [...MODULES])).toEqual([
      'quotes:read',
      'invoices:pay',
      'purchase-orders:read',
      'messages:write',
      'profile:write',
    ]);
    expect(effectivePermissions(teams, ['c'], [...MODULES])).toEqual(['tickets:write']);
    expect(effectivePermissions(teams, [], [...MODULES])).toEqual([]);
    expect(effectivePermissions(teams, ['no-such-team'], [...MODULES])).toEqual([]);
  });

  it('drops permissions of switched-off modules and keeps those that belong to no module', () => {
    expect(effectivePermissions(teams, ['a', 'b'], ['quotes'])).toEqual(['quotes:read', 'messages:write', 'profile:write']);
    expect(effectivePermissions(teams, ['a', 'b'], [])).toEqual(['messages:write', 'profile:write']);
  });

  it('never grants a permission Portico does not know', () => {
    expect(effectivePermissions([{ teamId: 'x', permissions: ['admin:everything', 'quotes:read'] }], ['x'], [...MODULES])).toEqual(['quotes:read']);
  });

  it('gives the default customer team everything it lists when every module is on, and only module-free ones when none is', () => {
    const customer = DEFAULT_TEAMS[0]!;
    expect(new Set(effectivePermissions(DEFAULT_TEAMS, [customer.teamId], [...MODULES]))).toEqual(new Set(customer.permissions));
    expect(effectivePermissions(DEFAULT_TEAMS, [customer.teamId], [])).toEqual(
      customer.permissions.filter((p) => !PERMISSION_MODULE[p]).sort((x, y) => PERMISSIONS.indexOf(x) - PERMISSIONS.indexOf(y)),
    );
  });

  it('follows the module map: ordering needs the catalogue module', () => {
    expect(effectivePermissions([{ teamId: 'x', permissions: ['orders:place', 'orders:read'] }], ['x'], ['orders'])).toEqual(['orders:read']);
  });
});

describe('editableFieldsOf', () => {
  it('defaults to name, phone and address; an explicit empty list means nothing is editable', () => {
    expect(editableFieldsOf({})).toEqual(['name', 'phone', 'address']);
    expect(editableFieldsOf({ editableProfileFields: [] })).toEqual([]);
    expect(editableFieldsOf({ editableProfileFields: ['companyAddress'] })).toEqual(['companyAddress']);
  });
});

describe('assertPortalAccess', () => {
  const slugOf = (fn: () => void) => {
    try {
      fn();
      return 'admitted';
    } catch (err) {
      return (err as Problem).type;
    }
  };
  const user = { status: 'active' as const, companyId: 'c1' };
  const company = { companyId: 'c1', allowPortal: true };

  it('admits an active user of an allowed company on a portal that is on', () => {
    expect(slugOf(() => assertPortalAccess({ portalEnabled: true }, user, company))).toBe('admitted');
  });

  it('refuses with the reason, account first, then the portal, then the company', () => {
    expect(slugOf(() => assertPortalAccess({ portalEnabled: false }, { ...user, status: 'deactivated' }, company))).toBe(problemType('account-deactivated'));
    expect(slugOf(() => assertPortalAccess({ portalEnabled: false }, user, { ...company, allowPortal: false }))).toBe(problemType('portal-disabled'));
    expect(slugOf(() => assertPortalAccess({ portalEnabled: true }, user, { ...company, allowPortal: false }))).toBe(problemType('company-not-allowed'));
    expect(slugOf(() => assertPortalAccess({ portalEnabled: true }, user, undefined))).toBe(problemType('company-not-allowed'));
    expect(slugOf(() => assertPortalAccess({ portalEnabled: true }, user, { ...company, companyId: 'other' }))).toBe(problemType('company-not-allowed'));
  });
});
