import type { ApiKeyCaller } from '../../functions/core/callers';
import { createHash } from 'node:crypto';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { apiKeyRepository } from '../../functions/identity/apiKeyRepository';
import { companyRepository } from '../../functions/customers/companyRepository';
import { contactRepository } from '../../functions/customers/contactRepository';
import { cognitoUsernameFor, portalUserRepository } from '../../functions/customers/portalUserRepository';
import { teamRepository } from '../../functions/customers/teamRepository';
import { formatApiKey, hashSecret } from '../../functions/identity/apiKeyCredentials';
import { createStaffMember } from '../../functions/customers/tenants';
import { ensurePortalAccount, setPassword } from '../../functions/identity/cognitoAccounts';
import { documentRepository } from '../../functions/documents/documentRepository';
import { notificationSettingsRepository } from '../../functions/notify/notificationSettingsRepository';
import { publishDocument } from '../../functions/documents/publishing';
import { acmeDocuments, brightlineDocuments, type DemoDocument } from './demoDocuments';
import { DEMO_TENANTS, type DemoTenant } from './demoTenants';
import { seedDemoCatalogue } from './seedCatalogue';

/** The demo CRM key of a tenant: derived, so it stays the same across restarts. Local mode only. */
export function demoApiKey(tenantId: string): { keyId: string; secret: string; key: string } {
  const keyId = 'localdemo1';
  const secret = createHash('sha256').update(`portico-local-demo-api-key:${tenantId}`).digest('base64url');
  return { keyId, secret, key: formatApiKey(tenantId, keyId, secret) };
}

/** The password of every demo login (local mode only; README and `npm start` print it). */
export const DEMO_LOGIN_PASSWORD = 'Portico-Demo-2026!';

/** Each demo tenant's admin staff login (staff pool, group tenant-admin: settings, keys, everything): `staff@<slug>.example`. */
export const DEMO_STAFF = {
  name: 'Demo Staff',
  email: (slug: string) => `staff@${slug}.example`,
  password: DEMO_LOGIN_PASSWORD,
  group: 'tenant-admin',
} as const;

/** Each demo tenant's plain staff login (group tenant-staff: documents, messages, companies, invitations; no settings or keys): `clerk@<slug>.example`. */
export const DEMO_CLERK = {
  name: 'Demo Clerk',
  email: (slug: string) => `clerk@${slug}.example`,
  password: DEMO_LOGIN_PASSWORD,
  group: 'tenant-staff',
} as const;

/**
 * Each demo tenant's companies: one let into the portal with an active portal user, one
 * not let in (its contact has no login). Fixed ids, so a restart finds them again.
 */
export const DEMO_COMPANIES = {
  allowed: { companyId: 'demo-customer', name: 'Northwind Traders', contactId: 'demo-customer-contact', firstName: 'Pat', lastName: 'Lee' },
  notAllowed: { companyId: 'demo-not-allowed', name: 'Globex Holdings', contactId: 'demo-not-allowed-contact', firstName: 'Sam', lastName: 'Rivera' },
} as const;

/** The active demo portal user of a tenant: `customer@<slug>.example`. */
export const DEMO_PORTAL_USER = {
  email: (slug: string) => `customer@${slug}.example`,
  password: DEMO_LOGIN_PASSWORD,
} as const;

/**
 * Seeds the demo tenants into the table the handlers use (TABLE_NAME) and the local
 * user pools (PORTAL_/STAFF_USER_POOL_ID, set by the runtime before seeding): tenant
 * records, subdomains, a fixed CRM API key (scope `admin`), the default teams, two staff logins (an admin and a plain staff member), a company
 * in the portal with an active user and one kept out, that company's documents and a
 * staff notification rule. Safe to run on every start: what exists is left as it is
 * (settings changed through the API survive, and a document the demo user accepted or
 * signed stays so), except that the demo passwords are set again, so the documented
 * ones always work. `documents: false` leaves the demo documents out, `catalogue: false`
 * the demo catalogue (infra/local/seedCatalogue.ts).
 */
export async function seedDemoTenants(options: { documents?: boolean; catalogue?: boolean } = {}): Promise<void> {
  for (const tenant of DEMO_TENANTS) {
    const existing = await tenantRepository.get(tenant.id);
    if (!existing) {
      await tenantRepository.put({
        tenantId: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        portalEnabled: true,
        modules: tenant.modules,
        branding: tenant.branding,
        ...(tenant.contactDetails ? { contactDetails: tenant.contactDetails } : {}),
      });
    }
    await tenantRepository.claimHost(`sub:${tenant.slug}`, tenant.id, true);
    const key = demoApiKey(tenant.id);
    if (!(await apiKeyRepository.get(tenant.id, key.keyId))) {
      await apiKeyRepository.create({
        tenantId: tenant.id,
        keyId: key.keyId,
        name: 'Local demo CRM key',
        scopes: ['admin'],
        secretHash: hashSecret(key.secret),
      });
    }
    await teamRepository.ensureDefaults(tenant.id);
    await Promise.all([seedStaff(tenant), seedCompanies(tenant)]);
    await seedNotificationRule(tenant);
  }
  if (options.documents !== false) await Promise.all(DEMO_TENANTS.map(seedDocuments));
  if (options.catalogue !== false)
    await Promise.all(
      DEMO_TENANTS.map((t) =>
        seedDemoCatalogue(t.id, demoCrm(t.id), { allowed: DEMO_COMPANIES.allowed.companyId, other: DEMO_COMPANIES.notAllowed.companyId }),
      ),
    );
}

/** The demo CRM, as documents name it. */
const demoCrm = (tenantId: string): ApiKeyCaller => {
  const { keyId } = demoApiKey(tenantId);
  return { kind: 'api-key', tenantId, keyId, scopes: ['admin'], actor: `api-key:${keyId}`, origin: {} };
};

/** The documents each demo tenant's CRM has published for Northwind Traders (acme has no jobs module; it also buys from Northwind). */
export function demoDocumentsOf(tenant: Pick<DemoTenant, 'id'>, anchor: string): DemoDocument[] {
  const party = { companyId: DEMO_COMPANIES.allowed.companyId, contactId: DEMO_COMPANIES.allowed.contactId };
  return tenant.id === 'acme' ? acmeDocuments(anchor, party) : brightlineDocuments(anchor, party);
}

/**
 * Publishes, through the same service as `PUT /api/admin/documents`, each demo document
 * that does not exist yet, oldest first (so the dashboard's activity reads in order).
 * Dates are relative to the day of the first start; a restart publishes nothing, so it
 * raises no versions, voids nothing the demo user did and sends no mail. (Republishing
 * with today's dates on every start would make a new version of every document each day
 * and void the user's acceptances and signatures.) Delete `.data/` for fresh dates.
 */
async function seedDocuments(tenant: DemoTenant): Promise<void> {
  const anchor = new Date().toISOString().slice(0, 10);
  const docs = demoDocumentsOf(tenant, anchor).sort((a, b) => a.body.issueDate.localeCompare(b.body.issueDate));
  const existing = await Promise.all(docs.map((d) => documentRepository.get(tenant.id, d.type, d.documentId)));
  const missing = docs.filter((_, i) => !existing[i]);
  // A few at a time: quick, and the activity feed still reads roughly oldest to newest.
  for (let i = 0; i < missing.length; i += 4) {
    await Promise.all(missing.slice(i, i + 4).map((doc) => publishDocument(demoCrm(tenant.id), doc.type, doc.documentId, doc.body)));
  }
}

/**
 * Who among the demo staff hears of what customers do: a "Sales office" team (the staff
 * login and a shared inbox that is no login) for decisions, signatures and messages, the
 * staff login alone for opened direct links; the office for online payments too. Set once; changes through the API survive.
 * Written as the settings service stores them, but not audited: nobody changed anything.
 */
async function seedNotificationRule(tenant: DemoTenant): Promise<void> {
  if (await notificationSettingsRepository.get(tenant.id)) return;
  const office = [{ staffTeam: 'office' }];
  await notificationSettingsRepository.replace(
    {
      tenantId: tenant.id,
      updatedAt: new Date().toISOString(),
      updatedBy: 'local-seed',
      teams: { office: { name: 'Sales office', members: [DEMO_STAFF.email(tenant.slug), `sales@${tenant.slug}.example`] } },
      rules: {
        'quote.accepted': office,
        'quote.rejected': office,
        'order.signed': office,
        'artwork.approved': office,
        'artwork.changes-requested': office,
        'message.posted': office,
        'direct-link.opened': [{ staffEmail: DEMO_STAFF.email(tenant.slug) }],
        'purchase-order.acknowledged': office,
        'purchase-order.dates-proposed': office,
        'purchase-order.bill-submitted': office,
        'payment.succeeded': office,
        'payment.failed': office,
        'payment.refunded': office,
        'order.placed': office,
        'quote.requested': office,
        'job.requested': office,
      },
      templates: {},
    },
    undefined,
  );
}

/** Through the same service the operator CLI uses, with a fixed password instead of Cognito's emailed one: a tenant admin and a plain staff member. */
async function seedStaff(tenant: DemoTenant): Promise<void> {
  await Promise.all(
    [DEMO_STAFF, DEMO_CLERK].map((staff) =>
      createStaffMember({ tenantId: tenant.id, email: staff.email(tenant.slug), name: staff.name, group: staff.group, permanentPassword: staff.password }),
    ),
  );
}

async function seedCompanies(tenant: DemoTenant): Promise<void> {
  const tenantId = tenant.id;
  const { allowed, notAllowed } = DEMO_COMPANIES;
  // Acme also buys from its customers' side: its demo company is customer and supplier.
  const kind = tenant.modules.includes('purchase-orders') ? 'both' : 'customer';
  for (const c of [allowed, notAllowed]) {
    if (!(await companyRepository.get(tenantId, c.companyId))) {
      await companyRepository.create({ tenantId, companyId: c.companyId, name: c.name, kind, allowPortal: c === allowed, portalDiscountBps: 0 });
    }
  }
  const email = DEMO_PORTAL_USER.email(tenant.slug);
  if (!(await contactRepository.get(tenantId, allowed.contactId))) {
    await contactRepository.create({
      tenantId,
      contactId: allowed.contactId,
      companyId: allowed.companyId,
      firstName: allowed.firstName,
      lastName: allowed.lastName,
      email,
    });
  }
  if (!(await contactRepository.get(tenantId, notAllowed.contactId))) {
    await contactRepository.create({
      tenantId,
      contactId: notAllowed.contactId,
      companyId: notAllowed.companyId,
      firstName: notAllowed.firstName,
      lastName: notAllowed.lastName,
      email: `contact@globex.${tenant.slug}.example`,
    });
  }
  const username = cognitoUsernameFor(tenantId, allowed.contactId);
  // As an accepted invitation leaves it: the portal-pool login, with the demo password (set again on every start).
  await ensurePortalAccount(username, email, tenantId);
  await setPassword('portal', username, DEMO_PORTAL_USER.password);
  if (!(await portalUserRepository.get(tenantId, allowed.contactId))) {
    const teams = ['customer-portal-users', ...(kind === 'both' ? ['customer-portal-supplier-users'] : [])];
    const now = new Date().toISOString();
    await portalUserRepository.save({
      tenantId,
      userId: allowed.contactId,
      companyId: allowed.companyId,
      email,
      cognitoUsername: username,
      status: 'active',
      teams,
      invitedAt: now,
      activatedAt: now,
    });
  }
}
