import type { TemplateInput } from '../../../shared/api/notificationTemplates';
import { deleteItem, getItem, putItem, queryPage, toItem, type Keys } from '../../table/db';
import { TEMPLATE_LIMITS } from '../../../shared/api/notificationTemplates';

/**
 * A tenant's notification templates: one partition per tenant (`TENANT#…#NOTIFICATION-TEMPLATES`),
 * one item per template, at most `TEMPLATE_LIMITS.perTenant`, so the list is one bounded Query.
 */
export type StoredTemplate = TemplateInput & { tenantId: string; templateId: string; updatedAt: string; updatedBy: string };

const ENTITY = 'notificationTemplate';
const FIELDS = ['tenantId', 'templateId', 'name', 'event', 'audience', 'subject', 'body', 'updatedAt', 'updatedBy'] as const;
const partition = (tenantId: string) => `TENANT#${tenantId}#NOTIFICATION-TEMPLATES`;
const key = (tenantId: string, templateId: string): Keys => ({ pk: partition(tenantId), sk: `TEMPLATE#${templateId}` });

export const templateRepository = {
  async list(tenantId: string): Promise<StoredTemplate[]> {
    return (
      await queryPage<StoredTemplate>(
        { partition: partition(tenantId), sortPrefix: 'TEMPLATE#', limit: TEMPLATE_LIMITS.perTenant + 1, consistent: true },
        FIELDS,
      )
    ).items;
  },
  async get(tenantId: string, templateId: string): Promise<StoredTemplate | undefined> {
    return getItem<StoredTemplate>(key(tenantId, templateId), FIELDS, true);
  },
  async put(template: StoredTemplate): Promise<void> {
    await putItem(toItem(template, FIELDS, key(template.tenantId, template.templateId), ENTITY));
  },
  async delete(tenantId: string, templateId: string): Promise<void> {
    await deleteItem(key(tenantId, templateId));
  },
};
