import type { PaymentSettingsView } from '../../shared/api/payments';
import { tenantSettingsItem } from '../table/tenantSettingsItem';

/**
 * A tenant's online payment settings: one item per tenant, replaced whole by
 * `PUT /api/admin/payment-settings`. Holds the Stripe connected account id (not a secret:
 * Portico calls Stripe with the platform's key on behalf of that account), never a key.
 */
export type StoredPaymentSettings = Omit<PaymentSettingsView, 'configured' | 'updatedAt' | 'updatedBy'> & {
  tenantId: string;
  updatedAt: string;
  updatedBy: string;
};

const FIELDS = ['tenantId', 'enabled', 'connectedAccountId', 'methods', 'partialPayments', 'bankAccounts', 'updatedAt', 'updatedBy'] as const;

export const paymentSettingsRepository = tenantSettingsItem<StoredPaymentSettings>('paymentSettings', 'PAYMENT-SETTINGS', FIELDS);
