import { apiHandler } from '../http/apiHandler';
import { created, noContent, ok } from '../http/responses';
import * as apiKeys from '../services/apiKeys';
import { listAudit as listAuditTrail } from '../services/auditTrail';
import * as companies from '../services/companies';
import * as contacts from '../services/contacts';
import { createPortalLogin as invite } from '../services/portalLogins';
import * as users from '../services/portalUsers';
import * as teams from '../services/teams';
import * as settings from '../services/tenantSettings';

import { callerOf } from './caller';

// Companies
export const createCompany = apiHandler('POST /api/admin/companies', async (ctx) => {
  const company = await companies.createCompany(callerOf(ctx), ctx.input.body);
  return created(company, { location: `/api/admin/companies/${company.companyId}` });
});
export const listCompanies = apiHandler('GET /api/admin/companies', async (ctx) => ok(await companies.listCompanies(callerOf(ctx), ctx.input.query)));
export const getCompany = apiHandler('GET /api/admin/companies/{companyId}', async (ctx) => ok(await companies.getCompany(callerOf(ctx), ctx.input.path.companyId)));
export const updateCompany = apiHandler('PATCH /api/admin/companies/{companyId}', async (ctx) =>
  ok(await companies.updateCompany(callerOf(ctx), ctx.input.path.companyId, ctx.input.body)),
);

// Contacts
export const listContacts = apiHandler('GET /api/admin/companies/{companyId}/contacts', async (ctx) =>
  ok(await contacts.listContacts(callerOf(ctx), ctx.input.path.companyId, ctx.input.query)),
);
export const createContact = apiHandler('POST /api/admin/contacts', async (ctx) => {
  const contact = await contacts.createContact(callerOf(ctx), ctx.input.body);
  return created(contact, { location: `/api/admin/contacts/${contact.contactId}` });
});
export const getContact = apiHandler('GET /api/admin/contacts/{contactId}', async (ctx) => ok(await contacts.getContact(callerOf(ctx), ctx.input.path.contactId)));
export const updateContact = apiHandler('PATCH /api/admin/contacts/{contactId}', async (ctx) =>
  ok(await contacts.updateContact(callerOf(ctx), ctx.input.path.contactId, ctx.input.body)),
);

// Portal logins and users
export const createPortalLogin = apiHandler('POST /api/admin/contacts/{contactId}/portal-login', async (ctx) => {
  const login = await invite(callerOf(ctx), ctx.input.path.contactId, ctx.input.body.teams);
  return created(login, { location: `/api/admin/portal-users/${login.userId}` });
});
export const listPortalUsers = apiHandler('GET /api/admin/portal-users', async (ctx) => ok(await users.listPortalUsers(callerOf(ctx), ctx.input.query)));
export const getPortalUser = apiHandler('GET /api/admin/portal-users/{userId}', async (ctx) => ok(await users.getPortalUser(callerOf(ctx), ctx.input.path.userId)));
export const deactivatePortalUser = apiHandler('POST /api/admin/portal-users/{userId}/deactivate', async (ctx) =>
  ok(await users.deactivatePortalUser(callerOf(ctx), ctx.input.path.userId)),
);
export const reactivatePortalUser = apiHandler('POST /api/admin/portal-users/{userId}/reactivate', async (ctx) =>
  ok(await users.reactivatePortalUser(callerOf(ctx), ctx.input.path.userId)),
);
export const setPortalUserTeams = apiHandler('PUT /api/admin/portal-users/{userId}/teams', async (ctx) =>
  ok(await users.setPortalUserTeams(callerOf(ctx), ctx.input.path.userId, ctx.input.body.teams)),
);

// Teams and settings
export const listTeams = apiHandler('GET /api/admin/teams', async (ctx) => ok(await teams.listTeams(callerOf(ctx))));
export const updateTeam = apiHandler('PATCH /api/admin/teams/{teamId}', async (ctx) => ok(await teams.updateTeam(callerOf(ctx), ctx.input.path.teamId, ctx.input.body)));
export const getSettings = apiHandler('GET /api/admin/settings', async (ctx) => ok(await settings.getSettings(callerOf(ctx))));
export const updateSettings = apiHandler('PATCH /api/admin/settings', async (ctx) => ok(await settings.updateSettings(callerOf(ctx), ctx.input.body)));

// Audit trail
export const listAudit = apiHandler('GET /api/admin/audit', async (ctx) => ok(await listAuditTrail(callerOf(ctx), ctx.input.query)));

// API keys (staff only: the route rows refuse a key, so a key cannot mint or revoke keys)
export const createApiKey = apiHandler('POST /api/admin/api-keys', async (ctx) => {
  const key = await apiKeys.createApiKey(callerOf(ctx), ctx.input.body.name, ctx.input.body.scopes ?? ['admin']);
  return created(key);
});
export const listApiKeys = apiHandler('GET /api/admin/api-keys', async (ctx) => ok(await apiKeys.listApiKeys(callerOf(ctx))));
export const revokeApiKey = apiHandler('DELETE /api/admin/api-keys/{keyId}', async (ctx) => {
  await apiKeys.revokeApiKey(callerOf(ctx), ctx.input.path.keyId);
  return noContent();
});

export * from './documentHandlers';
export * from './signingHandlers';
export * from './directLinkHandlers';
export * from './notificationHandlers';
