/**
 * Same-origin calls to the API. Every error of the API is an RFC 9457 problem
 * (`application/problem+json`); anything else (a proxy's HTML page, a dropped
 * connection) is turned into one here so the pages have a single shape to show.
 */
import type { ProblemDetails } from '../../shared/problem';

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
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

const networkProblem = (): ProblemDetails => ({
  type: 'about:blank',
  title: 'Could not reach the portal',
  status: 0,
  detail: 'Check your internet connection and try again.',
});

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(networkProblem());
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as T;
  return (await readJson(res)) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('POST', path, body, signal),
};

/** The sentence to show for a failure: the problem's detail, else its title. */
export function problemMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  return 'Something went wrong. Please try again.';
}

/**
 * Field-level failures of a problem keyed by input name: `body.email` → `email`.
 * Unknown paths are left out (the page shows the overall message instead).
 */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !err.problem.errors) return {};
  const out: Record<string, string> = {};
  for (const e of err.problem.errors) {
    const key = e.name.replace(/^body\./, '');
    out[key] ??= e.reason;
  }
  return out;
}
