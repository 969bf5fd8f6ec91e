import { MAX_BODY_BYTES } from '../../functions/http/validateInput';
import type { RouteDefinition } from '../../functions/routes';
import { type BadInputCase, type JsonSchema as Schema, jsonSchemaOf, samplePath } from './badInput';

/**
 * Boundary cases read from a route's JSON Schema (zod's export of its input schemas): for
 * every field the walk reaches — nested objects, array items, record values — the value
 * just past each limit it declares: `maxLength + 1` and `minLength − 1` characters,
 * `maxItems + 1` and `minItems − 1` items, `maximum + 1` and `minimum − 1`, a value outside
 * its enum. Each value is otherwise valid for the field (it matches the field's pattern or
 * format), so only the limit can refuse it, and the problem must name the field's path: a
 * limit loosened or dropped from the schema fails the case.
 */

type Step = string | number;
interface Boundary {
  at: Step[];
  value: unknown;
  why: string;
  /** A key outside a record's enum may be named by itself, below the record. */
  key?: string;
}

const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const patternsOf = (s: Schema) => [s.pattern, ...(s.allOf ?? []).map((a) => a.pattern)].filter((p): p is string => !!p).map((p) => new RegExp(p, 'u'));

/** A string of exactly `length` characters the field's patterns (and email format) accept, where one can be made by repeating a few characters. */
export function filler(s: Schema, length: number): string {
  if (s.format === 'email') {
    const domain = '@example.com';
    if (length > domain.length) return 'a'.repeat(length - domain.length) + domain;
  }
  const patterns = patternsOf(s);
  for (const unit of ['x', 'Aa1!', '1', 'A', '0', 'a']) {
    const value = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    if (patterns.every((p) => p.test(value))) return value;
  }
  return 'x'.repeat(length);
}

/** A valid-looking value of the schema (items of an array sent past its maxItems). */
function sample(s: Schema | undefined): unknown {
  if (!s) return 'x';
  const branch = s.anyOf?.find((b) => typeOf(b) !== 'null');
  if (branch) return sample(branch);
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'string':
      return filler(s, Math.max(s.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((name) => [name, sample(s.properties?.[name])]));
    default:
      return 'x';
  }
}

/** A key a record accepts: its enum's first, or a common one that fits its pattern. */
function sampleKey(names: Schema | undefined): string {
  if (names?.enum?.length) return String(names.enum[0]);
  const patterns = names ? patternsOf(names) : [];
  return ['GBP', 'key-1', 'a'].find((k) => patterns.every((p) => p.test(k))) ?? 'key-1';
}

/** Every limit the walk reaches, each with the value just past it. */
export function boundaries(s: Schema, at: Step[] = []): Boundary[] {
  const out: Boundary[] = [];
  const here = (value: unknown, why: string) => out.push({ at, value, why });
  for (const branch of s.anyOf?.filter((b) => typeOf(b) !== 'null') ?? []) out.push(...boundaries(branch, at));
  if (s.enum?.length && s.enum.every((v) => typeof v === 'string')) here('not-one-of-its-values', 'a value outside its enum');
  switch (typeOf(s)) {
    case 'string':
      if (s.maxLength !== undefined) here(filler(s, s.maxLength + 1), `maxLength + 1 (${s.maxLength + 1} characters)`);
      if (s.minLength) here(filler(s, s.minLength - 1), `minLength − 1 (${s.minLength - 1} characters)`);
      break;
    case 'integer':
    case 'number':
      if (s.maximum !== undefined) here(s.maximum + 1, `maximum + 1 (${s.maximum + 1})`);
      if (s.minimum !== undefined) here(s.minimum - 1, `minimum − 1 (${s.minimum - 1})`);
      if (s.exclusiveMaximum !== undefined) here(s.exclusiveMaximum, `its exclusive maximum (${s.exclusiveMaximum})`);
      if (s.exclusiveMinimum !== undefined) here(s.exclusiveMinimum, `its exclusive minimum (${s.exclusiveMinimum})`);
      break;
    case 'array':
      if (s.maxItems !== undefined)
        here(
          Array.from({ length: s.maxItems + 1 }, () => sample(s.items)),
          `maxItems + 1 (${s.maxItems + 1} items)`,
        );
      if (s.minItems)
        here(
          Array.from({ length: s.minItems - 1 }, () => sample(s.items)),
          `minItems − 1 (${s.minItems - 1} items)`,
        );
      if (s.items) out.push(...boundaries(s.items, [...at, 0]));
      break;
    case 'object':
      for (const [name, prop] of Object.entries(s.properties ?? {})) out.push(...boundaries(prop, [...at, name]));
      if (s.propertyNames?.enum?.length)
        out.push({ at, value: { 'not-one-of-its-keys': sample(s.additionalProperties as Schema) }, why: 'a key outside its enum', key: 'not-one-of-its-keys' });
      if (typeof s.additionalProperties === 'object') out.push(...boundaries(s.additionalProperties, [...at, sampleKey(s.propertyNames)]));
      break;
  }
  return out;
}

/** The value placed at its path in an otherwise empty body (array steps become one-item arrays). */
function placed(at: Step[], value: unknown): unknown {
  if (!at.length) return value;
  const [step, ...rest] = at;
  return typeof step === 'number' ? [placed(rest, value)] : { [step!]: placed(rest, value) };
}

/** Boundary cases of a route's body, query and path; none for a webhook (its body is signed bytes, refused unsigned). */
export function boundaryCases(route: RouteDefinition): BadInputCase[] {
  if (route.caller === 'webhook') return [];
  const cases: BadInputCase[] = [];
  const path = samplePath(route);
  const body = jsonSchemaOf(route.input?.body);
  const limit = route.maxBodyBytes ?? MAX_BODY_BYTES;
  for (const b of body ? boundaries(body) : []) {
    const name = ['body', ...b.at].join('.');
    const text = JSON.stringify(placed(b.at, b.value));
    // A value past its limit that is over the body's own limit is refused whole (413), as the generic case checks.
    if (Buffer.byteLength(text) > limit) continue;
    cases.push({ name: `${name}: ${b.why}`, path, query: '', body: text, expectNamed: [name, ...(b.key ? [`${name}.${b.key}`] : [])], expectStatus: [400] });
  }
  for (const b of boundaries(jsonSchemaOf(route.input?.query) ?? {})) {
    if (b.at.length !== 1 || typeof b.value === 'object') continue; // a query string carries flat values only
    const name = `query.${b.at[0]}`;
    cases.push({
      name: `${name}: ${b.why}`,
      path,
      query: `${encodeURIComponent(String(b.at[0]))}=${encodeURIComponent(String(b.value))}`,
      expectNamed: [name],
      expectStatus: [400],
    });
  }
  for (const b of boundaries(jsonSchemaOf(route.input?.path) ?? {})) {
    if (b.at.length !== 1 || typeof b.value === 'object' || String(b.value) === '') continue; // an empty segment is another route
    const name = `path.${b.at[0]}`;
    cases.push({
      name: `${name}: ${b.why}`,
      path: samplePath(route, { [String(b.at[0])]: encodeURIComponent(String(b.value)) }),
      query: '',
      expectNamed: [name],
      expectStatus: [400],
    });
  }
  return cases;
}
