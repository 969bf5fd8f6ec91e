/** RFC 9457 problem details, as every error response of the API carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field-level failures: `name` is the dotted path of the input field (e.g. `body.email`). */
  errors?: { name: string; reason: string }[];
  requestId?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
