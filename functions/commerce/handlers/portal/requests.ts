import { ok } from '../../../core/replies';
import { listRequests as listCompanyRequests, toRequestView, visibleRequest } from '../../requests/requests';
import { requestQuoteForCart as sendCartAsQuoteRequest } from '../../requests/cartRequests';
import type { HandlerOf } from '../routeHandler';

/** Quote and job requests in the portal: the company's own, as the caller's permissions let them see. */
export const listRequests: HandlerOf<'GET', '/api/requests'> = async ({ caller, input }) => ok(await listCompanyRequests(caller, input.query));
export const getRequest: HandlerOf<'GET', '/api/requests/{requestId}'> = async ({ caller, input }) =>
  ok(toRequestView(await visibleRequest(caller, input.path.requestId)));
/** The cart sent as a quote request: 201 the first time, 200 with the same request on a retry. */
export const requestQuoteForCart: HandlerOf<'POST', '/api/cart/quote-request'> = async ({ caller, input }) => {
  const { request, created } = await sendCartAsQuoteRequest(caller, input.body);
  return { status: created ? 201 : 200, body: toRequestView(request) };
};
