import type { NotificationSettings } from '../../shared/api/documents';
import { isConditionFailure } from './companyRepository';
import { getItem, putItem, toItem, type Keys } from './db';

/**
 * A tenant's staff notification settings: one item per tenant, replaced as a whole by
 * `PUT /api/admin/notifications` and read once per notified event.
 */
export type StoredNotificationSettings = NotificationSettings & {
  tenantId: string;
  updatedAt: string;
  updatedBy: string;
};

const ENTITY = 'notificationSettings';
const FIELDS = ['tenantId', 'teams', 'rules', 'updatedAt', 'updatedBy'] as const;
const primaryKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}#NOTIFICATION-SETTINGS`, sk: 'NOTIFICATION-SETTINGS' });

export const notificationSettingsRepository = {
  async get(tenantId: string, consistent = false): Promise<StoredNotificationSettings | undefined> {
    return getItem<StoredNotificationSettings>(primaryKey(tenantId), FIELDS, consistent);
  },

  /**
   * Replaces the settings if they are still as read (`expectedUpdatedAt`; undefined =
   * none stored yet). False when someone else wrote them in between: read again.
   */
  async replace(settings: StoredNotificationSettings, expectedUpdatedAt: string | undefined): Promise<boolean> {
    try {
      await putItem(toItem(settings, FIELDS, primaryKey(settings.tenantId), ENTITY), (x) =>
        expectedUpdatedAt === undefined ? `attribute_not_exists(${x.name('pk')})` : `${x.name('updatedAt')} = ${x.value(expectedUpdatedAt)}`,
      );
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  },
};
