import type { DocumentView, DownloadLink, UploadTicket } from '../../shared/api/documents';
import { problemType } from '../../shared/problem';
import { adminClient, uniqueEmail } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { waitForMail } from '../support/mailbox';
import { activePortalUser, CookieJar, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A supplier who opens a purchase order from an emailed direct link acts on it as a
 * customer does on a quote from theirs: acknowledges, proposes dates, submits a bill with
 * its PDF, as the link's contact (the recipient's permissions, narrowed to the one
 * document), recorded with the link they came by. A link to another document, or a
 * revoked one, reaches nothing.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

type Call<T> = { status: number; body: T };
type Problem = { type: string; detail?: string; errors?: Array<{ name: string; reason: string }> };

const crm = () => adminClient(stack, 'acme');
const TOKEN_IN_URL = /^http:\/\/acme\.localhost:\d+\/d\/([A-Za-z0-9_-]{43})$/;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A link visitor: the cookies a browser gets from opening the link, nothing else. */
interface Visitor {
  jar: CookieJar;
  linkId: string;
}

async function call<T>(visitor: Visitor, path: string, body?: unknown): Promise<Call<T>> {
  const res = await stack.api('acme', path, body === undefined ? { headers: visitor.jar.headers() } : jsonRequest('POST', body, visitor.jar.headers()));
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A contact of the supplier's company with no portal login: the link gives them the tenant's supplier team's permissions. */
async function contactWithoutLogin(companyId: string) {
  const res = await crm()('POST', '/api/admin/contacts', { companyId, firstName: 'Sami', lastName: 'Linkvisitor', email: uniqueEmail('po-link') });
  expect(res.status).toBe(201);
  return res.body.contactId as string;
}

async function purchaseOrderFor(user: SignedInUser) {
  const id = docId('po');
  const lines = linesOf([
    { description: 'Corrugated sheet, 1200 × 800', quantity: 50, unitPrice: 1_240 },
    { description: 'Edge protector, 50 mm', quantity: 200, unitPrice: 85 },
  ]).map((line, i) => ({ ...line, deliveryDate: day(12 + i) }));
  const body = documentBody('purchase-order', user.companyId, { currency: 'USD', lines, totals: totalsOf(lines), notifyContact: false });
  expect((await publish(stack, 'acme', 'purchase-order', id, body)).status).toBe(201);
  return { id, body, path: `/api/documents/purchase-order/${id}` };
}

async function openLink(documentId: string, contactId: string): Promise<Visitor> {
  const created = await crm()('POST', `/api/admin/documents/purchase-order/${documentId}/direct-links`, { contactId, send: false });
  expect(created.status).toBe(201);
  const token = TOKEN_IN_URL.exec(created.body.url)?.[1];
  expect(token).toBeDefined();
  const opened = await stack.api('acme', `/api/direct/${token}/session`, jsonRequest('POST', {}));
  expect(opened.status).toBe(200);
  return { jar: new CookieJar().take(opened), linkId: created.body.linkId as string };
}

async function uploadBillPdf(visitor: Visitor, path: string) {
  const bytes = new TextEncoder().encode('%PDF-1.7 a bill sent from a link');
  const res = await call<UploadTicket>(visitor, `${path}/bill-uploads`, { fileName: 'Bill L-1.pdf', contentType: 'application/pdf', size: bytes.length });
  expect(res.status).toBe(201);
  expect((await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: bytes })).status).toBe(200);
  return res.body.attachmentId;
}

const eventsOf = (detailType: string, documentId: string) =>
  stack.bus.history
    .filter((d) => d.envelope['detail-type'] === detailType && (d.envelope.detail as { documentId: string }).documentId === documentId)
    .map((d) => d.envelope.detail as Record<string, unknown>);

describe('a supplier on a purchase order opened from a direct link', () => {
  it('proposes dates, acknowledges and submits a bill, each as the link’s contact', async () => {
    const supplier = await activePortalUser(stack, 'acme', { teams: ['customer-portal-supplier-users'] });
    const contactId = await contactWithoutLogin(supplier.companyId);
    const { id, path, body } = await purchaseOrderFor(supplier);
    const visitor = await openLink(id, contactId);

    const seen = await call<DocumentView>(visitor, path);
    expect(seen.status).toBe(200);
    expect(seen.body.supplier?.state).toBe('awaiting-acknowledgement');
    expect(seen.body.actions).toEqual(expect.arrayContaining(['acknowledge', 'propose-dates', 'submit-bill']));

    // Bad input is still named field by field.
    const bad = await call<Problem>(visitor, `${path}/propose-dates`, { note: 'Mill delay', lines: [{ line: 7, deliveryDate: day(30) }] });
    expect([bad.status, bad.body.errors?.[0]?.name]).toEqual([422, 'body.lines.0.line']);

    const proposed = await call<DocumentView>(visitor, `${path}/propose-dates`, { note: 'Mill delay', lines: [{ line: 1, deliveryDate: day(30) }] });
    expect(proposed.status).toBe(200);
    expect(proposed.body.supplier).toMatchObject({ state: 'changes-proposed', proposal: { status: 'open', note: 'Mill delay' } });

    // Two clicks: one acknowledgement, one 409.
    const [a, b] = await Promise.all([call<DocumentView>(visitor, `${path}/acknowledge`, {}), call<DocumentView>(visitor, `${path}/acknowledge`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const acknowledged = (a.status === 200 ? a : b).body;
    expect(acknowledged.supplier).toMatchObject({
      state: 'acknowledged',
      acknowledgement: { by: 'Sami Linkvisitor', version: 1 },
      proposal: { status: 'withdrawn' },
    });

    const uploadId = await uploadBillPdf(visitor, path);
    const bill = { number: `LNK-${id.slice(-6)}`, issueDate: day(0), amount: body.totals.total, uploadId };
    const submitted = await call<DocumentView>(visitor, `${path}/bills`, bill);
    expect(submitted.status).toBe(201);
    expect(submitted.body.supplier?.bills).toEqual([expect.objectContaining({ number: bill.number, by: 'Sami Linkvisitor', fileName: 'Bill L-1.pdf' })]);
    const attachmentId = submitted.body.supplier!.bills[0]!.attachmentId;
    const file = await call<DownloadLink>(visitor, `${path}/attachments/${attachmentId}`);
    expect(await (await fetch(file.body.url)).text()).toBe('%PDF-1.7 a bill sent from a link');

    // Staff see who acted: the link's contact, with the evidence of the request, and the audit names the link.
    const staff = (await crm()('GET', `/api/admin/documents/purchase-order/${id}`)).body;
    expect(staff.supplier.acknowledgement).toMatchObject({ userId: contactId, by: 'Sami Linkvisitor', ip: expect.any(String) });
    expect(staff.supplier.bills).toHaveLength(1);
    await stack.bus.idle();
    for (const type of ['purchase-order.dates-proposed', 'purchase-order.acknowledged', 'purchase-order.bill-submitted'])
      expect({ type, events: eventsOf(type, id) }).toEqual({
        type,
        events: [expect.objectContaining({ actor: { kind: 'customer', id: contactId, name: 'Sami Linkvisitor' } })],
      });
    const audit = await crm()('GET', `/api/admin/audit?userId=${contactId}`);
    const decided = (audit.body.items as Array<{ action: string; details?: Record<string, unknown> }>).filter((e) => e.action === 'document.decided');
    expect(decided).toHaveLength(3);
    for (const entry of decided) expect(entry.details).toMatchObject({ documentId: id, viaDirectLink: visitor.linkId });
  });

  it('the link’s email says what the supplier can do with the order', async () => {
    const supplier = await activePortalUser(stack, 'acme', { teams: ['customer-portal-supplier-users'] });
    const email = uniqueEmail('po-link-mail');
    const contact = await crm()('POST', '/api/admin/contacts', { companyId: supplier.companyId, firstName: 'Sami', lastName: 'Mail', email });
    const { id } = await purchaseOrderFor(supplier);
    expect((await crm()('POST', `/api/admin/documents/purchase-order/${id}/direct-links`, { contactId: contact.body.contactId })).status).toBe(201);
    const mail = await waitForMail(stack, email);
    expect(mail.body.text).toContain('acknowledge it, propose other delivery dates, submit your bill and send a message about it');
  });

  it('a link to another purchase order, or a revoked link, acts on nothing', async () => {
    const supplier = await activePortalUser(stack, 'acme', { teams: ['customer-portal-supplier-users'] });
    const contactId = await contactWithoutLogin(supplier.companyId);
    const mine = await purchaseOrderFor(supplier);
    const sibling = await purchaseOrderFor(supplier);
    const visitor = await openLink(mine.id, contactId);

    // The sibling order of the same company is not the link's document: 404, as another company's is.
    for (const [action, body] of [
      ['acknowledge', {}],
      ['propose-dates', { note: 'x', lines: [{ line: 0, deliveryDate: day(30) }] }],
      ['bill-uploads', { fileName: 'b.pdf', contentType: 'application/pdf', size: 10 }],
      ['bills', { number: 'B-1', issueDate: day(0), amount: 100, uploadId: 'at_x' }],
    ] as const)
      expect({ action, status: (await call(visitor, `${sibling.path}/${action}`, body)).status }).toEqual({ action, status: 404 });
    expect((await crm()('GET', `/api/admin/documents/purchase-order/${sibling.id}`)).body.supplier.state).toBe('awaiting-acknowledgement');

    // Revoked: the link's session ends at the next request, before anything is written.
    const uploadId = await uploadBillPdf(visitor, mine.path);
    expect((await crm()('DELETE', `/api/admin/direct-links/${visitor.linkId}`)).status).toBe(200);
    const refused = await call<Problem>(visitor, `${mine.path}/acknowledge`, {});
    expect([refused.status, refused.body.type]).toEqual([410, problemType('link-revoked')]);
    const bill = await call<Problem>(visitor, `${mine.path}/bills`, { number: 'B-REVOKED', issueDate: day(0), amount: 100, uploadId });
    expect(bill.status).toBe(410);
    const staff = (await crm()('GET', `/api/admin/documents/purchase-order/${mine.id}`)).body;
    expect(staff.supplier).toMatchObject({ state: 'awaiting-acknowledgement', bills: [] });
  });

  it('a recipient whose own login may not act on purchase orders gets no action from the link either', async () => {
    // A login in the customer team, which holds no purchase-orders:acknowledge: the link shows the order, nothing more.
    const customerOnly = await activePortalUser(stack, 'acme');
    const { id, path } = await purchaseOrderFor(customerOnly);
    const visitor = await openLink(id, customerOnly.userId);
    const seen = await call<DocumentView>(visitor, path);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).not.toContain('acknowledge');
    expect((await call(visitor, `${path}/acknowledge`, {})).status).toBe(403);
  });
});
