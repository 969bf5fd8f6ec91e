import { roomHandlers } from '../../core/handlers';
import { ok } from '../../core/replies';
import { listAudit, listTenantAudit } from '../auditTrail';

export default roomHandlers('audit', 'admin', {
  listAudit: async ({ caller, input }) => ok(await listAudit(caller, input.query)),
  listTenantAudit: async ({ caller, input }) => ok(await listTenantAudit(caller, input.query)),
});
