import { apiHandler } from '../http/apiHandler';
import { notFound } from '../http/problem';
import { json, ok } from '../http/responses';
import { checkHealth } from '../services/health';
import { toPublicTenant } from '../services/tenantProfile';

export const health = apiHandler('GET /api/health', async () => {
  const result = await checkHealth();
  return json(result.status === 'ok' ? 200 : 503, { ...result, time: new Date().toISOString() });
});

export const getPublicTenant = apiHandler('GET /api/public/tenant', async ({ hostTenant }) => {
  if (!hostTenant) throw notFound('No portal is served at this address.');
  // Branding is public and changes rarely; a short cache spares the table on every page load.
  return ok(toPublicTenant(hostTenant), { 'cache-control': 'public, max-age=60' });
});
