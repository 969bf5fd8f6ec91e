import { routes, routeKey, activeGroups, ROUTE_GROUPS } from '../../functions/routes';
import { PERMISSIONS } from '../../shared/permissions';
import { localRouteKeys, matchRoute } from '../../infra/local/routing';

describe('the route table', () => {
  it('has one row per route key', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(routes.map((r) => [routeKey(r), r] as const))('%s is well formed', (_key, route) => {
    expect(route.path).toMatch(/^\/api(\/([a-z0-9-]+|\{[A-Za-z]+\}))+$/);
    expect(ROUTE_GROUPS).toContain(route.group);
    if ('permission' in route && route.permission) expect(PERMISSIONS).toContain(route.permission);
    // Every path parameter is parsed by the row's path schema, so none reaches a service unchecked.
    const params = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]);
    const pathSchema = (route as { input?: { path?: unknown } }).input?.path;
    if (params.length) expect(pathSchema).toBeDefined();
  });

  it.each(activeGroups())('every route of group %s is exported by its Lambda entry', async (group) => {
    // groupLambda throws at load when a row names a handler its group does not export.
    const entry = await import(`../../functions/${group}/lambda`);
    expect(typeof entry.handler).toBe('function');
    const handlers = await import(`../../functions/${group}/handlers`);
    for (const route of routes.filter((r) => r.group === group)) expect(typeof handlers[route.handler]).toBe('function');
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
