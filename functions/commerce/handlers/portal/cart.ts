import { ok } from '../../../core/replies';
import * as carts from '../../cart/carts';
import type { HandlerOf } from '../routeHandler';

/** The cart (issue 12): every answer is the caller's cart re-priced and re-checked now. */
export const getCart: HandlerOf<'GET', '/api/cart'> = async ({ caller }) => ok(await carts.viewCart(caller));
export const setCartLine: HandlerOf<'PUT', '/api/cart/lines/{productId}'> = async ({ caller, input }) =>
  ok(await carts.setCartLine(caller, input.path.productId, input.body.quantity));
export const removeCartLine: HandlerOf<'DELETE', '/api/cart/lines/{productId}'> = async ({ caller, input }) =>
  ok(await carts.removeCartLine(caller, input.path.productId));
export const clearCart: HandlerOf<'DELETE', '/api/cart'> = async ({ caller }) => ok(await carts.clearCart(caller));
