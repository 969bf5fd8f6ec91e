import * as z from 'zod/mini';

/** Ids Portico issues and ids a CRM sends: short, URL-safe. */
export const id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _'));

export const trimmed = (max: number, min = 1) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const email = z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email('must be an email address'));

export const phone = z.string().check(z.trim(), z.maxLength(40), z.regex(/^[+0-9 ()-]*$/, 'may hold digits, spaces, +, - and brackets only'));

export const address = z.strictObject({
  line1: z.optional(trimmed(200, 0)),
  line2: z.optional(trimmed(200, 0)),
  city: z.optional(trimmed(100, 0)),
  region: z.optional(trimmed(100, 0)),
  postcode: z.optional(trimmed(20, 0)),
  /** ISO 3166-1 alpha-2. */
  country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code'))),
});
export type Address = z.infer<typeof address>;

/** Cursor pagination: `limit` items from after `cursor` (the opaque value a previous page returned). */
export const pageQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

/** The password policy, the same as the Cognito pools' (also shown on the site). */
export const PASSWORD_RULES = { minLength: 12, maxLength: 256 } as const;
export const password = z.string().check(
  z.minLength(PASSWORD_RULES.minLength, `must be at least ${PASSWORD_RULES.minLength} characters`),
  z.maxLength(PASSWORD_RULES.maxLength),
  z.regex(/[a-z]/, 'must contain a lower-case letter'),
  z.regex(/[A-Z]/, 'must contain an upper-case letter'),
  z.regex(/[0-9]/, 'must contain a digit'),
  z.regex(/[^A-Za-z0-9]/, 'must contain a symbol'),
);

/** A secret token from an emailed link: 32 random bytes, base64url. */
export const linkToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link token'));

/** A PATCH body must change something. */
export const nonEmpty = <T extends z.ZodMiniObject>(schema: T) =>
  schema.check(z.refine((v) => Object.keys(v as object).length > 0, 'must change at least one field'));
