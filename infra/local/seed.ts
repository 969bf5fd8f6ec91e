import { createHash } from 'node:crypto';
import { tenantRepository } from '../../functions/repositories/tenantRepository';
import { apiKeyRepository } from '../../functions/repositories/apiKeyRepository';
import { formatApiKey, hashSecret } from '../../functions/services/apiKeys';
import { DEMO_TENANTS } from './demoTenants';

/** The demo CRM key of a tenant: derived, so it stays the same across restarts. Local mode only. */
export function demoApiKey(tenantId: string): { keyId: string; secret: string; key: string } {
  const keyId = 'localdemo1';
  const secret = createHash('sha256').update(`portico-local-demo-api-key:${tenantId}`).digest('base64url');
  return { keyId, secret, key: formatApiKey(tenantId, keyId, secret) };
}

/**
 * Seeds the demo tenants into the table the handlers use (TABLE_NAME): tenant records,
 * their subdomains and a fixed CRM API key each. Safe to run on every start.
 */
export async function seedDemoTenants(): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    const existing = await tenantRepository.get(tenant.id);
    // Keep settings changed through the API across restarts; create what is missing.
    if (!existing) {
      await tenantRepository.put({ tenantId: tenant.id, slug: tenant.slug, name: tenant.name, portalEnabled: true, modules: tenant.modules, branding: tenant.branding });
    }
    await tenantRepository.claimHost(`sub:${tenant.slug}`, tenant.id, true);
    const key = demoApiKey(tenant.id);
    if (!(await apiKeyRepository.get(tenant.id, key.keyId))) {
      await apiKeyRepository.create({ tenantId: tenant.id, keyId: key.keyId, name: 'Local demo CRM key', scopes: ['admin'], secretHash: hashSecret(key.secret) });
    }
  }
}
