import * as z from 'zod/mini';
import { LIMITS } from '../limits';

/**
 * A schema built on its first use, not when its module loads: a Lambda's cold start then
 * builds only the schemas of the request it serves (each costs a little; all of them cost a
 * cold start ~10 ms of CPU, npm run bench). It parses, types and describes itself as the
 * schema it wraps.
 */
export const lazily = <T extends z.ZodMiniType>(build: () => T): z.ZodMiniLazy<T> => z.lazy(build);

/** Ids Portico issues and ids a CRM sends: short, URL-safe. */
export const id = lazily(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _')));

export const trimmed = (max: number, min = 1) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const email = lazily(() => z.string().check(z.trim(), z.toLowerCase(), z.maxLength(LIMITS.email), z.email('must be an email address')));

export const phone = lazily(() =>
  z.string().check(z.trim(), z.maxLength(LIMITS.phone), z.regex(/^[+0-9 ()-]*$/, 'may hold digits, spaces, +, - and brackets only')),
);

export const address = lazily(() =>
  z.strictObject({
    line1: z.optional(trimmed(LIMITS.address.line1, 0)),
    line2: z.optional(trimmed(LIMITS.address.line2, 0)),
    city: z.optional(trimmed(LIMITS.address.city, 0)),
    region: z.optional(trimmed(LIMITS.address.region, 0)),
    postcode: z.optional(trimmed(LIMITS.address.postcode, 0)),
    /** ISO 3166-1 alpha-2. */
    country: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code'))),
  }),
);
export type Address = z.infer<typeof address>;

/** Cursor pagination: `limit` items from after `cursor` (the opaque value a previous page returned). */
export const pageQueryFields = () => ({
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});
export const pageQuery = lazily(() => z.strictObject(pageQueryFields()));

/** The password policy, the same as the Cognito pools' (also shown on the site). */
export const PASSWORD_RULES = { minLength: LIMITS.password.min, maxLength: LIMITS.password.max } as const;
export const password = lazily(() =>
  z
    .string()
    .check(
      z.minLength(PASSWORD_RULES.minLength, `must be at least ${PASSWORD_RULES.minLength} characters`),
      z.maxLength(PASSWORD_RULES.maxLength),
      z.regex(/[a-z]/, 'must contain a lower-case letter'),
      z.regex(/[A-Z]/, 'must contain an upper-case letter'),
      z.regex(/[0-9]/, 'must contain a digit'),
      z.regex(/[^A-Za-z0-9]/, 'must contain a symbol'),
    ),
);

/** A secret token from an emailed link: 32 random bytes, base64url. */
export const linkToken = lazily(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'is not a valid link token')));

/** A PATCH body must change something. */
export const nonEmpty = <T extends z.ZodMiniObject>(schema: T) =>
  schema.check(z.refine((v) => Object.keys(v as object).length > 0, 'must change at least one field'));
