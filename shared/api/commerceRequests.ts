import * as z from 'zod/mini';
import { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES } from '../documentKinds';
import { id, lazily, pageQueryFields, trimmed } from './common';

/**
 * Quote and job requests (issue 12, seed 001 "Request a new Quote or Job"): a portal user
 * asks for a quote or a job in their own words, with files, or sends their cart as a quote
 * request. The request shows as `requested` until the CRM publishes the quote or job that
 * answers it (`requestId` on `PUT /api/admin/documents/{type}/{documentId}`), or staff
 * decline it with a reason.
 */

export const REQUEST_KINDS = ['quote', 'job'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = ['requested', 'answered', 'declined'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The requests' field limits (the site's forms show them too). */
export const REQUEST_LIMITS = {
  title: 200,
  description: 10_000,
  attachments: 10,
  declineReason: 1000,
} as const;

/** POST /api/requests/uploads: a presigned upload for a request's file (then named in `attachmentIds`). */
export const requestUploadBody = lazily(() =>
  z.strictObject({
    fileName: trimmed(200),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ATTACHMENT_BYTES, `must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)),
  }),
);

/** POST /api/requests: a free-form request for a quote or a job. */
export const createRequestBody = lazily(() =>
  z.strictObject({
    kind: z.enum(REQUEST_KINDS),
    /** The site's id for this submission: a double click or a retry makes one request. */
    clientRequestId: id,
    title: trimmed(REQUEST_LIMITS.title),
    description: trimmed(REQUEST_LIMITS.description),
    /** Uploads made with `POST /api/requests/uploads`, by id. */
    attachmentIds: z._default(z.array(id).check(z.maxLength(REQUEST_LIMITS.attachments)), []),
  }),
);
export type CreateRequestBody = z.output<typeof createRequestBody>;

/** POST /api/cart/quote-request: the cart sent as a quote request (the cart is emptied). */
export const cartQuoteRequestBody = lazily(() =>
  z.strictObject({
    clientRequestId: id,
    /** The cart's version the customer reviewed: a cart changed since is refused (409). */
    cartVersion: z.number().check(z.int(), z.minimum(0)),
    /** Defaults to "Quote for my cart". */
    title: z.optional(trimmed(REQUEST_LIMITS.title)),
    description: z._default(trimmed(REQUEST_LIMITS.description, 0), ''),
  }),
);
export type CartQuoteRequestBody = z.output<typeof cartQuoteRequestBody>;

export const requestPath = lazily(() => z.strictObject({ requestId: id }));
export const requestAttachmentPath = lazily(() => z.strictObject({ requestId: id, attachmentId: id }));

/** GET /api/requests: the caller's company's requests, newest first. */
export const listRequestsQuery = lazily(() =>
  z.strictObject({
    ...pageQueryFields(),
    kind: z.optional(z.enum(REQUEST_KINDS)),
  }),
);

/** GET /api/admin/requests: the tenant's requests, newest first, optionally by status, kind or company. */
export const adminRequestsQuery = lazily(() =>
  z.strictObject({
    ...pageQueryFields(),
    status: z.optional(z.enum(REQUEST_STATUSES)),
    kind: z.optional(z.enum(REQUEST_KINDS)),
    companyId: z.optional(id),
  }),
);

/** POST /api/admin/requests/{requestId}/decline. */
export const declineRequestBody = lazily(() => z.strictObject({ reason: trimmed(REQUEST_LIMITS.declineReason) }));

// ---------- Replies ----------

export interface RequestAttachmentView {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A line of a quote request sent from the cart: what was in the cart (no prices: staff quote them). */
export interface RequestLineView {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
}

export type RequestState =
  | { status: 'requested' }
  /** Answered by the quote or job the CRM published with this `requestId`; the portal links to it. */
  | { status: 'answered'; answeredAt: string; document: { type: 'quote' | 'job'; documentId: string; number: string } }
  | { status: 'declined'; declinedAt: string; reason: string };

export type RequestView = {
  requestId: string;
  kind: RequestKind;
  title: string;
  description: string;
  /** `cart` when sent from the cart (then `lines` lists it). */
  source: 'form' | 'cart';
  lines?: RequestLineView[];
  attachments: RequestAttachmentView[];
  createdAt: string;
  /** Who asked. */
  requestedBy: { contactId: string; name: string };
} & RequestState;

export interface RequestPage {
  items: RequestView[];
  cursor?: string;
}

/** Staff's view: the request and its company. */
export type AdminRequestView = RequestView & { companyId: string; companyName?: string };

export interface AdminRequestPage {
  items: AdminRequestView[];
  cursor?: string;
}
