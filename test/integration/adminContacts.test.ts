import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { portalUserRepository } from '../../functions/customers/portalUserRepository';
import { auditRepository } from '../../functions/audit/auditRepository';
import { adminClient, uniqueEmail, type AdminClient } from '../support/adminApi';
import { PASSWORD } from '../support/portalAccess';
import { portalUserViaAdminApi, signIn } from '../support/callers';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let demo: AdminClient;
let acme: AdminClient;
let companyId: string;

beforeAll(async () => {
  stack = await startTestStack();
  demo = adminClient(stack, 'demo');
  acme = adminClient(stack, 'acme');
  companyId = (await demo('POST', '/api/admin/companies', { name: 'Quayside Print', kind: 'customer', allowPortal: true })).body.companyId;
});
afterAll(async () => {
  await stack?.stop();
});

const newContact = (overrides: Record<string, unknown> = {}) => ({ companyId, firstName: 'Ada', lastName: 'Byron', email: uniqueEmail('ada'), ...overrides });

describe('contacts', () => {
  it('creates a contact of a company and reads it back', async () => {
    const input = newContact({ phone: '+44 117 496 0000', jobTitle: 'Buyer', externalId: 'CRM-C-7' });
    const res = await demo('POST', '/api/admin/contacts', input);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...input, companyId });
    expect(res.body.contactId).toMatch(/^ct_[0-9a-z]{16}$/);
    expect(res.headers.get('location')).toBe(`/api/admin/contacts/${res.body.contactId}`);
    const read = await demo('GET', `/api/admin/contacts/${res.body.contactId}`);
    expect(read.body).toEqual(res.body);
  });

  it('normalises the email to lower case', async () => {
    const res = await demo('POST', '/api/admin/contacts', newContact({ email: '  Ada.Byron@Example.COM ' }));
    expect(res.body.email).toBe('ada.byron@example.com');
  });

  it('allows a contact without an email (the CRM may not know it yet)', async () => {
    const { email: _none, ...input } = newContact();
    const res = await demo('POST', '/api/admin/contacts', input);
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('email');
  });

  it('refuses a company this tenant does not have with a 422 naming body.companyId', async () => {
    const unknown = await demo('POST', '/api/admin/contacts', newContact({ companyId: 'co_nothinghere' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ name: 'body.companyId' })]);
    // Another tenant's company is answered the very same way.
    const foreign = await acme('POST', '/api/admin/contacts', newContact());
    expect(foreign.status).toBe(422);
    expect(foreign.body).toEqual({ ...unknown.body, requestId: foreign.body.requestId });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    for (const [body, field] of [
      [newContact({ email: 'not-an-email' }), 'body.email'],
      [newContact({ firstName: '' }), 'body.firstName'],
      [newContact({ address: { country: 'Britain' } }), 'body.address.country'],
      [newContact({ firstName: 'x'.repeat(101) }), 'body.firstName'],
    ] as const) {
      const res = await demo('POST', '/api/admin/contacts', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { name: string }) => e.name)).toContain(field);
    }
  });

  it("lists a company's contacts a page at a time", async () => {
    const { body: company } = await demo('POST', '/api/admin/companies', { name: 'Listing Ltd', kind: 'both' });
    const created = [];
    for (let i = 0; i < 3; i++)
      created.push((await demo('POST', '/api/admin/contacts', newContact({ companyId: company.companyId, firstName: `P${i}` }))).body.contactId);
    const first = await demo('GET', `/api/admin/companies/${company.companyId}/contacts?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await demo('GET', `/api/admin/companies/${company.companyId}/contacts?limit=2&cursor=${encodeURIComponent(first.body.cursor)}`);
    const all = [...first.body.items, ...second.body.items].map((c: { contactId: string }) => c.contactId);
    expect(all.sort()).toEqual(created.sort());
    // A cursor of one company's list is no good for another's.
    const other = await demo('GET', `/api/admin/companies/${companyId}/contacts?cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(other.status).toBe(400);
  });

  it('updates a contact but never moves it to another company', async () => {
    const { body: contact } = await demo('POST', '/api/admin/contacts', newContact());
    const res = await demo('PATCH', `/api/admin/contacts/${contact.contactId}`, { lastName: 'Lovelace', jobTitle: 'Director' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'Director', companyId });
    const move = await demo('PATCH', `/api/admin/contacts/${contact.contactId}`, { companyId: 'co_elsewhere' });
    expect(move.status).toBe(400);
    expect(move.body.errors).toContainEqual(expect.objectContaining({ name: 'body', reason: expect.stringMatching(/companyId/) }));
    const trail = await auditRepository.listBySubject('demo', `user:${contact.contactId}`);
    expect(trail[0]).toMatchObject({ action: 'details.changed', details: { fields: ['jobTitle', 'lastName'] } });
  });

  it('answers 404 for an unknown contact', async () => {
    expect((await demo('GET', '/api/admin/contacts/ct_nothinghere')).status).toBe(404);
    expect((await demo('PATCH', '/api/admin/contacts/ct_nothinghere', { firstName: 'X' })).status).toBe(404);
  });
});

describe('a contact with a portal login', () => {
  async function invitedContact() {
    const { body: contact } = await demo('POST', '/api/admin/contacts', newContact());
    expect((await demo('POST', `/api/admin/contacts/${contact.contactId}/portal-login`, { teams: ['customer-portal-users'] })).status).toBe(201);
    return contact as { contactId: string; email: string };
  }

  it('moves the login email with the contact email, and frees the old one', async () => {
    const contact = await invitedContact();
    const newEmail = uniqueEmail('moved');
    const res = await demo('PATCH', `/api/admin/contacts/${contact.contactId}`, { email: newEmail });
    expect(res.status).toBe(200);
    expect(await portalUserRepository.userIdForEmail('demo', newEmail)).toBe(contact.contactId);
    expect(await portalUserRepository.userIdForEmail('demo', contact.email)).toBeUndefined();
    const user = await portalUserRepository.get('demo', contact.contactId);
    expect(user).toMatchObject({ email: newEmail, status: 'invited' });
    // The invitation went to the old address: it no longer works, staff send a new one.
    expect(user?.invitationHash).toBeUndefined();
  });

  it('refuses an email another login of this tenant uses, and changes nothing', async () => {
    const first = await invitedContact();
    const second = await invitedContact();
    const res = await demo('PATCH', `/api/admin/contacts/${second.contactId}`, { email: first.email, lastName: 'Changed' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'body.email' })]);
    const unchanged = await demo('GET', `/api/admin/contacts/${second.contactId}`);
    expect(unchanged.body).toMatchObject({ email: second.email, lastName: 'Byron' });
  });
});

describe('a contact with an active login', () => {
  it('signs in with the new email once staff change it, and no longer with the old one', async () => {
    const user = await portalUserViaAdminApi(stack, 'demo');
    const newEmail = uniqueEmail('renamed');
    expect((await demo('PATCH', `/api/admin/contacts/${user.contactId}`, { email: newEmail })).status).toBe(200);
    const cognitoUser = await stack.cognito.send(new AdminGetUserCommand({ UserPoolId: stack.endpoints.portalPool.poolId, Username: `demo.${user.userId}` }));
    expect(cognitoUser.UserAttributes).toContainEqual({ Name: 'email', Value: newEmail });
    expect((await portalUserRepository.get('demo', user.userId))?.status).toBe('active');
    await expect(signIn(stack, 'demo', newEmail, PASSWORD)).resolves.toBeDefined();
    await expect(signIn(stack, 'demo', user.email, PASSWORD)).rejects.toThrow(/401/);
  });
});

describe('tenant isolation', () => {
  it("never shows or changes another tenant's contact", async () => {
    const { body: contact } = await demo('POST', '/api/admin/contacts', newContact());
    expect((await acme('GET', `/api/admin/contacts/${contact.contactId}`)).status).toBe(404);
    expect((await acme('PATCH', `/api/admin/contacts/${contact.contactId}`, { firstName: 'Mallory' })).status).toBe(404);
    expect((await acme('GET', `/api/admin/companies/${companyId}/contacts`)).status).toBe(404);
    expect((await demo('GET', `/api/admin/contacts/${contact.contactId}`)).body.firstName).toBe('Ada');
  });
});
