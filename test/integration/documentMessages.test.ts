import { problemType } from '../../shared/problem';
import type { DashboardView, DocumentView, DownloadLink, MessageView, UploadTicket } from '../../shared/api/documents';
import { fileInfo, putFile } from '../../functions/aws/files';
import { expireFiles } from '../../infra/local/filesHousekeeping';
import { inboxRepository } from '../../functions/documents/inboxRepository';
import { uploadRepository } from '../../functions/documents/threads/uploadRepository';
import { adminClient, staffBrowser } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const TENANT_NAME = 'Brightline Print & Signs';

type Call<T> = { status: number; body: T };
type Problem = { type: string; errors?: Array<{ name: string; reason: string }> };

const get = async <T>(user: SignedInUser, path: string): Promise<Call<T>> => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as T };
};
const post = async <T>(user: SignedInUser, path: string, body: unknown): Promise<Call<T>> => {
  const res = await stack.api(user.tenantId, path, jsonRequest('POST', body, user.jar.headers()));
  return { status: res.status, body: (await res.json()) as T };
};
const crm = () => adminClient(stack, 'demo');

const bytes = (text: string) => new TextEncoder().encode(text);
const messagesOf = (detailType: string, documentId: string) =>
  stack.bus.history.filter((d) => d.envelope['detail-type'] === detailType && (d.envelope.detail as { documentId: string }).documentId === documentId);

/** A quote of the user's company, for its contact. */
async function quoteFor(user: SignedInUser, overrides: Parameters<typeof documentBody>[2] = {}): Promise<string> {
  const id = docId('q');
  const res = await publish(stack, 'demo', 'quote', id, documentBody('quote', user.companyId, { contactId: user.userId, ...overrides }));
  expect(res.status).toBe(201);
  return id;
}

/** Asks for an upload as the user, then PUTs the bytes to the presigned URL as a browser would. */
async function uploadAs(
  user: SignedInUser,
  path: string,
  file: { name: string; type: string; body: Uint8Array<ArrayBuffer> },
): Promise<{ ticket: UploadTicket; put: number }> {
  const res = await post<UploadTicket>(user, `${path}/uploads`, { fileName: file.name, contentType: file.type, size: file.body.length });
  expect(res.status).toBe(201);
  const put = await fetch(res.body.url, { method: 'PUT', headers: res.body.headers, body: file.body });
  return { ticket: res.body, put: put.status };
}

describe('the message thread', () => {
  it('both sides post; unread counts move on the document and the dashboard; listing marks read per side; message.posted names the actor', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const path = `/api/documents/quote/${id}`;

    const first = await post<MessageView>(user, `${path}/messages`, { body: '  Could the sign be in navy blue instead?  ' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ author: { kind: 'customer', name: 'Robin Tester' }, body: 'Could the sign be in navy blue instead?', attachments: [] });
    expect((await crm()('GET', `/api/admin/documents/quote/${id}`)).body).toMatchObject({ messageCount: 1, unreadForStaff: 0 + 1 });

    // The CRM answers as the business, under the tenant's name.
    const reply = await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'Yes, navy is fine. Same price.' });
    expect(reply.status).toBe(201);
    expect(reply.body.author).toEqual({ kind: 'staff', name: TENANT_NAME });

    // A staff member answers under their own name.
    const staff = await staffBrowser(stack, 'demo');
    const staffClient = adminClient(stack, 'demo', staff.headers);
    const staffReply = await staffClient('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'I have put the proof in the post as well.' });
    expect(staffReply.status).toBe(201);
    expect(staffReply.body.author).toEqual({ kind: 'staff', name: 'Test Staff' });

    expect((await get<DocumentView>(user, path)).body).toMatchObject({ unreadMessages: 2, messageCount: 3 });
    expect((await get<DashboardView>(user, '/api/dashboard')).body.unreadMessages).toBe(2);

    const thread = await get<{ items: MessageView[] }>(user, `${path}/messages`);
    expect(thread.status).toBe(200);
    expect(thread.body.items.map((m) => [m.author.kind, m.author.name])).toEqual([
      ['customer', 'Robin Tester'],
      ['staff', TENANT_NAME],
      ['staff', 'Test Staff'],
    ]);
    expect((await get<DocumentView>(user, path)).body.unreadMessages).toBe(0);
    expect((await get<DashboardView>(user, '/api/dashboard')).body.unreadMessages).toBe(0);

    // The staff side still has the customer's message unread until staff read the thread.
    expect((await crm()('GET', `/api/admin/documents/quote/${id}`)).body.unreadForStaff).toBe(1);
    const staffThread = await staffClient('GET', `/api/admin/documents/quote/${id}/messages`);
    expect(staffThread.body.items).toHaveLength(3);
    expect((await crm()('GET', `/api/admin/documents/quote/${id}`)).body.unreadForStaff).toBe(0);

    await stack.bus.idle();
    const events = messagesOf('message.posted', id).map(
      (d) => d.envelope.detail as { actor: { kind: string; name: string }; excerpt: string; attachments: number; contactId?: string; number: string },
    );
    expect(events.map((e) => [e.actor.kind, e.actor.name])).toEqual([
      ['customer', 'Robin Tester'],
      ['crm', TENANT_NAME],
      ['staff', 'Test Staff'],
    ]);
    expect(events[0]).toMatchObject({ excerpt: 'Could the sign be in navy blue instead?', attachments: 0, contactId: user.userId });

    const activity = (await get<DashboardView>(user, '/api/dashboard')).body.recentActivity.filter((a) => a.documentId === id && a.action === 'message.posted');
    expect(activity.map((a) => a.actor).sort()).toEqual(['Robin Tester', TENANT_NAME, 'Test Staff'].sort());
  });

  it('shortens the excerpt of a long message to 200 characters', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const long = 'word '.repeat(600).trim();
    expect((await post(user, `/api/documents/quote/${id}/messages`, { body: long })).status).toBe(201);
    await stack.bus.idle();
    const [event] = messagesOf('message.posted', id);
    const excerpt = (event!.envelope.detail as { excerpt: string }).excerpt;
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt.endsWith('\u2026')).toBe(true);
  });

  it('takes the unread count off the inbox once when the thread is read several times at once', async () => {
    const user = await activePortalUser(stack, 'demo');
    const ids = [await quoteFor(user), await quoteFor(user)];
    for (const id of ids) {
      await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'One' });
      await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'Two' });
    }
    expect((await inboxRepository.get('demo', user.companyId)).unreadForCustomer).toBe(4);
    const reads = await Promise.all([0, 1, 2, 3].map(() => get<{ items: MessageView[] }>(user, `/api/documents/quote/${ids[0]}/messages`)));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await inboxRepository.get('demo', user.companyId)).unreadForCustomer).toBe(2);
    expect((await get<DashboardView>(user, '/api/dashboard')).body.unreadMessages).toBe(2);
  });

  it('pages a thread from its newest messages back, by cursor, on both sides; a cursor of another thread is a 400', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    for (const body of ['One', 'Two', 'Three', 'Four', 'Five'])
      expect((await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body })).status).toBe(201);
    type Thread = { items: MessageView[]; cursor?: string; truncated?: true };
    const pages = async (read: (query: string) => Promise<Thread>) => {
      const seen: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await read(`?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(page.items.map((m) => m.body));
        cursor = page.cursor;
      } while (cursor && seen.length < 5);
      return seen;
    };
    const path = `/api/documents/quote/${id}/messages`;
    expect(await pages(async (q) => (await get<Thread>(user, `${path}${q}`)).body)).toEqual([['Four', 'Five'], ['Two', 'Three'], ['One']]);
    expect(await pages(async (q) => (await crm()('GET', `/api/admin/documents/quote/${id}/messages${q}`)).body)).toEqual([
      ['Four', 'Five'],
      ['Two', 'Three'],
      ['One'],
    ]);
    // Without a limit, a page of up to 200: all five, and no cursor.
    const whole = await get<Thread>(user, path);
    expect([whole.body.items.length, whole.body.cursor, whole.body.truncated]).toEqual([5, undefined, undefined]);
    // A cursor of another document's thread opens nothing of it.
    const other = await quoteFor(user);
    await crm()('POST', `/api/admin/documents/quote/${other}/messages`, { body: 'Elsewhere' });
    await crm()('POST', `/api/admin/documents/quote/${other}/messages`, { body: 'Elsewhere again' });
    const foreign = (await get<Thread>(user, `/api/documents/quote/${other}/messages?limit=1`)).body.cursor!;
    const refused = await get<Problem>(user, `${path}?cursor=${encodeURIComponent(foreign)}`);
    expect([refused.status, refused.body.errors?.map((e) => e.name)]).toEqual([400, ['query.cursor']]);
  });

  it("moves a document's unread counts with it to another company's inbox", async () => {
    const from = await activePortalUser(stack, 'demo');
    const to = await activePortalUser(stack, 'demo');
    expect(to.companyId).not.toBe(from.companyId);
    const id = await quoteFor(from);
    await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'One' });
    await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'Two' });
    expect((await post(from, `/api/documents/quote/${id}/messages`, { body: 'Three' })).status).toBe(201);
    expect(await inboxRepository.get('demo', from.companyId)).toMatchObject({ unreadForCustomer: 2 });

    const moved = await publish(stack, 'demo', 'quote', id, documentBody('quote', to.companyId));
    expect(moved.status).toBe(200);
    expect(await inboxRepository.get('demo', from.companyId)).toMatchObject({ unreadForCustomer: 0, unreadForStaff: 0 });
    expect(await inboxRepository.get('demo', to.companyId)).toMatchObject({ unreadForCustomer: 2, unreadForStaff: 1 });
    expect((await get<DashboardView>(to, '/api/dashboard')).body.unreadMessages).toBe(2);
    // Read in its new company, it leaves that inbox at nothing, not below.
    expect((await get(to, `/api/documents/quote/${id}/messages`)).status).toBe(200);
    expect(await inboxRepository.get('demo', to.companyId)).toMatchObject({ unreadForCustomer: 0 });
  });

  it('keeps other companies out of a thread, its uploads and its attachments (404)', async () => {
    const user = await activePortalUser(stack, 'demo');
    const stranger = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const path = `/api/documents/quote/${id}`;
    const { ticket } = await uploadAs(user, path, { name: 'plan.txt', type: 'text/plain', body: bytes('the plan') });
    expect((await post(user, `${path}/messages`, { body: 'See the plan', attachmentIds: [ticket.attachmentId] })).status).toBe(201);

    expect((await get(stranger, `${path}/messages`)).status).toBe(404);
    expect((await post(stranger, `${path}/messages`, { body: 'Hello?' })).status).toBe(404);
    expect((await post(stranger, `${path}/uploads`, { fileName: 'x.txt', contentType: 'text/plain', size: 1 })).status).toBe(404);
    expect((await get(stranger, `${path}/attachments/${ticket.attachmentId}`)).status).toBe(404);
    // Nothing of the victim changed.
    expect((await get<DocumentView>(user, path)).body.messageCount).toBe(1);
    // Another tenant's CRM cannot reach it either.
    expect((await adminClient(stack, 'acme')('GET', `/api/admin/documents/quote/${id}/messages`)).status).toBe(404);
  });

  it('refuses a post on a withdrawn document', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    expect((await crm()('POST', `/api/admin/documents/quote/${id}/withdraw`, {})).status).toBe(200);
    expect((await post(user, `/api/documents/quote/${id}/messages`, { body: 'Still there?' })).status).toBe(404);
    expect((await crm()('POST', `/api/admin/documents/quote/${id}/messages`, { body: 'Withdrawn' })).status).toBe(409);
  });
});

describe('attachments', () => {
  it('go up with a real presigned PUT, come with the message, and download for both sides', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const path = `/api/documents/quote/${id}`;
    const pdf = bytes('%PDF-1.7 a tiny pretend drawing');
    const { ticket, put } = await uploadAs(user, path, { name: 'Shop front – drawing.pdf', type: 'application/pdf', body: pdf });
    expect(put).toBe(200);
    expect(ticket.attachmentId).toMatch(/^at_/);
    expect(ticket.headers).toEqual({ 'content-type': 'application/pdf' });

    const message = await post<MessageView>(user, `${path}/messages`, { body: 'Drawing attached', attachmentIds: [ticket.attachmentId] });
    expect(message.status).toBe(201);
    expect(message.body.attachments).toEqual([
      { attachmentId: ticket.attachmentId, name: 'Shop front – drawing.pdf', contentType: 'application/pdf', size: pdf.length },
    ]);

    const link = await get<DownloadLink>(user, `${path}/attachments/${ticket.attachmentId}`);
    expect(link.status).toBe(200);
    expect(link.body.fileName).toBe('Shop front – drawing.pdf');
    const download = await fetch(link.body.url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    expect(download.headers.get('content-disposition')).toContain('attachment;');

    const staffLink = await crm()('GET', `/api/admin/documents/quote/${id}/attachments/${ticket.attachmentId}`);
    expect(staffLink.status).toBe(200);
    expect(new Uint8Array(await (await fetch(staffLink.body.url)).arrayBuffer())).toEqual(pdf);

    // Staff attach too; the customer downloads it.
    const reply = bytes('Proof v2 notes');
    const staffTicket = await crm()('POST', `/api/admin/documents/quote/${id}/uploads`, {
      fileName: 'notes.txt',
      contentType: 'text/plain',
      size: reply.length,
    });
    expect(staffTicket.status).toBe(201);
    expect((await fetch(staffTicket.body.url, { method: 'PUT', headers: staffTicket.body.headers, body: reply })).status).toBe(200);
    const staffMessage = await crm()('POST', `/api/admin/documents/quote/${id}/messages`, {
      body: 'Notes attached',
      attachmentIds: [staffTicket.body.attachmentId],
    });
    expect(staffMessage.status).toBe(201);
    const customerLink = await get<DownloadLink>(user, `${path}/attachments/${staffTicket.body.attachmentId}`);
    expect(new Uint8Array(await (await fetch(customerLink.body.url)).arrayBuffer())).toEqual(reply);

    await stack.bus.idle();
    expect(messagesOf('message.posted', id).map((d) => (d.envelope.detail as { attachments: number }).attachments)).toEqual([1, 1]);

    // An attachment serves one message only.
    const again = await post<Problem>(user, `${path}/messages`, { body: 'Again', attachmentIds: [ticket.attachmentId] });
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([{ name: 'body.attachmentIds.0', reason: 'is already attached to a message' }]);
  });

  it('an upload never attached is deleted from the bucket after a day; an attached one is moved out of the rule’s reach and kept', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const path = `/api/documents/quote/${id}`;
    const file = (name: string) => ({ name, type: 'text/plain', body: bytes(`${name} contents`) });
    const left = await uploadAs(user, path, file('never-sent.txt'));
    const sent = await uploadAs(user, path, file('sent.txt'));
    expect([left.put, sent.put]).toEqual([200, 200]);
    const record = (attachmentId: string) => uploadRepository.get('demo', 'quote', id, attachmentId, true);
    const leftKey = (await record(left.ticket.attachmentId))!.key;
    const pendingSentKey = (await record(sent.ticket.attachmentId))!.key;
    expect(leftKey).toMatch(/^pending-uploads\/tenants\/demo\//);
    expect(pendingSentKey).toMatch(/^pending-uploads\//);

    expect((await post<MessageView>(user, `${path}/messages`, { body: 'One of two', attachmentIds: [sent.ticket.attachmentId] })).status).toBe(201);
    const keptKey = (await record(sent.ticket.attachmentId))!.key;
    expect(keptKey).toBe(pendingSentKey.slice('pending-uploads/'.length));
    expect(await fileInfo(pendingSentKey)).toBeUndefined();

    // The lifecycle rule as the local runtime applies it (S3 applies it in the cloud), a day and a minute on.
    const deleted = await expireFiles(new Date(Date.now() + 86_400_000 + 60_000));
    expect(deleted).toContain(leftKey);
    expect(await fileInfo(leftKey)).toBeUndefined();
    expect(await fileInfo(keptKey)).toEqual({ size: file('sent.txt').body.length, contentType: 'text/plain' });
    const link = await get<DownloadLink>(user, `${path}/attachments/${sent.ticket.attachmentId}`);
    expect(await (await fetch(link.body.url)).text()).toBe('sent.txt contents');
  });

  it("can be sent from the portal's pages: the files origin is in the CSP and the bucket answers CORS", async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const body = bytes('from the page');
    const ticket = (await post<UploadTicket>(user, `/api/documents/quote/${id}/uploads`, { fileName: 'p.txt', contentType: 'text/plain', size: body.length }))
      .body;
    const filesOrigin = new URL(ticket.url).origin;

    const page = await stack.api('demo', '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${filesOrigin}`);

    const origin = stack.url('demo');
    const preflight = await fetch(ticket.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    const put = await fetch(ticket.url, { method: 'PUT', headers: { ...ticket.headers, origin }, body });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("hands out the document's own (CRM) files at the CRM's URL", async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user, {
      attachments: [
        { attachmentId: 'crm-spec-1', name: 'Spec sheet.pdf', contentType: 'application/pdf', size: 1234, url: 'https://crm.example.com/files/spec-1.pdf' },
      ],
    });
    const link = await get<DownloadLink>(user, `/api/documents/quote/${id}/attachments/crm-spec-1`);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ url: 'https://crm.example.com/files/spec-1.pdf', fileName: 'Spec sheet.pdf' });
    expect((await get(user, `/api/documents/quote/${id}/attachments/crm-unknown`)).status).toBe(404);
  });

  it('S3 refuses a PUT of another size or type than declared; the post then names each unusable attachment', async () => {
    const user = await activePortalUser(stack, 'demo');
    const other = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const otherDoc = await quoteFor(user);
    const otherCompanyDoc = await quoteFor(other);
    const path = `/api/documents/quote/${id}`;

    // 0: declared 10 bytes, sent 12: refused by S3, so no file arrives.
    const declared = await post<UploadTicket>(user, `${path}/uploads`, { fileName: 'a.txt', contentType: 'text/plain', size: 10 });
    expect((await fetch(declared.body.url, { method: 'PUT', headers: declared.body.headers, body: bytes('twelve bytes') })).status).toBe(403);
    expect((await fetch(declared.body.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: bytes('ten bytes!') })).status).toBe(403);
    // 1: an upload for another document of the same company.
    const elsewhere = await uploadAs(user, `/api/documents/quote/${otherDoc}`, { name: 'b.txt', type: 'text/plain', body: bytes('bbb') });
    // 2: another company's upload (on its own document).
    const foreign = await uploadAs(other, `/api/documents/quote/${otherCompanyDoc}`, { name: 'c.txt', type: 'text/plain', body: bytes('ccc') });
    // 3: staff's upload on this very document: the other side's, not the customer's to attach.
    const body = bytes('ddd');
    const staffUpload = await crm()('POST', `/api/admin/documents/quote/${id}/uploads`, { fileName: 'd.txt', contentType: 'text/plain', size: body.length });
    await fetch(staffUpload.body.url, { method: 'PUT', headers: staffUpload.body.headers, body });
    // 4: an id that was never an upload.
    // 5: a good one, the same id twice.
    const good = await uploadAs(user, path, { name: 'e.txt', type: 'text/plain', body: bytes('eee') });

    const res = await post<Problem>(user, `${path}/messages`, {
      body: 'Files',
      attachmentIds: [
        declared.body.attachmentId,
        elsewhere.ticket.attachmentId,
        foreign.ticket.attachmentId,
        staffUpload.body.attachmentId,
        'at_nothing',
        good.ticket.attachmentId,
        good.ticket.attachmentId,
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { name: 'body.attachmentIds.0', reason: 'has no file yet: upload it to the URL given first' },
      { name: 'body.attachmentIds.1', reason: 'is not an upload of yours for this document' },
      { name: 'body.attachmentIds.2', reason: 'is not an upload of yours for this document' },
      { name: 'body.attachmentIds.3', reason: 'is not an upload of yours for this document' },
      { name: 'body.attachmentIds.4', reason: 'is not an upload of yours for this document' },
      { name: 'body.attachmentIds.6', reason: 'names the same upload twice' },
    ]);
    // Nothing was posted, and the good upload is still free to use.
    expect((await get<DocumentView>(user, path)).body.messageCount).toBe(0);
    expect((await post(user, `${path}/messages`, { body: 'Files', attachmentIds: [good.ticket.attachmentId] })).status).toBe(201);
  });

  it('checks the stored file against what was declared, whatever put it there', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const ticket = (await post<UploadTicket>(user, `/api/documents/quote/${id}/uploads`, { fileName: 'a.png', contentType: 'image/png', size: 4 })).body;
    const upload = await uploadRepository.get('demo', 'quote', id, ticket.attachmentId);
    expect(upload!.key).toBe(`pending-uploads/tenants/demo/uploads/quote/${id}/${ticket.attachmentId}/a.png`);
    await putFile(upload!.key, bytes('not four bytes'), { contentType: 'image/png' });
    const res = await post<Problem>(user, `/api/documents/quote/${id}/messages`, { body: 'Logo', attachmentIds: [ticket.attachmentId] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ name: 'body.attachmentIds.0', reason: 'is not the file declared (image/png, 4 bytes)' }]);
  });

  it('refuses types and sizes outside the limits before any upload', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const big = await post<Problem>(user, `/api/documents/quote/${id}/uploads`, {
      fileName: 'big.zip',
      contentType: 'application/zip',
      size: 10 * 1024 * 1024 + 1,
    });
    expect(big.status).toBe(400);
    expect(big.body.errors![0]!.name).toBe('body.size');
    const html = await post<Problem>(user, `/api/documents/quote/${id}/uploads`, { fileName: 'x.html', contentType: 'text/html', size: 10 });
    expect(html.status).toBe(400);
    expect(html.body.errors![0]!.name).toBe('body.contentType');
  });

  it('limits uploads per person per hour', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await quoteFor(user);
    const statuses: number[] = [];
    let last: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 61; i++) {
      last = await post(user, `/api/documents/quote/${id}/uploads`, { fileName: `f${i}.txt`, contentType: 'text/plain', size: 1 });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 201)).toBe(true);
    expect(statuses[60]).toBe(429);
    expect(last!.body).toMatchObject({ type: problemType('rate-limited') });
  });
});
