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

const PROBLEM_BASE = 'https://portico.dev/problems/';

/**
 * Problem types the site reacts to by name (it shows a specific page or message for
 * each). `type` is `${PROBLEM_BASE}${slug}`.
 */
export const PROBLEM_TYPES = {
  invalidRequest: 'invalid-request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  invalidCredentials: 'invalid-credentials',
  loginLocked: 'login-locked',
  accountDeactivated: 'account-deactivated',
  portalDisabled: 'portal-disabled',
  companyNotAllowed: 'company-not-allowed',
  invitationExpired: 'invitation-expired',
  invitationUsed: 'invitation-used',
  invitationReplaced: 'invitation-replaced',
  linkInvalid: 'link-invalid',
  /** A direct link past its expiry, or revoked by staff (410 each). */
  linkExpired: 'link-expired',
  linkRevoked: 'link-revoked',
  /** E-signing: the PIN typed is wrong (403, with `attemptsRemaining`), signing is locked (429), or no PIN is set yet (409). */
  pinIncorrect: 'pin-incorrect',
  pinLocked: 'pin-locked',
  pinNotSet: 'pin-not-set',
  /** Online payments: the invoice cannot be paid (void, paid, withdrawn: 409), payments are off for the company (409), another payment of it is under way (409), Stripe refused (502), a webhook's signature does not verify (401). */
  invoiceNotPayable: 'invoice-not-payable',
  paymentsUnavailable: 'payments-unavailable',
  paymentInProgress: 'payment-in-progress',
  paymentProviderError: 'payment-provider-error',
  webhookSignatureInvalid: 'webhook-signature-invalid',
  /** Commerce: the cart moved since the customer reviewed it (409), or a line of it cannot be ordered (422); the body carries the cart as it is now. */
  cartChanged: 'cart-changed',
  /** The admin API: a staff member's group does not include the route's role, or an API key lacks its scope (403 each). */
  roleRequired: 'role-required',
  scopeRequired: 'scope-required',
  csrf: 'csrf-check-failed',
  methodNotAllowed: 'method-not-allowed',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  /** Too many requests of one kind in a window (uploads per hour, …); Retry-After says when. */
  rateLimited: 'rate-limited',
  internalError: 'internal-error',
} as const;
export type ProblemSlug = (typeof PROBLEM_TYPES)[keyof typeof PROBLEM_TYPES];

export const problemType = (slug: ProblemSlug): string => PROBLEM_BASE + slug;
export const isProblem = (body: { type?: string } | undefined, slug: ProblemSlug): boolean => body?.type === problemType(slug);
