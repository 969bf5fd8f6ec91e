import { problemType, PROBLEM_TYPES, type ProblemDetails, type ProblemSlug } from '../../shared/problem';

export type FieldError = { name: string; reason: string };

/**
 * An error that becomes an RFC 9457 problem-details response. Services throw these for
 * expected failures; anything else is a 500 whose detail is never shown to the caller.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    slug: ProblemSlug = PROBLEM_TYPES.invalidRequest,
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
    this.type = problemType(slug);
  }

  readonly type: string;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
  /** Set-Cookie values to send with the problem, e.g. clearing a session that no longer works. */
  cookies?: string[];

  /** Adds response headers or cookies to this problem; returns it, so it can be thrown in one expression. */
  with(extra: { headers?: Record<string, string>; cookies?: string[] }): this {
    if (extra.headers) this.headers = { ...this.headers, ...extra.headers };
    if (extra.cookies) this.cookies = [...(this.cookies ?? []), ...extra.cookies];
    return this;
  }

  toBody(instance?: string, requestId?: string): ProblemDetails {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new HttpProblem(400, 'Invalid request', detail, errors);
export const unauthorized = (detail = 'Sign in to continue.', slug: ProblemSlug = PROBLEM_TYPES.unauthorized) => new HttpProblem(401, 'Unauthorized', detail, undefined, slug);
export const forbidden = (detail = 'You do not have permission to do this.', slug: ProblemSlug = PROBLEM_TYPES.forbidden) => new HttpProblem(403, 'Forbidden', detail, undefined, slug);
export const notFound = (detail = 'Not found.') => new HttpProblem(404, 'Not found', detail, undefined, PROBLEM_TYPES.notFound);
export const conflict = (detail: string, slug: ProblemSlug = PROBLEM_TYPES.conflict) => new HttpProblem(409, 'Conflict', detail, undefined, slug);
