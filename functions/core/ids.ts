import { randomBytes } from 'node:crypto';

/** Crockford's base32 alphabet, lower case: no i, l, o or u to misread when an id is read aloud. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A short random id Portico issues for a record it owns, e.g. `co_5k3q9x2m1d7v0h8r`:
 * a type prefix for humans reading logs, then 80 random bits (16 base32 characters),
 * so ids never need a uniqueness lookup. Fits the API's id pattern.
 */
export function newId(prefix: string): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return `${prefix}_${out}`;
}
