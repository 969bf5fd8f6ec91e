import { roomHandlers } from '../../core/handlers';
import { ok } from '../../core/replies';
import { getNotificationSettings, setNotificationSettings } from '../notificationSettings';

/** Who among staff is emailed about each document and payment event. */
export default roomHandlers('notify', 'admin', {
  getNotificationSettings: async ({ caller }) => ok(await getNotificationSettings(caller)),
  setNotificationSettings: async ({ caller, input }) => ok(await setNotificationSettings(caller, input.body)),
});
