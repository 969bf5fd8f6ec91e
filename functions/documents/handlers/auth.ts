import { roomHandlers } from '../../core/handlers';
import { notFound } from '../../core/problems';
import { ok } from '../../core/replies';
import { openDirectLink } from '../directLinks/directLinks';
import { setSigningPin } from '../signing/signingPinSetting';

/** What the auth Lambda serves for documents: opening a direct link (a session), setting the signing PIN (a password check). */
export default roomHandlers('documents', 'auth', {
  /** A session limited to the link's document, in a cookie of its own (no Cognito tokens). */
  async openDirectLink({ caller, input }) {
    if (!caller.tenant) throw notFound('No portal is served at this address.');
    const opened = await openDirectLink(caller.tenant, input.path.token, caller.origin);
    return { ...ok(opened.body), session: { kind: 'link-opened', sessionCookie: opened.sessionCookie, expiresAt: opened.expiresAt } };
  },
  setSigningPin: async ({ caller, input }) => ok(await setSigningPin(caller, input.body)),
});
