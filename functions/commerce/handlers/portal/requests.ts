import { notFound } from '../../../core/problems';
import type { HandlerOf } from '../routeHandler';

/** Quote and job requests in the portal: the company's own, as the caller's permissions let them see. */
export const listRequests: HandlerOf<'GET', '/api/requests'> = async () => {
  throw notFound('Not built yet.');
};
export const getRequest: HandlerOf<'GET', '/api/requests/{requestId}'> = async () => {
  throw notFound('Not built yet.');
};
export const requestQuoteForCart: HandlerOf<'POST', '/api/cart/quote-request'> = async () => {
  throw notFound('Not built yet.');
};
