import { effectiveModules, effectivePermissions, editableFieldsOf, assertPortalAccess } from '../../functions/customers/access';
import {
  assertLinkAccess,
  defaultTeamFor,
  isLinkSession,
  linkPermissions,
  linkSessionSub,
  parseLinkSessionCookie,
} from '../../functions/documents/directLinks/directLinkAccess';
import { hashToken, newLinkToken } from '../../functions/core/secrets';
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
    expect(effectiveModules(['quotes'], null)).toEqual(['quotes']);
  });

  it('leaves a tenant module on when the company’s override for it is not a boolean', () => {
    expect(effectiveModules(['quotes', 'invoices'], { invoices: 'no', quotes: 0 })).toEqual(['quotes', 'invoices']);
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

describe('direct links', () => {
  const slugOf = (fn: () => void) => {
    try {
      fn();
      return 'admitted';
    } catch (err) {
      return (err as Problem).type;
    }
  };

  it('grant the document’s read permission, and of its own actions and the thread only what the recipient holds', () => {
    const everything = [...PERMISSIONS];
    expect(linkPermissions('quote', everything)).toEqual(['quotes:read', 'quotes:accept', 'messages:write']);
    expect(linkPermissions('sales-order', everything)).toEqual(['orders:read', 'orders:sign', 'messages:write']);
    expect(linkPermissions('invoice', everything)).toEqual(['invoices:read', 'invoices:pay', 'messages:write']);
    expect(linkPermissions('job', everything)).toEqual(['jobs:read', 'artwork:approve', 'messages:write']);
    expect(linkPermissions('purchase-order', everything)).toEqual(['purchase-orders:read', 'purchase-orders:acknowledge', 'messages:write']);
    expect(linkPermissions('supplier-bill', everything)).toEqual(['supplier-bills:read', 'messages:write']);
    // Nothing granted: still the read permission (staff chose to show the document), nothing more.
    expect(linkPermissions('invoice', [])).toEqual(['invoices:read']);
    // Another type's action is never lent to this one.
    expect(linkPermissions('quote', ['invoices:pay', 'orders:sign'])).toEqual(['quotes:read']);
  });

  it('give a recipient without a login the default team of their side', () => {
    expect(defaultTeamFor('purchase-order')).toBe('customer-portal-supplier-users');
    expect(defaultTeamFor('supplier-bill')).toBe('customer-portal-supplier-users');
    expect(defaultTeamFor('invoice')).toBe('customer-portal-users');
    expect(defaultTeamFor('quote')).toBe('customer-portal-users');
  });

  it('mark their sessions with a sub no Cognito user has', () => {
    expect(linkSessionSub('l-1')).toBe('direct-link:l-1');
    expect(isLinkSession({ sub: linkSessionSub('l-1') })).toBe(true);
    expect(isLinkSession({ sub: '2f1d9a7e-0000-4000-8000-000000000000' })).toBe(false);
    expect(isLinkSession({ sub: 'x-direct-link:l-1' })).toBe(false);
  });

  it('read their session cookie as the secret’s hash and the link id, and refuse anything else', () => {
    const secret = newLinkToken();
    expect(parseLinkSessionCookie(`${secret}.link-1`)).toEqual({ sessionId: hashToken(secret), linkId: 'link-1' });
    for (const bad of [
      undefined,
      '',
      secret,
      `${secret}.`,
      `${secret}.a.b`,
      `${secret}.bad id`,
      `${secret}.${'x'.repeat(65)}`,
      `${secret.slice(1)}.link-1`,
      `${secret}!.link-1`,
    ])
      expect(parseLinkSessionCookie(bad)).toBeUndefined();
    expect(parseLinkSessionCookie(`${secret}.${'x'.repeat(64)}`)?.linkId).toBe('x'.repeat(64));
  });

  it('obey the account, the portal and the company switches, in that order; a recipient without a login is fine', () => {
    const company = { companyId: 'c1', allowPortal: true };
    const on = { portalEnabled: true };
    expect(slugOf(() => assertLinkAccess(on, company, 'c1', undefined))).toBe('admitted');
    expect(slugOf(() => assertLinkAccess(on, company, 'c1', { status: 'invited' }))).toBe('admitted');
    expect(slugOf(() => assertLinkAccess({ portalEnabled: false }, undefined, 'c1', { status: 'deactivated' }))).toBe(problemType('account-deactivated'));
    expect(slugOf(() => assertLinkAccess({ portalEnabled: false }, company, 'c1', { status: 'active' }))).toBe(problemType('portal-disabled'));
    expect(slugOf(() => assertLinkAccess(on, undefined, 'c1', undefined))).toBe(problemType('company-not-allowed'));
    expect(slugOf(() => assertLinkAccess(on, company, 'c2', undefined))).toBe(problemType('company-not-allowed'));
    expect(slugOf(() => assertLinkAccess(on, { ...company, allowPortal: false }, 'c1', undefined))).toBe(problemType('company-not-allowed'));
  });
});
