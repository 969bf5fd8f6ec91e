import { routes, routeKey, activeLambdas, API_LAMBDAS, ROOMS, type RouteDefinition } from '../../functions/routes';
import { STAFF_GROUPS } from '../../functions/identity/staffGroups';
import { API_KEY_SCOPES } from '../../shared/api/access';
import { PERMISSIONS } from '../../shared/permissions';
import { localRouteKeys, matchRoute } from '../../infra/local/routing';

const STAFF_ROLES = Object.keys(STAFF_GROUPS) as string[];
/** A row names one precise scope; `admin` (every scope) is a key's, never a route's. */
const ROUTE_SCOPES = API_KEY_SCOPES.filter((s) => s !== 'admin');

describe('the route table', () => {
  it('has one row per route key', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s is well formed', (_key, route) => {
    expect(route.path).toMatch(/^\/api(\/([a-z0-9-]+|\{[A-Za-z]+\}))+$/);
    expect(API_LAMBDAS).toContain(route.lambda);
    expect(ROOMS).toContain(route.room);
    if ('permission' in route && route.permission) expect(PERMISSIONS).toContain(route.permission);
    // Every path parameter is parsed by the row's path schema, so none reaches a service unchecked.
    const params = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
    const pathSchema = (route as { input?: { path?: unknown } }).input?.path;
    if (params.length) expect(pathSchema).toBeDefined();
    // Every row a staff member or a CRM key may call says which role or scope it needs, and no other row does.
    const { role, scope } = route as RouteDefinition;
    const staff = ['staff', 'staff-or-api-key'].includes(route.caller);
    const key = ['api-key', 'staff-or-api-key'].includes(route.caller);
    if (staff) expect(STAFF_ROLES).toContain(role);
    else expect(role).toBeUndefined();
    if (key) expect(ROUTE_SCOPES).toContain(scope);
    else expect(scope).toBeUndefined();
  });

  it.each(activeLambdas())('every route of Lambda %s has its handler in its room, and nothing more', async (lambda) => {
    const entry = await import(`../../functions/lambdas/${lambda}`);
    expect(typeof entry.handler).toBe('function');
    const served = routes.filter((r) => r.lambda === lambda);
    for (const room of new Set(served.map((r) => r.room))) {
      // A room's handlers are its default export, or (the commerce room, one module per part) its named exports.
      const module = await import(`../../functions/${room}/handlers/${lambda}`);
      const handlers = module.default ?? module;
      const names = served.filter((r) => r.room === room).map((r) => r.handler);
      for (const name of names) expect(typeof handlers[name]).toBe('function');
      // A handler no row names would be bundled for nothing.
      expect(Object.keys(handlers).sort()).toEqual([...names].sort());
    }
  });

  it('is what the local gateway serves', () => {
    expect(localRouteKeys()).toEqual(routes.map(routeKey).sort());
  });
});

describe('local route matching', () => {
  it('matches a literal route and reports a wrong method', () => {
    expect(matchRoute('GET', '/api/health')).toMatchObject({ key: 'GET /api/health' });
    expect(matchRoute('POST', '/api/health')).toBe('method-not-allowed');
    expect(matchRoute('GET', '/api/unknown')).toBeUndefined();
    expect(matchRoute('GET', '/api/health/')).toBeUndefined();
  });
});
