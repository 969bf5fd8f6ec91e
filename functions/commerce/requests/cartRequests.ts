import type { CartQuoteRequestBody } from '../../../shared/api/commerceRequests';
import type { PortalCaller } from '../../core/callers';
import { unprocessable } from '../../core/problems';
import type { StoredRequest } from './requestRepository';

/**
 * The cart sent as a quote request (when the catalogue terms allow quote requests): its
 * lines become the request's, and the cart is emptied in the same transaction. Reads the
 * cart through the cart module (commerce/cart, H2's part of issue 12).
 */
export async function requestQuoteForCart(_caller: PortalCaller, _body: CartQuoteRequestBody): Promise<{ request: StoredRequest; created: boolean }> {
  // Until the cart module is merged there is no cart to send.
  throw unprocessable('Unprocessable request', 'Your cart is empty: add products first.', [{ name: 'cart', reason: 'is empty' }]);
}
