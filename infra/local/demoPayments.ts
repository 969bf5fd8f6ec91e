import { paymentSettingsRepository } from '../../functions/payments/paymentSettingsRepository';
import { DEMO_TENANTS } from './demoTenants';
import type { PaymentsProvider } from './runtime';

/**
 * Online payments for the demo tenants: card payments on their connected account (the
 * stand-in's, or the one PORTICO_DEMO_STRIPE_ACCOUNT names with a real test key), part
 * payments from £10 / $10, and the bank account card payouts land in. Set once (changes
 * made through `PUT /api/admin/payment-settings` survive a restart).
 */
export async function seedDemoPayments(provider: PaymentsProvider): Promise<string[]> {
  const enabled: string[] = [];
  for (const tenant of DEMO_TENANTS) {
    const account = provider.demoAccounts[tenant.id];
    if (!account) continue;
    enabled.push(tenant.slug);
    if (await paymentSettingsRepository.get(tenant.id)) continue;
    // Straight to the table (created only if none exist): seeding is not an admin action to audit.
    await paymentSettingsRepository.replace(
      {
        tenantId: tenant.id,
        enabled: true,
        connectedAccountId: account,
        methods: ['card'],
        partialPayments: { allowed: true, minimums: { GBP: 1000, USD: 1000, EUR: 1000 } },
        bankAccounts: { card: tenant.id === 'acme' ? 'Chase Business Checking ••6620' : 'Barclays Business 20-45-77 43718820' },
        updatedAt: new Date().toISOString(),
        updatedBy: 'local-seed',
      },
      undefined,
    );
  }
  return enabled;
}
