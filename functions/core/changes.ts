/**
 * The fields of `after` whose value differs from `before`'s, sorted by name, compared
 * by value (arrays as sets, objects by their defined keys): what an audit record and
 * an event call "changed".
 */
export function changedFields<T extends object>(before: T, after: Partial<T>): (keyof T & string)[] {
  return (Object.keys(after) as (keyof T & string)[]).filter((field) => canonical(before[field]) !== canonical(after[field])).sort();
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify([...value].map((v) => canonical(v)).sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The given fields of `input`, as a patch to write. */
export const pickChanges = <T extends object>(input: T, fields: readonly string[]): Partial<T> =>
  Object.fromEntries(fields.map((f) => [f, (input as Record<string, unknown>)[f]])) as Partial<T>;
