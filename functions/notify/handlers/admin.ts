import { roomHandlers } from '../../core/handlers';
import { noContent, ok } from '../../core/replies';
import { getNotificationSettings, setNotificationSettings } from '../notificationSettings';
import { deleteTemplate, getTemplate, listTemplates, previewTemplate, putTemplate } from '../templates/templates';

/** Who among staff is emailed about each document and payment event. */
export default roomHandlers('notify', 'admin', {
  getNotificationSettings: async ({ caller }) => ok(await getNotificationSettings(caller)),
  setNotificationSettings: async ({ caller, input }) => ok(await setNotificationSettings(caller, input.body)),
  listTemplates: async ({ caller }) => ok(await listTemplates(caller)),
  getTemplate: async ({ caller, input }) => ok(await getTemplate(caller, input.path.templateId)),
  putTemplate: async ({ caller, input }) => ok(await putTemplate(caller, input.path.templateId, input.body)),
  async deleteTemplate({ caller, input }) {
    await deleteTemplate(caller, input.path.templateId);
    return noContent();
  },
  previewTemplate: async ({ caller, input }) => ok(await previewTemplate(caller, input.body)),
});
