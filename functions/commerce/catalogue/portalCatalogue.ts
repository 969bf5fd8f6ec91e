import type { CatalogueAccess, CataloguePage, CategoryView, ProductSummary, ProductView } from '../../../shared/api/catalogue';
import type { PortalCaller } from '../../core/callers';
import { forbidden, notFoundIn } from '../../core/problems';
import { DEFAULT_PAGE_SIZE } from '../../table/pagination';
import { shownPrice } from '../pricing/prices';
import { cataloguePage, categories, type CatalogueItem } from './catalogueIndex';
import { catalogueTermsFor, type CatalogueTerms } from './catalogueTerms';
import { productImageUrl, stockView } from './catalogueViews';
import { productRepository, unavailableReason } from './productRepository';

/**
 * The portal's catalogue: what the caller may do, the categories, a page of products and
 * one product, each with the caller's own price (none when prices are hidden for them:
 * every price goes through `shownPrice`) and stock as their settings say. Hidden,
 * inactive and withdrawn products, and those listed for other companies, never show.
 */

export function accessView(terms: CatalogueTerms): CatalogueAccess {
  return {
    access: terms.access,
    placeOrders: terms.placeOrders,
    quoteRequests: terms.quoteRequests,
    pricesHidden: terms.pricesHidden,
    currency: terms.currency,
    payAtPurchase: { available: terms.placeOrders && terms.paymentMethods.length > 0, methods: terms.paymentMethods },
  };
}

export async function catalogueAccess(caller: PortalCaller): Promise<CatalogueAccess> {
  return accessView(await catalogueTermsFor(caller));
}

/** The caller's terms, or 403 when the catalogue is not theirs to see. */
async function requireAccess(caller: PortalCaller): Promise<CatalogueTerms> {
  const terms = await catalogueTermsFor(caller);
  if (!terms.access) throw forbidden('The catalogue is not available to you.');
  return terms;
}

export async function listCategories(caller: PortalCaller): Promise<{ items: CategoryView[] }> {
  await requireAccess(caller);
  return { items: await categories(caller.tenantId) };
}

function summary(item: CatalogueItem, terms: CatalogueTerms): ProductSummary {
  return {
    productId: item.productId,
    sku: item.sku,
    name: item.name,
    ...(item.category ? { category: item.category } : {}),
    unit: item.unit,
    ...(item.thumbnail ? { thumbnail: { url: productImageUrl(item.productId, item.thumbnail.imageId), alt: item.thumbnail.alt } } : {}),
    ...optionalPrice(shownPrice(item.prices, item.taxRateBps, 1, terms)),
    stock: stockView(item.stock, terms),
  };
}

const optionalPrice = <T>(price: T | undefined) => (price ? { price } : {});

export async function listCatalogue(
  caller: PortalCaller,
  query: { limit?: number; cursor?: string; category?: string; q?: string; inStock?: 'true' | 'false' },
): Promise<CataloguePage> {
  const terms = await requireAccess(caller);
  const page = await cataloguePage(caller.tenantId, {
    companyId: caller.companyId,
    ...(query.category ? { category: query.category } : {}),
    ...(query.q ? { q: query.q } : {}),
    inStock: query.inStock === 'true',
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { items: page.items.map((item) => summary(item, terms)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

export async function productPage(caller: PortalCaller, productId: string, quantity = 1): Promise<ProductView> {
  const [terms, product] = await Promise.all([requireAccess(caller), productRepository.get(caller.tenantId, productId)]);
  // Hidden, inactive, withdrawn or listed for others: as if it did not exist.
  if (!product || unavailableReason(product, caller.companyId)) throw notFoundIn('product');
  const images = product.images.map((image) => ({ imageId: image.imageId, url: productImageUrl(product.productId, image.imageId), alt: image.alt }));
  const outOfStock = terms.enforceStock && !product.stock.allowBackorder && product.stock.onHand < 1;
  return {
    productId: product.productId,
    sku: product.sku,
    name: product.name,
    ...(product.category ? { category: product.category } : {}),
    unit: product.unit,
    ...(images[0] ? { thumbnail: { url: images[0].url, alt: images[0].alt } } : {}),
    ...optionalPrice(shownPrice(product.prices, product.taxRateBps, quantity, terms)),
    stock: stockView(product.stock, terms),
    descriptionHtml: product.descriptionHtml,
    images,
    actions: (terms.placeOrders || terms.quoteRequests) && !outOfStock ? ['add-to-cart'] : [],
  };
}
