import type { ProductPrice } from '../../shared/api/catalogue';
import { breakUnitPrice, combinedDiscountBps, discountedUnitPrice, priceFor, shownPrice, taxOn } from '../../functions/commerce/pricing/prices';

/**
 * The price rules (functions/commerce/pricing/prices.ts): the break for the quantity, then
 * the blanket discount, then the company's, compounded, per unit, rounded once half up;
 * tax on the discounted line, half up; hidden prices are never shown. Exact integers.
 */

const NONE = { discounts: { blanketBps: 0, companyBps: 0 } };
const price: ProductPrice = {
  currency: 'GBP',
  unitPrice: 1000,
  breaks: [
    { minQuantity: 10, unitPrice: 900 },
    { minQuantity: 50, unitPrice: 800 },
  ],
};

describe('price breaks', () => {
  it('uses the list price below the first threshold and the highest threshold reached above it', () => {
    expect(breakUnitPrice(price, 1)).toBe(1000);
    expect(breakUnitPrice(price, 9)).toBe(1000);
    expect(breakUnitPrice(price, 10)).toBe(900);
    expect(breakUnitPrice(price, 49)).toBe(900);
    expect(breakUnitPrice(price, 50)).toBe(800);
    expect(breakUnitPrice(price, 100_000)).toBe(800);
    expect(breakUnitPrice({ currency: 'GBP', unitPrice: 5, breaks: [] }, 1000)).toBe(5);
  });

  it('prices the line from the break and shows the saving against the list price', () => {
    const view = priceFor(price, 2000, 10, NONE);
    expect(view).toMatchObject({
      listUnitPrice: 1000,
      breakUnitPrice: 900,
      unitPrice: 900,
      subtotal: 9000,
      tax: 1800,
      total: 10_800,
      saving: 1000,
      discountBps: 0,
    });
    expect(view.breaks).toEqual([
      { minQuantity: 10, unitPrice: 900 },
      { minQuantity: 50, unitPrice: 800 },
    ]);
  });
});

describe('discounts', () => {
  it('compounds the blanket discount and then the company discount (10 % then 5 % is 14.5 %)', () => {
    const terms = { discounts: { blanketBps: 1000, companyBps: 500 } };
    expect(combinedDiscountBps(terms.discounts)).toBe(1450);
    expect(discountedUnitPrice(1000, terms.discounts)).toBe(855);
    const view = priceFor(price, 0, 50, terms);
    // 800 × 0.9 × 0.95 = 684
    expect(view).toMatchObject({ breakUnitPrice: 800, unitPrice: 684, subtotal: 34_200, saving: 50_000 - 34_200, discountBps: 1450 });
    expect(view.breaks).toEqual([
      { minQuantity: 10, unitPrice: 770 },
      { minQuantity: 50, unitPrice: 684 },
    ]);
  });

  it('rounds the discounted unit price once, half up, not after each discount', () => {
    // 999 × 0.95 × 0.95 = 901.5975 → 902
    expect(discountedUnitPrice(999, { blanketBps: 500, companyBps: 500 })).toBe(902);
    // 15 × 0.9 × 0.9 = 12.15 → 12; rounding after each would give 14 (13.5) then 12.6 → 13.
    expect(discountedUnitPrice(15, { blanketBps: 1000, companyBps: 1000 })).toBe(12);
    // exactly half rounds up: 5 × 0.5 = 2.5 → 3
    expect(discountedUnitPrice(5, { blanketBps: 5000, companyBps: 0 })).toBe(3);
    expect(discountedUnitPrice(5, { blanketBps: 0, companyBps: 5000 })).toBe(3);
    // a combined fraction of a basis point rounds half up: 33.33 % then 33.33 % = 55.5511 %
    expect(combinedDiscountBps({ blanketBps: 3333, companyBps: 3333 })).toBe(5555);
  });

  it('gives 0 for a full discount and leaves money exact at the largest prices', () => {
    expect(discountedUnitPrice(1000, { blanketBps: 10_000, companyBps: 0 })).toBe(0);
    expect(discountedUnitPrice(1_000_000_000_000, { blanketBps: 1, companyBps: 1 })).toBe(999_800_010_000);
  });
});

describe('tax', () => {
  it('is charged on the discounted line total, rounded half up', () => {
    // 3 × 333 = 999; 20 % = 199.8 → 200
    expect(priceFor({ currency: 'GBP', unitPrice: 333, breaks: [] }, 2000, 3, NONE)).toMatchObject({ subtotal: 999, tax: 200, total: 1199 });
    // half a penny rounds up: 25 × 2 % = 0.5 → 1
    expect(taxOn(25, 200)).toBe(1);
    expect(taxOn(24, 200)).toBe(0);
    // on the line, not per unit: 7 at 5 % = 0.35 → 0 a unit, but 10 × 7 = 70 at 5 % = 3.5 → 4
    expect(priceFor({ currency: 'GBP', unitPrice: 7, breaks: [] }, 500, 10, NONE).tax).toBe(4);
    const discounted = priceFor({ currency: 'GBP', unitPrice: 1000, breaks: [] }, 2000, 2, { discounts: { blanketBps: 1000, companyBps: 0 } });
    expect(discounted).toMatchObject({ unitPrice: 900, subtotal: 1800, tax: 360, total: 2160 });
  });
});

describe('hidden prices', () => {
  const terms = { ...NONE, currency: 'GBP', pricesHidden: false };
  it('shows the price in the caller currency, and nothing when prices are hidden or the product has no price in it', () => {
    expect(shownPrice([price], 2000, 1, terms)?.total).toBe(1200);
    expect(shownPrice([price], 2000, 1, { ...terms, pricesHidden: true })).toBeUndefined();
    expect(shownPrice([price], 2000, 1, { ...terms, currency: 'EUR' })).toBeUndefined();
  });
});
