import { randomUUID } from 'node:crypto';
import type { EventDetail, EventEnvelope, EventType } from '../../events/catalogue';
import { publishEvent } from '../../functions/aws/eventBus';
import { auditRepository } from '../../functions/audit/auditRepository';
import { staffLoginRepository } from '../../functions/identity/staffLoginRepository';
import { adminClient, staffBrowser, uniqueEmail } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { mailTo, waitForMail, type StoredMail } from '../support/mailbox';
import { notifyLambdaFor } from '../support/notify';
import { activePortalUser, createTenant, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const admin = (slug = 'demo') => adminClient(stack, slug);
const setRules = async (body: unknown, slug = 'demo') => admin(slug)('PUT', '/api/admin/notifications', body);
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const post = (user: SignedInUser, path: string, body: unknown) => stack.api(user.tenantId, path, jsonRequest('POST', body, user.jar.headers()));

/** A quote for the user's company, naming them as its contact, open for 30 days. */
async function openQuote(user: SignedInUser, overrides: Parameters<typeof documentBody>[2] = {}) {
  const id = docId('q');
  const body = documentBody('quote', user.companyId, { contactId: user.userId, expiryDate: daysFromNow(30), title: 'Shop-front signage', ...overrides });
  expect((await publish(stack, user.tenantId, 'quote', id, body)).status).toBe(201);
  return { id, body };
}

/** An envelope as EventBridge delivers it, for invoking the notify Lambda directly. */
function envelope<T extends EventType>(type: T, detail: EventDetail<T>): EventEnvelope<T> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': type,
    source: 'portico',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

const text = (mail: StoredMail) => mail.body.text ?? '';

describe('notification settings', () => {
  it('starts with no staff mail, says so, and refuses a rule naming a team that does not exist', async () => {
    const slug = await createTenant();
    const staff = await staffBrowser(stack, slug);
    const asStaff = adminClient(stack, slug, staff.headers);
    const unset = await asStaff('GET', '/api/admin/notifications');
    expect(unset.status).toBe(200);
    expect(unset.body).toMatchObject({ configured: false, teams: {}, rules: {}, resolved: {}, defaultBehaviour: expect.stringContaining('No staff mail') });

    const bad = await asStaff('PUT', '/api/admin/notifications', {
      teams: { sales: { name: 'Sales', members: ['sales@example.com'] } },
      rules: { 'quote.accepted': [{ staffTeam: 'sales' }, { staffTeam: 'estimating' }], 'quote.rejected': [{ staffTeam: 'nobody' }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { name: 'body.rules.quote.accepted.1.staffTeam', reason: expect.stringContaining('not one of the teams') },
      { name: 'body.rules.quote.rejected.0.staffTeam', reason: expect.any(String) },
    ]);
    expect((await asStaff('GET', '/api/admin/notifications')).body.configured).toBe(false);
  });

  it('says per address whether it is a staff login, resolves teams, and audits a real change only', async () => {
    const staff = await staffBrowser(stack, 'demo');
    const inbox = uniqueEmail('sales-inbox');
    const body = {
      teams: { sales: { name: 'Sales', members: [staff.email, inbox, inbox.toUpperCase()] } },
      rules: { 'quote.accepted': [{ staffTeam: 'sales' }, { staffEmail: staff.email }], 'message.posted': [{ staffEmail: inbox }] },
    };
    const saved = await setRules(body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      configured: true,
      teams: { sales: { name: 'Sales', members: [staff.email, inbox] } },
      recipients: { [staff.email]: { staffLogin: true, name: 'Test Staff', status: 'active' }, [inbox]: { staffLogin: false } },
      resolved: { 'quote.accepted': [staff.email, inbox], 'message.posted': [inbox] },
      updatedBy: 'api-key:localdemo1',
    });
    expect((await admin()('GET', '/api/admin/notifications')).body).toEqual(saved.body);

    const audited = async () => (await auditRepository.listBySubject('demo', 'tenant:demo')).filter((r) => r.action === 'notification-settings.changed');
    const count = (await audited()).length;
    expect((await setRules(body)).body.updatedAt).toBe(saved.body.updatedAt);
    expect(await audited()).toHaveLength(count);
    await setRules({ ...body, rules: { ...body.rules, 'quote.rejected': [{ staffTeam: 'sales' }] } });
    const trail = await audited();
    expect(trail).toHaveLength(count + 1);
    expect(trail[0]).toMatchObject({ actor: 'api-key:localdemo1', details: { events: ['quote.rejected'], teams: [] } });
  });
});

describe('staff mail', () => {
  it('mails a team’s members and an individual address when a customer accepts or rejects a quote', async () => {
    const user = await activePortalUser(stack, 'demo');
    const [alice, bob, carol] = [uniqueEmail('alice'), uniqueEmail('bob'), uniqueEmail('carol')];
    await setRules({
      teams: { estimating: { name: 'Estimating', members: [alice, bob] } },
      rules: { 'quote.accepted': [{ staffTeam: 'estimating' }], 'quote.rejected': [{ staffEmail: carol }] },
    });

    const accepted = await openQuote(user);
    expect((await post(user, `/api/documents/quote/${accepted.id}/accept`, { purchaseOrderReference: 'PO-4471' })).status).toBe(200);
    for (const address of [alice, bob]) {
      const mail = await waitForMail(stack, address);
      expect(mail.subject).toBe(`Company ${user.companyId} accepted quote ${accepted.body.number}`);
      expect(text(mail)).toContain('Robin Tester');
      expect(text(mail)).toContain('PO-4471');
      expect(text(mail)).toContain('Shop-front signage');
      expect(text(mail)).toContain(`quote/${accepted.id}`);
      expect(mail.body.html).toContain('PO-4471');
      expect(mail.from).toContain('Brightline Print & Signs');
    }
    expect(await mailTo(stack, carol)).toHaveLength(0);

    const rejected = await openQuote(user);
    expect((await post(user, `/api/documents/quote/${rejected.id}/reject`, { reason: 'Too expensive <b>for now</b>' })).status).toBe(200);
    const mail = await waitForMail(stack, carol);
    expect(mail.subject).toBe(`Company ${user.companyId} rejected quote ${rejected.body.number}`);
    expect(text(mail)).toContain('Too expensive <b>for now</b>');
    expect(mail.body.html).toContain('Too expensive &lt;b&gt;for now&lt;/b&gt;');
    expect(await mailTo(stack, alice)).toHaveLength(1);
  });

  it('mails staff about a customer’s message but not about a staff reply, and skips a deactivated staff login', async () => {
    const user = await activePortalUser(stack, 'demo');
    const inbox = uniqueEmail('support');
    const former = await staffBrowser(stack, 'demo');
    const login = (await staffLoginRepository.getByEmail('demo', former.email))!;
    await staffLoginRepository.put({ ...login, status: 'deactivated' });
    await setRules({ rules: { 'message.posted': [{ staffEmail: inbox }, { staffEmail: former.email }] } });
    const { id, body } = await openQuote(user);
    const base = {
      tenantId: 'demo',
      type: 'quote' as const,
      documentId: id,
      number: body.number,
      companyId: user.companyId,
      contactId: user.userId,
      version: 1,
      attachments: 0,
    };

    await publishEvent('message.posted', { ...base, actor: { kind: 'staff', id: 'st-1', name: 'Alex' }, messageId: 'm1', excerpt: 'We can do it by Friday.' });
    await publishEvent('message.posted', {
      ...base,
      actor: { kind: 'customer', id: user.userId, name: 'Robin Tester' },
      messageId: 'm2',
      excerpt: 'Can you do matt vinyl instead?',
      attachments: 2,
    });
    await stack.bus.idle();
    const mails = await mailTo(stack, inbox);
    expect(mails.map((m) => m.subject)).toEqual([`New message from Robin Tester on quote ${body.number}`]);
    expect(text(mails[0]!)).toContain('Can you do matt vinyl instead?');
    expect(text(mails[0]!)).toContain('2 attachments');
    expect(await mailTo(stack, former.email)).toHaveLength(0);
  });

  it('sends nothing when no rule names the event, or the tenant has no settings at all', async () => {
    const watcher = uniqueEmail('watcher');
    await setRules({ rules: { 'quote.rejected': [{ staffEmail: watcher }] } });
    const user = await activePortalUser(stack, 'demo');
    const { id } = await openQuote(user);
    expect((await post(user, `/api/documents/quote/${id}/accept`, {})).status).toBe(200);
    await stack.bus.idle();
    expect(await mailTo(stack, watcher)).toHaveLength(0);

    // A tenant that never saved settings: a customer's acceptance mails no one on its behalf.
    const slug = await createTenant();
    const name = `Tenant ${slug}`;
    await publishEvent('quote.accepted', {
      tenantId: slug,
      type: 'quote',
      documentId: 'q-x',
      number: 'Q-1',
      companyId: 'co-x',
      version: 1,
      actor: { kind: 'customer', id: 'ct-x', name: 'Pat' },
    });
    await stack.bus.idle();
    const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as { emails: StoredMail[] };
    expect(store.emails.filter((m) => m.from.includes(name))).toHaveLength(0);
    const delivered = stack.bus.history.find((h) => (h.envelope.detail as { tenantId: string }).tenantId === slug)!;
    expect(delivered.deliveries).toEqual([expect.objectContaining({ rule: 'notify-staff', ok: true })]);
  });

  it('mails once when the same event is delivered twice', async () => {
    const address = uniqueEmail('once');
    await setRules({ rules: { 'artwork.changes-requested': [{ staffEmail: address }] } });
    const user = await activePortalUser(stack, 'demo');
    const id = docId('job');
    const body = documentBody('job', user.companyId, { contactId: user.userId, status: 'awaiting-approval', approvalRequired: true });
    await publish(stack, 'demo', 'job', id, body);
    const event = envelope('artwork.changes-requested', {
      tenantId: 'demo',
      type: 'job',
      documentId: id,
      number: body.number,
      companyId: user.companyId,
      contactId: user.userId,
      version: 1,
      actor: { kind: 'customer', id: user.userId, name: 'Robin Tester' },
      comment: 'Logo 20% larger, please.',
    });
    const invoke = notifyLambdaFor('notifyStaff');
    await invoke(event);
    await invoke(event);
    const mails = await mailTo(stack, address);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Changes requested: job ${body.number} for Company ${user.companyId}`);
    expect(text(mails[0]!)).toContain('Logo 20% larger, please.');
  });
});

describe('contact mail', () => {
  it('tells the contact a document is ready, with a link to it in the portal; a change that voids their acceptance asks again', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id, body } = await openQuote(user);
    const ready = await waitForMail(stack, user.email);
    expect(ready.subject).toBe(`Your quote ${body.number} from Brightline Print & Signs is ready`);
    const link = `http://demo.localhost:${stack.port}/quotes/${id}`;
    expect(text(ready)).toContain(link);
    expect(ready.body.html).toContain(`href="${link}"`);
    expect(text(ready)).toContain('Hello Robin');

    expect((await post(user, `/api/documents/quote/${id}/accept`, {})).status).toBe(200);
    await publish(stack, 'demo', 'quote', id, { ...body, notes: 'Now with fixings included.' });
    await stack.bus.idle();
    const again = (await mailTo(stack, user.email)).at(-1)!;
    expect(again.subject).toBe(`Your quote ${body.number} from Brightline Print & Signs was updated and needs your decision again`);
    expect(await mailTo(stack, user.email)).toHaveLength(2);
  });

  it('calls an invoice with a negative total a credit note, with its credit, and asks nothing of the contact', async () => {
    const user = await activePortalUser(stack, 'demo');
    const lines = linesOf([{ description: 'Returned: banner stand', quantity: -2, unitPrice: 5_000 }]);
    const id = docId('cn');
    const body = documentBody('invoice', user.companyId, { contactId: user.userId, lines, totals: totalsOf(lines), dueDate: daysFromNow(30) });
    expect((await publish(stack, 'demo', 'invoice', id, body)).status).toBe(201);
    const mail = await waitForMail(stack, user.email);
    expect(mail.subject).toBe(`Your credit note ${body.number} from Brightline Print & Signs is ready`);
    expect(text(mail)).toContain(`Credit note ${body.number} · a credit of £120.00.`);
    expect(text(mail)).not.toMatch(/to pay|due /);
    expect(text(mail)).toContain(`http://demo.localhost:${stack.port}/invoices/${id}`);
  });

  it('sends nothing when the publisher says not to, or the contact has no email or cannot use the portal', async () => {
    const user = await activePortalUser(stack, 'demo');
    await publish(stack, 'demo', 'invoice', docId('inv'), documentBody('invoice', user.companyId, { contactId: user.userId, notifyContact: false }));
    // Same company, no portal login: the link would lead nowhere.
    const contact = await admin()('POST', '/api/admin/contacts', {
      companyId: user.companyId,
      firstName: 'No',
      lastName: 'Login',
      email: uniqueEmail('nologin'),
    });
    await publish(stack, 'demo', 'invoice', docId('inv'), documentBody('invoice', user.companyId, { contactId: contact.body.contactId }));
    await stack.bus.idle();
    expect(await mailTo(stack, user.email)).toHaveLength(0);
    expect(await mailTo(stack, contact.body.email)).toHaveLength(0);
  });

  it('emails the contact a staff reply with an excerpt and a link, once, and never about a withdrawn document', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id, body } = await openQuote(user, { notifyContact: false });
    const reply = envelope('message.posted', {
      tenantId: 'demo',
      type: 'quote',
      documentId: id,
      number: body.number,
      companyId: user.companyId,
      contactId: user.userId,
      version: 1,
      actor: { kind: 'staff', id: 'st-9', name: 'Alex Morgan' },
      messageId: 'm-1',
      excerpt: 'Yes, matt vinyl works and costs the same.',
      attachments: 1,
    });
    // Through the real bus first…
    await publishEvent('message.posted', reply.detail);
    const mail = await waitForMail(stack, user.email);
    expect(mail.subject).toBe(`New reply from Brightline Print & Signs on quote ${body.number}`);
    expect(text(mail)).toContain('Alex Morgan at Brightline Print & Signs replied');
    expect(text(mail)).toContain('Yes, matt vinyl works and costs the same.');
    expect(text(mail)).toContain(`http://demo.localhost:${stack.port}/quotes/${id}`);

    // …then one envelope delivered twice to the target: one more email, not two.
    const invoke = notifyLambdaFor('notifyContact');
    await invoke(reply);
    await invoke(reply);
    expect(await mailTo(stack, user.email)).toHaveLength(2);

    // The customer's own message is not mailed back to them.
    await publishEvent('message.posted', { ...reply.detail, actor: { kind: 'customer', id: user.userId, name: 'Robin Tester' }, messageId: 'm-2' });
    await stack.bus.idle();
    expect(await mailTo(stack, user.email)).toHaveLength(2);

    expect((await admin()('POST', `/api/admin/documents/quote/${id}/withdraw`, {})).status).toBe(200);
    await publishEvent('message.posted', { ...reply.detail, messageId: 'm-3' });
    await stack.bus.idle();
    expect(await mailTo(stack, user.email)).toHaveLength(2);
  });
});

describe('direct link opened', () => {
  it('tells staff about the first open of a link only, not every visit', async () => {
    const slug = await createTenant();
    const inbox = uniqueEmail('links-inbox');
    const staff = await staffBrowser(stack, slug);
    expect(
      (await adminClient(stack, slug, staff.headers)('PUT', '/api/admin/notifications', { rules: { 'direct-link.opened': [{ staffEmail: inbox }] } })).status,
    ).toBe(200);
    const detail = (openCount: number): EventDetail<'direct-link.opened'> => ({
      tenantId: slug,
      type: 'quote',
      documentId: 'q-link',
      number: 'Q-LINK-1',
      companyId: 'co-link',
      version: 1,
      actor: { kind: 'customer', id: 'ct-link', name: 'Dana Recipient' },
      linkId: 'dl_test',
      openCount,
    });
    await notifyLambdaFor('notifyStaff')(envelope('direct-link.opened', detail(2)));
    await notifyLambdaFor('notifyStaff')(envelope('direct-link.opened', detail(1)));
    const mail = await waitForMail(stack, inbox);
    expect(mail.subject).toContain('Q-LINK-1');
    await notifyLambdaFor('notifyStaff')(envelope('direct-link.opened', detail(3)));
    expect(await mailTo(stack, inbox)).toHaveLength(1);
  });
});
