/**
 * The one list of named actions a portal user may be granted. Routes, the site's
 * menus and the tests all read it from here.
 */
export const PERMISSIONS = [
  'quotes:read',
  'quotes:accept',
  'orders:read',
  'orders:sign',
  'orders:place',
  'invoices:read',
  'invoices:pay',
  'jobs:read',
  'artwork:approve',
  'purchase-orders:read',
  'purchase-orders:acknowledge',
  'supplier-bills:read',
  'messages:write',
  'catalog:read',
  'catalog:prices',
  'quote-requests:write',
  'job-requests:write',
  'tickets:read',
  'tickets:write',
  'knowledge-base:read',
  'projects:read',
  'profile:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Modules a tenant switches on for its portal (and may override per company). */
export const MODULES = [
  'quotes',
  'orders',
  'invoices',
  'jobs',
  'purchase-orders',
  'supplier-bills',
  'catalog',
  'tickets',
  'knowledge-base',
  'projects',
] as const;
export type Module = (typeof MODULES)[number];

/** Which module a permission belongs to; a permission of a switched-off module is never effective. */
export const PERMISSION_MODULE: Partial<Record<Permission, Module>> = {
  'quotes:read': 'quotes',
  'quotes:accept': 'quotes',
  'orders:read': 'orders',
  'orders:sign': 'orders',
  'orders:place': 'catalog',
  'invoices:read': 'invoices',
  'invoices:pay': 'invoices',
  'jobs:read': 'jobs',
  'artwork:approve': 'jobs',
  'purchase-orders:read': 'purchase-orders',
  'purchase-orders:acknowledge': 'purchase-orders',
  'supplier-bills:read': 'supplier-bills',
  'catalog:read': 'catalog',
  'catalog:prices': 'catalog',
  'quote-requests:write': 'quotes',
  'job-requests:write': 'jobs',
  'tickets:read': 'tickets',
  'tickets:write': 'tickets',
  'knowledge-base:read': 'knowledge-base',
  'projects:read': 'projects',
};

/** Navigation labels for the site, keyed by module, in menu order. */
export const MODULE_LABELS: Record<Module, string> = {
  quotes: 'Quotes',
  orders: 'Orders',
  invoices: 'Invoices',
  jobs: 'Jobs',
  'purchase-orders': 'Purchase orders',
  'supplier-bills': 'Supplier bills',
  catalog: 'Catalogue',
  tickets: 'Support',
  'knowledge-base': 'Knowledge base',
  projects: 'Projects',
};
