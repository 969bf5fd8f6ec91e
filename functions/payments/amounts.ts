/**
 * Money rules Portico checks before asking Stripe, so the customer hears them in plain
 * words (422 naming `body.amount`) instead of a Stripe error.
 */

/** Stripe's smallest charge per currency, in minor units (stripe.com/docs/currencies#minimum-and-maximum-charge-amounts). */
const STRIPE_MINIMUM: Record<string, number> = {
  USD: 50,
  EUR: 50,
  GBP: 30,
  CHF: 50,
  AUD: 50,
  CAD: 50,
  NZD: 50,
  SGD: 50,
  HKD: 400,
  DKK: 250,
  NOK: 300,
  SEK: 300,
  PLN: 200,
  CZK: 1500,
  HUF: 17500,
  RON: 200,
  BGN: 100,
  MXN: 1000,
  BRL: 50,
  INR: 50,
  JPY: 50,
  AED: 200,
  MYR: 200,
  THB: 1000,
};

/** Stripe's largest amount in one Checkout Session (99,999,999 minor units). */
export const STRIPE_MAXIMUM = 99_999_999;

export const stripeMinimum = (currency: string): number => STRIPE_MINIMUM[currency.toUpperCase()] ?? 50;

/** The smallest part payment: the tenant's minimum for the currency, never below Stripe's. */
export const partMinimum = (currency: string, minimums: Record<string, number>): number =>
  Math.max(minimums[currency.toUpperCase()] ?? 0, stripeMinimum(currency));

/** Minor units as a person reads them: 123456 GBP → "£1,234.56". */
export { formatMoney as formatAmount } from '../core/money';
