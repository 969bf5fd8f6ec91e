import type { ApiKeyCaller } from '../../functions/core/callers';
import { putFile } from '../../functions/aws/files';
import { productImageKey } from '../../functions/commerce/catalogue/catalogueViews';
import { catalogueSettingsRepository } from '../../functions/commerce/catalogue/catalogueSettingsRepository';
import { getProducts } from '../../functions/commerce/catalogue/productRepository';
import { upsertProduct } from '../../functions/commerce/catalogue/products';
import { demoCatalogueOf, type DemoCatalogueCompanies } from './demoCatalogue';

/**
 * Each demo tenant's catalogue (infra/local/demoCatalogue.ts, H4's data), as its CRM would
 * sync it: the pictures put in the files bucket where an upload ticket would have put them,
 * then each product upserted through the catalogue's own service (`upsertProduct`, what
 * `PUT /api/admin/products/{productId}` runs), and the tenant's catalogue settings saved
 * once. Like the documents, only what is missing is written: a restart changes nothing
 * (stock dates are relative to the first start; delete `.data/` for fresh ones), and what
 * staff or the CRM changed through the API survives.
 */
export async function seedDemoCatalogue(tenantId: string, crm: ApiKeyCaller, companies: DemoCatalogueCompanies): Promise<void> {
  const anchor = new Date().toISOString().slice(0, 10);
  const catalogue = demoCatalogueOf({ id: tenantId }, anchor, companies);
  if (!(await catalogueSettingsRepository.get(tenantId))) {
    await catalogueSettingsRepository.replace(
      {
        tenantId,
        placeOrders: true,
        quoteRequests: true,
        pricesHidden: false,
        stockDisplay: tenantId === 'acme' ? 'number' : 'indication',
        showIncoming: true,
        blanketDiscountBps: 0,
        enforceStock: false,
        currency: catalogue.currency,
        updatedAt: new Date().toISOString(),
        updatedBy: 'local-seed',
      },
      undefined,
    );
  }
  const existing = await getProducts(
    tenantId,
    catalogue.products.map((p) => p.productId),
  );
  const missing = catalogue.products.filter((p) => !existing.has(p.productId));
  // A few at a time: quick, without a burst of transactions on the catalogue's partition.
  for (let i = 0; i < missing.length; i += 6) {
    await Promise.all(
      missing.slice(i, i + 6).map(async ({ productId, product, images }) => {
        for (const image of images) await putFile(productImageKey(tenantId, productId, image.imageId), image.bytes(), { contentType: image.contentType });
        await upsertProduct(crm, productId, product);
      }),
    );
  }
}
