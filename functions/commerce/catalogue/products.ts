import type { ProductBody } from '../../../shared/api/catalogue';
import type { AdminProductPage, AdminProductView, ProductBatchResult } from '../../../shared/api/catalogueAdmin';
import type { AdminCaller } from '../../core/callers';
import { conflict, notFoundIn, Problem } from '../../core/problems';
import { retryOnConflict } from '../../table/conflicts';
import { descriptionHtml } from './productDescription';
import { productRepository, type Product } from './productRepository';

/**
 * Products from the CRM (staff may do the same): upserted whole by the CRM's id, one or a
 * batch at a time, withdrawn, read back. Each product is its own transaction with its
 * catalogue entries (productRepository.save), conditional on the version read, so a batch
 * never half-applies a product and two syncs racing on one product both land, in turn.
 * Sending a product as it is stored writes nothing (a nightly full sync is cheap).
 */

const BATCH_CONCURRENCY = 8;

export function toAdminProductView(product: Product): AdminProductView {
  return {
    productId: product.productId,
    sku: product.sku,
    name: product.name,
    description: product.description,
    descriptionHtml: product.descriptionHtml,
    ...(product.category ? { category: product.category } : {}),
    unit: product.unit,
    taxRateBps: product.taxRateBps,
    prices: product.prices,
    images: product.images,
    visibility: product.visibility,
    visibleTo: product.visibleTo,
    stock: product.stock,
    active: product.active,
    ...(product.withdrawnAt ? { withdrawnAt: product.withdrawnAt } : {}),
    version: product.version,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
  };
}

/** The CRM's fields of a product in one canonical form, to tell an unchanged upsert. */
function comparable(p: ProductBody): string {
  return JSON.stringify([
    p.sku,
    p.name,
    p.description,
    p.category ?? null,
    p.unit,
    p.taxRateBps,
    p.prices.map((x) => [x.currency, x.unitPrice, x.breaks.map((b) => [b.minQuantity, b.unitPrice])]),
    p.images.map((i) => [i.imageId, i.alt]),
    p.visibility,
    p.visibility === 'listed-companies' ? [...p.visibleTo].sort() : [],
    [p.stock.onHand, p.stock.incoming?.quantity ?? null, p.stock.incoming?.expectedDate ?? null, p.stock.allowBackorder],
    p.active,
  ]);
}

const exhausted = () => conflict('The product changed while this was saved; send it again.');

/** Creates or replaces a product; a withdrawn one comes back to the catalogue. */
export async function upsertProduct(
  caller: AdminCaller,
  productId: string,
  body: ProductBody,
): Promise<{ product: AdminProductView; status: 'created' | 'updated' | 'unchanged' }> {
  const html = descriptionHtml(body.description);
  return retryOnConflict(
    async () => {
      const previous = await productRepository.get(caller.tenantId, productId, true);
      if (previous && !previous.withdrawnAt && comparable(previous) === comparable(body))
        return { product: toAdminProductView(previous), status: 'unchanged' as const };
      const now = new Date().toISOString();
      const product: Product = {
        tenantId: caller.tenantId,
        productId,
        ...body,
        visibleTo: body.visibility === 'listed-companies' ? [...new Set(body.visibleTo)] : [],
        descriptionHtml: html,
        version: (previous?.version ?? 0) + 1,
        entryKeys: [],
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
        updatedBy: caller.actor,
      };
      await productRepository.save(product, previous);
      return { product: toAdminProductView(product), status: previous ? ('updated' as const) : ('created' as const) };
    },
    { exhausted },
  );
}

/** A catalogue sync: each product upserted on its own (a few at a time), each one's outcome reported in the order sent. */
export async function upsertProducts(caller: AdminCaller, products: Array<{ productId: string; product: ProductBody }>): Promise<ProductBatchResult> {
  const results: ProductBatchResult['results'] = new Array(products.length);
  let next = 0;
  const worker = async () => {
    while (next < products.length) {
      const i = next++;
      const { productId, product } = products[i]!;
      try {
        results[i] = { productId, status: (await upsertProduct(caller, productId, product)).status };
      } catch (err) {
        // A product that cannot be saved is reported and the rest go on; an unexpected error is not hidden.
        if (!(err instanceof Problem)) throw err;
        results[i] = { productId, status: 'failed', detail: err.detail ?? err.title };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, products.length) }, worker));
  return { results };
}

/** Withdraws a product: out of the catalogue at once, kept so carts can say why a line went. Again is harmless. */
export async function withdrawProduct(caller: AdminCaller, productId: string): Promise<void> {
  await retryOnConflict(
    async () => {
      const previous = await productRepository.get(caller.tenantId, productId, true);
      if (!previous) throw notFoundIn('product');
      if (previous.withdrawnAt) return;
      const now = new Date().toISOString();
      await productRepository.save({ ...previous, withdrawnAt: now, version: previous.version + 1, updatedAt: now, updatedBy: caller.actor }, previous);
    },
    { exhausted },
  );
}

export async function getProduct(caller: AdminCaller, productId: string): Promise<AdminProductView> {
  const product = await productRepository.get(caller.tenantId, productId);
  if (!product) throw notFoundIn('product');
  return toAdminProductView(product);
}

export async function listProducts(caller: AdminCaller, query: { limit?: number; cursor?: string }): Promise<AdminProductPage> {
  const page = await productRepository.list(caller.tenantId, query);
  return { items: page.items.map(toAdminProductView), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
