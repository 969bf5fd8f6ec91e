import { roomHandlers } from '../../core/handlers';
import { notFound } from '../../core/problems';
import { ok } from '../../core/replies';
import { toPublicTenant } from '../tenantProfile';

export default roomHandlers('customers', 'public', {
  async getPublicTenant({ caller }) {
    if (!caller.tenant) throw notFound('No portal is served at this address.');
    // Branding is public and changes rarely; a short cache spares the table on every page load.
    return ok(toPublicTenant(caller.tenant), { 'cache-control': 'public, max-age=60' });
  },
});
