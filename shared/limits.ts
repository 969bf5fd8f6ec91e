/**
 * The lengths and counts the API accepts, as plain data: the request schemas in
 * shared/api check them and the site's forms show them (the site bundles no zod).
 */
export const LIMITS = {
  /** A person's first or last name. */
  personName: 100,
  phone: 40,
  email: 254,
  address: { line1: 200, line2: 200, city: 100, region: 100, postcode: 20, country: 2 },
  /** A customer's purchase-order reference when accepting a quote. */
  purchaseOrderReference: 100,
  /** The reason for rejecting a quote, a comment on artwork. */
  decisionText: 2000,
  /** The name typed to sign an order. */
  signerName: { min: 2, max: 200 },
  /** The e-signing PIN: this many digits. */
  pinDigits: { min: 4, max: 8 },
  /** A message on a document's thread. */
  messageBody: 10_000,
  /** Files on one message. */
  attachmentsPerMessage: 10,
  /** A password as typed (the pools' policy sets the minimum). */
  password: { min: 12, max: 256 },
  /**
   * A document the CRM publishes (docs/architecture.md, "How big a document may be"). Each
   * field has its own limit, and the whole document one more: its content as stored, the
   * parsed body as compact UTF-8 JSON, at most `contentBytes`, so it always fits the one
   * DynamoDB item (400 KB) beside its history and portal state. `bodyBytes` is the
   * publishing route's body cap: any such document fits it however it is encoded (compact
   * or pretty-printed, raw UTF-8 or every non-ASCII character `\u`-escaped, 3× at most), and
   * so does a document too large as a whole whose fields are each within their limits
   * (about 1.25 MB compact), so that one is told which field, not just 413. The Lambda
   * event holding it stays under Lambda's 6 MB even with every character escaped (2×).
   */
  document: {
    lines: 500,
    lineDescription: 2000,
    sku: 100,
    title: 200,
    notes: 10_000,
    terms: 20_000,
    attachments: 50,
    contentBytes: 300_000,
    bodyBytes: 2 * 1024 * 1024,
  },
} as const;
