import { roomHandlers } from '../../core/handlers';
import { ok } from '../../core/replies';
import { getMe, updateMe, updateMyCompany } from '../myDetails';

/** My details: who the signed-in contact is, and what of their own and their company's details they may keep current. */
export default roomHandlers('customers', 'portal', {
  getMe: async ({ caller }) => ok(await getMe(caller)),
  updateMe: async ({ caller, input }) => ok(await updateMe(caller, input.body)),
  updateMyCompany: async ({ caller, input }) => ok(await updateMyCompany(caller, input.body)),
});
