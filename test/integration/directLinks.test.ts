import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COOKIES, type MeResponse } from '../../shared/api/access';
import type { DirectLinkSession, DocumentType, DocumentView } from '../../shared/api/documents';
import { problemType } from '../../shared/problem';
import { dynamo, tableName } from '../../functions/table/db';
import { directLinkRepository } from '../../functions/documents/directLinks/directLinkRepository';
import { adminClient, uniqueEmail } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { waitForMail } from '../support/mailbox';
import { activePortalUser, CookieJar, jsonRequest, setCookiesOf, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Direct links: staff email one contact a link to one document; it opens that document
 * with no sign-in, reaches nothing else, allows only what the recipient's permissions
 * allow on it, and stops at its expiry or when staff revoke it.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const crm = () => adminClient(stack, 'demo');
const TOKEN_IN_URL = /^http:\/\/demo\.localhost:\d+\/d\/([A-Za-z0-9_-]{43})$/;

/** A contact of the user's company with no portal login. */
async function contactWithoutLogin(companyId: string, slug = 'demo') {
  const email = uniqueEmail('recipient');
  const res = await adminClient(stack, slug)('POST', '/api/admin/contacts', { companyId, firstName: 'Dana', lastName: 'Recipient', email });
  expect(res.status).toBe(201);
  return { contactId: res.body.contactId as string, email };
}

async function published(type: DocumentType, companyId: string, overrides = {}) {
  const id = docId(type.slice(0, 2));
  const body = documentBody(type, companyId, overrides);
  expect((await publish(stack, 'demo', type, id, body)).status).toBe(201);
  return { id, number: body.number };
}

async function createLink(type: DocumentType, documentId: string, contactId: string, extra: Record<string, unknown> = {}) {
  const res = await crm()('POST', `/api/admin/documents/${type}/${documentId}/direct-links`, { contactId, ...extra });
  expect(res.status).toBe(201);
  const token = TOKEN_IN_URL.exec(res.body.url)?.[1];
  expect(token).toBeDefined();
  return { linkId: res.body.linkId as string, token: token!, url: res.body.url as string, expiresAt: res.body.expiresAt as string };
}

/** Opens a link as a browser without any sign-in would. */
async function open(token: string, slug = 'demo') {
  const res = await stack.api(slug, `/api/direct/${token}/session`, jsonRequest('POST', {}));
  return { res, status: res.status, body: await res.json(), jar: new CookieJar().take(res) };
}

async function as<T = any>(jar: CookieJar, method: string, path: string, body?: unknown) {
  const res = await stack.api('demo', path, body === undefined ? { method, headers: jar.headers() } : jsonRequest(method, body, jar.headers()));
  const text = await res.text();
  return { status: res.status, res, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('creating a link', () => {
  it('stores only a hash of the token, shows the URL once and emails the branded link to the contact', async () => {
    const user = await activePortalUser(stack, 'demo');
    const recipient = await contactWithoutLogin(user.companyId);
    const quote = await published('quote', user.companyId, { title: 'Shop-front signage' });

    const before = Date.now();
    const link = await createLink('quote', quote.id, recipient.contactId);
    const days = (new Date(link.expiresAt).getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(13.99);
    expect(days).toBeLessThan(14.01);

    const stored = await directLinkRepository.get('demo', link.linkId);
    expect(JSON.stringify(stored)).not.toContain(link.token);
    expect(stored!.tokenHash).toHaveLength(43);

    const mail = await waitForMail(stack, recipient.email);
    expect(mail.subject).toContain(quote.number);
    expect(mail.body.text).toContain(link.url);
    expect(mail.body.text).toContain('Shop-front signage');
    expect(mail.body.text).toMatch(/accept or decline it/);
    expect(mail.body.html).toContain(link.url);

    const listed = await crm()('GET', `/api/admin/documents/quote/${quote.id}/direct-links`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        linkId: link.linkId,
        contactId: recipient.contactId,
        recipientName: 'Dana Recipient',
        status: 'active',
        openCount: 0,
        expiresAt: link.expiresAt,
        sentTo: recipient.email,
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toMatch(/token/i);
  });

  it('with send: false emails nothing; an expiry in days is honoured', async () => {
    const user = await activePortalUser(stack, 'demo');
    const recipient = await contactWithoutLogin(user.companyId);
    const quote = await published('quote', user.companyId);
    const before = Date.now();
    const link = await createLink('quote', quote.id, recipient.contactId, { send: false, expiresInDays: 2 });
    expect(Math.round((new Date(link.expiresAt).getTime() - before) / 86_400_000)).toBe(2);
    await stack.bus.idle();
    expect(await (await import('../support/mailbox')).mailTo(stack, recipient.email)).toEqual([]);
  });

  it('refuses a contact of another company (422 naming body.contactId) and an unknown document (404)', async () => {
    const a = await activePortalUser(stack, 'demo');
    const b = await activePortalUser(stack, 'demo');
    const quote = await published('quote', a.companyId);
    const res = await crm()('POST', `/api/admin/documents/quote/${quote.id}/direct-links`, { contactId: b.userId });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ name: 'body.contactId', reason: expect.any(String) }]);
    const unknown = await crm()('POST', `/api/admin/documents/quote/nope-${quote.id}/direct-links`, { contactId: a.userId });
    expect(unknown.status).toBe(404);
    // Another tenant's CRM sees nothing of it.
    expect((await adminClient(stack, 'acme')('POST', `/api/admin/documents/quote/${quote.id}/direct-links`, { contactId: a.userId })).status).toBe(404);
  });
});

describe('opening a link', () => {
  it('opens the one document with no login: a session cookie of its own, CSRF, no Cognito tokens, expiring with the link', async () => {
    const user = await activePortalUser(stack, 'demo');
    const recipient = await contactWithoutLogin(user.companyId);
    const quote = await published('quote', user.companyId);
    const other = await published('quote', user.companyId);
    const link = await createLink('quote', quote.id, recipient.contactId, { send: false });
    const busBefore = stack.bus.history.length;

    const opened = await open(link.token);
    expect(opened.status).toBe(200);
    expect(opened.body as DirectLinkSession).toEqual({ type: 'quote', documentId: quote.id, recipientName: 'Dana Recipient', expiresAt: link.expiresAt });
    const cookies = setCookiesOf(opened.res);
    expect(cookies.map((c) => c.name).sort()).toEqual([COOKIES.directLink, COOKIES.csrf].sort());
    const session = cookies.find((c) => c.name === COOKIES.directLink)!;
    expect(session.attributes.httponly).toBe(true);
    expect(session.attributes.samesite).toBe('Lax');
    const maxAge = Number(session.attributes['max-age']);
    expect(maxAge).toBeLessThanOrEqual((new Date(link.expiresAt).getTime() - Date.now()) / 1000 + 1);
    expect(maxAge).toBeGreaterThan(13 * 86_400);

    const doc = await as<DocumentView>(opened.jar, 'GET', `/api/documents/quote/${quote.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.actions).toEqual(expect.arrayContaining(['accept', 'reject']));
    expect((await as(opened.jar, 'GET', `/api/documents/quote/${quote.id}/pdf`)).status).not.toBe(403);

    // Nothing else: another document of the same company is a 404, lists and dashboard are 403.
    expect((await as(opened.jar, 'GET', `/api/documents/quote/${other.id}`)).status).toBe(404);
    expect((await as(opened.jar, 'GET', '/api/documents/quote')).status).toBe(403);
    expect((await as(opened.jar, 'GET', '/api/dashboard')).status).toBe(403);
    expect((await as(opened.jar, 'PATCH', '/api/me', { firstName: 'Mallory' })).status).toBe(403);
    expect((await as(opened.jar, 'PUT', '/api/me/signing-pin', { pin: '1234', currentPassword: 'x' })).status).toBe(403);

    const me = await as<MeResponse>(opened.jar, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: recipient.contactId, firstName: 'Dana', lastName: 'Recipient' },
      company: { id: user.companyId },
      permissions: expect.arrayContaining(['quotes:read', 'quotes:accept']),
      editableFields: [],
      signingPinSet: false,
      directLink: { type: 'quote', documentId: quote.id, expiresAt: link.expiresAt },
    });
    expect(me.body.permissions).not.toContain('invoices:read');
    expect(me.body.permissions).not.toContain('profile:write');

    // State-changing calls need the CSRF header, as for a real sign-in.
    const noCsrf = await stack.api('demo', `/api/documents/quote/${quote.id}/accept`, jsonRequest('POST', {}, opened.jar.headers({ csrf: false })));
    expect(noCsrf.status).toBe(403);
    const accepted = await as<DocumentView>(opened.jar, 'POST', `/api/documents/quote/${quote.id}/accept`, { purchaseOrderReference: 'PO-77' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.decision).toMatchObject({ kind: 'accepted', by: 'Dana Recipient' });

    await stack.bus.idle();
    const types = stack.bus.history.slice(busBefore).map((d) => d.envelope);
    expect(types.find((e) => e['detail-type'] === 'direct-link.opened')?.detail).toMatchObject({
      documentId: quote.id,
      linkId: link.linkId,
      contactId: recipient.contactId,
    });
    expect(types.find((e) => e['detail-type'] === 'quote.accepted')?.detail).toMatchObject({ actor: { kind: 'customer', id: recipient.contactId } });

    const listed = await crm()('GET', `/api/admin/documents/quote/${quote.id}/direct-links`);
    expect(listed.body.items[0]).toMatchObject({ openCount: 1, lastOpenedAt: expect.any(String), status: 'active' });
    const audit = await crm()('GET', `/api/admin/audit?userId=${recipient.contactId}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['direct-link.created', 'direct-link.opened']));
  });

  it("allows only what the recipient's own permissions allow", async () => {
    // A recipient with an active login in a team without quotes:accept.
    const supplier = await activePortalUser(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    const quote = await published('quote', supplier.companyId);
    const link = await createLink('quote', quote.id, supplier.userId, { send: false });
    const opened = await open(link.token);
    expect(opened.status).toBe(200);
    const doc = await as<DocumentView>(opened.jar, 'GET', `/api/documents/quote/${quote.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.actions).not.toContain('accept');
    expect((await as(opened.jar, 'POST', `/api/documents/quote/${quote.id}/accept`, {})).status).toBe(403);
    expect((await as<MeResponse>(opened.jar, 'GET', '/api/me')).body.permissions).toEqual(['quotes:read', 'messages:write']);
  });

  it('a sales order opened by link cannot be signed without a PIN: pin-not-set says to sign in', async () => {
    const user = await activePortalUser(stack, 'demo');
    const recipient = await contactWithoutLogin(user.companyId);
    const order = await published('sales-order', user.companyId);
    const opened = await open((await createLink('sales-order', order.id, recipient.contactId, { send: false })).token);
    const res = await as(opened.jar, 'POST', `/api/documents/sales-order/${order.id}/sign`, { signerName: 'Dana Recipient', pin: '1234' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(problemType('pin-not-set'));
    expect(res.body.detail).toMatch(/sign in/i);
  });

  it('a recipient with a login and a PIN signs from the link, recorded as direct-link', async () => {
    const user = await activePortalUser(stack, 'demo');
    const set = await stack.api(
      'demo',
      '/api/me/signing-pin',
      jsonRequest('PUT', { pin: '2468', currentPassword: 'Correct-Horse-9-Battery!' }, user.jar.headers()),
    );
    expect(set.status).toBe(200);
    const order = await published('sales-order', user.companyId);
    const opened = await open((await createLink('sales-order', order.id, user.userId, { send: false })).token);
    expect((await as<MeResponse>(opened.jar, 'GET', '/api/me')).body.signingPinSet).toBe(true);
    const signed = await as<DocumentView>(opened.jar, 'POST', `/api/documents/sales-order/${order.id}/sign`, { signerName: 'Robin Tester', pin: '2468' });
    expect(signed.status).toBe(200);
    const evidence = await as(opened.jar, 'GET', `/api/documents/sales-order/${order.id}/signature`);
    expect(evidence.body).toMatchObject({ authentication: 'direct-link', signer: { contactId: user.userId } });
  });

  it("refuses unknown, expired and revoked links, another tenant's host and a withdrawn document", async () => {
    const user = await activePortalUser(stack, 'demo');
    const recipient = await contactWithoutLogin(user.companyId);
    const quote = await published('quote', user.companyId);

    const unknown = await open('A'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toBe(problemType('link-invalid'));

    const link = await createLink('quote', quote.id, recipient.contactId, { send: false });
    const acme = await open(link.token, 'acme');
    expect(acme.status).toBe(404);
    expect(acme.body.type).toBe(problemType('link-invalid'));

    // Expired: the record's expiry moved into the past.
    const expiring = await createLink('quote', quote.id, recipient.contactId, { send: false });
    const session = await open(expiring.token);
    await setExpiry(expiring.linkId, new Date(Date.now() - 1000));
    const expired = await open(expiring.token);
    expect(expired.status).toBe(410);
    expect(expired.body.type).toBe(problemType('link-expired'));
    const later = await as(session.jar, 'GET', `/api/documents/quote/${quote.id}`);
    expect(later.status).toBe(410);
    expect(later.body.type).toBe(problemType('link-expired'));

    // Revoked: refused on opening, and an open session ends at its next request (its cookie cleared).
    const opened = await open(link.token);
    expect(opened.status).toBe(200);
    const revoke = await crm()('DELETE', `/api/admin/direct-links/${link.linkId}`);
    expect(revoke.status).toBe(200);
    expect(revoke.body).toMatchObject({ linkId: link.linkId, status: 'revoked', revokedAt: expect.any(String) });
    expect((await crm()('DELETE', `/api/admin/direct-links/${link.linkId}`)).body.status).toBe('revoked');
    const again = await open(link.token);
    expect(again.status).toBe(410);
    expect(again.body.type).toBe(problemType('link-revoked'));
    const afterRevoke = await as(opened.jar, 'GET', `/api/documents/quote/${quote.id}`);
    expect(afterRevoke.status).toBe(410);
    expect(afterRevoke.body.type).toBe(problemType('link-revoked'));
    expect(setCookiesOf(afterRevoke.res).find((c) => c.name === COOKIES.directLink)?.attributes['max-age']).toBe('0');
    expect((await crm()('DELETE', '/api/admin/direct-links/dl_unknown')).status).toBe(404);

    // A withdrawn document: the link no longer opens.
    const fresh = await createLink('quote', quote.id, recipient.contactId, { send: false });
    expect((await crm()('POST', `/api/admin/documents/quote/${quote.id}/withdraw`, {})).status).toBe(200);
    const withdrawn = await open(fresh.token);
    expect(withdrawn.status).toBe(404);
    expect(withdrawn.body.type).toBe(problemType('link-invalid'));
    // An expired link to it still says expired: its expiry is checked first, not left to the document's (which would say invalid).
    const expiredWithdrawn = await open(expiring.token);
    expect(expiredWithdrawn.status).toBe(410);
    expect(expiredWithdrawn.body.type).toBe(problemType('link-expired'));
  });

  it("revokes all of a contact's links at once, and deactivating the login ends link sessions", async () => {
    const user = await activePortalUser(stack, 'demo');
    const quote = await published('quote', user.companyId);
    const invoice = await published('invoice', user.companyId);
    const one = await open((await createLink('quote', quote.id, user.userId, { send: false })).token);
    const two = await open((await createLink('invoice', invoice.id, user.userId, { send: false })).token);
    expect((await as(two.jar, 'GET', `/api/documents/invoice/${invoice.id}`)).status).toBe(200);

    const all = await crm()('POST', `/api/admin/contacts/${user.userId}/direct-links/revoke`, {});
    expect(all.status).toBe(200);
    expect(all.body.revoked).toBe(2);
    expect((await as(one.jar, 'GET', `/api/documents/quote/${quote.id}`)).body.type).toBe(problemType('link-revoked'));
    expect((await as(two.jar, 'GET', `/api/documents/invoice/${invoice.id}`)).body.type).toBe(problemType('link-revoked'));
    expect((await crm()('POST', `/api/admin/contacts/${user.userId}/direct-links/revoke`, {})).body.revoked).toBe(0);
    expect((await crm()('GET', `/api/admin/documents/invoice/${invoice.id}/direct-links`)).body.items[0].status).toBe('revoked');

    const three = await open((await createLink('quote', quote.id, user.userId, { send: false })).token);
    expect((await as(three.jar, 'GET', `/api/documents/quote/${quote.id}`)).status).toBe(200);
    expect((await crm()('POST', `/api/admin/portal-users/${user.userId}/deactivate`)).status).toBe(200);
    const deactivated = await as(three.jar, 'GET', `/api/documents/quote/${quote.id}`);
    expect(deactivated.status).toBeGreaterThanOrEqual(401);
    expect(deactivated.status).toBeLessThanOrEqual(403);
  });

  it('revoke-all reaches a link made a moment before, even while the index does not list it yet', async () => {
    const user = await activePortalUser(stack, 'demo');
    const quote = await published('quote', user.companyId);
    const older = await open((await createLink('quote', quote.id, user.userId, { send: false })).token);
    const newest = await createLink('quote', quote.id, user.userId, { send: false });
    // Simulates gsi2's lag in the cloud: the contact's index query does not see the newest link yet.
    // (DynamoDB Local's indexes are up to date at once, so the lag can only be simulated.)
    const client = dynamo();
    const send = client.send.bind(client);
    const lagging = jest.spyOn(client, 'send').mockImplementation((async (command: { input?: { IndexName?: string } }) => {
      const out = (await send(command as never)) as { Items?: { linkId?: string }[] };
      if (command instanceof QueryCommand && command.input.IndexName === 'gsi2' && out.Items)
        return { ...out, Items: out.Items.filter((item) => item.linkId !== newest.linkId) };
      return out;
    }) as never);
    try {
      const all = await crm()('POST', `/api/admin/contacts/${user.userId}/direct-links/revoke`, {});
      expect(all.status).toBe(200);
      expect(all.body.linkIds).toContain(newest.linkId);
      expect(all.body.revoked).toBe(2);
    } finally {
      lagging.mockRestore();
    }
    expect((await open(newest.token)).body.type).toBe(problemType('link-revoked'));
    expect((await as(older.jar, 'GET', `/api/documents/quote/${quote.id}`)).body.type).toBe(problemType('link-revoked'));
  });

  it('a real sign-in wins over a link session in the same browser', async () => {
    const user: SignedInUser = await activePortalUser(stack, 'demo');
    const quote = await published('quote', user.companyId);
    const opened = await open((await createLink('quote', quote.id, user.userId, { send: false })).token);
    const both = user.jar.clone();
    both.cookies.set(COOKIES.directLink, opened.jar.get(COOKIES.directLink)!);
    const list = await as(both, 'GET', '/api/documents/quote');
    expect(list.status).toBe(200);
    expect((await as<MeResponse>(both, 'GET', '/api/me')).body.directLink).toBeUndefined();
  });

  it('a link opened in a signed-in browser keeps both sessions’ CSRF tokens working', async () => {
    const user: SignedInUser = await activePortalUser(stack, 'demo');
    const quote = await published('quote', user.companyId);
    const { token } = await createLink('quote', quote.id, user.userId, { send: false });
    const jar = user.jar.clone();
    const opened = await stack.api('demo', `/api/direct/${token}/session`, jsonRequest('POST', {}, jar.headers()));
    expect(opened.status).toBe(200);
    jar.take(opened);
    expect(jar.get(COOKIES.csrf)).not.toBe(user.jar.get(COOKIES.csrf));
    expect((await as(jar, 'PATCH', '/api/me', { phone: '+44 20 7946 0002' })).status).toBe(200);
    // The same browser with only the link's session left.
    const linkOnly = jar.clone();
    for (const name of Object.values(COOKIES.portal)) linkOnly.cookies.delete(name);
    expect((await as(linkOnly, 'POST', `/api/documents/quote/${quote.id}/accept`, {})).status).toBe(200);
  });

  it('signing out ends a link visit too: its cookie cleared and its session revoked', async () => {
    const recipient = await contactWithoutLogin((await activePortalUser(stack, 'demo')).companyId);
    const quote = await published('quote', (await adminClient(stack, 'demo')('GET', `/api/admin/contacts/${recipient.contactId}`)).body.companyId);
    const opened = await open((await createLink('quote', quote.id, recipient.contactId, { send: false })).token);
    const kept = opened.jar.clone();
    expect((await as(opened.jar, 'GET', `/api/documents/quote/${quote.id}`)).status).toBe(200);
    const out = await stack.api('demo', '/api/auth/logout', jsonRequest('POST', {}, opened.jar.headers()));
    expect(out.status).toBe(204);
    opened.jar.take(out);
    expect(opened.jar.get(COOKIES.directLink)).toBeUndefined();
    // The cookie as it was, presented again, no longer works.
    expect((await as(kept, 'GET', `/api/documents/quote/${quote.id}`)).status).toBe(401);
  });
});

async function setExpiry(linkId: string, at: Date): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: `TENANT#demo#DIRECTLINK#${linkId}`, sk: 'DIRECTLINK' },
      UpdateExpression: 'SET expiresAt = :at',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
}
