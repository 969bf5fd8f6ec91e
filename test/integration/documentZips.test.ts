import { randomUUID } from 'node:crypto';
import { batchWrite, publishedItem } from '../../bench/documentCorpus';
import { putFile } from '../../functions/aws/files';
import { pdfKey } from '../../functions/documents/pdf/documentPdfs';
import type { PublishDocumentBody } from '../../shared/api/documents';
import type { DocumentZipProgress } from '../../shared/api/documentZips';
import { adminClient } from '../support/adminApi';
import { apiKeyCaller } from '../support/callers';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { waitForMail } from '../support/mailbox';
import { pdfText } from '../support/pdfText';
import { activePortalUser, CookieJar, jsonRequest, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';
import { zipEntries } from '../support/zips';

/**
 * Selected documents' PDFs as one ZIP (issue 11, item 6): a job the portal starts and the
 * pdf Lambda builds, with progress; each entry the PDF of the document it is named for;
 * only its requester can read it; what the caller may not see is skipped; 1,000 documents.
 */
jest.setTimeout(300_000);

let stack: TestStack;
let user: SignedInUser;
const crm = () => adminClient(stack, 'demo');

beforeAll(async () => {
  stack = await startTestStack();
  user = await activePortalUser(stack, 'demo');
});
afterAll(() => stack?.stop());

type Headers = Record<string, string>;

async function startZip(headers: Headers, ids: string[], type = 'invoice', slug = 'demo') {
  const res = await stack.api(slug, `/api/document-zips/${type}`, jsonRequest('POST', { documentIds: ids }, headers));
  return { status: res.status, body: (await res.json()) as DocumentZipProgress & { errors?: Array<{ name: string }> } };
}

async function progress(headers: Headers, zipId: string, type = 'invoice', slug = 'demo') {
  const res = await stack.api(slug, `/api/document-zips/${type}/${zipId}`, { headers });
  return { status: res.status, body: (await res.json()) as DocumentZipProgress };
}

/** Waits for the bus (the pdf Lambda's work) and asks until the job is no longer queued or running. */
async function settled(headers: Headers, zipId: string): Promise<DocumentZipProgress> {
  for (let i = 0; i < 600; i++) {
    await stack.bus.idle();
    const { status, body } = await progress(headers, zipId);
    expect(status).toBe(200);
    if (body.status === 'ready' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the ZIP job never finished');
}

async function download(url: string): Promise<{ type: string | null; disposition: string | null; bytes: Uint8Array }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return { type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** Another login of the same company, made as staff would. */
async function colleagueOf(companyId: string): Promise<Headers> {
  const key = apiKeyCaller('demo').headers;
  const post = async (path: string, body: unknown) =>
    (await stack.api('demo', path, { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const email = `colleague-${randomUUID()}@example.com`;
  const contact = await post('/api/admin/contacts', { companyId, firstName: 'Col', lastName: 'League', email });
  await post(`/api/admin/contacts/${contact.contactId}/portal-login`, { teams: ['customer-portal-users'] });
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec((await waitForMail(stack, email)).body.text ?? '')![1]!;
  const accepted = await stack.api('demo', `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: 'Correct-Horse-9-Battery!' }));
  expect(accepted.status).toBe(200);
  return new CookieJar().take(accepted).headers();
}

describe('a ZIP of selected PDFs', () => {
  let ids: string[];
  let withdrawn: string;
  let strangers: string;
  let zipId: string;

  beforeAll(async () => {
    const stranger = await activePortalUser(stack, 'demo');
    ids = [docId('zinv'), docId('zinv'), docId('zinv')];
    // Numbers are the CRM's: two invoices may share one, and their entries must not collide.
    const numbers = ['ZIP-1', 'ZIP-2', 'ZIP-1'];
    for (const [i, id] of ids.entries()) {
      const body = documentBody('invoice', user.companyId, { number: numbers[i]!, title: `Zip title ${i}`, notifyContact: false });
      expect((await publish(stack, 'demo', 'invoice', id, body)).status).toBe(201);
    }
    withdrawn = docId('zinv');
    await publish(stack, 'demo', 'invoice', withdrawn, documentBody('invoice', user.companyId, { number: 'ZIP-GONE' }));
    expect((await crm()('POST', `/api/admin/documents/invoice/${withdrawn}/withdraw`, {})).status).toBe(200);
    strangers = docId('zinv');
    await publish(stack, 'demo', 'invoice', strangers, documentBody('invoice', stranger.companyId, { number: 'ZIP-NOT-YOURS', title: 'NOT-YOURS' }));
    await stack.bus.idle();
  });

  it('starts a job, and a double click with the same selection is the same job', async () => {
    const selection = [ids[0]!, withdrawn, ids[1]!, strangers, ids[2]!];
    const [first, second] = await Promise.all([startZip(user.jar.headers(), selection), startZip(user.jar.headers(), selection)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body).toMatchObject({ type: 'invoice', total: 5, skipped: 0, retryAfterSeconds: 2 });
    expect(['queued', 'running', 'ready']).toContain(first.body.status);
    expect(first.body.fileName).toMatch(/^invoices-5-pdfs-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(second.body.zipId).toBe(first.body.zipId);
    // The same ids in another order are the same selection too.
    expect((await startZip(user.jar.headers(), [...selection].reverse())).body.zipId).toBe(first.body.zipId);
    zipId = first.body.zipId;
  });

  it('holds each document’s PDF under its file name, de-duplicated, skipping the withdrawn one and another company’s', async () => {
    const done = await settled(user.jar.headers(), zipId);
    expect(done).toMatchObject({ status: 'ready', total: 5, done: 5, skipped: 2 });
    expect(done.link!.url).toContain('zips/tenants/demo/');
    const file = await download(done.link!.url);
    expect(file.type).toBe('application/zip');
    expect(file.disposition).toContain(done.fileName);
    const entries = await zipEntries(file.bytes);
    expect(entries.map((e) => e.name)).toEqual(['Invoice-ZIP-1.pdf', 'Invoice-ZIP-2.pdf', 'Invoice-ZIP-1 (2).pdf']);
    for (const [i, entry] of entries.entries()) {
      expect(entry.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await pdfText(entry.bytes);
      expect(text).toContain(`Zip title ${i}`);
      expect(text).not.toContain('NOT-YOURS');
    }
  });

  it('logs a PDF view of each document in it, with who asked', async () => {
    const views = await crm()('GET', `/api/admin/documents/invoice/${ids[1]}/views`);
    expect(views.body.items).toEqual([expect.objectContaining({ what: 'pdf', via: 'login', contactId: user.userId, email: user.email })]);
    expect((await crm()('GET', `/api/admin/documents/invoice/${strangers}/views`)).body.items).toEqual([]);
  });

  it('is its requester’s alone: a colleague, another company and another tenant get 404', async () => {
    const colleague = await colleagueOf(user.companyId);
    expect((await progress(colleague, zipId)).status).toBe(404);
    const other = await activePortalUser(stack, 'demo');
    expect((await progress(other.jar.headers(), zipId)).status).toBe(404);
    const acme = await activePortalUser(stack, 'acme');
    expect((await progress(acme.jar.headers(), zipId, 'invoice', 'acme')).status).toBe(404);
    // Under another type's path it is not found either, and without a session there is nothing.
    expect((await progress(user.jar.headers(), zipId, 'quote')).status).toBe(404);
    expect((await progress({}, zipId)).status).toBe(401);
  });

  it('zips nothing of another company’s: such a selection fails plainly', async () => {
    const other = await activePortalUser(stack, 'demo');
    const started = await startZip(other.jar.headers(), [ids[0]!, ids[1]!]);
    expect(started.status).toBe(202);
    const done = await settled(other.jar.headers(), started.body.zipId);
    expect(done).toMatchObject({ status: 'failed', total: 2, done: 2, skipped: 2, reason: 'None of the selected documents is available any more.' });
    expect(done.link).toBeUndefined();
    // Asking again at once is a new job, not the failed one answered again.
    const again = await startZip(other.jar.headers(), [ids[0]!, ids[1]!]);
    expect(again.status).toBe(202);
    expect(again.body.zipId).not.toBe(started.body.zipId);
    expect(again.body.status).not.toBe('failed');
    await stack.bus.idle();
  });

  it('needs the type’s read permission', async () => {
    const supplierOnly = await activePortalUser(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    expect((await startZip(supplierOnly.jar.headers(), ids)).status).toBe(403);
  });

  it('refuses bad selections naming the field', async () => {
    const cases: Array<[unknown, number]> = [
      [[], 400],
      [Array.from({ length: 1001 }, (_, i) => `d${i}`), 400],
      [[ids[0], ids[0]], 400],
      [['no spaces allowed'], 400],
    ];
    for (const [documentIds, status] of cases) {
      const res = await stack.api('demo', '/api/document-zips/invoice', jsonRequest('POST', { documentIds }, user.jar.headers()));
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.errors[0].name).toMatch(/^body\.documentIds/);
    }
    expect((await startZip(user.jar.headers(), ids, 'receipt')).status).toBe(400);
    expect((await progress(user.jar.headers(), 'no-such-zip')).status).toBe(404);
  });
});

describe('a ZIP of 1,000 documents', () => {
  const COUNT = 1_000;
  /**
   * Rendering 1,000 PDFs would take minutes here: most are seeded as stored files, the rest
   * rendered by the job (`PORTICO_ZIP_RENDERED=n` renders more, to measure it: docs/architecture.md, Budgets).
   */
  const RENDERED = Number(process.env.PORTICO_ZIP_RENDERED ?? 3);

  it('completes with 1,000 entries, streamed, in bounded progress writes', async () => {
    const big = await activePortalUser(stack, 'demo');
    const lines = linesOf([{ description: 'Sign', quantity: 1, unitPrice: 10_000 }]);
    const at = new Date().toISOString();
    const ids: string[] = [];
    const items = [];
    for (let i = 0; i < COUNT; i++) {
      const id = `big-${big.companyId}-${i}`;
      ids.push(id);
      const body = {
        companyId: big.companyId,
        number: `BIG-${1000 + i}`,
        status: 'outstanding',
        issueDate: at.slice(0, 10),
        currency: 'GBP',
        lines,
        totals: totalsOf(lines),
      } as PublishDocumentBody;
      items.push(publishedItem(big.tenantId, 'invoice', id, body, at));
    }
    await batchWrite(items);
    // A stored PDF per document but the first few, ~12 KB each like a typical rendered invoice.
    const filler = 'x'.repeat(12_000);
    for (let i = RENDERED; i < COUNT; i += 20) {
      await Promise.all(
        ids.slice(i, i + 20).map((id) =>
          putFile(pdfKey({ tenantId: big.tenantId, type: 'invoice', documentId: id, version: 1 }), new TextEncoder().encode(`%PDF-seeded ${id}\n${filler}`), {
            contentType: 'application/pdf',
          }),
        ),
      );
    }

    const startedAt = Date.now();
    const started = await startZip(big.jar.headers(), ids);
    expect(started.status).toBe(202);
    expect(started.body.total).toBe(COUNT);
    const seen = new Set<number>();
    let done: DocumentZipProgress | undefined;
    for (let i = 0; i < 1500 && !done; i++) {
      const { body } = await progress(big.jar.headers(), started.body.zipId);
      seen.add(body.done);
      if (body.status === 'ready' || body.status === 'failed') done = body;
      else await new Promise((r) => setTimeout(r, 200));
    }
    const ms = Date.now() - startedAt;
    expect(done).toMatchObject({ status: 'ready', total: COUNT, done: COUNT, skipped: 0 });
    // Progress moved on the way (every 50 documents or 10 s), not only at the end.
    expect([...seen].some((n) => n > 0 && n < COUNT)).toBe(true);

    const file = await download(done!.link!.url);
    const entries = await zipEntries(file.bytes);
    expect(entries).toHaveLength(COUNT);
    expect(new Set(entries.map((e) => e.name)).size).toBe(COUNT);
    expect(entries[0]!.name).toBe('Invoice-BIG-1000.pdf');
    expect(entries[COUNT - 1]!.name).toBe('Invoice-BIG-1999.pdf');
    // Rendered by the job: a real PDF of its document.
    expect(await pdfText(entries[0]!.bytes)).toContain('BIG-1000');
    // Stored before: the very file, byte for byte.
    expect(entries[500]!.bytes.toString('latin1')).toBe(`%PDF-seeded ${ids[500]}\n${filler}`);
    // The figure docs/architecture.md's Budgets quotes.
    console.log(`ZIP of ${COUNT} documents (${RENDERED} rendered): ${ms} ms, ${(file.bytes.length / 1e6).toFixed(1)} MB`);
  });
});
