import type { RoomHandlers } from '../../../core/handlers';
import { created, noContent, ok } from '../../../core/replies';
import * as settings from '../../catalogue/catalogueSettings';
import * as products from '../../catalogue/products';

/** The catalogue's admin routes (staff and the CRM): products, the settings and the company and contact overrides. */
type Handlers = RoomHandlers<'commerce', 'admin'>;

export const upsertProduct: Handlers['upsertProduct'] = async ({ caller, input }) => {
  const { product, status } = await products.upsertProduct(caller, input.path.productId, input.body);
  return status === 'created' ? created(product, { location: `/api/admin/products/${product.productId}` }) : ok(product);
};
export const upsertProducts: Handlers['upsertProducts'] = async ({ caller, input }) => ok(await products.upsertProducts(caller, input.body.products));
export const withdrawProduct: Handlers['withdrawProduct'] = async ({ caller, input }) => {
  await products.withdrawProduct(caller, input.path.productId);
  return noContent();
};
export const getProductAdmin: Handlers['getProductAdmin'] = async ({ caller, input }) => ok(await products.getProduct(caller, input.path.productId));
export const listProductsAdmin: Handlers['listProductsAdmin'] = async ({ caller, input }) => ok(await products.listProducts(caller, input.query));

export const getCatalogueSettings: Handlers['getCatalogueSettings'] = async ({ caller }) => ok(await settings.getCatalogueSettings(caller));
export const setCatalogueSettings: Handlers['setCatalogueSettings'] = async ({ caller, input }) => ok(await settings.setCatalogueSettings(caller, input.body));
export const setCompanyCatalogue: Handlers['setCompanyCatalogue'] = async ({ caller, input }) =>
  ok(await settings.setCompanyCatalogue(caller, input.path.companyId, input.body));
export const setContactCatalogue: Handlers['setContactCatalogue'] = async ({ caller, input }) =>
  ok(await settings.setContactCatalogue(caller, input.path.contactId, input.body));
