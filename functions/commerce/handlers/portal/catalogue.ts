import type { RoomHandlers } from '../../../core/handlers';
import { ok } from '../../../core/replies';
import * as catalogue from '../../catalogue/portalCatalogue';

/** The portal's catalogue: what I may do, the categories, a page of products, a product. */
type Handlers = RoomHandlers<'commerce', 'portal'>;

export const getCatalogueAccess: Handlers['getCatalogueAccess'] = async ({ caller }) => ok(await catalogue.catalogueAccess(caller));
export const listCatalogueCategories: Handlers['listCatalogueCategories'] = async ({ caller }) => ok(await catalogue.listCategories(caller));
export const listCatalogueProducts: Handlers['listCatalogueProducts'] = async ({ caller, input }) => ok(await catalogue.listCatalogue(caller, input.query));
export const getCatalogueProduct: Handlers['getCatalogueProduct'] = async ({ caller, input }) =>
  ok(await catalogue.productPage(caller, input.path.productId, input.query.quantity));
