import type { DashboardView, DocumentPage, DocumentType, DocumentView } from '../../shared/api/documents';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { activePortalUser, jsonRequest, PASSWORD, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Issue 11's defect: a change of content asks the customer again whatever status the CRM
 * sends. For each type the customer decides on, the exact sequence: published awaiting
 * the customer → they decide → the CRM syncs the decided status with the same body →
 * the CRM republishes that status with one line changed → the customer sees it pending,
 * in the pending list (not the decided one), with its action, and deciding works.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const PIN = '482915';
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function call<T>(user: SignedInUser, method: string, path: string, body?: unknown) {
  const init = body === undefined ? { method, headers: user.jar.headers() } : jsonRequest(method, body, user.jar.headers());
  const res = await stack.api(user.tenantId, path, init);
  return { status: res.status, body: (await res.json()) as T };
}
const view = (user: SignedInUser, type: DocumentType, id: string) => call<DocumentView>(user, 'GET', `/api/documents/${type}/${id}`);
const listed = async (user: SignedInUser, type: DocumentType, status: string) =>
  (await call<DocumentPage>(user, 'GET', `/api/documents/${type}?status=${status}`)).body.items.map((d) => d.documentId);

/** The same document with its first line's quantity changed: new content, same status. */
const oneLineChanged = (body: ReturnType<typeof documentBody>) => {
  const lines = linesOf([
    { description: 'Shop-front sign, 2400 × 600 mm, aluminium composite', quantity: 2, unitPrice: 48_500 },
    { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
  ]);
  return { ...body, lines, totals: totalsOf(lines) };
};

type Case = {
  type: DocumentType;
  opened: Partial<ReturnType<typeof documentBody>>;
  decidedStatus: string;
  decidedList: string;
  pendingList: string;
  action: string;
  decide: (user: SignedInUser, id: string) => Promise<{ status: number; body: DocumentView }>;
  decided: (doc: DocumentView) => unknown;
  pendingCard: (d: DashboardView) => { items: Array<{ documentId: string }> };
};

const cases: Case[] = [
  {
    type: 'quote',
    opened: { status: 'open', expiryDate: daysFromNow(30) },
    decidedStatus: 'accepted',
    decidedList: 'accepted',
    pendingList: 'open',
    action: 'accept',
    decide: (user, id) => call(user, 'POST', `/api/documents/quote/${id}/accept`, {}),
    decided: (doc) => doc.decision,
    pendingCard: (d) => d.quotesAwaitingDecision,
  },
  {
    type: 'sales-order',
    opened: { status: 'open' },
    decidedStatus: 'completed',
    decidedList: 'completed',
    pendingList: 'open',
    action: 'sign',
    decide: (user, id) => call(user, 'POST', `/api/documents/sales-order/${id}/sign`, { signerName: 'Robin Tester', pin: PIN }),
    decided: (doc) => doc.signature,
    pendingCard: (d) => d.ordersAwaitingSignature,
  },
  {
    type: 'job',
    opened: { status: 'awaiting-approval' },
    decidedStatus: 'in-progress',
    decidedList: 'in-progress',
    pendingList: 'awaiting-approval',
    action: 'approve',
    decide: (user, id) => call(user, 'POST', `/api/documents/job/${id}/approve`, {}),
    decided: (doc) => doc.approval,
    pendingCard: (d) => d.jobsAwaitingApproval,
  },
];

describe.each(cases)('a $type whose content changes after the CRM synced its decided status', (c) => {
  it('goes back to awaiting the customer, in the pending list, and can be decided again', async () => {
    const user = await activePortalUser(stack, 'demo');
    if (c.type === 'sales-order') expect((await call(user, 'PUT', '/api/me/signing-pin', { pin: PIN, currentPassword: PASSWORD })).status).toBe(200);
    const id = docId(c.type.slice(0, 3));
    const body = documentBody(c.type, user.companyId, { contactId: user.userId, ...c.opened });
    expect((await publish(stack, 'demo', c.type, id, body)).status).toBe(201);

    const first = await c.decide(user, id);
    expect(first.status).toBe(200);
    expect(c.decided(first.body)).toBeDefined();

    // The CRM syncs the decided status back with the same content: the decision stays.
    const synced = await publish(stack, 'demo', c.type, id, { ...body, status: c.decidedStatus });
    expect(synced.status).toBe(200);
    expect(c.decided((await view(user, c.type, id)).body)).toBeDefined();
    expect(await listed(user, c.type, c.decidedList)).toContain(id);

    // The CRM republishes the decided status with one line changed: the customer is asked again.
    const changed = await publish(stack, 'demo', c.type, id, oneLineChanged({ ...body, status: c.decidedStatus }));
    expect(changed.body.outcome).toBe('updated');
    const pending = (await view(user, c.type, id)).body;
    expect(c.decided(pending)).toBeUndefined();
    expect(pending.state).toBe(c.pendingList);
    expect(pending.actions).toContain(c.action);
    expect(await listed(user, c.type, c.pendingList)).toContain(id);
    expect(await listed(user, c.type, c.decidedList)).not.toContain(id);
    const dashboard = (await call<DashboardView>(user, 'GET', '/api/dashboard')).body;
    expect(c.pendingCard(dashboard).items.map((d) => d.documentId)).toContain(id);

    // The CRM resending that same body changes nothing: still awaiting the customer.
    expect((await publish(stack, 'demo', c.type, id, oneLineChanged({ ...body, status: c.decidedStatus }))).body.outcome).toBe('unchanged');
    expect((await view(user, c.type, id)).body.actions).toContain(c.action);

    // Deciding works on the new content.
    const again = await c.decide(user, id);
    expect(again.status).toBe(200);
    expect(c.decided(again.body)).toMatchObject({ version: changed.body.document.version });
    expect(again.body.actions).not.toContain(c.action);
    expect(await listed(user, c.type, c.decidedList)).toContain(id);
    expect(await listed(user, c.type, c.pendingList)).not.toContain(id);
  });
});

describe('statuses the business decides alone', () => {
  it('stand with changed content: a cancelled order is not offered for signing, an expired quote not for accepting', async () => {
    const user = await activePortalUser(stack, 'demo');
    const order = docId('so');
    const body = documentBody('sales-order', user.companyId, { contactId: user.userId });
    await publish(stack, 'demo', 'sales-order', order, body);
    await publish(stack, 'demo', 'sales-order', order, oneLineChanged({ ...body, status: 'cancelled' }));
    const cancelled = (await view(user, 'sales-order', order)).body;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.actions).not.toContain('sign');

    const quote = docId('q');
    const qBody = documentBody('quote', user.companyId, { expiryDate: daysFromNow(30) });
    await publish(stack, 'demo', 'quote', quote, qBody);
    await publish(stack, 'demo', 'quote', quote, oneLineChanged({ ...qBody, status: 'expired' }));
    const expired = (await view(user, 'quote', quote)).body;
    expect(expired.state).toBe('expired');
    expect(expired.actions).not.toContain('accept');
  });

  it('a decision the CRM records on unchanged content (an acceptance taken by phone) stands', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId, { expiryDate: daysFromNow(30) });
    await publish(stack, 'demo', 'quote', id, body);
    await publish(stack, 'demo', 'quote', id, { ...body, status: 'accepted' });
    const accepted = (await view(user, 'quote', id)).body;
    expect(accepted.state).toBe('accepted');
    expect(accepted.actions).not.toContain('accept');
  });
});
