import type { DashboardView, DocumentPage, DocumentView } from '../../shared/api/documents';
import { problemType } from '../../shared/problem';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const get = async <T>(user: SignedInUser, path: string) => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as T };
};
const post = async <T>(user: SignedInUser, path: string, body: unknown) => {
  const res = await stack.api(user.tenantId, path, jsonRequest('POST', body, user.jar.headers()));
  return { status: res.status, body: (await res.json()) as T };
};
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('publishing', () => {
  it('creates, then answers an identical body with no new version and no event, then raises the version on a change', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId, { contactId: user.userId });
    const first = await publish(stack, 'demo', 'quote', id, body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'created', document: { version: 1, number: body.number } });

    const before = stack.bus.history.length;
    const again = await publish(stack, 'demo', 'quote', id, body);
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');
    expect(again.body.document.version).toBe(1);
    await stack.bus.idle();
    expect(stack.bus.history.slice(before).filter((d) => d.envelope['detail-type'] === 'document.published')).toHaveLength(0);

    const changed = await publish(stack, 'demo', 'quote', id, { ...body, notes: 'Colours as agreed on the phone.' });
    expect(changed.body).toMatchObject({ outcome: 'updated', document: { version: 2 } });
  });

  it('refuses totals that disagree with the lines, naming the field', async () => {
    const user = await activePortalUser(stack, 'demo');
    const body = documentBody('invoice', user.companyId);
    const wrong = await publish(stack, 'demo', 'invoice', docId(), { ...body, totals: { ...body.totals, total: body.totals.total + 1 } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ name: 'body.totals.total', reason: expect.stringContaining(String(body.totals.total)) }]);
    const badLine = await publish(stack, 'demo', 'invoice', docId(), { ...body, lines: [{ ...body.lines[0]!, total: 1 }, body.lines[1]!] });
    expect(badLine.status).toBe(422);
    expect(badLine.body.errors.map((e: { name: string }) => e.name)).toContain('body.lines.0.total');
    // Subtotal and tax both off the lines while their sum is the total: only the check against the lines sees it.
    const shifted = { subtotal: body.totals.subtotal + 100, tax: body.totals.tax - 100, total: body.totals.total };
    const offLines = await publish(stack, 'demo', 'invoice', docId(), { ...body, totals: shifted });
    expect(offLines.status).toBe(422);
    expect(offLines.body.errors.map((e: { name: string }) => e.name)).toEqual(['body.totals.subtotal', 'body.totals.tax']);
  });

  it('refuses a company of another tenant and a contact of another company', async () => {
    const user = await activePortalUser(stack, 'demo');
    const other = await activePortalUser(stack, 'acme');
    const res = await publish(stack, 'demo', 'quote', docId(), documentBody('quote', other.companyId));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].name).toBe('body.companyId');
    const someoneElse = await activePortalUser(stack, 'demo');
    const res2 = await publish(stack, 'demo', 'quote', docId(), documentBody('quote', user.companyId, { contactId: someoneElse.userId }));
    expect(res2.status).toBe(422);
    expect(res2.body.errors[0].name).toBe('body.contactId');
  });
});

describe('in the portal', () => {
  it('lists by status with the deadline filters, searches by number, pages with a cursor, and hides other companies', async () => {
    const user = await activePortalUser(stack, 'demo');
    const stranger = await activePortalUser(stack, 'demo');
    const overdue = docId('inv');
    const current = docId('inv');
    const paid = docId('inv');
    await publish(
      stack,
      'demo',
      'invoice',
      overdue,
      documentBody('invoice', user.companyId, { number: 'INV-9001', issueDate: daysFromNow(-40), dueDate: daysFromNow(-10) }),
    );
    await publish(
      stack,
      'demo',
      'invoice',
      current,
      documentBody('invoice', user.companyId, { number: 'INV-9002', issueDate: daysFromNow(-2), dueDate: daysFromNow(28) }),
    );
    const paidBody = documentBody('invoice', user.companyId, { number: 'INV-8000', issueDate: daysFromNow(-60), dueDate: daysFromNow(-30) });
    await publish(stack, 'demo', 'invoice', paid, { ...paidBody, status: 'paid', amountPaid: paidBody.totals.total });

    const all = await get<DocumentPage>(user, '/api/documents/invoice');
    expect(all.body.items.map((i) => i.documentId)).toEqual([current, overdue, paid]);
    expect((await get<DocumentPage>(user, '/api/documents/invoice?sort=oldest')).body.items.map((i) => i.documentId)).toEqual([paid, overdue, current]);
    expect((await get<DocumentPage>(user, '/api/documents/invoice?status=overdue')).body.items.map((i) => i.documentId)).toEqual([overdue]);
    expect((await get<DocumentPage>(user, '/api/documents/invoice?status=outstanding')).body.items.map((i) => i.documentId)).toEqual([current, overdue]);
    expect((await get<DocumentPage>(user, '/api/documents/invoice?status=paid')).body.items.map((i) => i.documentId)).toEqual([paid]);
    expect((await get<DocumentPage>(user, '/api/documents/invoice?q=inv-90')).body.items.map((i) => i.number)).toEqual(['INV-9001', 'INV-9002']);
    const page1 = await get<DocumentPage>(user, '/api/documents/invoice?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await get<DocumentPage>(user, `/api/documents/invoice?limit=2&cursor=${page1.body.cursor}`);
    expect(page2.body.items.map((i) => i.documentId)).toEqual([paid]);
    expect(page1.body.items[1]!.state).toBe('overdue');

    expect((await get<DocumentPage>(stranger, '/api/documents/invoice')).body.items).toEqual([]);
    expect((await get(stranger, `/api/documents/invoice/${overdue}`)).status).toBe(404);
    // A cursor from another company's list is refused.
    const crossed = await get<{ errors: unknown[] }>(stranger, `/api/documents/invoice?limit=2&cursor=${page1.body.cursor}`);
    expect(crossed.status).toBe(400);

    const bad = await get<{ errors: Array<{ name: string }> }>(user, '/api/documents/invoice?status=accepted');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]!.name).toBe('query.status');
  });

  it('shows the dashboard: outstanding by currency, overdue, quotes awaiting a decision, activity', async () => {
    const user = await activePortalUser(stack, 'demo');
    const gbp = documentBody('invoice', user.companyId, { issueDate: daysFromNow(-40), dueDate: daysFromNow(-5) });
    const eurLines = linesOf([{ description: 'Banner', quantity: 3, unitPrice: 1_999 }]);
    const eur = documentBody('invoice', user.companyId, { currency: 'EUR', lines: eurLines, totals: totalsOf(eurLines), dueDate: daysFromNow(10) });
    await publish(stack, 'demo', 'invoice', docId(), { ...gbp, amountPaid: 1000 });
    await publish(stack, 'demo', 'invoice', docId(), eur);
    await publish(stack, 'demo', 'quote', docId(), documentBody('quote', user.companyId, { expiryDate: daysFromNow(14) }));
    await publish(stack, 'demo', 'quote', docId(), documentBody('quote', user.companyId, { issueDate: daysFromNow(-60), expiryDate: daysFromNow(-30) }));

    const { status, body } = await get<DashboardView>(user, '/api/dashboard');
    expect(status).toBe(200);
    expect(body.outstanding).toEqual([
      { currency: 'EUR', balance: eur.totals.total, count: 1 },
      { currency: 'GBP', balance: gbp.totals.total - 1000, count: 1 },
    ]);
    expect(body.overdue.count).toBe(1);
    expect(body.quotesAwaitingDecision.count).toBe(1);
    expect(body.recentActivity).toHaveLength(4);
    expect(body.recentActivity[0]!).toMatchObject({ action: 'document.published', actor: 'Brightline Print & Signs' });
  });

  it('accepts a quote once; a second accept and an accept by another company are refused; a change voids it', async () => {
    const user = await activePortalUser(stack, 'demo');
    const stranger = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId, { contactId: user.userId, expiryDate: daysFromNow(30) });
    await publish(stack, 'demo', 'quote', id, body);

    expect((await post(stranger, `/api/documents/quote/${id}/accept`, {})).status).toBe(404);
    const results = await Promise.all([
      post<DocumentView>(user, `/api/documents/quote/${id}/accept`, { purchaseOrderReference: 'PO-77' }),
      post<DocumentView>(user, `/api/documents/quote/${id}/accept`, {}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const accepted = results.find((r) => r.status === 200)!.body;
    expect(accepted.state).toBe('accepted');
    expect(accepted.actions).not.toContain('accept');
    await stack.bus.idle();
    expect(
      stack.bus.history.filter((d) => d.envelope['detail-type'] === 'quote.accepted' && (d.envelope.detail as { documentId: string }).documentId === id).length,
    ).toBeGreaterThanOrEqual(1);

    // The CRM syncing the status back does not void it; a change to the content does.
    expect((await publish(stack, 'demo', 'quote', id, { ...body, status: 'accepted' })).body.document.decision).toMatchObject({ kind: 'accepted' });
    const changed = await publish(stack, 'demo', 'quote', id, { ...body, status: 'open', notes: 'Now with lighting' });
    expect(changed.body.document.decision).toBeUndefined();
    const view = await get<DocumentView>(user, `/api/documents/quote/${id}`);
    expect(view.body.state).toBe('open');
    expect(view.body.actions).toEqual(expect.arrayContaining(['accept', 'reject']));
    expect(view.body.history.map((h) => h.action)).toEqual(expect.arrayContaining(['acceptance-voided', 'accepted', 'published']));
  });

  it('rejects with a reason, approves artwork, refuses an expired quote, and hides a withdrawn document', async () => {
    const user = await activePortalUser(stack, 'demo');
    const q = docId('q');
    await publish(stack, 'demo', 'quote', q, documentBody('quote', user.companyId, { expiryDate: daysFromNow(5) }));
    const rejected = await post<DocumentView>(user, `/api/documents/quote/${q}/reject`, { reason: 'Too expensive' });
    expect(rejected.body.decision).toMatchObject({ kind: 'rejected', reason: 'Too expensive' });

    const expired = docId('q');
    await publish(stack, 'demo', 'quote', expired, documentBody('quote', user.companyId, { issueDate: daysFromNow(-20), expiryDate: daysFromNow(-1) }));
    const late = await post<{ type: string; detail: string }>(user, `/api/documents/quote/${expired}/accept`, {});
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/expired/);

    const job = docId('job');
    await publish(stack, 'demo', 'job', job, documentBody('job', user.companyId, { status: 'awaiting-approval', approvalRequired: true }));
    const approved = await post<DocumentView>(user, `/api/documents/job/${job}/approve`, { comment: 'Looks great' });
    expect(approved.body.approval).toMatchObject({ kind: 'approved', comment: 'Looks great' });

    const withdrawn = await stack.api(
      'demo',
      `/api/admin/documents/quote/${q}/withdraw`,
      jsonRequest('POST', {}, { authorization: `Bearer ${(await import('../../infra/local/seed')).demoApiKey('demo').key}` }),
    );
    expect(withdrawn.status).toBe(200);
    expect((await get(user, `/api/documents/quote/${q}`)).status).toBe(404);
    expect((await get<DocumentPage>(user, '/api/documents/quote')).body.items.map((i) => i.documentId)).not.toContain(q);
  });

  it('needs the type’s read permission', async () => {
    const supplierOnly = await activePortalUser(stack, 'acme', { teams: ['customer-portal-supplier-users'] });
    const res = await get<{ type: string }>(supplierOnly, '/api/documents/quote');
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(problemType('forbidden'));
  });
});

describe('history as the customer reads it', () => {
  it('names the business, not "CRM", for what the CRM published', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    await publish(stack, 'demo', 'quote', id, documentBody('quote', user.companyId));
    const view = await get<DocumentView>(user, `/api/documents/quote/${id}`);
    expect(view.body.history[0]).toMatchObject({ action: 'published', by: 'Brightline Print & Signs', version: 1 });
  });
});

describe('the outstanding balance on the dashboard', () => {
  it('follows every change of an invoice: part payment, currency, another company, paid, withdrawn, republished', async () => {
    const user = await activePortalUser(stack, 'demo');
    const other = await activePortalUser(stack, 'demo');
    const outstanding = async (u: SignedInUser) => (await get<DashboardView>(u, '/api/dashboard')).body.outstanding;
    const id = docId('inv');
    const body = documentBody('invoice', user.companyId, { dueDate: daysFromNow(10) });
    const total = body.totals.total;
    await publish(stack, 'demo', 'invoice', id, body);
    await publish(stack, 'demo', 'invoice', docId('inv'), body);
    expect(await outstanding(user)).toEqual([{ currency: 'GBP', balance: 2 * total, count: 2 }]);

    await publish(stack, 'demo', 'invoice', id, { ...body, amountPaid: 500 });
    expect(await outstanding(user)).toEqual([{ currency: 'GBP', balance: 2 * total - 500, count: 2 }]);

    await publish(stack, 'demo', 'invoice', id, { ...body, currency: 'EUR' });
    expect(await outstanding(user)).toEqual([
      { currency: 'EUR', balance: total, count: 1 },
      { currency: 'GBP', balance: total, count: 1 },
    ]);

    await publish(stack, 'demo', 'invoice', id, { ...body, companyId: other.companyId });
    expect(await outstanding(user)).toEqual([{ currency: 'GBP', balance: total, count: 1 }]);
    expect(await outstanding(other)).toEqual([{ currency: 'GBP', balance: total, count: 1 }]);

    await publish(stack, 'demo', 'invoice', id, { ...body, companyId: other.companyId, status: 'paid', amountPaid: total });
    expect(await outstanding(other)).toEqual([]);

    await publish(stack, 'demo', 'invoice', id, { ...body, companyId: other.companyId });
    expect(await outstanding(other)).toEqual([{ currency: 'GBP', balance: total, count: 1 }]);
    const crm = { authorization: `Bearer ${(await import('../../infra/local/seed')).demoApiKey('demo').key}` };
    expect((await stack.api('demo', `/api/admin/documents/invoice/${id}/withdraw`, jsonRequest('POST', {}, crm))).status).toBe(200);
    expect(await outstanding(other)).toEqual([]);
    await publish(stack, 'demo', 'invoice', id, { ...body, companyId: other.companyId, notes: 'Back again' });
    expect(await outstanding(other)).toEqual([{ currency: 'GBP', balance: total, count: 1 }]);
  });
});

describe('credit notes and negative lines', () => {
  /** A return of goods: what a CRM publishes as an invoice with a negative total. */
  const creditLines = linesOf([
    { description: 'Returned: shop-front sign, damaged in transit', quantity: -1, unitPrice: 48_500 },
    { description: 'Restocking fee', quantity: 1, unitPrice: 2_500 },
  ]);

  it('shows an invoice with a negative total as a credit note: never paid, never payable, not outstanding, with its credit', async () => {
    const user = await activePortalUser(stack, 'demo');
    const outstanding = async () => (await get<DashboardView>(user, '/api/dashboard')).body.outstanding;
    const credits = async () => (await get<DashboardView>(user, '/api/dashboard')).body.credits;
    const owed = documentBody('invoice', user.companyId, { dueDate: daysFromNow(10) });
    await publish(stack, 'demo', 'invoice', docId('inv'), owed);
    const id = docId('cn');
    const body = documentBody('invoice', user.companyId, { number: 'CN-1001', lines: creditLines, totals: totalsOf(creditLines), dueDate: daysFromNow(10) });
    const credit = -body.totals.total;
    expect(credit).toBeGreaterThan(0);

    // amountPaid 0 (nothing of the credit used yet) is what a CRM sends: accepted.
    const published = await publish(stack, 'demo', 'invoice', id, { ...body, amountPaid: 0 });
    expect(published.status).toBe(201);

    const view = await get<DocumentView>(user, `/api/documents/invoice/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ state: 'credit', credit, totals: { total: -credit } });
    expect(view.body).not.toHaveProperty('balance');
    expect(view.body).not.toHaveProperty('paymentStatus');
    expect(view.body.actions).not.toContain('pay');

    // Its own list, and in no list of money owed or paid.
    const ids = async (status: string) => (await get<DocumentPage>(user, `/api/documents/invoice?status=${status}`)).body.items.map((i) => i.documentId);
    expect(await ids('credit')).toEqual([id]);
    expect(await ids('paid')).not.toContain(id);
    expect(await ids('outstanding')).not.toContain(id);
    const row = (await get<DocumentPage>(user, '/api/documents/invoice')).body.items.find((i) => i.documentId === id)!;
    expect(row).toMatchObject({ state: 'credit', credit });
    expect(row).not.toHaveProperty('balance');

    // The company's outstanding balance is what it owes on invoices: the credit neither adds nor hides; it shows beside it.
    expect(await outstanding()).toEqual([{ currency: 'GBP', balance: owed.totals.total, count: 1 }]);
    expect(await credits()).toEqual([{ currency: 'GBP', credit, count: 1 }]);

    // Paying it is refused, whatever the site shows.
    const pay = await post<{ type: string; detail: string }>(user, `/api/documents/invoice/${id}/payments`, {});
    expect(pay.status).toBe(409);
    expect(pay.body.type).toBe(problemType('invoice-not-payable'));
    expect(pay.body.detail).toMatch(/credit note/i);

    // Part of the credit used (applied or refunded by the business): what is left shows; all used, none.
    await publish(stack, 'demo', 'invoice', id, { ...body, amountPaid: 1000 });
    expect((await get<DocumentView>(user, `/api/documents/invoice/${id}`)).body).toMatchObject({ state: 'credit', credit: credit - 1000, amountPaid: 1000 });
    expect(await credits()).toEqual([{ currency: 'GBP', credit: credit - 1000, count: 1 }]);
    await publish(stack, 'demo', 'invoice', id, { ...body, status: 'paid', amountPaid: credit });
    expect((await get<DocumentView>(user, `/api/documents/invoice/${id}`)).body).toMatchObject({ state: 'credit', credit: 0 });
    expect(await credits()).toEqual([]);
    await publish(stack, 'demo', 'invoice', id, body);
    expect(await credits()).toEqual([{ currency: 'GBP', credit, count: 1 }]);
    await publish(stack, 'demo', 'invoice', id, { ...body, status: 'void' });
    const voided = (await get<DocumentView>(user, `/api/documents/invoice/${id}`)).body;
    expect(voided.state).toBe('void');
    expect(voided).not.toHaveProperty('credit');
    expect(await credits()).toEqual([]);
    expect(await outstanding()).toEqual([{ currency: 'GBP', balance: owed.totals.total, count: 1 }]);
  });

  it('keeps negative lines on any document whose total is not negative, and refuses a negative total where no credit note exists', async () => {
    const user = await activePortalUser(stack, 'demo');
    const discounted = linesOf([
      { description: 'Banner', quantity: 2, unitPrice: 10_000 },
      { description: 'Loyalty discount', quantity: 1, unitPrice: -2_000 },
    ]);
    for (const type of ['quote', 'sales-order', 'job', 'purchase-order', 'invoice', 'supplier-bill'] as const) {
      const ok = await publish(stack, 'demo', type, docId(), documentBody(type, user.companyId, { lines: discounted, totals: totalsOf(discounted) }));
      expect([type, ok.status]).toEqual([type, 201]);
    }
    for (const type of ['quote', 'sales-order', 'job', 'purchase-order'] as const) {
      const refused = await publish(stack, 'demo', type, docId(), documentBody(type, user.companyId, { lines: creditLines, totals: totalsOf(creditLines) }));
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ name: 'body.totals.total', reason: expect.stringMatching(/must not be negative.*credit note/) }]);
    }
    // A credit note's amountPaid is the part of the credit used: never more than the credit.
    const cn = documentBody('invoice', user.companyId, { lines: creditLines, totals: totalsOf(creditLines) });
    const tooMuch = await publish(stack, 'demo', 'invoice', docId(), { ...cn, amountPaid: -cn.totals.total + 1 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors).toEqual([{ name: 'body.amountPaid', reason: expect.stringContaining(String(-cn.totals.total)) }]);
  });
});
