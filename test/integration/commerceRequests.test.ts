import type { AdminRequestPage, AdminRequestView, RequestPage, RequestView } from '../../shared/api/commerceRequests';
import type { DocumentView, DownloadLink, UploadTicket } from '../../shared/api/documents';
import { fileInfo } from '../../functions/aws/files';
import { PENDING_UPLOADS_PREFIX } from '../../functions/documents/threads/pendingUploads';
import { requestUploadRepository } from '../../functions/commerce/requests/requestRepository';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { activePortalUser, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { randomUUID } from 'node:crypto';

/**
 * Quote and job requests (issue 12): free-form with files, one per submission, listed for
 * the asking company only, answered when the CRM publishes the quote or job naming them,
 * or declined by staff.
 */
let stack: TestStack;
let user: SignedInUser;
beforeAll(async () => {
  stack = await startTestStack();
  user = await activePortalUser(stack, 'demo');
});
afterAll(() => stack?.stop());

type Call<T> = { status: number; body: T };
type Problem = { type: string; status: number; errors?: Array<{ name: string; reason: string }> };

const get = async <T>(who: SignedInUser, path: string): Promise<Call<T>> => {
  const res = await stack.api(who.tenantId, path, { headers: who.jar.headers() });
  return { status: res.status, body: (await res.json()) as T };
};
const post = async <T>(who: SignedInUser, path: string, body: unknown): Promise<Call<T>> => {
  const res = await stack.api(who.tenantId, path, jsonRequest('POST', body, who.jar.headers()));
  return { status: res.status, body: (await res.json()) as T };
};
const crm = () => adminClient(stack, 'demo');
const bytes = (text: string) => new TextEncoder().encode(text);
const eventsOf = (detailType: string, requestId: string) =>
  stack.bus.history.filter((d) => d.envelope['detail-type'] === detailType && (d.envelope.detail as { requestId: string }).requestId === requestId);

/** Asks for an upload as the user and PUTs the bytes to the presigned URL, as the browser does. */
async function uploadAs(who: SignedInUser, name: string, text: string): Promise<string> {
  const body = bytes(text);
  const ticket = await post<UploadTicket>(who, '/api/requests/uploads', { fileName: name, contentType: 'text/plain', size: body.length });
  expect(ticket.status).toBe(201);
  expect((await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body })).status).toBe(200);
  return ticket.body.attachmentId;
}

const newRequest = (kind: 'quote' | 'job', attachmentIds: string[] = [], title = `${kind} ${randomUUID().slice(0, 6)}`) => ({
  kind,
  clientRequestId: randomUUID(),
  title,
  description: 'Two shop-front signs, 2400 × 600 mm, navy on white.',
  attachmentIds,
});

describe('quote and job requests', () => {
  it('a quote and a job request with a file: one per submission, one event each, files kept out of the pending prefix and downloadable', async () => {
    const attachmentId = await uploadAs(user, 'brief.txt', 'the sign brief');
    const body = newRequest('quote', [attachmentId]);
    const first = await post<RequestView>(user, '/api/requests', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      kind: 'quote',
      status: 'requested',
      source: 'form',
      title: body.title,
      attachments: [{ attachmentId, fileName: 'brief.txt', contentType: 'text/plain', size: 14 }],
      requestedBy: { contactId: user.userId, name: 'Robin Tester' },
    });
    // A double click (or a retry) is the same request.
    const again = await post<RequestView>(user, '/api/requests', body);
    expect(again.status).toBe(200);
    expect(again.body.requestId).toBe(first.body.requestId);
    expect(eventsOf('quote.requested', first.body.requestId)).toHaveLength(1);
    expect(eventsOf('quote.requested', first.body.requestId)[0]!.envelope.detail).toEqual({
      tenantId: 'demo',
      companyId: user.companyId,
      contactId: user.userId,
      userId: user.userId,
      requestId: first.body.requestId,
      kind: 'quote',
      title: body.title,
    });

    // The claimed file left the pending prefix (which the bucket's housekeeping empties).
    const upload = await requestUploadRepository.get('demo', attachmentId, true);
    expect(upload?.requestId).toBe(first.body.requestId);
    expect(upload?.key.startsWith(PENDING_UPLOADS_PREFIX)).toBe(false);
    expect(await fileInfo(upload!.key)).toEqual({ size: 14, contentType: 'text/plain' });
    const link = await get<DownloadLink>(user, `/api/requests/${first.body.requestId}/attachments/${attachmentId}`);
    expect(link.status).toBe(200);
    expect(await (await fetch(link.body.url)).text()).toBe('the sign brief');

    // The same upload cannot be attached twice.
    const reused = await post<Problem>(user, '/api/requests', newRequest('job', [attachmentId]));
    expect(reused.status).toBe(422);
    expect(reused.body.errors).toEqual([{ name: 'body.attachmentIds.0', reason: 'is already attached to a request' }]);

    const job = await post<RequestView>(user, '/api/requests', newRequest('job', [await uploadAs(user, 'site.txt', 'site photos')]));
    expect(job.status).toBe(201);
    expect(eventsOf('job.requested', job.body.requestId)).toHaveLength(1);

    const list = await get<RequestPage>(user, '/api/requests');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r) => r.requestId)).toEqual([job.body.requestId, first.body.requestId]);
    expect((await get<RequestPage>(user, '/api/requests?kind=job')).body.items.map((r) => r.requestId)).toEqual([job.body.requestId]);
  });

  it("lists and reads the caller's own company only; another user's upload cannot be attached; permissions decide who asks and sees", async () => {
    const mine = await post<RequestView>(user, '/api/requests', newRequest('quote'));
    expect(mine.status).toBe(201);
    const fileOfMine = await uploadAs(user, 'mine.txt', 'mine');

    const other = await activePortalUser(stack, 'demo');
    expect((await get<RequestPage>(other, '/api/requests')).body.items).toEqual([]);
    expect((await get<Problem>(other, `/api/requests/${mine.body.requestId}`)).status).toBe(404);
    expect((await get<Problem>(other, `/api/requests/${mine.body.requestId}/attachments/${fileOfMine}`)).status).toBe(404);
    const stolen = await post<Problem>(other, '/api/requests', newRequest('quote', [fileOfMine]));
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors).toEqual([{ name: 'body.attachmentIds.0', reason: 'is not an upload of yours' }]);
    // The same clientRequestId from someone else is their own request, not the first user's.
    const sameId = await post<RequestView>(other, '/api/requests', { ...newRequest('quote'), clientRequestId: 'shared-click-1' });
    const sameIdMine = await post<RequestView>(user, '/api/requests', { ...newRequest('quote'), clientRequestId: 'shared-click-1' });
    expect(sameId.status).toBe(201);
    expect(sameIdMine.status).toBe(201);
    expect(sameId.body.requestId).not.toBe(sameIdMine.body.requestId);

    // A supplier user holds neither request permission nor quotes:read or jobs:read.
    const supplier = await activePortalUser(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    expect((await post<Problem>(supplier, '/api/requests', newRequest('quote'))).status).toBe(403);
    expect((await post<Problem>(supplier, '/api/requests/uploads', { fileName: 'a.txt', contentType: 'text/plain', size: 1 })).status).toBe(403);
    expect((await get<Problem>(supplier, '/api/requests')).status).toBe(403);
  });

  it('publishing the quote with requestId answers the request, linked both ways; a wrong link is a 422 naming body.requestId; staff decline', async () => {
    const quoteRequest = (await post<RequestView>(user, '/api/requests', newRequest('quote'))).body;
    const jobRequest = (await post<RequestView>(user, '/api/requests', newRequest('job'))).body;

    // Wrong kind, wrong company, unknown: refused, naming the field.
    const asJob = await publish(stack, 'demo', 'job', docId('j'), { ...documentBody('job', user.companyId), requestId: quoteRequest.requestId });
    expect(asJob.status).toBe(422);
    expect((asJob.body as Problem).errors?.[0]?.name).toBe('body.requestId');
    const other = await activePortalUser(stack, 'demo');
    const elsewhere = await publish(stack, 'demo', 'quote', docId('q'), { ...documentBody('quote', other.companyId), requestId: quoteRequest.requestId });
    expect(elsewhere.status).toBe(422);
    expect((await publish(stack, 'demo', 'quote', docId('q'), { ...documentBody('quote', user.companyId), requestId: 'rq_nothing' })).status).toBe(422);
    expect((await get<RequestView>(user, `/api/requests/${quoteRequest.requestId}`)).body.status).toBe('requested');

    const quoteId = docId('q');
    const published = await publish(stack, 'demo', 'quote', quoteId, {
      ...documentBody('quote', user.companyId, { contactId: user.userId, number: 'Q-REQ-1' }),
      requestId: quoteRequest.requestId,
    });
    expect(published.status).toBe(201);
    const answered = await get<RequestView>(user, `/api/requests/${quoteRequest.requestId}`);
    expect(answered.body).toMatchObject({ status: 'answered', document: { type: 'quote', documentId: quoteId, number: 'Q-REQ-1' } });
    expect((await get<DocumentView>(user, `/api/documents/quote/${quoteId}`)).body.requestId).toBe(quoteRequest.requestId);
    // Another quote cannot answer it again.
    const second = await publish(stack, 'demo', 'quote', docId('q'), { ...documentBody('quote', user.companyId), requestId: quoteRequest.requestId });
    expect(second.status).toBe(422);

    // Staff see it answered, and decline the job request.
    const answeredList = await crm()('GET', `/api/admin/requests?companyId=${user.companyId}&status=answered`);
    expect((answeredList.body as AdminRequestPage).items.map((r) => r.requestId)).toContain(quoteRequest.requestId);
    expect((answeredList.body as AdminRequestPage).items.every((r) => r.status === 'answered')).toBe(true);
    const declined = await crm()('POST', `/api/admin/requests/${jobRequest.requestId}/decline`, { reason: 'We do not install outside London.' });
    expect(declined.status).toBe(200);
    expect(declined.body as AdminRequestView).toMatchObject({ status: 'declined', reason: 'We do not install outside London.', companyId: user.companyId });
    expect((await get<RequestView>(user, `/api/requests/${jobRequest.requestId}`)).body).toMatchObject({
      status: 'declined',
      reason: 'We do not install outside London.',
    });
    expect((await crm()('POST', `/api/admin/requests/${jobRequest.requestId}/decline`, { reason: 'Another reason' })).status).toBe(409);
    expect((await crm()('POST', `/api/admin/requests/${quoteRequest.requestId}/decline`, { reason: 'Too late' })).status).toBe(409);
    // A declined request is answered by nothing.
    expect((await publish(stack, 'demo', 'job', docId('j'), { ...documentBody('job', user.companyId), requestId: jobRequest.requestId })).status).toBe(422);
  });
});
