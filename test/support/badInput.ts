import Stripe from 'stripe';
import * as z from 'zod/mini';
import { MAX_BODY_BYTES } from '../../functions/http/validateInput';
import type { RouteDefinition } from '../../functions/routes';

/**
 * Generates malformed requests for a route from its own input schemas (via zod's JSON
 * Schema export), so every new route is covered the moment its row is added.
 */
export interface BadInputCase {
  name: string;
  path: string;
  query: string;
  body?: string;
  contentType?: string;
  /** Field names the problem must name (any one of them), e.g. `body.email`. */
  expectNamed: string[];
  /** Acceptable statuses; never 5xx. */
  expectStatus: number[];
  /** Extra request headers (a webhook's signature). */
  headers?: Record<string, string>;
  /**
   * A tampered cursor of a paged list, made from a genuine one (base64url JSON of the
   * list's LastEvaluatedKey): the test sends it on a real list of the route (its own path
   * and query, with `cursor=`), so only the cursor is wrong.
   */
  cursor?: (genuine: string) => string;
}

/** The parts of a JSON Schema (zod's export) the bad-input cases read. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  propertyNames?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
};

export const jsonSchemaOf = (schema: z.ZodMiniType | undefined): JsonSchema | undefined =>
  schema ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

/** A value of the wrong JSON type for a property of this schema. */
function wrongTypeFor(prop: JsonSchema): unknown {
  const type = Array.isArray(prop.type) ? prop.type[0] : (prop.type ?? prop.anyOf?.find((s) => s.type)?.type);
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return 'not-an-object';
    default:
      return { unexpected: true };
  }
}

const isStringProp = (prop: JsonSchema) => prop.type === 'string' || !!prop.anyOf?.some((s) => s.type === 'string');

/** A path made valid in format (so the parser sees it) for every `{param}`. */
export function samplePath(route: Pick<RouteDefinition, 'path'>, values: Record<string, string> = {}): string {
  return route.path.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => values[name] ?? sampleParam(name));
}

/** Format-valid values: ids are URL-safe, link tokens 43 base64url characters, key ids lower-case hex. */
export function sampleParam(name: string): string {
  if (name === 'token') return 'A'.repeat(43);
  if (name === 'keyId') return 'abcdef0123456789';
  // An enum: a value it accepts, so the other parts of the request are what is checked.
  if (name === 'type') return 'quote';
  // A version number: the first, which every document has.
  if (name === 'version') return '1';
  return `nonexistent-${name}`;
}

/**
 * A webhook takes its body raw and its signature is its credential: what an attacker or a
 * broken sender can send is refused before anything is parsed (401 naming the signature
 * header, 413 for a body over the limit), never a 5xx.
 */
function webhookCases(path: string): BadInputCase[] {
  const event = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'checkout.session.completed', account: 'acct_forged', data: { object: {} } });
  const signature = (named: string) => ({ expectNamed: ['headers.stripe-signature'], expectStatus: [401], name: named });
  return [
    { ...signature('no Stripe-Signature header'), path, query: '', body: event },
    { ...signature('a malformed Stripe-Signature header'), path, query: '', body: event, headers: { 'stripe-signature': 'not-a-signature' } },
    {
      ...signature('a signature made with another secret'),
      path,
      query: '',
      body: event,
      headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: event, secret: 'whsec_not_this_endpoints_secret' }) },
    },
    { ...signature('malformed JSON, unsigned'), path, query: '', body: '{"unterminated": ' },
    { ...signature('a non-JSON content type, unsigned'), path, query: '', body: 'hello', contentType: 'text/plain' },
    { name: 'a body over the size limit', path, query: '', body: JSON.stringify({ big: 'x'.repeat(300 * 1024) }), expectNamed: ['body'], expectStatus: [413] },
  ];
}

/** Whether a route pages its list with `cursor`. */
export const isPaged = (route: Pick<RouteDefinition, 'input'>): boolean => 'cursor' in (jsonSchemaOf(route.input?.query)?.properties ?? {});

const encoded = (text: string) => Buffer.from(text).toString('base64url');
const decoded = (cursor: string) => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
/** The index's own keys in a cursor (`gsi1pk`, `gsi1sk`), or the table's. */
const indexKeys = (key: Record<string, unknown>) => ({
  partition: Object.keys(key).find((k) => /^gsi\d+pk$/.test(k)) ?? 'pk',
  sort: Object.keys(key).find((k) => /^gsi\d+sk$/.test(k)) ?? 'sk',
});
const tampered = (change: (key: Record<string, unknown>, keys: { partition: string; sort: string }) => unknown) => (genuine: string) => {
  const key = decoded(genuine);
  return encoded(JSON.stringify(change(key, indexKeys(key))));
};

/**
 * Cursors a caller could hand back instead of the one a page gave: not base64url JSON of an
 * object, or a key of the right partition in the wrong shape (what DynamoDB would refuse
 * with a ValidationException), or another list's. Each a 400 naming `query.cursor`.
 */
function cursorCases(path: string): BadInputCase[] {
  const named = (name: string, cursor: (genuine: string) => string): BadInputCase => ({
    name: `a cursor ${name}`,
    path,
    query: '',
    cursor,
    expectNamed: ['query.cursor'],
    expectStatus: [400],
  });
  return [
    named('that is not base64url', () => 'not base64url at all!'),
    named('that is not JSON', () => encoded('hello, list')),
    named(
      'that is a JSON array',
      tampered((key) => [key]),
    ),
    named('that is JSON null', () => encoded('null')),
    named(
      'with only its partition key',
      tampered((key, k) => ({ [k.partition]: key[k.partition] })),
    ),
    named(
      'without its sort key',
      tampered((key, k) => ({ ...key, [k.sort]: undefined })),
    ),
    named(
      "without the table's keys",
      tampered((key) => ({ ...key, pk: undefined, sk: undefined })),
    ),
    named(
      'with an object for its sort key',
      tampered((key, k) => ({ ...key, [k.sort]: { S: key[k.sort] } })),
    ),
    named(
      'with a number for a key',
      tampered((key) => ({ ...key, sk: 12345 })),
    ),
    named(
      'with an empty key',
      tampered((key) => ({ ...key, pk: '' })),
    ),
    named(
      'with an extra attribute',
      tampered((key) => ({ ...key, extra: 'x' })),
    ),
    named(
      "of another tenant's partition",
      tampered((key) => JSON.parse(JSON.stringify(key).replaceAll('TENANT#demo', 'TENANT#acme'))),
    ),
    named(
      'with a sort key outside the list',
      tampered((key, k) => ({ ...key, [k.sort]: `~${key[k.sort]}` })),
    ),
  ];
}

export function badInputCases(route: RouteDefinition): BadInputCase[] {
  const cases: BadInputCase[] = [];
  const path = samplePath(route);
  const body = jsonSchemaOf(route.input?.body);
  const query = jsonSchemaOf(route.input?.query);
  const pathSchema = jsonSchemaOf(route.input?.path);
  const acceptsBody = !!body;

  if (route.caller === 'webhook') {
    cases.push(...webhookCases(path));
  } else if (acceptsBody) {
    const props = body.properties ?? {};
    cases.push({ name: 'malformed JSON', path, query: '', body: '{"unterminated": ', expectNamed: ['body'], expectStatus: [400] });
    cases.push({ name: 'a JSON array instead of an object', path, query: '', body: '[]', expectNamed: ['body'], expectStatus: [400] });
    cases.push({ name: 'a non-JSON content type', path, query: '', body: 'hello', contentType: 'text/plain', expectNamed: ['body'], expectStatus: [415] });
    cases.push({ name: 'an unknown field', path, query: '', body: JSON.stringify({ unexpectedField: 1 }), expectNamed: ['body'], expectStatus: [400] });
    if (body.required?.length) {
      cases.push({ name: 'missing required fields', path, query: '', body: '{}', expectNamed: body.required.map((r) => `body.${r}`), expectStatus: [400] });
    }
    for (const [name, prop] of Object.entries(props)) {
      cases.push({
        name: `body.${name} of the wrong type`,
        path,
        query: '',
        body: JSON.stringify({ [name]: wrongTypeFor(prop) }),
        expectNamed: [`body.${name}`],
        expectStatus: [400],
      });
      if (isStringProp(prop)) {
        cases.push({
          name: `body.${name} 100,000 characters long`,
          path,
          query: '',
          body: JSON.stringify({ [name]: 'x'.repeat(100_000) }),
          expectNamed: [`body.${name}`],
          expectStatus: [400],
        });
      }
    }
    cases.push({
      name: 'a body over the size limit',
      path,
      query: '',
      body: JSON.stringify({ big: 'x'.repeat((route.maxBodyBytes ?? MAX_BODY_BYTES) + 10 * 1024) }),
      expectNamed: ['body'],
      expectStatus: [413],
    });
  } else if (route.method !== 'GET' && route.method !== 'DELETE') {
    cases.push({ name: 'a body on a route that takes none', path, query: '', body: '{"x":1}', expectNamed: ['body'], expectStatus: [400] });
  }

  cases.push({ name: 'an unknown query parameter', path, query: 'unexpectedParam=1', expectNamed: ['query'], expectStatus: [400] });
  for (const [name, prop] of Object.entries(query?.properties ?? {})) {
    const wrong = prop.type === 'string' || isStringProp(prop) ? 'x'.repeat(5000) : 'not-valid';
    cases.push({
      name: `query.${name} invalid`,
      path,
      query: `${encodeURIComponent(name)}=${encodeURIComponent(wrong)}`,
      expectNamed: [`query.${name}`, 'query'],
      expectStatus: [400],
    });
  }
  if (isPaged(route)) cases.push(...cursorCases(path));
  for (const name of Object.keys(pathSchema?.properties ?? {})) {
    cases.push({
      name: `path.${name} malformed`,
      path: samplePath(route, { [name]: encodeURIComponent('bad value!'.repeat(10)) }),
      query: '',
      expectNamed: [`path.${name}`],
      expectStatus: [400],
    });
  }
  return cases;
}
