import type { PaymentMethod } from '../../shared/api/payments';
import type { Company } from '../customers/companyRepository';
import { paymentSettingsRepository, type StoredPaymentSettings } from './paymentSettingsRepository';

/**
 * Whether, and how, a company's customers may pay online: the tenant's settings (switched
 * on, with a connected account) and the company's own list of methods, if it has one.
 * Kept apart from the Stripe code so the portal's document page can ask without loading it.
 */
export interface PaymentOptions {
  available: boolean;
  settings?: StoredPaymentSettings & { connectedAccountId: string };
  /** The methods this company may use: its own list within the tenant's, or the tenant's. */
  methods: PaymentMethod[];
}

/** The company's methods: its own list narrowed to the tenant's (a method the tenant does not offer cannot be switched on per company). */
export function methodsFor(settings: Pick<StoredPaymentSettings, 'methods'>, company: Pick<Company, 'paymentMethods'> | undefined): PaymentMethod[] {
  const own = company?.paymentMethods;
  return own ? settings.methods.filter((m) => own.includes(m)) : [...settings.methods];
}

export async function paymentOptions(tenantId: string, company: Pick<Company, 'paymentMethods'> | undefined, consistent = false): Promise<PaymentOptions> {
  const settings = await paymentSettingsRepository.get(tenantId, consistent);
  if (!settings?.enabled || !settings.connectedAccountId) return { available: false, methods: [] };
  const methods = methodsFor(settings, company);
  return { available: methods.length > 0, settings: settings as PaymentOptions['settings'], methods };
}
