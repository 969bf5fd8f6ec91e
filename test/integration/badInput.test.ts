import { routes, routeKey, type RouteDefinition } from '../../functions/routes';
import { badInputCases, isPaged, samplePath } from '../support/badInput';
import { apiKeyCaller, portalUserViaAdminApi, signIn, type Caller } from '../support/callers';
import { docId, documentBody, publish } from '../support/documents';
import { DEMO_STAFF } from '../../infra/local/seed';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The bad-input suite, generated from the route table's own schemas: every route, given
 * malformed JSON, wrong types, missing and unknown fields, oversized strings and bad
 * path or query parameters, answers 4xx with a problem naming the field — never 5xx.
 * Callers are authorised for the route, so the parser (not the auth check) answers.
 * Paged lists also get tampered cursors, on a real list with a next page.
 */
jest.setTimeout(120_000);

let stack: TestStack;
const callers = {} as Record<RouteDefinition['caller'], Caller | undefined>;
/** Each paged route's list with a next page: its path, query, and the genuine cursor of its first page of one. */
const lists = new Map<string, { path: string; query: string; cursor: string }>();

beforeAll(async () => {
  stack = await startTestStack();
  // A customer and supplier both (demo's own modules plus purchase orders), so every portal route's permission is held.
  const portal = await portalUserViaAdminApi(stack, 'demo', {
    teams: ['customer-portal-users', 'customer-portal-supplier-users'],
    moduleOverrides: { 'purchase-orders': true },
  });
  const staff = await signIn(stack, 'demo', DEMO_STAFF.email('demo'), DEMO_STAFF.password, 'staff');
  Object.assign(callers, {
    public: undefined,
    webhook: undefined,
    portal: portal.caller,
    staff,
    'api-key': apiKeyCaller('demo'),
    'staff-or-api-key': apiKeyCaller('demo'),
  });
  // Two of everything each paged list shows: contacts of the user's company, its quotes, its audit trail.
  const crm = apiKeyCaller('demo').headers;
  const contact = await stack.api('demo', '/api/admin/contacts', {
    method: 'POST',
    headers: { ...crm, 'content-type': 'application/json' },
    body: JSON.stringify({ companyId: portal.companyId, firstName: 'Second', lastName: 'Contact', email: `second-${portal.userId}@example.com` }),
  });
  expect(contact.status).toBe(201);
  const quotes = [docId('quote'), docId('quote')];
  for (const quote of quotes) expect((await publish(stack, 'demo', 'quote', quote, documentBody('quote', portal.companyId))).status).toBe(201);
  // Two views of a quote: its view log has a second page.
  for (let i = 0; i < 2; i++) expect((await stack.api('demo', `/api/documents/quote/${quotes[0]}`, { headers: portal.caller.headers })).status).toBe(200);
  // A quote with two versions: its versions list has a next page at one a page.
  const versioned = docId('quote');
  const first = documentBody('quote', portal.companyId);
  expect((await publish(stack, 'demo', 'quote', versioned, first)).status).toBe(201);
  expect((await publish(stack, 'demo', 'quote', versioned, { ...first, notes: 'Second version' })).status).toBe(200);
  // Two entries of the tenant's own trail: two keys made by staff.
  for (const name of ['bad-input one', 'bad-input two']) {
    const res = await stack.api('demo', '/api/admin/api-keys', {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(201);
  }
  const pagedLists: Record<string, { values?: Record<string, string>; query?: string }> = {
    'GET /api/admin/companies': {},
    'GET /api/admin/companies/{companyId}/contacts': { values: { companyId: portal.companyId } },
    'GET /api/admin/portal-users': {},
    'GET /api/admin/audit': { query: `companyId=${portal.companyId}` },
    'GET /api/admin/audit/tenant': {},
    'GET /api/documents/{type}': { values: { type: 'quote' } },
    'GET /api/documents/{type}/{documentId}/versions': { values: { type: 'quote', documentId: versioned } },
    'GET /api/admin/documents/{type}/{documentId}/versions': { values: { type: 'quote', documentId: versioned } },
    'GET /api/admin/documents/{type}/{documentId}/views': { values: { type: 'quote', documentId: quotes[0]! } },
  };
  expect(Object.keys(pagedLists).sort()).toEqual((routes as readonly RouteDefinition[]).filter(isPaged).map(routeKey).sort());
  for (const route of (routes as readonly RouteDefinition[]).filter(isPaged)) {
    const { values, query = '' } = pagedLists[routeKey(route)]!;
    const path = samplePath(route, values);
    const res = await stack.api('demo', `${path}?${query ? `${query}&` : ''}limit=1`, { headers: callers[route.caller]!.headers });
    const { cursor } = (await res.json()) as { cursor?: string };
    expect([routeKey(route), res.status, typeof cursor]).toEqual([routeKey(route), 200, 'string']);
    lists.set(routeKey(route), { path, query, cursor: cursor! });
  }
});
afterAll(() => stack?.stop());

const table = routes.flatMap((route) =>
  badInputCases(route as RouteDefinition).map((c) => [`${routeKey(route)}: ${c.name}`, route as RouteDefinition, c] as const),
);

it('covers every route of the table, and every paged list with its genuine cursor', async () => {
  for (const [key, list] of lists) {
    const route = routes.find((r) => routeKey(r) === key)!;
    const res = await stack.api('demo', `${list.path}?${[list.query, `cursor=${list.cursor}`].filter(Boolean).join('&')}`, {
      headers: callers[route.caller]!.headers,
    });
    expect([key, res.status]).toEqual([key, 200]);
  }
  const covered = new Set(table.map(([, route]) => routeKey(route)));
  expect([...covered].sort()).toEqual(routes.map(routeKey).sort());
});

it.each(table)('%s', async (_name, route, c) => {
  const caller = callers[route.caller];
  const headers: Record<string, string> = { ...(caller?.headers ?? {}), ...(c.headers ?? {}) };
  if (c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  let [path, query] = [c.path, c.query];
  if (c.cursor) {
    const list = lists.get(routeKey(route))!;
    path = list.path;
    query = [list.query, `cursor=${encodeURIComponent(c.cursor(list.cursor))}`].filter(Boolean).join('&');
  }
  const res = await stack.api('demo', path + (query ? `?${query}` : ''), { method: route.method, headers, body: c.body });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(c.expectStatus).toContain(res.status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await res.json()) as { errors?: { name: string }[] };
  const named = (problem.errors ?? []).map((e) => e.name);
  expect(named.some((n) => c.expectNamed.includes(n))).toBe(true);
});
