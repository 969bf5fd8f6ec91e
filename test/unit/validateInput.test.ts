import * as z from 'zod/mini';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseInput, MAX_BODY_BYTES } from '../../functions/http/validateInput';
import { Problem } from '../../functions/core/problems';
import { routeKey, routes, type RouteDefinition } from '../../functions/routes';
import { sampleParam } from '../support/badInput';

const event = (over: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: 'POST /x',
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    isBase64Encoded: false,
    requestContext: {} as never,
    ...over,
  }) as APIGatewayProxyEventV2;

const schemas = {
  path: z.object({ id: z.string().check(z.minLength(3)) }),
  query: z.object({ limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))) }),
  body: z.strictObject({ email: z.email(), name: z.string().check(z.maxLength(10)) }),
};

function problemOf(fn: () => unknown): Problem {
  try {
    fn();
  } catch (err) {
    if (err instanceof Problem) return err;
    throw err;
  }
  throw new Error('expected a problem');
}

describe('parseInput', () => {
  it('returns parsed path, query and body', () => {
    const input = parseInput(
      event({ pathParameters: { id: 'abc' }, queryStringParameters: { limit: '5' }, body: JSON.stringify({ email: 'a@b.co', name: 'Ann' }) }),
      schemas,
    );
    expect(input).toEqual({ path: { id: 'abc' }, query: { limit: 5 }, body: { email: 'a@b.co', name: 'Ann' } });
  });

  it('names every failing field across path, query and body at once', () => {
    const problem = problemOf(() =>
      parseInput(
        event({
          pathParameters: { id: 'x' },
          queryStringParameters: { limit: '1000' },
          body: JSON.stringify({ email: 'nope', name: 'x'.repeat(11), extra: 1 }),
        }),
        schemas,
      ),
    );
    expect(problem.status).toBe(400);
    const names = problem.errors!.map((e) => e.name).sort();
    expect(names).toEqual(expect.arrayContaining(['body.email', 'body.name', 'path.id', 'query.limit']));
    expect(problem.errors!.some((e) => e.name === 'body' && /extra/.test(e.reason))).toBe(true);
  });

  it('names a missing body field', () => {
    const problem = problemOf(() => parseInput(event({ pathParameters: { id: 'abc' }, body: JSON.stringify({ email: 'a@b.co' }) }), schemas));
    expect(problem.errors).toEqual([expect.objectContaining({ name: 'body.name' })]);
  });

  it('answers malformed JSON with 400 naming the body', () => {
    const problem = problemOf(() => parseInput(event({ pathParameters: { id: 'abc' }, body: '{"email":' }), schemas));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ name: 'body', reason: 'is not valid JSON' }]);
  });

  it('answers a body that is not JSON with 415', () => {
    const problem = problemOf(() => parseInput(event({ headers: { 'content-type': 'text/plain' }, pathParameters: { id: 'abc' }, body: 'hello' }), schemas));
    expect(problem.status).toBe(415);
  });

  it('answers an oversized body with 413 before parsing it', () => {
    const problem = problemOf(() => parseInput(event({ pathParameters: { id: 'abc' }, body: 'x'.repeat(MAX_BODY_BYTES + 1) }), schemas));
    expect(problem.status).toBe(413);
  });

  it('refuses a body on a route that takes none', () => {
    const problem = problemOf(() => parseInput(event({ body: '{}' }), {}));
    expect(problem.errors).toEqual([expect.objectContaining({ name: 'body' })]);
  });

  it('decodes a base64 body', () => {
    const body = Buffer.from(JSON.stringify({ email: 'a@b.co', name: 'Ann' })).toString('base64');
    expect(parseInput(event({ pathParameters: { id: 'abc' }, body, isBase64Encoded: true }), schemas).body).toEqual({ email: 'a@b.co', name: 'Ann' });
  });
});

describe('parseInput on a route without a query schema', () => {
  it('refuses query parameters it does not know', () => {
    const problem = problemOf(() => parseInput(event({ queryStringParameters: { utm: 'x' } }), {}));
    expect(problem.errors).toEqual([expect.objectContaining({ name: 'query' })]);
  });
});

/**
 * API Gateway's HTTP API decodes path parameters and refuses a path it cannot decode. Were
 * a raw, undecodable value ever to reach a handler (`%ZZ`, a stray `%`), every route's
 * path schema refuses it as a 400 naming the parameter: nothing in functions/ decodes a path.
 */
describe('path parameters that are not decoded', () => {
  const cases = (routes as readonly RouteDefinition[])
    .filter((route) => route.input?.path)
    .flatMap((route) =>
      [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].flatMap(([, name]) =>
        ['%ZZ', '%', '%E0%A4%A'].map((raw) => [`${routeKey(route)} ${name}=${raw}`, route, name!, raw] as const),
      ),
    );
  it.each(cases)('%s is a 400 naming the parameter', (_name, route, name, raw) => {
    const names = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map(([, p]) => p!);
    const pathParameters = Object.fromEntries(names.map((p) => [p, p === name ? raw : sampleParam(p)]));
    const problem = problemOf(() => parseInput(event({ pathParameters, body: undefined }), { path: route.input!.path }));
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.name)).toContain(`path.${name}`);
  });
});
