import { roomHandlers } from '../../core/handlers';
import { created, noContent, ok } from '../../core/replies';
import * as apiKeys from '../apiKeys';
import { sendInvitation } from '../invitations';

export default roomHandlers('identity', 'admin', {
  /** Invites a contact to the portal (again: the new link replaces the previous one). */
  async sendInvitation({ caller, input }) {
    const invitation = await sendInvitation(caller, input.path.contactId, input.body.teams);
    return created(invitation, { location: `/api/admin/portal-users/${invitation.userId}` });
  },

  // API keys are for staff only: the route rows refuse a key, so a key cannot mint or revoke keys.
  createApiKey: async ({ caller, input }) => created(await apiKeys.createApiKey(caller, input.body.name, input.body.scopes ?? ['admin'])),
  listApiKeys: async ({ caller }) => ok(await apiKeys.listApiKeys(caller)),
  async revokeApiKey({ caller, input }) {
    await apiKeys.revokeApiKey(caller, input.path.keyId);
    return noContent();
  },
});
