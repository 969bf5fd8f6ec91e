import type { DocumentVersionPage, DocumentVersionView, VersionComparison } from '../../shared/api/documentVersions';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { activePortalUser, CookieJar, jsonRequest, PASSWORD, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Past versions: each publish that replaces a version keeps it, with the decision,
 * approval or signature it received and whether the change voided it; the customer and
 * the CRM list them, open one, and see what changed between two.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const get = async <T>(user: SignedInUser, path: string) => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as T };
};
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A quote published for the user, accepted by them, then changed by the CRM (one line dearer): v1 accepted, v2 open. */
async function acceptedThenChanged(user: SignedInUser) {
  const id = docId('q');
  const v1 = documentBody('quote', user.companyId, {
    contactId: user.userId,
    expiryDate: daysFromNow(30),
    lineInputs: [
      { description: 'Shop-front sign', quantity: 1, unitPrice: 48_500 },
      { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
      { description: 'Site survey', quantity: 1, unitPrice: 9_000 },
    ],
  });
  expect((await publish(stack, 'demo', 'quote', id, v1)).status).toBe(201);
  const accepted = await stack.api('demo', `/api/documents/quote/${id}/accept`, jsonRequest('POST', { purchaseOrderReference: 'PO-9' }, user.jar.headers()));
  expect(accepted.status).toBe(200);
  const lines = linesOf([
    { description: 'Shop-front sign', quantity: 1, unitPrice: 52_000 },
    { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
    { description: 'Permit', quantity: 1, unitPrice: 2_500 },
  ]);
  const v2 = { ...v1, lines, totals: totalsOf(lines) };
  expect((await publish(stack, 'demo', 'quote', id, v2)).body.document.version).toBe(2);
  return { id, v1, v2 };
}

describe('a quote accepted, then changed by the CRM', () => {
  it('lists both versions, newest first, with version 1’s acceptance voided by version 2', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id, v1, v2 } = await acceptedThenChanged(user);
    const list = await get<DocumentVersionPage>(user, `/api/documents/quote/${id}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.cursor).toBeUndefined();
    const [second, first] = list.body.items;
    expect(list.body.items).toHaveLength(2);
    expect(second).toMatchObject({ version: 2, current: true, totals: v2.totals, lineCount: 3 });
    expect(second!.decision).toBeUndefined();
    expect(second!.voided).toBeUndefined();
    expect(first).toMatchObject({
      version: 1,
      current: false,
      totals: v1.totals,
      decision: { kind: 'accepted', version: 1, purchaseOrderReference: 'PO-9' },
      voided: { byVersion: 2 },
    });
    expect(first!.supersededAt).toBeDefined();
    // The portal sees no user ids or decision hashes.
    expect(JSON.stringify(first)).not.toContain(user.userId);
  });

  it('opens version 1 as it was, marked as not current', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id, v1 } = await acceptedThenChanged(user);
    const old = await get<DocumentVersionView>(user, `/api/documents/quote/${id}/versions/1`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ version: 1, current: false, lines: v1.lines, totals: v1.totals, number: v1.number });
    const now = await get<DocumentVersionView>(user, `/api/documents/quote/${id}/versions/2`);
    expect(now.body).toMatchObject({ version: 2, current: true });
    expect((await get(user, `/api/documents/quote/${id}/versions/3`)).status).toBe(404);
  });

  it('compares version 1 with version 2: the changed line, the line removed and added, and the totals', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id, v1, v2 } = await acceptedThenChanged(user);
    const diff = await get<VersionComparison>(user, `/api/documents/quote/${id}/versions/2/changes`);
    expect(diff.status).toBe(200);
    expect(diff.body.lines.map((l) => [l.change, l.after?.description ?? l.before?.description])).toEqual([
      ['changed', 'Shop-front sign'],
      ['unchanged', 'Installation (hours)'],
      ['removed', 'Site survey'],
      ['added', 'Permit'],
    ]);
    expect(diff.body.lines[0]).toMatchObject({ before: { unitPrice: 48_500 }, after: { unitPrice: 52_000 }, fields: ['unitPrice', 'tax', 'total'] });
    expect(diff.body.totals).toEqual({
      before: v1.totals,
      after: v2.totals,
      difference: { subtotal: v2.totals.subtotal - v1.totals.subtotal, tax: v2.totals.tax - v1.totals.tax, total: v2.totals.total - v1.totals.total },
    });
    expect(diff.body.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    // Any two: the other way round, with `since`.
    const back = await get<VersionComparison>(user, `/api/documents/quote/${id}/versions/1/changes?since=2`);
    expect(back.body.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(back.body.totals.before).toEqual(v2.totals);
    expect((await get(user, `/api/documents/quote/${id}/versions/1/changes`)).status).toBe(404);
  });

  it('is the same for the CRM, through the admin API', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id } = await acceptedThenChanged(user);
    const crm = adminClient(stack, 'demo');
    const list = await crm('GET', `/api/admin/documents/quote/${id}/versions`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.items[1]).toMatchObject({ decision: { kind: 'accepted' }, voided: { byVersion: 2 } });
    expect((await crm('GET', `/api/admin/documents/quote/${id}/versions/1`)).body).toMatchObject({ version: 1, current: false });
    expect((await crm('GET', `/api/admin/documents/quote/${id}/versions/2/changes?since=1`)).body.counts.changed).toBe(1);
  });

  it('shows a direct-link visitor the versions of the one document of their link, and no other', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id } = await acceptedThenChanged(user);
    const sibling = await acceptedThenChanged(user);
    const link = await adminClient(stack, 'demo')('POST', `/api/admin/documents/quote/${id}/direct-links`, { contactId: user.userId, send: false });
    const token = /\/d\/([A-Za-z0-9_-]{43})$/.exec(link.body.url)![1]!;
    const opened = await stack.api('demo', `/api/direct/${token}/session`, jsonRequest('POST', {}));
    expect(opened.status).toBe(200);
    const visitor = new CookieJar().take(opened).headers();
    const read = (path: string) => stack.api('demo', path, { headers: visitor });
    const list = await read(`/api/documents/quote/${id}/versions`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as DocumentVersionPage).items.map((v) => v.version)).toEqual([2, 1]);
    expect((await read(`/api/documents/quote/${id}/versions/2/changes`)).status).toBe(200);
    expect((await read(`/api/documents/quote/${sibling.id}/versions`)).status).toBe(404);
  });

  it('answers 404 to another company of the tenant and to another tenant', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id } = await acceptedThenChanged(user);
    const stranger = await activePortalUser(stack, 'demo');
    for (const path of [`/api/documents/quote/${id}/versions`, `/api/documents/quote/${id}/versions/1`, `/api/documents/quote/${id}/versions/2/changes`])
      expect([path, (await get(stranger, path)).status]).toEqual([path, 404]);
    const acme = adminClient(stack, 'acme');
    for (const path of [
      `/api/admin/documents/quote/${id}/versions`,
      `/api/admin/documents/quote/${id}/versions/1`,
      `/api/admin/documents/quote/${id}/versions/2/changes`,
    ])
      expect([path, (await acme('GET', path)).status]).toEqual([path, 404]);
  });
});

describe('status-only versions and paging', () => {
  it('carries an acceptance through a status-only republish and shows it voided on both versions once the content changes', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId, { contactId: user.userId, expiryDate: daysFromNow(30) });
    await publish(stack, 'demo', 'quote', id, body);
    expect((await stack.api('demo', `/api/documents/quote/${id}/accept`, jsonRequest('POST', {}, user.jar.headers()))).status).toBe(200);
    await publish(stack, 'demo', 'quote', id, { ...body, status: 'accepted' });
    await publish(stack, 'demo', 'quote', id, { ...body, status: 'accepted', notes: 'Lighting added' });
    const list = await get<DocumentVersionPage>(user, `/api/documents/quote/${id}/versions`);
    const [v3, v2, v1] = list.body.items;
    expect(v3).toMatchObject({ version: 3, current: true });
    expect(v2).toMatchObject({ version: 2, status: 'accepted', decision: { kind: 'accepted', version: 1 }, voided: { byVersion: 3 } });
    expect(v1).toMatchObject({ version: 1, decision: { kind: 'accepted', version: 1 }, voided: { byVersion: 3 } });
    // A status-only change: no line changed.
    const diff = await get<VersionComparison>(user, `/api/documents/quote/${id}/versions/2/changes`);
    expect(diff.body.counts.changed + diff.body.counts.added + diff.body.counts.removed).toBe(0);
    expect(diff.body.fields).toEqual([{ field: 'status', before: 'open', after: 'accepted' }]);
  });

  it('pages newest first, one Query page at a time, and refuses a cursor of another document', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId, { contactId: user.userId });
    await publish(stack, 'demo', 'quote', id, body);
    for (let n = 2; n <= 5; n++) await publish(stack, 'demo', 'quote', id, { ...body, notes: `Revision ${n}` });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await get<DocumentVersionPage>(user, `/api/documents/quote/${id}/versions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((v) => v.version));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);

    const first = await get<DocumentVersionPage>(user, `/api/documents/quote/${id}/versions?limit=1`);
    const other = docId('q');
    await publish(stack, 'demo', 'quote', other, documentBody('quote', user.companyId));
    expect((await get(user, `/api/documents/quote/${other}/versions?cursor=${first.body.cursor}`)).status).toBe(400);
  });
});

describe('signed orders and approved jobs', () => {
  const send = (user: SignedInUser, method: string, path: string, body: unknown) => stack.api('demo', path, jsonRequest(method, body, user.jar.headers()));

  it('keeps an order’s signature on the version signed, voided (with its evidence) by the change that follows', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('so');
    const body = documentBody('sales-order', user.companyId, { contactId: user.userId });
    await publish(stack, 'demo', 'sales-order', id, body);
    expect((await send(user, 'PUT', '/api/me/signing-pin', { pin: '482915', currentPassword: PASSWORD })).status).toBe(200);
    expect((await send(user, 'POST', `/api/documents/sales-order/${id}/sign`, { signerName: 'Robin Tester', pin: '482915' })).status).toBe(200);
    await publish(stack, 'demo', 'sales-order', id, { ...body, notes: 'Delivery moved to Friday' });
    const [v2, v1] = (await get<DocumentVersionPage>(user, `/api/documents/sales-order/${id}/versions`)).body.items;
    expect(v2).toMatchObject({ version: 2, current: true });
    expect(v2!.signature).toBeUndefined();
    expect(v1).toMatchObject({ version: 1, signature: { signerName: 'Robin Tester', version: 1 }, voided: { byVersion: 2 } });
    const evidence = await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}/signature`);
    expect(JSON.stringify(evidence.body)).toContain(v1!.signature!.evidenceId);
  });

  it('keeps a job’s approval on the version approved, voided by the change that follows', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('job');
    const body = documentBody('job', user.companyId, { contactId: user.userId, status: 'awaiting-approval', approvalRequired: true });
    await publish(stack, 'demo', 'job', id, body);
    expect((await send(user, 'POST', `/api/documents/job/${id}/approve`, { comment: 'Looks right' })).status).toBe(200);
    const lines = linesOf([{ description: 'Vinyl lettering, gold', quantity: 1, unitPrice: 12_000 }]);
    await publish(stack, 'demo', 'job', id, { ...body, lines, totals: totalsOf(lines) });
    const [v2, v1] = (await get<DocumentVersionPage>(user, `/api/documents/job/${id}/versions`)).body.items;
    expect(v2!.approval).toBeUndefined();
    expect(v1).toMatchObject({ version: 1, approval: { kind: 'approved', comment: 'Looks right', version: 1 }, voided: { byVersion: 2 } });
  });
});
