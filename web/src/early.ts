import { call, readStarted, startGet } from './api';
import { urlOf, type CallArgs, type ReplyOf, type SiteRouteKey } from './apiContract';

/**
 * Reads a full page load starts before the app has rendered the page that needs them
 * (routeStart.ts), so they run alongside the scripts instead of after them. The page's
 * first read of the same route and arguments takes the early answer — once, and only soon
 * after the load — and handles it exactly as `call` would (an error is the same problem);
 * a 401, and any other read, asks the API itself (which renews the session if it must).
 */
const FRESH_MS = 10_000;

const started = new Map<string, { at: number; sent: Promise<Response> }>();

type ReadKey = Extract<SiteRouteKey, `GET ${string}`>;

/** Sends a GET of a route now, for readEarly to take up. */
export function startEarly<K extends ReadKey>(key: K, args: CallArgs<K>): void {
  const url = urlOf(key, args);
  if (started.has(url)) return;
  const sent = startGet(url);
  // Nobody may read it (a page that turns out not to need it): no unhandled rejection then.
  sent.catch(() => undefined);
  started.set(url, { at: Date.now(), sent });
}

/** `call(key, args)`, answered by the early read of the same route and arguments when there is a fresh one. */
export async function readEarly<K extends ReadKey>(key: K, args: CallArgs<K>, signal?: AbortSignal): Promise<ReplyOf<K>> {
  const url = urlOf(key, args);
  const early = started.get(url);
  started.delete(url);
  if (!early || Date.now() - early.at >= FRESH_MS) return call(key, args, signal);
  // A 401 was sent with the cookies of the page load; the session check renews them once,
  // so a page's read asks afresh rather than renewing them again.
  const res = await early.sent.catch(() => undefined);
  if (signal?.aborted) throw new DOMException('The read was aborted.', 'AbortError');
  if (res?.status === 401) return call(key, args, signal);
  return readStarted<ReplyOf<K>>(url, early.sent, signal);
}

/** Drops every early read: the session changed (signed in or out), so they may be someone else's. */
export function forgetEarly(): void {
  started.clear();
}
