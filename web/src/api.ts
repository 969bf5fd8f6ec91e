/**
 * Same-origin calls to the API. Every error of the API is an RFC 9457 problem
 * (`application/problem+json`); anything else (a proxy's HTML page, a dropped
 * connection) is turned into one here so the pages have a single shape to show.
 *
 * Session plumbing lives here too, so every page gets it for free:
 * - state-changing requests carry the CSRF header (`x-csrf-token` = the `portico_csrf`
 *   cookie as it is, the one cookie of the session the site can read: the token of each
 *   session the browser holds, which the API derives from the HttpOnly session cookies);
 * - a 401 from a signed-in route is answered by renewing the session once
 *   (`POST /api/auth/refresh`) and repeating the call; if that fails the session
 *   listener hears `expired` and the site sends the user to sign in again;
 * - a 403 that refuses the user as a whole (deactivated account, company not allowed,
 *   portal switched off) is reported to the session listener as `refused`.
 */
import type { COOKIES, CSRF_HEADER } from '../../shared/api/access';
import { problemType, type ProblemDetails, type ProblemSlug } from '../../shared/problem';
import { methodOf, urlOf, type CallArgs, type ReplyOf, type SiteRouteKey } from './apiContract';

// The contract's names, repeated as literals so the site does not bundle the request
// schemas that live beside them; the types make the compiler check they still agree.
export const CSRF_COOKIE: (typeof COOKIES)['csrf'] = 'portico_csrf';
export const CSRF_HEADER_NAME: typeof CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  constructor(
    readonly problem: ProblemDetails,
    /** Seconds from the response's Retry-After header, when it had one. */
    readonly retryAfter?: number,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

function isProblem(body: unknown): body is ProblemDetails {
  return typeof body === 'object' && body !== null && typeof (body as { title?: unknown }).title === 'string';
}

async function readJson(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) return undefined;
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

/** The problem a failed response carries, or a generic one built from its status. */
async function problemOf(res: Response): Promise<ProblemDetails> {
  const body = await readJson(res);
  if (isProblem(body)) return { ...body, status: typeof body.status === 'number' ? body.status : res.status };
  return {
    type: 'about:blank',
    title: res.status >= 500 ? 'The portal is having trouble right now' : 'The request could not be completed',
    status: res.status,
    detail:
      res.status >= 500
        ? `The server answered with an error (HTTP ${res.status}). Please try again in a moment.`
        : `The server answered with HTTP ${res.status}.`,
  };
}

/** Retry-After as seconds: either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

const networkProblem = (): ProblemDetails => ({
  type: 'about:blank',
  title: 'Could not reach the portal',
  status: 0,
  detail: 'Check your internet connection and try again.',
});

/** The slug of a problem's `type` (`…/problems/login-locked` → `login-locked`), if it is one of ours. */
export function problemSlug(err: unknown): ProblemSlug | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const type = err.problem.type;
  const base = problemType('not-found').slice(0, -'not-found'.length);
  return type.startsWith(base) ? (type.slice(base.length) as ProblemSlug) : undefined;
}

/** Problems that refuse the user as a whole, wherever they come from. */
export const REFUSAL_SLUGS = ['account-deactivated', 'company-not-allowed', 'portal-disabled'] as const;
export type RefusalSlug = (typeof REFUSAL_SLUGS)[number];
export const isRefusal = (slug: string | undefined): slug is RefusalSlug => (REFUSAL_SLUGS as readonly string[]).includes(slug ?? '');

/** The value of a cookie the page can read (only the CSRF cookie is not HttpOnly). */
export function readCookie(name: string, cookieString = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

function headersFor(method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER_NAME] = csrf;
  }
  return headers;
}

export type SessionEvent = { kind: 'expired' } | { kind: 'refused'; problem: ProblemDetails };
let sessionListener: ((event: SessionEvent) => void) | undefined;

/** The session provider listens here for expiry and refusals seen by any call. */
export function setSessionListener(listener: ((event: SessionEvent) => void) | undefined): void {
  sessionListener = listener;
}

/** Sign-in routes and the public tenant answer 401/403 as part of their job: no session handling. */
const handlesItsOwnErrors = (path: string) => path.startsWith('/api/auth/') || path.startsWith('/api/public/');

let refreshing: Promise<ApiError | null> | null = null;

/** Renews the session from its refresh cookie; concurrent callers share one request. Null on success. */
export function renewSession(): Promise<ApiError | null> {
  refreshing ??= (async () => {
    try {
      await send('POST', urlOf('POST /api/auth/refresh', {}));
      return null;
    } catch (err) {
      return err instanceof ApiError ? err : new ApiError(networkProblem());
    }
  })().finally(() => {
    // Callers already waiting share this outcome; the next 401 starts a new attempt.
    refreshing = null;
  });
  return refreshing;
}

function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  return answered(
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    }),
  );
}

/** A response as the pages see it: a problem for anything but 2xx, a network problem for no answer. */
async function answered(response: Promise<Response>): Promise<Response> {
  let res: Response;
  try {
    res = await response;
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(networkProblem());
  }
  if (!res.ok) throw new ApiError(await problemOf(res), parseRetryAfter(res.headers.get('retry-after')));
  return res;
}

/** `sent`: a GET of `path` already on its way (startGet), answered as if `call` had sent it. */
async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, sent?: Promise<Response>): Promise<T> {
  let res: Response;
  try {
    res = await (sent ? answered(sent) : send(method, path, body, signal));
  } catch (err) {
    if (!(err instanceof ApiError) || handlesItsOwnErrors(path)) throw err;
    const slug = problemSlug(err);
    // An expired session, or a CSRF cookie that went with it: renew once and try again.
    if (err.status === 401 || slug === 'csrf-check-failed') {
      const failed = await renewSession();
      if (failed) {
        if (isRefusal(problemSlug(failed))) sessionListener?.({ kind: 'refused', problem: failed.problem });
        else if (err.status === 401) sessionListener?.({ kind: 'expired' });
        throw err;
      }
      try {
        res = await send(method, path, body, signal);
      } catch (again) {
        if (again instanceof ApiError) {
          if (again.status === 401) sessionListener?.({ kind: 'expired' });
          else if (isRefusal(problemSlug(again))) sessionListener?.({ kind: 'refused', problem: again.problem });
        }
        throw again;
      }
    } else {
      if (isRefusal(slug)) sessionListener?.({ kind: 'refused', problem: err.problem });
      throw err;
    }
  }
  if (res.status === 204) return undefined as T;
  // A file a route answers as text (a CSV export) is its text.
  if (/^text\//i.test(res.headers.get('content-type') ?? '')) return (await res.text()) as T;
  return (await readJson(res)) as T;
}

/**
 * A GET sent now and read later (early.ts starts a page's first reads before the page
 * renders): `readStarted` then handles its answer exactly as `call` would — a problem
 * for an error, a renewed session and a second try for a 401.
 */
export const startGet = (path: string): Promise<Response> => fetch(path, { method: 'GET', credentials: 'same-origin', headers: headersFor('GET', false) });
export const readStarted = <T>(path: string, sent: Promise<Response>, signal?: AbortSignal): Promise<T> => request<T>('GET', path, undefined, signal, sent);

/**
 * Calls a route of the API by its key in the route table, with the path parameters,
 * query and body its row's schemas take; answers its row's reply. A `body` left out sends
 * none (routes without a body schema refuse even `{}`).
 */
export function call<K extends SiteRouteKey>(key: K, args: CallArgs<K>, signal?: AbortSignal): Promise<ReplyOf<K>> {
  return request<ReplyOf<K>>(methodOf(key), urlOf(key, args), (args as { body?: unknown }).body, signal);
}

/**
 * The slug of any problem, also one the shared list does not name yet (`pin-incorrect`,
 * `link-expired`): for pages that react to problems of newer routes.
 */
export function anySlug(err: unknown): string | undefined {
  return problemSlug(err);
}

/** A member of a problem's body beyond RFC 9457's (e.g. `attemptsRemaining`). */
export function problemExtra<T>(err: unknown, name: string): T | undefined {
  if (!(err instanceof ApiError)) return undefined;
  return (err.problem as unknown as Record<string, unknown>)[name] as T | undefined;
}

/** The sentence to show for a failure: the problem's detail, else its title. */
export function problemMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  return 'Something went wrong. Please try again.';
}

/**
 * Field-level failures of a problem keyed by input name: `body.email` → `email`,
 * `body.address.city` → `address.city`. Unknown paths are left out (the page shows the
 * overall message instead).
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.problem.errors) return {};
  const out: Record<string, string> = {};
  for (const e of err.problem.errors) {
    if (typeof e?.name !== 'string') continue;
    const key = e.name.replace(/^body\./, '');
    out[key] ??= e.reason;
  }
  return out;
}

/**
 * A field error as a sentence: the API's reasons are fragments that follow the field's
 * name ("must be an email address"), so `Email address` + reason reads as one sentence.
 */
export function errorSentence(label: string, reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const text = reason.trim();
  if (/^[a-z]/.test(text) && !text.toLowerCase().startsWith(label.toLowerCase())) return `${label} ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "about 15 minutes", "about a minute", "a few seconds". */
export function waitPhrase(seconds: number): string {
  if (seconds < 45) return 'a few seconds';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes === 1) return 'about a minute';
  if (minutes < 90) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}
