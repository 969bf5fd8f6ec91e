import { ok } from '../../../core/replies';
import { declineRequest as decline, getRequestAdmin as getOne, listRequestsAdmin as list } from '../../requests/staffRequests';
import type { HandlerOf } from '../routeHandler';

/** Staff and the CRM: the tenant's requests, and declining one (answering one is publishing its quote or job with `requestId`). */
export const listRequestsAdmin: HandlerOf<'GET', '/api/admin/requests'> = async ({ caller, input }) => ok(await list(caller, input.query));
export const getRequestAdmin: HandlerOf<'GET', '/api/admin/requests/{requestId}'> = async ({ caller, input }) => ok(await getOne(caller, input.path.requestId));
export const declineRequest: HandlerOf<'POST', '/api/admin/requests/{requestId}/decline'> = async ({ caller, input }) =>
  ok(await decline(caller, input.path.requestId, input.body.reason));
