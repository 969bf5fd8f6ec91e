import { lazy, type ReactNode } from 'react';
import { MODULE_LABELS, MODULES, PERMISSION_MODULE, type Module, type Permission } from '../../shared/permissions';

/** Where each module lives in the site: `/quotes`, `/purchase-orders`, … */
export const modulePath = (module: Module): string => `/${module}`;

/**
 * The page of each module, filled in as the modules are built (one line each). A module
 * without a page here shows "page not found" even when the tenant has switched it on.
 */
// The document pages load on demand, in one chunk for all six types.
const Documents = lazy(() => import('./documents/DocumentsModule'));

export const MODULE_PAGES: Partial<Record<Module, () => ReactNode>> = {
  quotes: () => <Documents type="quote" />,
  orders: () => <Documents type="sales-order" />,
  invoices: () => <Documents type="invoice" />,
  jobs: () => <Documents type="job" />,
  'purchase-orders': () => <Documents type="purchase-order" />,
  'supplier-bills': () => <Documents type="supplier-bill" />,
};

export interface NavItem {
  to: string;
  label: string;
  module?: Module;
}

/**
 * The menu of a signed-in user: Dashboard, then the tenant's modules in MODULE_LABELS
 * order. Once `/api/me` has answered, a module shows only when it is switched on for the
 * user's company (`modules`) and the user holds at least one of its permissions (the
 * API enforces the same; this only tidies the menu).
 */
export function navItems(tenantModules: readonly Module[], permissions?: readonly string[], companyModules?: readonly string[]): NavItem[] {
  const held = permissions ? new Set(permissions.map((p) => PERMISSION_MODULE[p as Permission]).filter(Boolean)) : null;
  const ordered = (Object.keys(MODULE_LABELS) as Module[]).filter((m) => MODULES.includes(m));
  return [
    { to: '/', label: 'Dashboard' },
    ...ordered
      .filter((m) => tenantModules.includes(m) && (!companyModules || companyModules.includes(m)) && (!held || held.has(m)))
      .map((m) => ({ to: modulePath(m), label: MODULE_LABELS[m], module: m })),
  ];
}
