import type { StockView } from '../../../shared/api/catalogue';
import type { CatalogueTerms } from './catalogueTerms';
import type { ProductStock } from './productRepository';

/**
 * How the portal shows a product's stock and images, shared by the catalogue's pages and
 * the cart (H2's lines show them the same way).
 */

/** Stock as the caller's settings let them see it: a number, in stock or not, or nothing; incoming only when shown. */
export function stockView(stock: ProductStock, terms: Pick<CatalogueTerms, 'stockDisplay' | 'showIncoming'>): StockView {
  const incoming = terms.showIncoming && stock.incoming && stock.incoming.quantity > 0 ? stock.incoming : undefined;
  if (terms.stockDisplay === 'number')
    return {
      display: 'number',
      onHand: stock.onHand,
      ...(incoming ? { incoming: { quantity: incoming.quantity, ...(incoming.expectedDate ? { expectedDate: incoming.expectedDate } : {}) } } : {}),
    };
  if (terms.stockDisplay === 'indication')
    return {
      display: 'indication',
      inStock: stock.onHand > 0,
      ...(incoming ? { incoming: incoming.expectedDate ? { expectedDate: incoming.expectedDate } : {} } : {}),
    };
  return { display: 'none' };
}

/**
 * A product image's address for the portal: a route of the `files` Lambda that checks the
 * caller may see the product and redirects to a short-lived presigned GET, so the portal
 * Lambda that answers the catalogue's pages carries no S3 client (bundle budget).
 */
export const productImageUrl = (productId: string, imageId: string) =>
  `/api/catalogue/products/${encodeURIComponent(productId)}/images/${encodeURIComponent(imageId)}`;

/** Where a product's image is kept in the files bucket (uploaded there by a presigned PUT). */
export const productImageKey = (tenantId: string, productId: string, imageId: string) => `tenants/${tenantId}/products/${productId}/images/${imageId}`;
