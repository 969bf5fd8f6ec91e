import { hashToken } from '../../functions/core/secrets';
import { emailedLinkRepository } from '../../functions/identity/emailedLinkRepository';
import { portalUserRepository } from '../../functions/customers/portalUserRepository';
import { auditRepository } from '../../functions/audit/auditRepository';
import { DEMO_TENANTS } from '../../infra/local/demoTenants';
import { adminClient, mailTo, uniqueEmail, type AdminClient, type StoredMail } from '../support/adminApi';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let demo: AdminClient;
let acme: AdminClient;
const brightline = DEMO_TENANTS.find((t) => t.id === 'demo')!;

beforeAll(async () => {
  stack = await startTestStack();
  demo = adminClient(stack, 'demo');
  acme = adminClient(stack, 'acme');
});
afterAll(() => stack?.stop());

async function contactOf(client: AdminClient, company: Record<string, unknown> = {}, contact: Record<string, unknown> = {}) {
  const { body: co } = await client('POST', '/api/admin/companies', { name: 'Northgate Joinery', kind: 'customer', allowPortal: true, ...company });
  const { body: ct } = await client('POST', '/api/admin/contacts', {
    companyId: co.companyId,
    firstName: 'Grace',
    lastName: 'Hopper',
    email: uniqueEmail('grace'),
    ...contact,
  });
  return { companyId: co.companyId as string, contactId: ct.contactId as string, email: ct.email as string };
}

const invite = (client: AdminClient, contactId: string, teams = ['customer-portal-users']) =>
  client('POST', `/api/admin/contacts/${contactId}/portal-login`, { teams });

/** Waits for the mail notifier (the bus delivers after PutEvents answers), then reads the mailbox. */
async function mailsTo(address: string): Promise<StoredMail[]> {
  await stack.bus.idle();
  return mailTo(stack, address);
}

const TOKEN_LINK = /http:\/\/demo\.localhost:(\d+)\/invitation\/([A-Za-z0-9_-]{43})/;

describe('inviting a contact', () => {
  it('creates the login, stores only the hash, and sends a branded invitation on the tenant host', async () => {
    const { contactId, companyId, email } = await contactOf(demo);
    const before = Date.now();
    const res = await invite(demo, contactId, ['customer-portal-users', 'customer-portal-supplier-users']);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ userId: contactId, status: 'invited', invitationExpiresAt: expect.any(String) });
    const expiresAt = new Date(res.body.invitationExpiresAt).getTime();
    expect(expiresAt - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 5_000);
    expect(expiresAt - before).toBeLessThanOrEqual(7 * 86_400_000 + 5_000);

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.from).toContain(brightline.name);
    expect(mail.subject).toBe(`Your invitation to the ${brightline.name} portal`);
    const html = mail.body.html!;
    const text = mail.body.text!;
    expect(html).toContain(brightline.name.replace('&', '&amp;'));
    expect(html).toContain(brightline.branding.primaryColour);
    expect(text).toContain('Hello Grace,');
    expect(html).toContain('Accept invitation');
    expect(text).toMatch(/This invitation expires on \d{1,2} \w+ \d{4}/);
    // The link is on the tenant's own host, on this gateway's port, with a 43-character token.
    const [, port, token] = TOKEN_LINK.exec(text)!;
    expect(Number(port)).toBe(stack.port);
    expect(html).toContain(`/invitation/${token}`);
    // A data: logo would be blocked by mail clients: only https logos are embedded.
    expect(html).not.toContain('data:image');

    const user = await portalUserRepository.get('demo', contactId);
    expect(user).toMatchObject({
      userId: contactId,
      companyId,
      email,
      status: 'invited',
      teams: ['customer-portal-users', 'customer-portal-supplier-users'],
      cognitoUsername: `demo.${contactId}`,
      invitationHash: hashToken(token!),
      invitationExpiresAt: res.body.invitationExpiresAt,
    });
    expect(JSON.stringify(user)).not.toContain(token);
    const link = await emailedLinkRepository.get('demo', 'invitation', hashToken(token!));
    expect(link).toMatchObject({ purpose: 'invitation', userId: contactId, pool: 'portal', expiresAt: res.body.invitationExpiresAt });
    expect(JSON.stringify(res.body)).not.toContain(token);

    const trail = await auditRepository.listBySubject('demo', `company:${companyId}`);
    expect(trail[0]).toMatchObject({ action: 'invitation.sent', actor: 'api-key:localdemo1', details: { resent: false } });
    expect((await auditRepository.listBySubject('demo', `user:${contactId}`))[0]).toMatchObject({ action: 'invitation.sent' });
  });

  it('tells the contact what the portal is for, from the modules their company sees', async () => {
    const { contactId, email } = await contactOf(demo, { moduleOverrides: { orders: false, invoices: false, jobs: false } });
    expect((await invite(demo, contactId)).status).toBe(201);
    const [mail] = await mailsTo(email);
    expect(mail!.body.text).toContain('one place for your quotes, catalogue, support, knowledge base and more with Brightline');
  });

  it('replaces the previous link when sent again: only the newest one works', async () => {
    const { contactId, email } = await contactOf(demo);
    expect((await invite(demo, contactId)).status).toBe(201);
    const again = await invite(demo, contactId, ['customer-portal-supplier-users']);
    expect(again.status).toBe(201);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    const [first, second] = mails.map((m) => TOKEN_LINK.exec(m.body.text!)![2]!);
    expect(first).not.toBe(second);

    const user = await portalUserRepository.get('demo', contactId);
    expect(user?.invitationHash).toBe(hashToken(second!));
    expect(user?.teams).toEqual(['customer-portal-supplier-users']);
    // What the accept side answers for each link.
    const old = await stack.api('demo', `/api/auth/invitations/${first}`);
    expect(old.status).toBeGreaterThanOrEqual(400);
    expect(old.status).toBeLessThan(500);
    expect((await stack.api('demo', `/api/auth/invitations/${second}`)).status).toBe(200);
  });

  it('lets the same email hold logins at two tenants, but only one login per tenant', async () => {
    const shared = uniqueEmail('shared');
    const atDemo = await contactOf(demo, {}, { email: shared });
    const atAcme = await contactOf(acme, {}, { email: shared });
    expect((await invite(demo, atDemo.contactId)).status).toBe(201);
    expect((await invite(acme, atAcme.contactId)).status).toBe(201);

    const twin = await contactOf(demo, {}, { email: shared });
    const res = await invite(demo, twin.contactId);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain(shared);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'email' })]);
    expect(await portalUserRepository.get('demo', twin.contactId)).toBeUndefined();
  });
});

describe('refusals', () => {
  it('refuses a company not allowed into the portal, saying what to do', async () => {
    const { contactId } = await contactOf(demo, { allowPortal: false });
    const res = await invite(demo, contactId);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://portico.dev/problems/company-not-allowed');
    expect(res.body.detail).toMatch(/allowPortal/);
    expect(await portalUserRepository.get('demo', contactId)).toBeUndefined();
  });

  it('refuses a contact without an email', async () => {
    const { body: co } = await demo('POST', '/api/admin/companies', { name: 'No Mail Ltd', kind: 'customer', allowPortal: true });
    const { body: ct } = await demo('POST', '/api/admin/contacts', { companyId: co.companyId, firstName: 'Alan', lastName: 'Turing' });
    const res = await invite(demo, ct.contactId);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://portico.dev/problems/conflict');
    expect(res.body.detail).toMatch(/no email address/);
  });

  it('refuses a contact who already has an active login, and a deactivated one', async () => {
    const { contactId } = await contactOf(demo);
    expect((await invite(demo, contactId)).status).toBe(201);
    await portalUserRepository.update('demo', contactId, { status: 'active', activatedAt: new Date().toISOString() });
    const active = await invite(demo, contactId);
    expect(active.status).toBe(409);
    expect(active.body.detail).toMatch(/already has an active login/);

    await portalUserRepository.update('demo', contactId, { status: 'deactivated' });
    const deactivated = await invite(demo, contactId);
    expect(deactivated.status).toBe(409);
    expect(deactivated.body.detail).toMatch(/reactivate/i);
  });

  it('refuses a team that does not exist with a 422 naming body.teams', async () => {
    const { contactId } = await contactOf(demo);
    const res = await invite(demo, contactId, ['customer-portal-users', 'no-such-team']);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ name: 'body.teams', reason: expect.stringContaining('no-such-team') }]);
    expect(await portalUserRepository.get('demo', contactId)).toBeUndefined();
  });

  it('refuses an empty team list and malformed bodies with a 400', async () => {
    const { contactId } = await contactOf(demo);
    for (const body of [{ teams: [] }, {}, { teams: 'customer-portal-users' }, { teams: ['x'], extra: true }]) {
      const res = await demo('POST', `/api/admin/contacts/${contactId}/portal-login`, body);
      expect(res.status).toBe(400);
    }
  });

  it("answers 404 for an unknown contact and for another tenant's", async () => {
    expect((await invite(demo, 'ct_nothinghere')).status).toBe(404);
    const { contactId, email } = await contactOf(demo);
    expect((await invite(acme, contactId)).status).toBe(404);
    expect(await portalUserRepository.get('demo', contactId)).toBeUndefined();
    expect(await portalUserRepository.get('acme', contactId)).toBeUndefined();
    expect(await mailsTo(email)).toHaveLength(0);
  });
});
