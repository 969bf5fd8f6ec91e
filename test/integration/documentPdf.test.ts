import type { DownloadLink } from '../../shared/api/documents';
import { fileInfo, putFile } from '../../functions/aws/files';
import { pdfKey } from '../../functions/documents/pdf/documentPdfs';
import { adminClient, staffBrowser } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { pdfText } from '../support/pdfText';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const pdfLink = async (user: SignedInUser, path: string) => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as DownloadLink };
};

async function download(link: DownloadLink): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array }> {
  const res = await fetch(link.url);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

describe("a document's PDF", () => {
  it("downloads through a short-lived link as a real PDF in the tenant's name, with the number in its text", async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('inv');
    const body = documentBody('invoice', user.companyId, { number: 'INV-PDF-4711', title: 'Shop-front signage', notes: 'Thank you for your order.' });
    expect((await publish(stack, 'demo', 'invoice', id, body)).status).toBe(201);

    const link = await pdfLink(user, `/api/documents/invoice/${id}/pdf`);
    expect(link.status).toBe(200);
    expect(link.body.fileName).toBe('Invoice-INV-PDF-4711.pdf');
    const lifetime = Date.parse(link.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000);

    const file = await download(link.body);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    expect(file.disposition).toContain('filename="Invoice-INV-PDF-4711.pdf"');
    expect(isPdf(file.bytes)).toBe(true);
    const text = await pdfText(file.bytes);
    expect(text).toContain('INV-PDF-4711');
    expect(text).toContain('Brightline Print & Signs');
    expect(text).toContain('Thank you for your order.');
    expect(await fileInfo(pdfKey({ tenantId: 'demo', type: 'invoice', documentId: id, version: 1 }))).toMatchObject({ contentType: 'application/pdf' });
  });

  it('is rendered once per version: the stored file is served again, and a new version gets a new PDF', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId);
    await publish(stack, 'demo', 'quote', id, body);
    const first = await pdfLink(user, `/api/documents/quote/${id}/pdf`);
    expect(isPdf((await download(first.body)).bytes)).toBe(true);

    // Mark the stored v1 file: a second request must serve it rather than render again.
    const v1 = pdfKey({ tenantId: 'demo', type: 'quote', documentId: id, version: 1 });
    await putFile(v1, new TextEncoder().encode('%PDF-stored v1 marker'), { contentType: 'application/pdf' });
    const again = await download((await pdfLink(user, `/api/documents/quote/${id}/pdf`)).body);
    expect(Buffer.from(again.bytes).toString('latin1')).toBe('%PDF-stored v1 marker');

    const changed = await publish(stack, 'demo', 'quote', id, { ...body, notes: 'Now with LED lighting' });
    expect(changed.body.document.version).toBe(2);
    const v2 = await download((await pdfLink(user, `/api/documents/quote/${id}/pdf`)).body);
    expect(isPdf(v2.bytes)).toBe(true);
    const text = await pdfText(v2.bytes);
    expect(text).toContain(body.number);
    expect(text).toContain('Now with LED lighting');
    expect(await fileInfo(pdfKey({ tenantId: 'demo', type: 'quote', documentId: id, version: 2 }))).toBeDefined();
  });

  it('copes with several first requests at once', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('so');
    const body = documentBody('sales-order', user.companyId, { number: 'SO 77/B' });
    await publish(stack, 'demo', 'sales-order', id, body);
    const links = await Promise.all([0, 1, 2, 3].map(() => pdfLink(user, `/api/documents/sales-order/${id}/pdf`)));
    expect(links.map((l) => l.status)).toEqual([200, 200, 200, 200]);
    expect(links[0]!.body.fileName).toBe('Sales-order-SO-77-B.pdf');
    for (const link of links) {
      const file = await download(link.body);
      expect(file.status).toBe(200);
      expect(await pdfText(file.bytes)).toContain('SO 77/B');
    }
  });

  it('is there for staff and the CRM, withdrawn documents included', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('job');
    await publish(stack, 'demo', 'job', id, documentBody('job', user.companyId, { number: 'JOB-PDF-1' }));
    const crm = adminClient(stack, 'demo');
    const byKey = await crm('GET', `/api/admin/documents/job/${id}/pdf`);
    expect(byKey.status).toBe(200);
    expect(await pdfText((await download(byKey.body)).bytes)).toContain('JOB-PDF-1');
    const staff = adminClient(stack, 'demo', (await staffBrowser(stack, 'demo')).headers);
    expect((await staff('GET', `/api/admin/documents/job/${id}/pdf`)).status).toBe(200);

    await crm('POST', `/api/admin/documents/job/${id}/withdraw`, {});
    expect((await crm('GET', `/api/admin/documents/job/${id}/pdf`)).status).toBe(200);
    expect((await pdfLink(user, `/api/documents/job/${id}/pdf`)).status).toBe(404);
  });

  it('is out of reach of another company, another tenant, and a user who may not read the type', async () => {
    const user = await activePortalUser(stack, 'demo');
    const stranger = await activePortalUser(stack, 'demo');
    const supplier = await activePortalUser(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
    const id = docId('inv');
    await publish(stack, 'demo', 'invoice', id, documentBody('invoice', user.companyId));
    expect((await pdfLink(stranger, `/api/documents/invoice/${id}/pdf`)).status).toBe(404);
    expect((await pdfLink(supplier, `/api/documents/invoice/${id}/pdf`)).status).toBe(403);
    expect((await adminClient(stack, 'acme')('GET', `/api/admin/documents/invoice/${id}/pdf`)).status).toBe(404);
    expect((await pdfLink(user, `/api/documents/invoice/doc-unknown/pdf`)).status).toBe(404);
  });
});
