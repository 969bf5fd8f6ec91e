import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes, routeKey, type RouteDefinition } from '../../functions/routes';
import { type BadInputCase, badInputCases, isPaged, samplePath } from '../support/badInput';
import { boundaryCases } from '../support/boundaryCases';
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

const FIELD_LIMITS = join(__dirname, '../support/fieldLimits.json');

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
  // Two messages on a quote: its thread has a page before the newest one.
  for (const body of ['First', 'Second'])
    expect(
      (
        await stack.api('demo', `/api/admin/documents/quote/${quotes[0]}/messages`, {
          method: 'POST',
          headers: { ...crm, 'content-type': 'application/json' },
          body: JSON.stringify({ body }),
        })
      ).status,
    ).toBe(201);
  // Two entries of the tenant's own trail: two keys made by staff.
  for (const name of ['bad-input one', 'bad-input two']) {
    const res = await stack.api('demo', '/api/admin/api-keys', {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(201);
  }
  // Two products everyone sees: the portal's catalogue and the admin list have a next page.
  for (const n of [1, 2]) {
    const res = await stack.api('demo', `/api/admin/products/bad-input-${n}`, {
      method: 'PUT',
      headers: { ...crm, 'content-type': 'application/json' },
      body: JSON.stringify({ sku: `BAD-${n}`, name: `Bad input ${n}`, taxRateBps: 0, prices: [{ currency: 'GBP', unitPrice: 100 }] }),
    });
    expect(res.status).toBe(201);
  }
  // Two quote requests of the user's company: its requests, and the tenant's, have a next page.
  for (const title of ['First request', 'Second request'])
    expect(
      (
        await stack.api('demo', '/api/requests', {
          method: 'POST',
          headers: { ...portal.caller.headers, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'quote', clientRequestId: `bad-input-${title.length}-${title}`.replace(/ /g, '-'), title, description: title }),
        })
      ).status,
    ).toBe(201);
  const pagedLists: Record<string, { values?: Record<string, string>; query?: string }> = {
    'GET /api/admin/products': {},
    'GET /api/catalogue/products': {},
    'GET /api/admin/companies': {},
    'GET /api/admin/companies/{companyId}/contacts': { values: { companyId: portal.companyId } },
    'GET /api/admin/portal-users': {},
    'GET /api/admin/audit': { query: `companyId=${portal.companyId}` },
    'GET /api/admin/audit/tenant': {},
    'GET /api/documents/{type}': { values: { type: 'quote' } },
    'GET /api/documents/{type}/{documentId}/versions': { values: { type: 'quote', documentId: versioned } },
    'GET /api/admin/documents/{type}/{documentId}/versions': { values: { type: 'quote', documentId: versioned } },
    'GET /api/admin/documents/{type}/{documentId}/views': { values: { type: 'quote', documentId: quotes[0]! } },
    'GET /api/documents/{type}/{documentId}/messages': { values: { type: 'quote', documentId: quotes[0]! } },
    'GET /api/admin/documents/{type}/{documentId}/messages': { values: { type: 'quote', documentId: quotes[0]! } },
    'GET /api/requests': {},
    'GET /api/admin/requests': { query: `companyId=${portal.companyId}` },
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
  expect(await answer(route, c)).toEqual({ ok: true });
});

/** Sends a case as its route's caller; what was wrong with the answer, if anything (a 5xx, another status, a problem not naming the field). */
async function answer(route: RouteDefinition, c: BadInputCase): Promise<{ ok: true } | { ok: false; status: number; named: string[] }> {
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
  const problem = res.headers.get('content-type') === 'application/problem+json' ? ((await res.json()) as { errors?: { name: string }[] }) : {};
  const named = (problem.errors ?? []).map((e) => e.name);
  const ok = res.status < 500 && c.expectStatus.includes(res.status) && named.some((n) => c.expectNamed.includes(n));
  return ok ? { ok } : { ok, status: res.status, named };
}

/**
 * Every limit of every field the JSON Schema reaches (nested objects and array items
 * included), just past it: 400 naming the field's path (test/support/boundaryCases.ts).
 * The cases of all routes go out at once in batches, one request each, and each route's
 * test reads its answers.
 */
describe('limits from the JSON Schema', () => {
  // The limits as reviewed: a limit dropped or loosened in a schema (a line's description
  // without maxLength, a message body of 99,999) would also drop its case above unnoticed.
  it('are the limits recorded in test/support/fieldLimits.json (PORTICO_RECORD_LIMITS=1 records a deliberate change)', () => {
    const current = Object.fromEntries(
      routes.map((route) => [routeKey(route), boundaryCases(route as RouteDefinition).map((c) => c.name)] as const).filter(([, names]) => names.length),
    );
    if (process.env.PORTICO_RECORD_LIMITS === '1') writeFileSync(FIELD_LIMITS, `${JSON.stringify(current, null, 2)}\n`);
    expect(current).toEqual(JSON.parse(readFileSync(FIELD_LIMITS, 'utf8')));
  });

  const BATCH = 8;
  const boundaryTable = routes
    .map((route) => [routeKey(route), route as RouteDefinition, boundaryCases(route as RouteDefinition)] as const)
    .filter(([, , cases]) => cases.length > 0);
  const answers = new Map<BadInputCase, Awaited<ReturnType<typeof answer>>>();

  beforeAll(async () => {
    const all = boundaryTable.flatMap(([, route, cases]) => cases.map((c) => [route, c] as const));
    for (let i = 0; i < all.length; i += BATCH) await Promise.all(all.slice(i, i + BATCH).map(async ([route, c]) => answers.set(c, await answer(route, c))));
  });

  it.each(boundaryTable)('%s', (_key, _route, cases) => {
    const wrong = cases.filter((c) => !answers.get(c)?.ok).map((c) => ({ case: c.name, ...answers.get(c) }));
    expect(wrong).toEqual([]);
  });
});
