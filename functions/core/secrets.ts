import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A secret for an emailed link or a session: 32 random bytes, base64url (43 characters). */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/** What is stored for a link token: its SHA-256. The token itself is only ever in the email. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** Constant-time comparison of two strings of secrets or hashes. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
