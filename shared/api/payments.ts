import * as z from 'zod/mini';
import { lazily, trimmed } from './common';
import { currency } from './documents';

/**
 * Online invoice payments through Stripe Connect: the tenant's payment settings, paying
 * an invoice from the portal, and what the portal and staff see of each payment.
 * Amounts are integer minor units of the invoice's currency, always.
 */

/** Stripe payment method types a tenant may offer (Checkout's `payment_method_types`). */
export const PAYMENT_METHODS = ['card', 'bacs_debit', 'sepa_debit', 'us_bank_account', 'link'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const paymentMethodSchema = lazily(() => z.enum(PAYMENT_METHODS));

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'Card',
  bacs_debit: 'Bacs Direct Debit',
  sepa_debit: 'SEPA Direct Debit',
  us_bank_account: 'US bank account (ACH)',
  link: 'Link',
};

/** A Stripe connected account id: not a secret, it names the tenant's account under the platform. */
export const connectedAccountId = lazily(() => z.string().check(z.regex(/^acct_[A-Za-z0-9]{1,64}$/, 'must be a Stripe connected account id (acct_…)')));

const MAX_MINOR = 1_000_000_000_000;
const positiveMinor = lazily(() => z.number().check(z.int('must be whole minor units (e.g. pence)'), z.minimum(1), z.maximum(MAX_MINOR)));

/** A company's own list of methods; `null` clears it (the tenant's list applies again), `[]` turns online payment off for the company. */
export const companyPaymentMethods = lazily(() => z.nullable(z.array(paymentMethodSchema).check(z.maxLength(PAYMENT_METHODS.length))));

/** PUT /api/admin/payment-settings: the whole settings, replaced. */
export const paymentSettingsBody = lazily(() =>
  z
    .strictObject({
      /** The switch: off, no invoice shows "Pay" and no payment can start. */
      enabled: z.boolean(),
      /** The tenant's Stripe account under Portico's platform (Stripe Connect); needed when enabled. */
      connectedAccountId: z.optional(connectedAccountId),
      /** What customers may pay with, unless their company has its own list. */
      methods: z.array(paymentMethodSchema).check(z.minLength(1, 'name at least one payment method'), z.maxLength(PAYMENT_METHODS.length)),
      /** Whether a customer may pay part of an invoice, and the smallest part per currency (minor units). */
      partialPayments: z.optional(
        z.strictObject({
          allowed: z.boolean(),
          minimums: z.optional(z.record(currency, positiveMinor)),
        }),
      ),
      /** Per payment method, the bank account its payouts land in, as the tenant's books name it ("Barclays Business 20-00-00 12345678"). */
      bankAccounts: z.optional(z.partialRecord(paymentMethodSchema, trimmed(200))),
    })
    .check(z.refine((s) => !s.enabled || !!s.connectedAccountId, { message: 'is needed to switch payments on', path: ['connectedAccountId'] })),
);
export type PaymentSettingsInput = z.output<typeof paymentSettingsBody>;

/** POST /api/documents/invoice/{documentId}/payments: pay the balance (no amount) or a part of it. */
export const startPaymentBody = lazily(() =>
  z.strictObject({
    /** Minor units; omitted = the whole balance. Checked against the balance and the tenant's rules, not trusted. */
    amount: z.optional(z.number().check(z.int('must be whole minor units (e.g. pence)'), z.minimum(-MAX_MINOR), z.maximum(MAX_MINOR))),
    /**
     * Ignored: sites loaded before it was dropped still send their direct link page
     * (`/d/<token>`). Stripe now sends a link visitor back to `/d`, which their link session
     * alone opens, so the token never reaches Stripe.
     */
    returnPath: z.optional(z.string().check(z.regex(/^\/d\/[A-Za-z0-9_-]{43}$/, 'must be the direct link page the payment starts from'))),
  }),
);
export type StartPaymentBody = z.output<typeof startPaymentBody>;

export interface PaymentSettingsView {
  enabled: boolean;
  connectedAccountId?: string;
  methods: PaymentMethod[];
  partialPayments: { allowed: boolean; minimums: Record<string, number> };
  bankAccounts: Partial<Record<PaymentMethod, string>>;
  /** False until someone saves settings: payments are off. */
  configured: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

/** Where a payment is: `pending` until the customer pays on Stripe's page, then `processing` (bank debits), `succeeded`, `failed` or `expired`. */
export const PAYMENT_STATUSES = ['pending', 'processing', 'succeeded', 'failed', 'expired'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** What the portal shows of a payment: no Stripe secrets, no fees. */
export interface PaymentView {
  paymentId: string;
  status: PaymentStatus;
  amount: number;
  currency: string;
  /** `full`: the balance at the time; `part`: less. */
  kind: 'full' | 'part';
  method?: PaymentMethod | string;
  createdAt: string;
  succeededAt?: string;
  /** What this payment counts towards the invoice now: amount − refunded − disputed once succeeded. */
  counted: number;
  refunded: number;
  disputed: number;
  payer: string;
  /** A short reference the receipt names too. */
  reference: string;
  failureMessage?: string;
}

/** What staff and the CRM see besides: the fields to reconcile it in their books. */
export interface PaymentAdminView extends PaymentView {
  payerContactId: string;
  payerEmail?: string;
  invoiceVersion: number;
  stripeAccount: string;
  checkoutSessionId?: string;
  paymentIntentId?: string;
  chargeId?: string;
  balanceTransactionId?: string;
  /** Stripe's fee and what is left of the amount, from the charge's balance transaction (minor units). */
  fee?: number;
  net?: number;
  /** The Stripe payout that carried this payment to the bank, set when Stripe reports it paid (`payout.paid`); cleared if it fails. */
  payoutId?: string;
  /** The day that payout arrives in the bank (YYYY-MM-DD). */
  payoutArrivalDate?: string;
  /** The tenant's bank account mapped to this payment's method in its settings. */
  bankAccount?: string;
  dispute?: { disputeId: string; status: string; amount: number };
}

/** POST …/payments answers with where to send the customer. */
export interface StartedPayment {
  paymentId: string;
  checkoutUrl: string;
  amount: number;
  currency: string;
  expiresAt: string;
}

/** For a caller who may pay: what they can pay online for this invoice. */
export interface PaymentOptionsView {
  /** Online payment is offered to the caller's company. */
  available: boolean;
  methods: PaymentMethod[];
  /** Whether a part of the balance may be paid, and the smallest part (minor units of the invoice's currency). */
  partAllowed: boolean;
  partMinimum: number;
  currency: string;
}

export interface InvoicePayments {
  items: PaymentView[];
  options?: PaymentOptionsView;
}
