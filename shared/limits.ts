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
} as const;
