import type { DocumentView, DownloadLink, UploadTicket } from '../../shared/api/documents';
import type { PurchaseOrderSupplierView } from '../../shared/api/purchaseOrders';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { waitForMail } from '../support/mailbox';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A supplier's actions on a purchase order (acme buys from its suppliers; its portal has the
 * purchase-orders module): acknowledge, propose other delivery dates, submit a bill with its
 * PDF. Each against the real stack: permissions, other companies and tenants, double
 * clicks, a change of content asking again, duplicate bill numbers, events and staff mail.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

type Call<T> = { status: number; body: T };
type Problem = { type: string; detail?: string; errors?: Array<{ name: string; reason: string }> };
type StaffView = DocumentView & { supplier: PurchaseOrderSupplierView & { acknowledgement?: { ip?: string; userAgent?: string; userId?: string } } };

const crm = () => adminClient(stack, 'acme');
const supplierTeams = { teams: ['customer-portal-supplier-users'] };
const post = async <T>(user: SignedInUser, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Call<T>> => {
  const res = await stack.api(user.tenantId, path, jsonRequest('POST', body, { ...user.jar.headers(), ...headers }));
  return { status: res.status, body: (await res.json()) as T };
};
const get = async <T>(user: SignedInUser, path: string): Promise<Call<T>> => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as T };
};
const eventsOf = (detailType: string, documentId: string) =>
  stack.bus.history
    .filter((d) => d.envelope['detail-type'] === detailType && (d.envelope.detail as { documentId: string }).documentId === documentId)
    .map((d) => d.envelope.detail as Record<string, unknown>);
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const poLines = () =>
  linesOf([
    { description: 'RSC carton 18" × 12" × 12", bundle of 25', quantity: 80, unitPrice: 2_875 },
    { description: 'RSC carton 24" × 18" × 18", bundle of 20', quantity: 40, unitPrice: 4_460 },
  ]).map((line, i) => ({ ...line, deliveryDate: day(10 + i) }));

/** An open purchase order of the supplier's company, in USD. */
async function purchaseOrderFor(user: SignedInUser, lines = poLines()) {
  const id = docId('po');
  const body = documentBody('purchase-order', user.companyId, {
    contactId: user.userId,
    currency: 'USD',
    lines,
    totals: totalsOf(lines),
    notifyContact: false,
  });
  expect((await publish(stack, 'acme', 'purchase-order', id, body)).status).toBe(201);
  return { id, body, path: `/api/documents/purchase-order/${id}` };
}

/** Asks for the bill's upload and PUTs the PDF to the presigned URL, as the site does. */
async function uploadBillPdf(user: SignedInUser, path: string, bytes = new TextEncoder().encode('%PDF-1.7 a supplier bill')) {
  const res = await post<UploadTicket>(user, `${path}/bill-uploads`, { fileName: 'Bill 1001.pdf', contentType: 'application/pdf', size: bytes.length });
  expect(res.status).toBe(201);
  expect((await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: bytes })).status).toBe(200);
  return res.body.attachmentId;
}

describe('acknowledging a purchase order', () => {
  it('is once per version: two clicks give one acknowledgement and one 409, with its evidence, activity and one event', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, path } = await purchaseOrderFor(supplier);
    const before = await get<DocumentView>(supplier, path);
    expect(before.body.supplier).toEqual({ state: 'awaiting-acknowledgement', bills: [] });
    expect(before.body.actions).toEqual(expect.arrayContaining(['acknowledge', 'propose-dates', 'submit-bill']));

    const ua = { 'user-agent': 'PorticoTest/1.0 (supplier)' };
    const [a, b] = await Promise.all([
      post<DocumentView>(supplier, `${path}/acknowledge`, {}, ua),
      post<DocumentView>(supplier, `${path}/acknowledge`, {}, ua),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const done = (a.status === 200 ? a : b).body;
    expect(done.supplier).toMatchObject({ state: 'acknowledged', acknowledgement: { by: 'Robin Tester', version: 1 } });
    expect(done.actions).not.toContain('acknowledge');
    expect(done.actions).not.toContain('propose-dates');
    expect(done.history[0]).toMatchObject({ action: 'acknowledged', by: 'Robin Tester', version: 1 });
    expect(((a.status === 409 ? a : b).body as unknown as Problem).detail).toContain('already acknowledged');

    const staff = await crm()('GET', `/api/admin/documents/purchase-order/${id}`);
    const staffView = staff.body as StaffView;
    expect(staffView.supplier.acknowledgement).toMatchObject({ userId: supplier.userId, userAgent: 'PorticoTest/1.0 (supplier)', ip: expect.any(String) });
    // The portal's view leaves the evidence to staff.
    expect(JSON.stringify(done)).not.toContain('PorticoTest');

    await stack.bus.idle();
    const events = eventsOf('purchase-order.acknowledged', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      companyId: supplier.companyId,
      version: 1,
      actor: { kind: 'customer', id: supplier.userId },
      evidence: { userAgent: ua['user-agent'] },
    });
    const dashboard = await get<{ recentActivity: Array<{ action: string; summary: string }> }>(supplier, '/api/dashboard');
    expect(dashboard.body.recentActivity[0]).toMatchObject({
      action: 'purchase-order.acknowledged',
      summary: expect.stringContaining('acknowledged purchase order'),
    });
  });

  it('asks again when the content changes, not when the CRM syncs a status', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, body, path } = await purchaseOrderFor(supplier);
    expect((await post(supplier, `${path}/acknowledge`, {})).status).toBe(200);

    const lines = [...body.lines, ...linesOf([{ description: 'Freight, LTL', quantity: 1, unitPrice: 32_500 }])];
    const changed = await publish(stack, 'acme', 'purchase-order', id, { ...body, lines, totals: totalsOf(lines) });
    expect(changed.body.document.version).toBe(2);
    const view = (await get<DocumentView>(supplier, path)).body;
    expect(view.supplier?.state).toBe('awaiting-acknowledgement');
    expect(view.actions).toContain('acknowledge');
    expect(view.history.map((h) => h.action)).toEqual(expect.arrayContaining(['acknowledgement-voided']));
    await stack.bus.idle();
    expect(eventsOf('document.published', id).at(-1)).toMatchObject({ version: 2, voided: ['acknowledgement'] });

    const again = await post<DocumentView>(supplier, `${path}/acknowledge`, {});
    expect(again.status).toBe(200);
    expect(again.body.supplier?.acknowledgement?.version).toBe(2);

    // The CRM marks it received: the same content, so the acknowledgement stands.
    const received = await publish(stack, 'acme', 'purchase-order', id, { ...body, lines, totals: totalsOf(lines), status: 'received' });
    expect(received.body.document.version).toBe(3);
    const after = (await get<DocumentView>(supplier, path)).body;
    expect(after.supplier).toMatchObject({ state: 'acknowledged', acknowledgement: { version: 2 } });
    expect(after.actions).not.toContain('acknowledge');
  });

  it('refuses a user without the permission (403), another company’s supplier and another tenant’s order (404)', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, path } = await purchaseOrderFor(supplier);
    const customerOnly = await activePortalUser(stack, 'acme');
    expect((await post(customerOnly, `${path}/acknowledge`, {})).status).toBe(403);
    expect((await post(customerOnly, `${path}/bills`, { number: 'B-1', issueDate: day(0), amount: 100, uploadId: 'at_x' })).status).toBe(403);
    const otherCompany = await activePortalUser(stack, 'acme', supplierTeams);
    expect((await post(otherCompany, `${path}/acknowledge`, {})).status).toBe(404);
    expect((await post(otherCompany, `${path}/propose-dates`, { note: 'x', lines: [{ line: 0, deliveryDate: day(30) }] })).status).toBe(404);
    expect((await post(otherCompany, `${path}/bill-uploads`, { fileName: 'b.pdf', contentType: 'application/pdf', size: 10 })).status).toBe(404);
    // The same id published in another tenant is not this tenant's.
    const demoUser = await activePortalUser(stack, 'demo');
    await publish(stack, 'demo', 'purchase-order', id, documentBody('purchase-order', demoUser.companyId));
    const acmeView = await crm()('GET', `/api/admin/documents/purchase-order/${id}`);
    expect(acmeView.body.supplier.state).toBe('awaiting-acknowledgement');
    expect((await post(otherCompany, `/api/documents/purchase-order/${docId('po')}/acknowledge`, {})).status).toBe(404);
    expect((await get<DocumentView>(supplier, path)).body.supplier?.state).toBe('awaiting-acknowledgement');
  });

  it('mails the staff the tenant’s settings name', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { path, body } = await purchaseOrderFor(supplier);
    const buyer = `buyer-${supplier.userId}@example.com`;
    const rules = { 'purchase-order.acknowledged': [{ staffEmail: buyer }] };
    expect((await crm()('PUT', '/api/admin/notifications', { rules })).status).toBe(200);
    expect((await post(supplier, `${path}/acknowledge`, {})).status).toBe(200);
    const mail = await waitForMail(stack, buyer);
    expect(mail.subject).toBe(`Company ${supplier.companyId} acknowledged purchase order ${body.number}`);
  });
});

describe('proposing delivery dates', () => {
  it('shows "changes proposed" until the CRM answers with a new version, line by line', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, body, path } = await purchaseOrderFor(supplier);
    const proposal = {
      note: 'The 24" cartons are back-ordered; the 18" can come sooner.',
      lines: [
        { line: 0, deliveryDate: day(5) },
        { line: 1, deliveryDate: day(30) },
      ],
    };
    const [a, b] = await Promise.all([
      post<DocumentView>(supplier, `${path}/propose-dates`, proposal),
      post<DocumentView>(supplier, `${path}/propose-dates`, proposal),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const proposed = (a.status === 200 ? a : b).body;
    expect(proposed.supplier).toMatchObject({
      state: 'changes-proposed',
      proposal: {
        status: 'open',
        version: 1,
        note: proposal.note,
        lines: [
          { line: 0, previousDate: day(10), proposedDate: day(5), description: body.lines[0]!.description },
          { line: 1, previousDate: day(11), proposedDate: day(30) },
        ],
      },
    });
    expect(proposed.actions).toContain('acknowledge');
    expect(proposed.actions).not.toContain('propose-dates');
    await stack.bus.idle();
    expect(eventsOf('purchase-order.dates-proposed', id)).toEqual([
      expect.objectContaining({
        note: proposal.note,
        lines: [expect.objectContaining({ line: 0, proposedDate: day(5), previousDate: day(10) }), expect.objectContaining({ line: 1 })],
      }),
    ]);

    // The buyer accepts the first date only: a new version with that date.
    const lines = body.lines.map((l, i) => (i === 0 ? { ...l, deliveryDate: day(5) } : l));
    expect((await publish(stack, 'acme', 'purchase-order', id, { ...body, lines })).body.document.version).toBe(2);
    const answered = (await get<DocumentView>(supplier, path)).body;
    expect(answered.supplier).toMatchObject({
      state: 'awaiting-acknowledgement',
      proposal: {
        status: 'answered',
        answeredVersion: 2,
        lines: [
          { line: 0, accepted: true },
          { line: 1, accepted: false },
        ],
      },
    });
    expect(answered.history.find((h) => h.action === 'dates-answered')?.detail).toBe('1 of 2 proposed delivery dates accepted in version 2.');
    expect(answered.actions).toEqual(expect.arrayContaining(['acknowledge', 'propose-dates']));
  });

  it('refuses lines the order does not have, unchanged and past dates (422 naming the field); acknowledging withdraws an open proposal', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { path } = await purchaseOrderFor(supplier);
    const bad = await post<Problem>(supplier, `${path}/propose-dates`, {
      note: 'Dates',
      lines: [
        { line: 7, deliveryDate: day(20) },
        { line: 0, deliveryDate: day(10) },
        { line: 1, deliveryDate: day(-20) },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors?.map((e) => e.name)).toEqual(['body.lines.0.line', 'body.lines.1.deliveryDate', 'body.lines.2.deliveryDate']);
    const twice = await post<Problem>(supplier, `${path}/propose-dates`, {
      note: 'x',
      lines: [
        { line: 0, deliveryDate: day(20) },
        { line: 0, deliveryDate: day(21) },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors?.[0]?.name).toBe('body.lines');

    expect((await post(supplier, `${path}/propose-dates`, { note: 'Later, sorry', lines: [{ line: 1, deliveryDate: day(40) }] })).status).toBe(200);
    const acknowledged = await post<DocumentView>(supplier, `${path}/acknowledge`, {});
    expect(acknowledged.body.supplier).toMatchObject({ state: 'acknowledged', proposal: { status: 'withdrawn' } });
  });
});

describe('submitting a bill', () => {
  it('records the bill with its PDF against the order; the number is once per supplier company; one event', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, path, body } = await purchaseOrderFor(supplier);
    const uploadId = await uploadBillPdf(supplier, path);
    const bill = { number: `NW-${id.slice(-6)}`, issueDate: day(0), amount: body.totals.total, uploadId };
    const secondUpload = await uploadBillPdf(supplier, path);
    const [a, b] = await Promise.all([
      post<DocumentView>(supplier, `${path}/bills`, bill),
      post<DocumentView>(supplier, `${path}/bills`, { ...bill, uploadId: secondUpload }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const view = (a.status === 201 ? a : b).body;
    expect(view.supplier?.bills).toEqual([
      expect.objectContaining({
        number: bill.number,
        issueDate: bill.issueDate,
        amount: bill.amount,
        currency: 'USD',
        fileName: 'Bill 1001.pdf',
        by: 'Robin Tester',
      }),
    ]);
    expect(view.history[0]).toMatchObject({ action: 'bill-submitted', detail: `Bill ${bill.number} of ${bill.issueDate}` });

    // The PDF is the order's file now, for both sides.
    const attachmentId = view.supplier!.bills[0]!.attachmentId;
    const link = await get<DownloadLink>(supplier, `${path}/attachments/${attachmentId}`);
    expect(link.status).toBe(200);
    expect(await (await fetch(link.body.url)).text()).toBe('%PDF-1.7 a supplier bill');
    expect((await crm()('GET', `/api/admin/documents/purchase-order/${id}/attachments/${attachmentId}`)).status).toBe(200);
    expect((await crm()('GET', `/api/admin/documents/purchase-order/${id}`)).body.supplier.bills).toHaveLength(1);

    // The same number against another order of the same supplier: refused; another supplier may use it.
    const other = await purchaseOrderFor(supplier);
    const dup = await post<Problem>(supplier, `${other.path}/bills`, { ...bill, uploadId: await uploadBillPdf(supplier, other.path) });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toContain('already submitted');
    const otherSupplier = await activePortalUser(stack, 'acme', supplierTeams);
    const theirs = await purchaseOrderFor(otherSupplier);
    expect((await post(otherSupplier, `${theirs.path}/bills`, { ...bill, uploadId: await uploadBillPdf(otherSupplier, theirs.path) })).status).toBe(201);

    await stack.bus.idle();
    expect(eventsOf('purchase-order.bill-submitted', id)).toEqual([
      expect.objectContaining({
        billNumber: bill.number,
        amount: bill.amount,
        currency: 'USD',
        attachmentId,
        fileName: 'Bill 1001.pdf',
        actor: expect.objectContaining({ id: supplier.userId }),
      }),
    ]);
  });

  it('takes only a PDF of the caller’s own upload for this order, really uploaded, and not a used one', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { path } = await purchaseOrderFor(supplier);
    const notPdf = await post<Problem>(supplier, `${path}/bill-uploads`, { fileName: 'bill.png', contentType: 'image/png', size: 10 });
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.errors?.[0]?.name).toBe('body.contentType');

    const submit = (uploadId: string, number = `B-${uploadId}`) =>
      post<Problem>(supplier, `${path}/bills`, { number, issueDate: day(0), amount: 1000, uploadId });
    const declared = await post<UploadTicket>(supplier, `${path}/bill-uploads`, { fileName: 'b.pdf', contentType: 'application/pdf', size: 10 });
    const notUploaded = await submit(declared.body.attachmentId);
    expect([notUploaded.status, notUploaded.body.errors?.[0]]).toEqual([422, { name: 'body.uploadId', reason: expect.stringContaining('no file yet') }]);
    const elsewhere = await purchaseOrderFor(supplier);
    const foreign = await submit(await uploadBillPdf(supplier, elsewhere.path));
    expect([foreign.status, foreign.body.errors?.[0]?.name]).toEqual([422, 'body.uploadId']);
    const future = await post<Problem>(supplier, `${path}/bills`, {
      number: 'B-F',
      issueDate: day(5),
      amount: 1000,
      uploadId: await uploadBillPdf(supplier, path),
    });
    expect([future.status, future.body.errors?.[0]?.name]).toEqual([422, 'body.issueDate']);
    const used = await uploadBillPdf(supplier, path);
    expect((await submit(used, 'B-USED-1')).status).toBe(201);
    const again = await submit(used, 'B-USED-2');
    expect([again.status, again.body.errors?.[0]?.reason]).toEqual([422, 'is already used']);
  });

  it('is refused on a cancelled order (409)', async () => {
    const supplier = await activePortalUser(stack, 'acme', supplierTeams);
    const { id, body, path } = await purchaseOrderFor(supplier);
    const uploadId = await uploadBillPdf(supplier, path);
    await publish(stack, 'acme', 'purchase-order', id, { ...body, status: 'cancelled' });
    const res = await post<Problem>(supplier, `${path}/bills`, { number: 'B-CANCELLED', issueDate: day(0), amount: 1000, uploadId });
    expect(res.status).toBe(409);
    expect((await get<DocumentView>(supplier, path)).body.actions).toEqual(['message']);
  });
});
