import { PAYMENT_METHODS, type PaymentSettingsInput, type PaymentSettingsView } from '../../shared/api/payments';
import { conflict } from '../core/problems';
import { paymentSettingsRepository, type StoredPaymentSettings } from './paymentSettingsRepository';
import type { AdminCaller } from '../core/callers';
import { changedFields } from '../core/changes';
import { auditWrites } from '../audit/audit';
import { retryOnConflict, UnitOfWork } from '../table/unitOfWork';
import { checkConnectedAccount } from './connectedAccountCheck';

/**
 * A tenant's online payment settings (staff or the CRM): the switch, the Stripe
 * connected account, the methods customers may use, part payments with their minimum
 * per currency, and the bank account each method pays into (for reconciliation).
 * Payments are off until someone saves settings that switch them on.
 */

const DEFAULTS: Omit<StoredPaymentSettings, 'tenantId' | 'updatedAt' | 'updatedBy'> = {
  enabled: false,
  methods: ['card'],
  partialPayments: { allowed: false, minimums: {} },
  bankAccounts: {},
};

export async function getPaymentSettings(caller: AdminCaller): Promise<PaymentSettingsView> {
  return view(await paymentSettingsRepository.get(caller.tenantId));
}

/** Replaces the settings; only a real change is written and audited (`payment-settings.changed`, naming the fields). */
export async function setPaymentSettings(caller: AdminCaller, input: PaymentSettingsInput): Promise<PaymentSettingsView> {
  const next = normalised(input);
  let checked = false;
  return retryOnConflict(
    async () => {
      const current = await paymentSettingsRepository.get(caller.tenantId, true);
      const fields = changedFields(comparable(current), next);
      if (current && fields.length === 0) return view(current);
      // Asked of Stripe once per save, and only when the account or the methods change (or payments go on).
      if (!checked && next.connectedAccountId && (!current || fields.some((f) => CHECKED_FIELDS.has(f)))) {
        await checkConnectedAccount(next.connectedAccountId, input.methods);
        checked = true;
      }
      const stored: StoredPaymentSettings = { tenantId: caller.tenantId, ...next, updatedAt: new Date().toISOString(), updatedBy: caller.actor };
      await new UnitOfWork()
        .write(paymentSettingsRepository.replaceWrite(stored, current?.updatedAt))
        .write(
          ...auditWrites(caller, {
            action: 'payment-settings.changed',
            subjects: [`tenant:${caller.tenantId}`],
            details: { fields: current ? fields : ['created'], enabled: stored.enabled },
          }),
        )
        .commit();
      return view(stored);
    },
    { exhausted: () => conflict('The payment settings are being changed by someone else right now. Try again.') },
  );
}

/** A change to any of these asks Stripe again. */
const CHECKED_FIELDS = new Set(['connectedAccountId', 'methods', 'enabled']);

type Comparable = Omit<StoredPaymentSettings, 'tenantId' | 'updatedAt' | 'updatedBy'>;

function comparable(stored: StoredPaymentSettings | undefined): Comparable {
  if (!stored) return DEFAULTS;
  const { tenantId: _t, updatedAt: _u, updatedBy: _b, ...rest } = stored;
  return rest;
}

/** Methods once each in the canonical order; bank accounts only for offered methods. */
function normalised(input: PaymentSettingsInput): Comparable {
  const methods = PAYMENT_METHODS.filter((m) => input.methods.includes(m));
  const bankAccounts = Object.fromEntries(
    Object.entries(input.bankAccounts ?? {}).filter(([m, label]) => label && methods.includes(m as (typeof methods)[number])),
  );
  return {
    enabled: input.enabled,
    ...(input.connectedAccountId ? { connectedAccountId: input.connectedAccountId } : {}),
    methods,
    partialPayments: { allowed: input.partialPayments?.allowed ?? false, minimums: input.partialPayments?.minimums ?? {} },
    bankAccounts,
  };
}

function view(stored: StoredPaymentSettings | undefined): PaymentSettingsView {
  const settings = comparable(stored);
  return {
    enabled: settings.enabled,
    ...(settings.connectedAccountId ? { connectedAccountId: settings.connectedAccountId } : {}),
    methods: settings.methods,
    partialPayments: { allowed: settings.partialPayments?.allowed ?? false, minimums: settings.partialPayments?.minimums ?? {} },
    bankAccounts: settings.bankAccounts ?? {},
    configured: !!stored,
    ...(stored ? { updatedAt: stored.updatedAt, updatedBy: stored.updatedBy } : {}),
  };
}
