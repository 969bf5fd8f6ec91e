import { productBody } from '../../shared/api/catalogue';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { demoCatalogueOf } from '../../infra/local/demoCatalogue';

const companies = { allowed: 'demo-customer', other: 'demo-not-allowed' };

describe('the demo catalogue', () => {
  it.each(DEMO_TENANTS.map((t) => [t.id]))('of %s is about forty valid products with small PNG pictures and the mix the demo shows', (tenantId) => {
    const catalogue = demoCatalogueOf({ id: tenantId }, '2026-01-15', companies);
    const { products } = catalogue;
    expect(products.length).toBeGreaterThanOrEqual(38);
    expect(new Set(products.map((p) => p.productId)).size).toBe(products.length);
    for (const { productId, product } of products) {
      const parsed = productBody.safeParse(product);
      if (!parsed.success) throw new Error(`${productId}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(product);
    }
    expect(new Set(products.map((p) => p.product.category))).toEqual(new Set(catalogue.categories));
    expect(products.filter((p) => p.product.visibility === 'hidden').length).toBeGreaterThanOrEqual(2);
    expect(products.some((p) => p.product.visibleTo.includes(companies.allowed))).toBe(true);
    expect(products.some((p) => p.product.prices[0]!.breaks.length > 0)).toBe(true);
    expect(products.some((p) => p.product.stock.onHand === 0 && !p.product.stock.incoming)).toBe(true);
    expect(products.some((p) => p.product.stock.incoming?.expectedDate)).toBe(true);
    expect(products.some((p) => p.product.stock.onHand > 0 && p.product.stock.onHand < 10)).toBe(true);
    const images = products.flatMap((p) => p.images);
    expect(images.every((i) => products.some((p) => p.product.images.some((pi) => pi.imageId === i.imageId)))).toBe(true);
    // Drawing is the slow part: a sample of each pictogram's sizes bounds the whole (under ~1 MB for both tenants).
    const sample = images.filter((_, i) => i % 6 === 0);
    for (const image of sample) {
      const png = image.bytes();
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.length * images.length).toBeLessThan(400_000);
    }
  });
});
