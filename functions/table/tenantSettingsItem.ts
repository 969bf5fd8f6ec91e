import { getItem, putWrite, toItem, type Keys, type Write } from './db';
import { isConflict, UnitOfWork } from './unitOfWork';

/**
 * A settings item of which a tenant has one (notifications, payments…), replaced whole by
 * its PUT route: read, and replaced only if it is still as read.
 */
export function tenantSettingsItem<T extends { tenantId: string; updatedAt: string }>(entity: string, keyName: string, fields: readonly string[]) {
  const primaryKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}#${keyName}`, sk: keyName });
  const replaceWrite = (settings: T, expectedUpdatedAt: string | undefined): Write =>
    putWrite(toItem(settings, fields, primaryKey(settings.tenantId), entity), (x) =>
      expectedUpdatedAt === undefined ? `attribute_not_exists(${x.name('pk')})` : `${x.name('updatedAt')} = ${x.value(expectedUpdatedAt)}`,
    );
  return {
    async get(tenantId: string, consistent = false): Promise<T | undefined> {
      return getItem<T>(primaryKey(tenantId), fields, consistent);
    },

    /**
     * The Put that replaces the settings if they are still as read (`expectedUpdatedAt`;
     * undefined = none stored yet): a conflict when someone else wrote them in between.
     */
    replaceWrite,

    /** Replaces the settings on their own; false when someone else wrote them in between. */
    async replace(settings: T, expectedUpdatedAt: string | undefined): Promise<boolean> {
      try {
        await new UnitOfWork().write(replaceWrite(settings, expectedUpdatedAt)).commit();
        return true;
      } catch (err) {
        if (isConflict(err)) return false;
        throw err;
      }
    },
  };
}
