import type { NotificationSettings } from '../../shared/api/documents';
import { tenantSettingsItem } from '../table/tenantSettingsItem';

/**
 * A tenant's staff notification settings: one item per tenant, replaced as a whole by
 * `PUT /api/admin/notifications` and read once per notified event.
 */
/** Settings saved before templates existed have none (each event then uses its defaults). */
export type StoredNotificationSettings = Omit<NotificationSettings, 'templates'> & {
  templates?: NotificationSettings['templates'];
  tenantId: string;
  updatedAt: string;
  updatedBy: string;
};

const FIELDS = ['tenantId', 'teams', 'rules', 'templates', 'updatedAt', 'updatedBy'] as const;

export const notificationSettingsRepository = tenantSettingsItem<StoredNotificationSettings>('notificationSettings', 'NOTIFICATION-SETTINGS', FIELDS);
