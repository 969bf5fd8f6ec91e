import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { apiKeyRepository } from './apiKeyRepository';

/**
 * CRM API keys look like `ptk.<tenantId>.<keyId>.<secret>`: the tenant and key id let
 * one GetItem find the record; the secret (32 random bytes) is compared by its SHA-256,
 * which is enough for a high-entropy secret and keeps the check constant-time.
 */
const PREFIX = 'ptk';
const KEY_PATTERN = /^ptk\.([a-z0-9-]{1,63})\.([a-z0-9]{8,32})\.([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export function formatApiKey(tenantId: string, keyId: string, secret: string): string {
  return `${PREFIX}.${tenantId}.${keyId}.${secret}`;
}

export function newApiKeyParts(): { keyId: string; secret: string } {
  return { keyId: randomBytes(10).toString('hex'), secret: randomBytes(32).toString('base64url') };
}

export function parseApiKey(presented: string): { tenantId: string; keyId: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(presented);
  return match ? { tenantId: match[1]!, keyId: match[2]!, secret: match[3]! } : undefined;
}

/** Issues a key and returns it in full: the only time the secret is ever seen. */
export async function issueApiKey(tenantId: string, name: string, scopes: string[], parts = newApiKeyParts()): Promise<string> {
  await apiKeyRepository.create({ tenantId, keyId: parts.keyId, name, scopes, secretHash: hashSecret(parts.secret) });
  return formatApiKey(tenantId, parts.keyId, parts.secret);
}

/** The tenant and scopes of a valid, unrevoked key; undefined for anything else. */
export async function verifyApiKey(presented: string): Promise<{ tenantId: string; keyId: string; scopes: string[] } | undefined> {
  const parsed = parseApiKey(presented);
  if (!parsed) return undefined;
  const record = await apiKeyRepository.get(parsed.tenantId, parsed.keyId);
  if (!record || record.revokedAt) return undefined;
  const expected = Buffer.from(record.secretHash);
  const actual = Buffer.from(hashSecret(parsed.secret));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  return { tenantId: record.tenantId, keyId: record.keyId, scopes: record.scopes ?? [] };
}
