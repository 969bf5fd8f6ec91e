import { created } from '../../../core/replies';
import * as orders from '../../orders/orders';
import type { HandlerOf } from '../routeHandler';

/** Placing the cart as an order (issue 12): 201 with the order, and the Stripe Checkout when paid at once. */
export const placeOrder: HandlerOf<'POST', '/api/orders'> = async ({ caller, input }) => created(await orders.placeOrder(caller, input.body));
