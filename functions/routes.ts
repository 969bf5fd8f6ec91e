import type { ZodMiniType } from 'zod/mini';
import type { Permission } from '../shared/permissions';

/**
 * The route table: the one contract both runtimes are built from. The CDK api stack
 * makes one Lambda per `group` (entry `functions/<group>/lambda.ts`) and one HTTP API
 * route per row; the local gateway serves the same rows through the same Lambda entry.
 * Adding a route is one row here plus its handler in `functions/<group>/handlers.ts`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route; the auth middleware enforces it. */
export type CallerKind = 'public' | 'portal' | 'staff' | 'api-key' | 'staff-or-api-key' | 'webhook';

export const ROUTE_GROUPS = ['public', 'auth', 'portal', 'admin', 'payments'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway path syntax: `/api/admin/contacts/{contactId}`. */
  path: string;
  group: RouteGroup;
  /** Export name in `functions/<group>/handlers.ts`. */
  handler: string;
  caller: CallerKind;
  /** Required permission for portal callers. */
  permission?: Permission;
  description: string;
  /**
   * zod schemas of the route's input (from `shared/api/`). The handler factory parses
   * with them and the bad-input suite generates its cases from them.
   */
  input?: { path?: ZodMiniType; query?: ZodMiniType; body?: ZodMiniType };
}

export const routes = [
  { method: 'GET', path: '/api/health', group: 'public', handler: 'health', caller: 'public', description: 'Liveness of the API and its table' },
  { method: 'GET', path: '/api/public/tenant', group: 'public', handler: 'getPublicTenant', caller: 'public', description: "Branding and modules of the Host's tenant" },

] as const satisfies readonly RouteDefinition[];

export type Route = (typeof routes)[number];
export type RouteKey = `${Route['method']} ${Route['path']}`;

/** API Gateway route key, e.g. `GET /api/health`. */
export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOfGroup = (group: RouteGroup): RouteDefinition[] => routes.filter((r) => r.group === group);

/** Groups that have at least one route; each becomes one Lambda function. */
export const activeGroups = (): RouteGroup[] => ROUTE_GROUPS.filter((g) => routes.some((r) => r.group === g));
