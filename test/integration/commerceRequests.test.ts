import type { AdminRequestPage, AdminRequestView, RequestPage, RequestView } from '../../shared/api/commerceRequests';
import type { DocumentView, DownloadLink, UploadTicket } from '../../shared/api/documents';
import { fileInfo } from '../../functions/aws/files';
import { PENDING_UPLOADS_PREFIX } from '../../functions/documents/threads/pendingUploads';
import { requestUploadRepository } from '../../functions/commerce/requests/requestRepository';
import { adminClient } from '../support/adminApi';
import { mailTo } from '../support/mailbox';
import { notifyLambdaFor } from '../support/notify';
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

/**
 * Notification templates (issue 12 §3, §7): the staff mail in the template the settings
 * choose, the contact's confirmation in the default, nothing a customer types becoming HTML
 * or a header, one mail per event and recipient.
 */
describe('notification templates', () => {
  const desk = `quotes-desk-${randomUUID().slice(0, 8)}@example.com`;
  const template = {
    name: 'Quote desk',
    event: 'quote.requested',
    audience: 'staff',
    subject: 'New quote: {{request.title}} from {{company.name}}',
    body: 'Hello desk,\n\n{{contact.name}} wrote: {{request.description}}\n\nFiles: {{request.files}}',
  };

  it('refuses tags that are not plain placeholders of the event, naming the field', async () => {
    for (const [field, text] of [
      ['body', 'Raw: {{{request.description}}}'],
      ['body', 'Raw: {{& request.description}}'],
      ['body', '{{#request.title}}loop{{/request.title}}'],
      ['subject', 'Order {{order.number}}'],
      ['subject', 'Partial {{> header}}'],
      ['body', 'Unclosed {{request.title'],
    ] as const) {
      const res = await crm()('PUT', '/api/admin/notification-templates/bad-one', { ...template, [field]: text });
      expect([text, res.status, (res.body as Problem).errors?.map((e) => e.name)]).toEqual([text, 422, [`body.${field}`]]);
    }
  });

  it('the chosen template for staff, the default confirmation for the contact; customer text never becomes HTML or a header; once per event and recipient', async () => {
    expect((await crm()('PUT', '/api/admin/notification-templates/quote-desk', template)).status).toBe(200);
    const settings = await crm()('PUT', '/api/admin/notifications', {
      rules: { 'quote.requested': [{ staffEmail: desk }] },
      templates: { 'quote.requested': { staff: 'quote-desk' } },
    });
    expect(settings.status).toBe(200);
    // A template for another event or audience does not fit.
    const wrong = await crm()('PUT', '/api/admin/notifications', { rules: {}, templates: { 'job.requested': { staff: 'quote-desk' } } });
    expect((wrong.body as Problem).errors?.map((e) => e.name)).toEqual(['body.templates.job.requested.staff']);
    // Deleting a template the settings choose is refused.
    expect((await crm()('DELETE', '/api/admin/notification-templates/quote-desk')).status).toBe(409);

    const asker = await activePortalUser(stack, 'demo');
    const hostile = '<script>alert(1)</script>\r\nBcc: evil@example.com';
    const sent = await post<RequestView>(asker, '/api/requests', {
      ...newRequest('quote', [], `Sign ${hostile}`),
      description: `<img src=x onerror=alert(1)> and ${hostile}`,
    });
    expect(sent.status).toBe(201);
    const [staffMail, ...more] = await mailTo(stack, desk);
    expect(more).toEqual([]);
    expect(staffMail!.subject).toBe(`New quote: Sign <script>alert(1)</script> Bcc: evil@example.com from Company ${asker.companyId}`);
    expect(staffMail!.subject).not.toMatch(/[\r\n]/);
    expect(staffMail!.body.html).not.toContain('<script>');
    expect(staffMail!.body.html).not.toContain('<img src=x');
    expect(staffMail!.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(staffMail!.body.text).toContain('Robin Tester wrote: <img src=x onerror=alert(1)>');
    expect(staffMail!.destination.to).toEqual([desk]);

    const confirmations = await mailTo(stack, asker.email);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.subject).toBe(`We have your quote request: Sign <script>alert(1)</script> Bcc: evil@example.com`);
    expect(confirmations[0]!.body.html).not.toContain('<script>');

    // The event delivered again (EventBridge delivers at least once): nobody is mailed twice.
    const envelope = eventsOf('quote.requested', sent.body.requestId)[0]!.envelope;
    await notifyLambdaFor('notifyStaff')(envelope);
    await notifyLambdaFor('confirmToContact')(envelope);
    expect(await mailTo(stack, desk)).toHaveLength(1);
    expect(await mailTo(stack, asker.email)).toHaveLength(1);
  });

  it('previews a draft or a kept template with sample or given data; lists the defaults; deleting a default reverts it', async () => {
    const draft = await crm()('POST', '/api/admin/notification-templates/preview', {
      event: 'order.placed',
      subject: 'Order {{order.number}} for {{order.total}}: {{contact.name}}',
      body: 'Thanks {{contact.name}}.',
      data: { 'contact.name': '<b>Eve</b>\nBcc: x@example.com' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ subject: 'Order SO-1042 for £1,234.50: <b>Eve</b> Bcc: x@example.com' });
    expect((draft.body as { html: string }).html).toContain('Thanks &lt;b&gt;Eve&lt;/b&gt;');
    expect((draft.body as { html: string }).html).toContain('Brightline Print &amp; Signs');
    const kept = await crm()('POST', '/api/admin/notification-templates/preview', { event: 'job.requested', templateId: 'default-job-requested-contact' });
    expect(kept.body).toMatchObject({ subject: 'We have your job request: Shop-front sign' });
    const unknown = await crm()('POST', '/api/admin/notification-templates/preview', { event: 'job.requested', templateId: 'nope' });
    expect((unknown.body as Problem).errors?.map((e) => e.name)).toEqual(['body.templateId']);

    const list = (await crm()('GET', '/api/admin/notification-templates')).body as { items: Array<{ templateId: string; builtIn: boolean }> };
    expect(list.items.filter((t) => t.builtIn).map((t) => t.templateId)).toEqual(
      expect.arrayContaining(['default-order-placed-staff', 'default-order-placed-contact', 'default-quote-requested-staff', 'default-job-requested-contact']),
    );
    const replaced = await crm()('PUT', '/api/admin/notification-templates/default-order-placed-contact', {
      name: 'Our order confirmation',
      event: 'order.placed',
      audience: 'contact',
      subject: 'Thanks for order {{order.number}}',
      body: 'Thank you.',
    });
    expect(replaced.body).toMatchObject({ builtIn: false, subject: 'Thanks for order {{order.number}}' });
    expect((await crm()('DELETE', '/api/admin/notification-templates/default-order-placed-contact')).status).toBe(204);
    expect((await crm()('GET', '/api/admin/notification-templates/default-order-placed-contact')).body).toMatchObject({
      builtIn: true,
      subject: 'We have your order {{order.number}}',
    });
  });
});
