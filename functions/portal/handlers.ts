import { apiHandler } from '../http/apiHandler';
import { portalRecordsOf } from '../http/authenticate';
import { ok } from '../http/responses';
import type { Principal } from '../http/types';
import { getMe as getMeService, updateMe as updateMeService, updateMyCompany as updateMyCompanyService } from '../services/myDetails';

/** Portal routes only admit portal principals (the route table's `caller: 'portal'`); this narrows the type. */
function portalPrincipal(principal: Principal): Extract<Principal, { kind: 'portal' }> {
  if (principal.kind !== 'portal') throw new Error('portal route reached without a portal principal');
  return principal;
}

export const getMe = apiHandler('GET /api/me', async ({ principal, event }) => ok(await getMeService(portalPrincipal(principal), portalRecordsOf(event))));

export const updateMe = apiHandler('PATCH /api/me', async ({ principal, event, input }) =>
  ok(await updateMeService(portalPrincipal(principal), portalRecordsOf(event), input.body, event)),
);

export const updateMyCompany = apiHandler('PATCH /api/me/company', async ({ principal, event, input }) =>
  ok(await updateMyCompanyService(portalPrincipal(principal), portalRecordsOf(event), input.body, event)),
);
