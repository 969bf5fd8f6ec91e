/**
 * The catalogue, cart and order routes as the site calls them. Their rows (H1's and H2's
 * part of issue 12) join functions/routes.ts in other branches; until then the routes are
 * typed here from the same contract (shared/api/catalogue.ts), and sent through `call`
 * exactly as a row's key would be. Once the rows are merged, `commerceCall` can become
 * `call` with no change at the call sites.
 */
import type * as z from 'zod/mini';
import type {
  CartView,
  CatalogueAccess,
  CataloguePage,
  CategoryView,
  PlacedOrder,
  ProductView,
  cartLineBody,
  catalogueQuery,
  placeOrderBody,
} from '../../../shared/api/catalogue';
import { call } from '../api';
import type { SiteRouteKey } from '../apiContract';

type Query = Partial<Record<string, string | number | undefined>>;

interface CommerceRoutes {
  'GET /api/catalogue': { args: Record<never, never>; reply: CatalogueAccess };
  'GET /api/catalogue/categories': { args: Record<never, never>; reply: { items: CategoryView[] } };
  'GET /api/catalogue/products': { args: { query?: z.input<typeof catalogueQuery> & Query }; reply: CataloguePage };
  'GET /api/catalogue/products/{productId}': { args: { path: { productId: string }; query?: { quantity?: number } }; reply: ProductView };
  'GET /api/cart': { args: Record<never, never>; reply: CartView };
  'PUT /api/cart/lines/{productId}': { args: { path: { productId: string }; body: z.input<typeof cartLineBody> }; reply: CartView };
  'DELETE /api/cart/lines/{productId}': { args: { path: { productId: string } }; reply: CartView };
  'DELETE /api/cart': { args: Record<never, never>; reply: CartView };
  'POST /api/orders': { args: { body: z.input<typeof placeOrderBody> }; reply: PlacedOrder };
}
export type CommerceKey = keyof CommerceRoutes;

export function commerceCall<K extends CommerceKey>(key: K, args: CommerceRoutes[K]['args'], signal?: AbortSignal): Promise<CommerceRoutes[K]['reply']> {
  // The key is not yet a row of this branch's route table (see above): same URL and method rules as `call`.
  return call(key as unknown as SiteRouteKey, args as never, signal) as Promise<CommerceRoutes[K]['reply']>;
}
