import { lazy, useMemo, type ReactNode } from 'react';
import { MODULE_LABELS, MODULES, PERMISSION_MODULE, type Module, type Permission } from '../../shared/permissions';
import { useMe } from './session';
import { useTenant } from './tenant';

/** Where each module lives in the site: `/quotes`, `/purchase-orders`, … */
export const modulePath = (module: Module): string => `/${module}`;

/**
 * The page of each module, filled in as the modules are built (one line each). A module
 * without a page here is never offered (menu, dashboard), and a visit to its path shows
 * "page not found", even when the tenant has switched it on.
 */
// The document pages load on demand, in one chunk for all six types.
// A full page load of a module's address starts loading them at once (routeStart.ts).
const Documents = lazy(() => import('./documents/DocumentsModule'));
// The shop (catalogue, cart, checkout, requests) loads on demand too.
const Commerce = lazy(() => import('./commerce/CommerceModule'));

export const MODULE_PAGES: Partial<Record<Module, () => ReactNode>> = {
  quotes: () => <Documents type="quote" />,
  orders: () => <Documents type="sales-order" />,
  invoices: () => <Documents type="invoice" />,
  jobs: () => <Documents type="job" />,
  'purchase-orders': () => <Documents type="purchase-order" />,
  'supplier-bills': () => <Documents type="supplier-bill" />,
  catalog: () => <Commerce />,
};

/** Modules the site has pages for, in menu (MODULE_LABELS) order. */
export const BUILT_MODULES: readonly Module[] = (Object.keys(MODULE_LABELS) as Module[]).filter((m) => MODULES.includes(m) && MODULE_PAGES[m]);

export interface NavItem {
  to: string;
  label: string;
  module?: Module;
}

/**
 * The modules the site offers a signed-in user, in menu order: built (a page in
 * MODULE_PAGES), switched on for the tenant, and — once `/api/me` has answered — for the
 * user's company (`modules`), with at least one of its permissions held by the user (the
 * API enforces the same; this only tidies the site).
 */
export function offeredModules(tenantModules: readonly Module[], permissions?: readonly string[], companyModules?: readonly string[]): Module[] {
  const held = permissions ? new Set(permissions.map((p) => PERMISSION_MODULE[p as Permission]).filter(Boolean)) : null;
  return BUILT_MODULES.filter((m) => tenantModules.includes(m) && (!companyModules || companyModules.includes(m)) && (!held || held.has(m)));
}

/** The menu of a signed-in user: Dashboard, then each offered module. */
export function navItems(tenantModules: readonly Module[], permissions?: readonly string[], companyModules?: readonly string[]): NavItem[] {
  return [
    { to: '/', label: 'Dashboard' },
    ...offeredModules(tenantModules, permissions, companyModules).map((m) => ({ to: modulePath(m), label: MODULE_LABELS[m], module: m })),
  ];
}

/** The modules offered to the signed-in user (see offeredModules); for pages below the shell. */
export function useOfferedModules(): ReadonlySet<Module> {
  const tenant = useTenant();
  const me = useMe();
  return useMemo(() => new Set(offeredModules(tenant.modules, me.permissions, me.modules)), [tenant.modules, me.permissions, me.modules]);
}
