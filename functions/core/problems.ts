import { PROBLEM_TYPES, problemType, type ProblemDetails, type ProblemSlug } from '../../shared/problem';
import type { SessionKind } from './callers';

export type FieldError = { name: string; reason: string };

/**
 * An expected failure, answered as an RFC 9457 problem (the HTTP adapter writes it).
 * Services throw these; anything else is a 500 whose detail is never shown to the caller.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    slug: ProblemSlug = PROBLEM_TYPES.invalidRequest,
  ) {
    super(detail ?? title);
    this.name = 'Problem';
    this.type = problemType(slug);
  }

  readonly type: string;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  headers?: Record<string, string>;
  /** A session this refusal ends in the browser too (its cookies are cleared), so it stops presenting it. */
  endsSession?: SessionKind;

  /** Adds headers or the session it ends; returns the problem, so it can be thrown in one expression. */
  with(extra: { headers?: Record<string, string>; endsSession?: SessionKind }): this {
    if (extra.headers) this.headers = { ...this.headers, ...extra.headers };
    if (extra.endsSession) this.endsSession = extra.endsSession;
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

export const badRequest = (errors: FieldError[], detail = 'The request has invalid fields.') => new Problem(400, 'Invalid request', detail, errors);
export const unauthorized = (detail = 'Sign in to continue.', slug: ProblemSlug = PROBLEM_TYPES.unauthorized) =>
  new Problem(401, 'Unauthorized', detail, undefined, slug);
export const forbidden = (detail = 'You do not have permission to do this.', slug: ProblemSlug = PROBLEM_TYPES.forbidden) =>
  new Problem(403, 'Forbidden', detail, undefined, slug);
export const notFound = (detail = 'Not found.') => new Problem(404, 'Not found', detail, undefined, PROBLEM_TYPES.notFound);
export const conflict = (detail: string, slug: ProblemSlug = PROBLEM_TYPES.conflict) => new Problem(409, 'Conflict', detail, undefined, slug);
export const unprocessable = (title: string, detail: string, errors: FieldError[]) => new Problem(422, title, detail, errors);
/** Too many requests of one kind: says when to come back (`Retry-After`, seconds). */
export const tooMany = (title: string, detail: string, retryAfterSeconds: number, slug: ProblemSlug = PROBLEM_TYPES.rateLimited) =>
  new Problem(429, title, detail, undefined, slug).with({ headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } });

/**
 * An id in the path that this tenant does not hold is a 404 whether it is unknown or
 * another tenant's: the answer never tells the two apart.
 */
export const notFoundIn = (what: string) => notFound(`No ${what} with this id.`);

/** An id in the body that names nothing of this tenant: a 422 naming that field. */
export const unknownReference = (field: string, reason: string) =>
  unprocessable('Unprocessable request', 'The request names something that does not exist.', [{ name: field, reason }]);
