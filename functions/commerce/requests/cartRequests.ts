import type { CartQuoteRequestBody } from '../../../shared/api/commerceRequests';
import type { PortalCaller } from '../../core/callers';
import { forbidden } from '../../core/problems';
import { checkCart } from '../cart/carts';
import { cartRepository } from '../cart/cartRepository';
import { catalogueTermsFor } from '../catalogue/catalogueTerms';
import { CartProblem } from '../orders/orders';
import type { StoredRequest } from './requestRepository';
import { createRequest, requestMadeBefore } from './requests';

/**
 * The cart sent as a quote request (when the catalogue terms allow quote requests): its
 * lines become the request's (products and quantities; staff quote the prices), and the
 * cart is emptied in the request's own transaction, on the version the customer reviewed —
 * a cart changed meanwhile is refused (409) with the cart as it is, as an order would be.
 * Lines no longer available are refused by name: the customer removes them first. The same
 * `clientRequestId` again answers the request it made.
 */
export async function requestQuoteForCart(caller: PortalCaller, body: CartQuoteRequestBody): Promise<{ request: StoredRequest; created: boolean }> {
  // A retry or double click answers the request made, before the cart (emptied by it) is looked at.
  const before = await requestMadeBefore(caller, body.clientRequestId);
  if (before) return { request: before, created: false };
  const terms = await catalogueTermsFor(caller);
  if (!terms.access || !terms.quoteRequests) throw forbidden('Quote requests from the cart are not available to you.');
  const cart = await cartRepository.get(caller.tenantId, caller.companyId, caller.userId);
  const { view, lines } = await checkCart(caller, cart, terms);
  if (!cart.lines.length) {
    throw new CartProblem(422, 'Your cart is empty: there is nothing to ask a quote for.', view, [
      { name: 'lines', reason: 'the cart is empty; add products first' },
    ]);
  }
  if (cart.version !== body.cartVersion) {
    throw new CartProblem(409, 'Your cart changed since you reviewed it (in another window or device). Review it and send the request again.', view);
  }
  const unavailable = lines.flatMap((line, i) =>
    line.view.problems.some((p) => p.kind === 'unavailable')
      ? [{ name: `lines[${i}].productId`, reason: `${line.view.name} is no longer available; remove it to ask for the rest` }]
      : [],
  );
  if (unavailable.length) throw new CartProblem(422, 'Some lines of your cart cannot be quoted as they are.', view, unavailable);

  return createRequest(
    caller,
    {
      kind: 'quote',
      clientRequestId: body.clientRequestId,
      title: body.title ?? 'Quote for my cart',
      description: body.description,
      attachmentIds: [],
      source: 'cart',
      lines: cart.lines.map((l) => ({ productId: l.productId, sku: l.sku, name: l.name, unit: l.unit, quantity: l.quantity })),
    },
    (work) => work.write(cartRepository.replaceWrite(cart, [])),
  );
}
