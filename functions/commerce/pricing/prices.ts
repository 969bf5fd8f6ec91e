import type { PriceView, ProductPrice } from '../../../shared/api/catalogue';

/**
 * The price rules, pure (no I/O) so the portal's pages, the cart and the order placed all
 * price alike, and a 200-line cart prices in well under a millisecond a line. The order:
 *
 * 1. the price break for the quantity gives the unit price (the highest threshold at or
 *    below the quantity; the list price below the first);
 * 2. the tenant's blanket discount, then the company's, each off what is left
 *    (compounded: 10 % then 5 % is 14.5 %), per unit, rounded once, half up, to a
 *    minor unit;
 * 3. the line is that unit price × quantity; tax on the discounted line, rounded half up.
 *
 * The saving the customer is shown is the list price × quantity less the line. All
 * arithmetic is on integers (BigInt where a product could pass 2^53), never floats.
 */

/** The discounts a caller gets, in basis points (1250 = 12.5 %). */
export interface Discounts {
  blanketBps: number;
  companyBps: number;
}

/** What of the caller's terms pricing needs. */
export interface PricingTerms {
  discounts: Discounts;
}

const BPS = 10_000n;

/** a / b rounded half up, for non-negative a and positive b. */
function divideHalfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (b * 2n);
}

/** The unit price the break for `quantity` gives (the list price when none applies). */
export function breakUnitPrice(price: ProductPrice, quantity: number): number {
  let unit = price.unitPrice;
  for (const b of price.breaks) if (quantity >= b.minQuantity) unit = b.unitPrice;
  return unit;
}

/** A unit price after the blanket discount, then the company's, rounded once, half up. */
export function discountedUnitPrice(unitPrice: number, discounts: Discounts): number {
  const keep = (BPS - BigInt(discounts.blanketBps)) * (BPS - BigInt(discounts.companyBps));
  return Number(divideHalfUp(BigInt(unitPrice) * keep, BPS * BPS));
}

/** The two discounts as one, in basis points of the break price (rounded half up). */
export function combinedDiscountBps(discounts: Discounts): number {
  const keep = (BPS - BigInt(discounts.blanketBps)) * (BPS - BigInt(discounts.companyBps));
  return Number(BPS - divideHalfUp(keep, BPS));
}

/** Tax on a line total, rounded half up. */
export function taxOn(amount: number, taxRateBps: number): number {
  return Number(divideHalfUp(BigInt(amount) * BigInt(taxRateBps), BPS));
}

/** The caller's price for `quantity` units of a product in one currency. */
export function priceFor(price: ProductPrice, taxRateBps: number, quantity: number, terms: PricingTerms): PriceView {
  const breakUnit = breakUnitPrice(price, quantity);
  const unitPrice = discountedUnitPrice(breakUnit, terms.discounts);
  const subtotal = unitPrice * quantity;
  const tax = taxOn(subtotal, taxRateBps);
  return {
    currency: price.currency,
    quantity,
    listUnitPrice: price.unitPrice,
    breakUnitPrice: breakUnit,
    unitPrice,
    discountBps: combinedDiscountBps(terms.discounts),
    subtotal,
    taxRateBps,
    tax,
    total: subtotal + tax,
    saving: price.unitPrice * quantity - subtotal,
    breaks: price.breaks.map((b) => ({ minQuantity: b.minQuantity, unitPrice: discountedUnitPrice(b.unitPrice, terms.discounts) })),
  };
}

/** The product's price in `currency`, if it sells in it. */
export function priceIn(prices: readonly ProductPrice[], currency: string): ProductPrice | undefined {
  return prices.find((p) => p.currency === currency);
}

/**
 * The price a caller may be shown: none when prices are hidden for them (the setting, or no
 * `catalog:prices`), or when the product has no price in their currency. Every reply that
 * carries a price goes through here, so a hidden price never reaches the browser.
 */
export function shownPrice(
  prices: readonly ProductPrice[],
  taxRateBps: number,
  quantity: number,
  terms: PricingTerms & { pricesHidden: boolean; currency: string },
): PriceView | undefined {
  if (terms.pricesHidden) return undefined;
  const price = priceIn(prices, terms.currency);
  return price && priceFor(price, taxRateBps, quantity, terms);
}
