import type { PaymentMethod } from '../../shared/api/payments';
import { isConditionFailure } from './companyRepository';
import { getItem, putItem, toItem, type Keys } from './db';

/**
 * A tenant's online payment settings: one item per tenant, replaced whole by
 * `PUT /api/admin/payment-settings`. Holds the Stripe connected account id (not a secret:
 * Portico calls Stripe with the platform's key on behalf of that account), never a key.
 */
export type StoredPaymentSettings = {
  tenantId: string;
  enabled: boolean;
  connectedAccountId?: string;
  methods: PaymentMethod[];
  partialPayments: { allowed: boolean; minimums: Record<string, number> };
  bankAccounts: Partial<Record<PaymentMethod, string>>;
  updatedAt: string;
  updatedBy: string;
};

const ENTITY = 'paymentSettings';
const FIELDS = ['tenantId', 'enabled', 'connectedAccountId', 'methods', 'partialPayments', 'bankAccounts', 'updatedAt', 'updatedBy'] as const;
const primaryKey = (tenantId: string): Keys => ({ pk: `TENANT#${tenantId}#PAYMENT-SETTINGS`, sk: 'PAYMENT-SETTINGS' });

export const paymentSettingsRepository = {
  async get(tenantId: string, consistent = false): Promise<StoredPaymentSettings | undefined> {
    return getItem<StoredPaymentSettings>(primaryKey(tenantId), FIELDS, consistent);
  },

  /**
   * Replaces the settings if they are still as read (`expectedUpdatedAt`; undefined = none
   * stored yet). False when someone else wrote them in between: read again.
   */
  async replace(settings: StoredPaymentSettings, expectedUpdatedAt: string | undefined): Promise<boolean> {
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
