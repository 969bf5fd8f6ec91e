import type { AdminCaller } from '../core/callers';
import { notFoundIn } from '../core/problems';
import { recordAudit } from '../audit/audit';
import { apiKeyRepository } from './apiKeyRepository';
import { issueApiKey, newApiKeyParts } from './apiKeyCredentials';

/** Staff manage the tenant's CRM API keys (the admin API's `/api/admin/api-keys`); checking a presented key is apiKeyCredentials'. */

export interface ApiKeyView {
  keyId: string;
  name: string;
  scopes: string[];
  createdAt?: string;
  revokedAt?: string;
}

const toApiKeyView = (record: { keyId: string; name: string; scopes?: string[]; createdAt?: string; revokedAt?: string }): ApiKeyView => ({
  keyId: record.keyId,
  name: record.name,
  scopes: record.scopes ?? [],
  ...(record.createdAt ? { createdAt: record.createdAt } : {}),
  ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
});

/** A new key with its secret: returned once, never stored, never shown again. */
export async function createApiKey(caller: AdminCaller, name: string, asked: string[]): Promise<ApiKeyView & { key: string }> {
  const scopes = [...new Set(asked)];
  const parts = newApiKeyParts();
  const key = await issueApiKey(caller.tenantId, name, scopes, parts);
  const record = await apiKeyRepository.get(caller.tenantId, parts.keyId);
  await recordAudit(caller, { action: 'api-key.created', subjects: [`tenant:${caller.tenantId}`], details: { keyId: parts.keyId, name, scopes } });
  return { ...toApiKeyView(record ?? { keyId: parts.keyId, name, scopes }), key };
}

/** The tenant's keys, newest first, without secrets or hashes. */
export async function listApiKeys(caller: AdminCaller): Promise<{ items: ApiKeyView[] }> {
  const records = await apiKeyRepository.list(caller.tenantId);
  return { items: records.map(toApiKeyView).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '')) };
}

/**
 * Revokes a key; every request reads the key's record, so it is refused from the very
 * next one. Revoking twice is not an error and keeps the first revocation's time.
 */
export async function revokeApiKey(caller: AdminCaller, keyId: string): Promise<void> {
  const record = await apiKeyRepository.get(caller.tenantId, keyId);
  if (!record) throw notFoundIn('API key');
  if (record.revokedAt) return;
  await apiKeyRepository.revoke(caller.tenantId, keyId);
  await recordAudit(caller, { action: 'api-key.revoked', subjects: [`tenant:${caller.tenantId}`], details: { keyId, name: record.name } });
}
