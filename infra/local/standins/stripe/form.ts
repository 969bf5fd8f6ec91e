import { invalidParam, invalidRequest, missingParam, unknownParam } from './errors';

/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` (and the query string of
 * GETs) with bracket notation for nesting, as the SDK writes it:
 * `line_items[0][price_data][currency]=eur&metadata[invoice]=INV-1&expand[0]=payment_intent`.
 * Parsed into nested hashes whose keys stay strings; readers below turn a hash with keys
 * 0, 1, … into a list where Stripe's schema has one (`a[]=x` appends, as Stripe accepts).
 */
export type FormValue = string | FormHash;
export interface FormHash {
  [key: string]: FormValue;
}

export function parseForm(encoded: string): FormHash {
  const root = hash();
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const path = keyPath(rawKey);
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let segment = path[i]!;
      const last = i === path.length - 1;
      if (segment === '') segment = String(Object.keys(node).length);
      const existing = node[segment];
      if (last) {
        if (typeof existing === 'object')
          throw invalidRequest(
            `Invalid hash: ${displayPath(path.slice(0, i + 1))} was given both as a value and as a hash.`,
            displayPath(path.slice(0, i + 1)),
          );
        node[segment] = value;
      } else if (existing === undefined) {
        const child = hash();
        node[segment] = child;
        node = child;
      } else if (typeof existing === 'string') {
        throw invalidRequest(`Invalid hash: ${displayPath(path.slice(0, i + 1))} was given both as a value and as a hash.`, displayPath(path.slice(0, i + 1)));
      } else {
        node = existing;
      }
    }
  }
  return root;
}

/** `a[b][0]` → ['a', 'b', '0']; a malformed key is refused as Stripe refuses it. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const path = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^[\]]*)\]/gy;
  let consumed = 0;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    path.push(match[1]!);
    consumed = pattern.lastIndex;
  }
  if (consumed !== rest.length || path[0] === '') throw invalidRequest(`Invalid parameter name: ${key}`, key, 'parameter_invalid');
  return path;
}

function hash(): FormHash {
  return Object.create(null) as FormHash;
}

export function displayPath(path: string[]): string {
  return (
    path[0] +
    path
      .slice(1)
      .map((p) => `[${p}]`)
      .join('')
  );
}

/** Reads one request's parameters, naming each one as Stripe does in its errors. */
export class Params {
  constructor(
    readonly values: FormHash,
    readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  /** Refuses any parameter not in `known`, as Stripe refuses unknown parameters. */
  only(known: readonly string[]): this {
    for (const key of Object.keys(this.values)) if (!known.includes(key)) throw unknownParam(this.name(key));
    return this;
  }

  string(key: string, options: { required?: boolean; max?: number; oneOf?: readonly string[] } = {}): string | undefined {
    const value = this.values[key];
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value !== 'string') throw invalidParam(this.name(key), `Invalid string: ${this.name(key)} must be a string, not a hash.`);
    if (options.max !== undefined && value.length > options.max)
      throw invalidParam(this.name(key), `Invalid string: ${this.name(key)} must be at most ${options.max} characters long.`);
    if (options.oneOf && !options.oneOf.includes(value))
      throw invalidParam(this.name(key), `Invalid ${this.name(key)}: must be one of ${options.oneOf.join(', ')}`);
    return value;
  }

  integer(key: string, options: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    const raw = this.string(key, { required: options.required });
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw invalidRequest(`Invalid integer: ${raw}`, this.name(key), 'parameter_invalid_integer');
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) throw invalidRequest(`Invalid integer: ${raw}`, this.name(key), 'parameter_invalid_integer');
    if (options.min !== undefined && value < options.min) {
      throw invalidRequest(
        options.min === 1 ? `Invalid positive integer` : `This value must be greater than or equal to ${options.min}.`,
        this.name(key),
        'parameter_invalid_integer',
      );
    }
    if (options.max !== undefined && value > options.max)
      throw invalidRequest(`This value must be less than or equal to ${options.max}.`, this.name(key), 'parameter_invalid_integer');
    return value;
  }

  boolean(key: string): boolean | undefined {
    const raw = this.string(key);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') throw invalidRequest(`Invalid boolean: ${raw}`, this.name(key), 'parameter_invalid');
    return raw === 'true';
  }

  hash(key: string, options: { required?: boolean } = {}): Params | undefined {
    const value = this.values[key];
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value === 'string') throw invalidRequest(`Invalid object`, this.name(key), 'parameter_invalid');
    return new Params(value, this.name(key));
  }

  /** A list sent as `key[0]`, `key[1]`, … (or `key[]`), each item with its name for errors. */
  private items(key: string, options: { required?: boolean; max?: number }): { value: FormValue; name: string }[] | undefined {
    const value = this.values[key];
    if (value === undefined || value === '') {
      if (options.required) throw missingParam(this.name(key));
      return undefined;
    }
    if (typeof value === 'string' || !Object.keys(value).every((k) => /^\d+$/.test(k)))
      throw invalidRequest(`Invalid array`, this.name(key), 'parameter_invalid');
    const indexes = Object.keys(value)
      .map(Number)
      .sort((a, b) => a - b);
    if (options.max !== undefined && indexes.length > options.max)
      throw invalidParam(this.name(key), `${this.name(key)} must have at most ${options.max} elements.`);
    return indexes.map((i) => ({ value: value[String(i)]!, name: `${this.name(key)}[${i}]` }));
  }

  /** A list of strings: `payment_method_types[0]=card`, `expand[0]=payment_intent`. */
  stringList(key: string, options: { required?: boolean; max?: number } = {}): string[] | undefined {
    return this.items(key, options)?.map((item) => {
      if (typeof item.value !== 'string') throw invalidRequest(`Invalid string`, item.name, 'parameter_invalid');
      return item.value;
    });
  }

  /** A list of hashes: `line_items[0][quantity]=1`. */
  hashList(key: string, options: { required?: boolean; max?: number } = {}): Params[] | undefined {
    return this.items(key, options)?.map((item) => {
      if (typeof item.value === 'string') throw invalidRequest(`Invalid object`, item.name, 'parameter_invalid');
      return new Params(item.value, item.name);
    });
  }

  /** Stripe's metadata: at most 50 keys of up to 40 characters, values up to 500. */
  metadata(key = 'metadata'): Record<string, string> | undefined {
    const meta = this.hash(key);
    if (!meta) return undefined;
    const out: Record<string, string> = {};
    const keys = Object.keys(meta.values);
    if (keys.length > 50) throw invalidParam(meta.prefix, 'Invalid metadata: metadata can have at most 50 keys.');
    for (const k of keys) {
      const value = meta.values[k];
      if (typeof value !== 'string') throw invalidParam(meta.name(k), 'Invalid metadata: metadata values must be strings.');
      if (k.length > 40) throw invalidParam(meta.name(k), `Invalid metadata: metadata keys must be at most 40 characters long (${k}).`);
      if (value.length > 500) throw invalidParam(meta.name(k), `Invalid metadata: metadata values must be at most 500 characters long.`);
      if (value !== '') out[k] = value;
    }
    return out;
  }
}

/** Sorted-key JSON of a request's parameters: what "the same parameters" means for idempotency. */
export function canonical(values: FormValue): string {
  if (typeof values === 'string') return JSON.stringify(values);
  return `{${Object.keys(values)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(values[k]!)}`)
    .join(',')}}`;
}
