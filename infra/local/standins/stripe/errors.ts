/**
 * Stripe's error body, `{ error: { type, code, message, param } }`, and the statuses the
 * SDK maps to its error classes (400/404 → StripeInvalidRequestError, or
 * StripeIdempotencyError for type `idempotency_error`; 401 → StripeAuthenticationError;
 * 403 → StripePermissionError; 5xx → StripeAPIError).
 */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'idempotency_error' | 'api_error' | 'card_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

export class StripeApiError extends Error {
  override name = 'StripeApiError';
  readonly body: StripeErrorBody;

  constructor(
    readonly status: number,
    body: StripeErrorBody,
  ) {
    super(body.message);
    this.body = body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}` } : body;
  }
}

export function invalidRequest(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return new StripeApiError(status, { type: 'invalid_request_error', message, ...(code ? { code } : {}), ...(param ? { param } : {}) });
}

export const missingParam = (param: string) => invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');

export const unknownParam = (param: string) =>
  invalidRequest(
    `Received unknown parameter: ${param} (the local Stripe stand-in implements the subset of Stripe's parameters that Portico uses).`,
    param,
    'parameter_unknown',
  );

export const invalidParam = (param: string, message: string) => invalidRequest(message, param, 'parameter_invalid');

/** As Stripe words it: `No such checkout.session: 'cs_test_…'`, 404 resource_missing. */
export const noSuch = (kind: string, id: string, param = 'id') => invalidRequest(`No such ${kind}: '${id}'`, param, 'resource_missing', 404);

export function authenticationError(message: string): StripeApiError {
  return new StripeApiError(401, { type: 'invalid_request_error', message });
}

export function idempotencyError(message: string, status = 400): StripeApiError {
  return new StripeApiError(status, { type: 'idempotency_error', message });
}
