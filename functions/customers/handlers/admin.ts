import { roomHandlers } from '../../core/handlers';
import { created, ok } from '../../core/replies';
import * as companies from '../companies';
import * as contacts from '../contacts';
import * as users from '../portalUsers';
import * as teams from '../teams';
import * as settings from '../tenantSettings';

/**
 * Staff and the CRM manage the tenant's customers: companies, contacts, portal users,
 * teams and the portal's settings. The tenant is always the caller's.
 */
export default roomHandlers('customers', 'admin', {
  async createCompany({ caller, input }) {
    const company = await companies.createCompany(caller, input.body);
    return created(company, { location: `/api/admin/companies/${company.companyId}` });
  },
  listCompanies: async ({ caller, input }) => ok(await companies.listCompanies(caller, input.query)),
  getCompany: async ({ caller, input }) => ok(await companies.getCompany(caller, input.path.companyId)),
  updateCompany: async ({ caller, input }) => ok(await companies.updateCompany(caller, input.path.companyId, input.body)),

  listContacts: async ({ caller, input }) => ok(await contacts.listContacts(caller, input.path.companyId, input.query)),
  async createContact({ caller, input }) {
    const contact = await contacts.createContact(caller, input.body);
    return created(contact, { location: `/api/admin/contacts/${contact.contactId}` });
  },
  getContact: async ({ caller, input }) => ok(await contacts.getContact(caller, input.path.contactId)),
  updateContact: async ({ caller, input }) => ok(await contacts.updateContact(caller, input.path.contactId, input.body)),

  listPortalUsers: async ({ caller, input }) => ok(await users.listPortalUsers(caller, input.query)),
  getPortalUser: async ({ caller, input }) => ok(await users.getPortalUser(caller, input.path.userId)),
  deactivatePortalUser: async ({ caller, input }) => ok(await users.deactivatePortalUser(caller, input.path.userId)),
  reactivatePortalUser: async ({ caller, input }) => ok(await users.reactivatePortalUser(caller, input.path.userId)),
  setPortalUserTeams: async ({ caller, input }) => ok(await users.setPortalUserTeams(caller, input.path.userId, input.body.teams)),

  listTeams: async ({ caller }) => ok(await teams.listTeams(caller)),
  updateTeam: async ({ caller, input }) => ok(await teams.updateTeam(caller, input.path.teamId, input.body)),

  getSettings: async ({ caller }) => ok(await settings.getSettings(caller)),
  updateSettings: async ({ caller, input }) => ok(await settings.updateSettings(caller, input.body)),
});
