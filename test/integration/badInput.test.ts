import { routes, routeKey, type RouteDefinition } from '../../functions/routes';
import { badInputCases } from '../support/badInput';
import { apiKeyCaller, portalUserViaAdminApi, signIn, type Caller } from '../support/callers';
import { DEMO_STAFF } from '../../infra/local/seed';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The bad-input suite, generated from the route table's own schemas: every route, given
 * malformed JSON, wrong types, missing and unknown fields, oversized strings and bad
 * path or query parameters, answers 4xx with a problem naming the field — never 5xx.
 * Callers are authorised for the route, so the parser (not the auth check) answers.
 */
jest.setTimeout(120_000);

let stack: TestStack;
const callers = {} as Record<RouteDefinition['caller'], Caller | undefined>;

beforeAll(async () => {
  stack = await startTestStack();
  const portal = await portalUserViaAdminApi(stack, 'demo');
  const staff = await signIn(stack, 'demo', DEMO_STAFF.email('demo'), DEMO_STAFF.password, 'staff');
  Object.assign(callers, {
    public: undefined,
    webhook: undefined,
    portal: portal.caller,
    staff,
    'api-key': apiKeyCaller('demo'),
    'staff-or-api-key': apiKeyCaller('demo'),
  });
});
afterAll(() => stack?.stop());

const table = routes.flatMap((route) =>
  badInputCases(route as RouteDefinition).map((c) => [`${routeKey(route)}: ${c.name}`, route as RouteDefinition, c] as const),
);

it('covers every route of the table', () => {
  const covered = new Set(table.map(([, route]) => routeKey(route)));
  expect([...covered].sort()).toEqual(routes.map(routeKey).sort());
});

it.each(table)('%s', async (_name, route, c) => {
  const caller = callers[route.caller];
  const headers: Record<string, string> = { ...(caller?.headers ?? {}), ...(c.headers ?? {}) };
  if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  const res = await stack.api('demo', c.path + (c.query ? `?${c.query}` : ''), { method: route.method, headers, body: c.body });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(c.expectStatus).toContain(res.status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await res.json()) as { errors?: { name: string }[] };
  const named = (problem.errors ?? []).map((e) => e.name);
  expect(named.some((n) => c.expectNamed.includes(n))).toBe(true);
});
