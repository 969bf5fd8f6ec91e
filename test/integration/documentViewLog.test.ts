import type { DocumentViewEntry, DocumentViewLogPage } from '../../shared/api/documentViewLog';
import { DEMO_STAFF } from '../../infra/local/seed';
import { adminClient, uniqueEmail } from '../support/adminApi';
import { signIn } from '../support/callers';
import { docId, documentBody, publish } from '../support/documents';
import { activePortalUser, CookieJar, jsonRequest } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Every view logged (issue 11, item 5): each opening of a document and each PDF by a
 * contact or a direct-link visitor is one entry, with time, IP, user agent and who;
 * staff and the CRM page through them newest first; another tenant's staff get 404.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ renderPdfOnPublish: true });
});
afterAll(() => stack?.stop());

const crm = () => adminClient(stack, 'demo');

it('logs two opens and a PDF by a contact and an open by a link visitor, newest first, each with its IP, user agent and who', async () => {
  const user = await activePortalUser(stack, 'demo');
  const id = docId('q');
  expect((await publish(stack, 'demo', 'quote', id, documentBody('quote', user.companyId, { contactId: user.userId }))).status).toBe(201);
  // Its PDF is rendered on publish by the pdf Lambda, in a process of its own: there once the bus has delivered.
  await stack.bus.idle();
  const asUser = (path: string, agent: string) => stack.api('demo', path, { headers: { ...user.jar.headers(), 'user-agent': agent } });

  const started = new Date().toISOString();
  expect((await asUser(`/api/documents/quote/${id}`, 'Agent/1 desk')).status).toBe(200);
  expect((await asUser(`/api/documents/quote/${id}`, 'Agent/2 phone')).status).toBe(200);
  expect((await asUser(`/api/documents/quote/${id}/pdf`, 'Agent/3 pdf')).status).toBe(200);
  // Lists and the dashboard are not views of the document.
  expect((await asUser('/api/documents/quote', 'Agent/x list')).status).toBe(200);

  const recipient = await crm()('POST', '/api/admin/contacts', { companyId: user.companyId, firstName: 'Lee', lastName: 'Linked', email: uniqueEmail('link') });
  const link = await crm()('POST', `/api/admin/documents/quote/${id}/direct-links`, { contactId: recipient.body.contactId, send: false });
  const token = /\/d\/([A-Za-z0-9_-]{43})$/.exec(link.body.url)![1]!;
  const session = await stack.api('demo', `/api/direct/${token}/session`, jsonRequest('POST', {}));
  expect(session.status).toBe(200);
  const jar = new CookieJar().take(session);
  expect((await stack.api('demo', `/api/documents/quote/${id}`, { headers: { ...jar.headers(), 'user-agent': 'Agent/4 link' } })).status).toBe(200);

  // A 404 (another document, unknown) logs nothing.
  expect((await asUser(`/api/documents/quote/${docId('none')}`, 'Agent/x none')).status).toBe(404);

  const res = await crm()('GET', `/api/admin/documents/quote/${id}/views`);
  expect(res.status).toBe(200);
  const views = (res.body as DocumentViewLogPage).items;
  expect(views).toHaveLength(4);
  expect(views.map((v) => v.userAgent)).toEqual(['Agent/4 link', 'Agent/3 pdf', 'Agent/2 phone', 'Agent/1 desk']);
  const [linkView, pdf, second, first] = views as [DocumentViewEntry, DocumentViewEntry, DocumentViewEntry, DocumentViewEntry];
  for (const v of views) {
    expect(v.ip).toBe('127.0.0.1');
    expect(v.at >= started).toBe(true);
    expect(v.version).toBe(1);
    expect(v.viewId).toMatch(/^[0-9a-f-]{36}$/);
  }
  for (const v of [first, second, pdf]) expect(v).toMatchObject({ via: 'login', contactId: user.userId, email: user.email });
  expect(first.what).toBe('document');
  expect(second.what).toBe('document');
  expect(pdf.what).toBe('pdf');
  expect(linkView).toMatchObject({ via: 'link', what: 'document', contactId: recipient.body.contactId, linkId: link.body.linkId });
  expect(linkView).not.toHaveProperty('email');

  // Paged with a cursor, newest first, each view once.
  const one = await crm()('GET', `/api/admin/documents/quote/${id}/views?limit=3`);
  expect(one.body.items).toHaveLength(3);
  const rest = await crm()('GET', `/api/admin/documents/quote/${id}/views?limit=3&cursor=${one.body.cursor}`);
  expect(rest.body.items.map((v: DocumentViewEntry) => v.viewId)).toEqual([first.viewId]);
  expect(rest.body.cursor).toBeUndefined();

  // Demo's staff see it too; acme's staff (and acme's CRM) get 404, as for any document not theirs.
  const demoStaff = await signIn(stack, 'demo', DEMO_STAFF.email('demo'), DEMO_STAFF.password, 'staff');
  expect((await stack.api('demo', `/api/admin/documents/quote/${id}/views`, { headers: demoStaff.headers })).status).toBe(200);
  const acmeStaff = await signIn(stack, 'acme', DEMO_STAFF.email('acme'), DEMO_STAFF.password, 'staff');
  const foreign = await stack.api('acme', `/api/admin/documents/quote/${id}/views`, { headers: acmeStaff.headers });
  expect(foreign.status).toBe(404);
  expect(await foreign.text()).not.toContain(user.email);
  expect((await adminClient(stack, 'acme')('GET', `/api/admin/documents/quote/${id}/views`)).status).toBe(404);
});
