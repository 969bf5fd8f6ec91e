import { isConditionFailure } from './companyRepository';
import { getItem, putItem, toItem, type Keys } from './db';

/**
 * A settings item of which a tenant has one (notifications, payments…), replaced whole by
 * its PUT route: read, and replaced only if it is still as read.
 */
export function tenantSettingsItem<T extends { tenantId: string; updatedAt: string }>(entity: string, keyName: string, fields: readonly string[]) {
  const primaryKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}#${keyName}`, sk: keyName });
  return {
    async get(tenantId: string, consistent = false): Promise<T | undefined> {
      return getItem<T>(primaryKey(tenantId), fields, consistent);
    },

    /**
     * Replaces the settings if they are still as read (`expectedUpdatedAt`; undefined =
     * none stored yet). False when someone else wrote them in between: read again.
     */
    async replace(settings: T, expectedUpdatedAt: string | undefined): Promise<boolean> {
      try {
        await putItem(toItem(settings, fields, primaryKey(settings.tenantId), entity), (x) =>
          expectedUpdatedAt === undefined ? `attribute_not_exists(${x.name('pk')})` : `${x.name('updatedAt')} = ${x.value(expectedUpdatedAt)}`,
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}
