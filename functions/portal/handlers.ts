import { apiHandler } from '../http/apiHandler';
import { portalRecordsOf } from '../http/authenticate';
import { ok } from '../http/responses';
import { portalPrincipal } from './principal';
import { getMe as getMeService, updateMe as updateMeService, updateMyCompany as updateMyCompanyService } from '../services/myDetails';


export const getMe = apiHandler('GET /api/me', async ({ principal, event }) => ok(await getMeService(portalPrincipal(principal), portalRecordsOf(event))));

export const updateMe = apiHandler('PATCH /api/me', async ({ principal, event, input }) =>
  ok(await updateMeService(portalPrincipal(principal), portalRecordsOf(event), input.body, event)),
);

export const updateMyCompany = apiHandler('PATCH /api/me/company', async ({ principal, event, input }) =>
  ok(await updateMyCompanyService(portalPrincipal(principal), portalRecordsOf(event), input.body, event)),
);

export * from './documentHandlers';
export * from './signingHandlers';
