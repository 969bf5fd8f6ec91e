/**
 * The API as the site calls it, typed from the route table (functions/routes.ts) and the
 * shared schemas: a route is named by its key (`GET /api/documents/{type}`), its path,
 * query and body are what its row's schemas take, and its answer is its row's `reply`.
 * Types only come from there: nothing of the route table or zod is bundled.
 */
import type * as z from 'zod/mini';
import type { routes } from '../../functions/routes';

type Route = (typeof routes)[number];

/** The routes the site may call: the portal's and the public ones (never the admin API's). */
type SiteRoute = Extract<Route, { caller: 'portal' | 'public' }>;
export type SiteRouteKey = `${SiteRoute['method']} ${SiteRoute['path']}`;

type RouteOf<K extends SiteRouteKey> = Extract<
  SiteRoute,
  { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }
>;
type In<S> = S extends z.ZodMiniType ? z.input<S> : never;
type PartOf<R, Part extends 'path' | 'query' | 'body'> = R extends { input: infer I } ? (I extends Record<Part, infer S> ? In<S> : never) : never;

/** What a route answers with: its row's `reply`. */
export type ReplyOf<K extends SiteRouteKey> = RouteOf<K> extends { reply: infer T } ? T : unknown;

/** No arguments of a part (`{}` by another name). */
type NoPart = Record<never, never>;

/** What calling a route takes: its path parameters, query and body, each only when its row has them. */
export type CallArgs<K extends SiteRouteKey> = ([PartOf<RouteOf<K>, 'path'>] extends [never] ? NoPart : { path: PartOf<RouteOf<K>, 'path'> }) &
  ([PartOf<RouteOf<K>, 'query'>] extends [never] ? NoPart : { query?: PartOf<RouteOf<K>, 'query'> }) &
  ([PartOf<RouteOf<K>, 'body'>] extends [never]
    ? NoPart
    : undefined extends PartOf<RouteOf<K>, 'body'>
      ? { body?: PartOf<RouteOf<K>, 'body'> }
      : { body: PartOf<RouteOf<K>, 'body'> });

/** The method of a route key. */
export const methodOf = (key: SiteRouteKey): string => key.slice(0, key.indexOf(' '));

/**
 * The address of a route: its path with each `{name}` replaced by the URI-encoded
 * parameter, and the query's defined values.
 */
export function urlOf<K extends SiteRouteKey>(key: K, args: CallArgs<K>): string {
  const { path: params = {}, query = {} } = args as { path?: Record<string, string>; query?: Record<string, string | number | undefined> };
  const path = key.slice(key.indexOf(' ') + 1).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${key}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();
  return search ? `${path}?${search}` : path;
}
