import { notFound } from '../../../core/problems';
import type { HandlerOf } from '../routeHandler';

/** Staff and the CRM: the tenant's requests, and declining one. */
export const listRequestsAdmin: HandlerOf<'GET', '/api/admin/requests'> = async () => {
  throw notFound('Not built yet.');
};
export const getRequestAdmin: HandlerOf<'GET', '/api/admin/requests/{requestId}'> = async () => {
  throw notFound('Not built yet.');
};
export const declineRequest: HandlerOf<'POST', '/api/admin/requests/{requestId}/decline'> = async () => {
  throw notFound('Not built yet.');
};
