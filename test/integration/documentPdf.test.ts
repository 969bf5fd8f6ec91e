import type { DocumentPdfReply, DownloadLink } from '../../shared/api/documents';
import { deleteFile, fileInfo, putFile } from '../../functions/aws/files';
import { companyRepository } from '../../functions/customers/companyRepository';
import { contactRepository } from '../../functions/customers/contactRepository';
import { pdfKey } from '../../functions/documents/pdf/documentPdfs';
import { adminClient, staffBrowser } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { pdfText } from '../support/pdfText';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ renderPdfOnPublish: true });
});
afterAll(() => stack?.stop());

/**
 * The link to a document's PDF as the site gets it: asked again, as `Retry-After` says,
 * while the answer is 202 (the pdf Lambda rendering the current version). `waited` says
 * whether it had to wait.
 */
async function untilReady(
  ask: () => Promise<{ status: number; body: unknown; retryAfter?: string | null }>,
): Promise<{ status: number; body: DownloadLink; waited: boolean }> {
  let waited = false;
  for (let i = 0; i < 60; i++) {
    const res = await ask();
    if (res.status !== 202) return { status: res.status, body: res.body as DownloadLink, waited };
    waited = true;
    expect(res.body).toEqual({ status: 'preparing', retryAfterSeconds: 2 });
    expect(res.retryAfter).toBe('2');
    await stack.bus.idle();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the PDF was never ready');
}

const pdfAnswer = async (user: SignedInUser, path: string) => {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: (await res.json()) as DocumentPdfReply, retryAfter: res.headers.get('retry-after') };
};
const pdfLink = (user: SignedInUser, path: string) => untilReady(() => pdfAnswer(user, path));

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

  it('is rendered on publish, off the request path: once the bus has delivered, the first request gets the link at once', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('inv');
    await publish(stack, 'demo', 'invoice', id, documentBody('invoice', user.companyId, { number: 'INV-ON-PUBLISH' }));
    await stack.bus.idle();
    const rendered = stack.bus.history.find(
      (e) => e.envelope['detail-type'] === 'document.published' && (e.envelope.detail as { documentId?: string }).documentId === id,
    );
    expect(rendered?.deliveries).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'render-document-pdf', ok: true })]));
    const answer = await pdfAnswer(user, `/api/documents/invoice/${id}/pdf`);
    expect(answer.status).toBe(200);
    expect(await pdfText((await download(answer.body as DownloadLink)).bytes)).toContain('INV-ON-PUBLISH');
  });

  it('answers 202 with Retry-After while a version has no PDF, asks the pdf Lambda for it once however often it is polled, and then the link', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('inv');
    await publish(stack, 'demo', 'invoice', id, documentBody('invoice', user.companyId, { number: 'INV-LATE' }));
    await stack.bus.idle();
    // As for a version published before PDFs were rendered on publish, or whose render failed.
    await deleteFile(pdfKey({ tenantId: 'demo', type: 'invoice', documentId: id, version: 1 }));
    const first = await pdfAnswer(user, `/api/documents/invoice/${id}/pdf`);
    expect(first).toEqual({ status: 202, body: { status: 'preparing', retryAfterSeconds: 2 }, retryAfter: '2' });
    // A client polling fast (a double click, an impatient script) puts one event on the bus, not one per poll.
    for (let i = 0; i < 5; i++) expect([200, 202]).toContain((await pdfAnswer(user, `/api/documents/invoice/${id}/pdf`)).status);
    const ready = await pdfLink(user, `/api/documents/invoice/${id}/pdf`);
    expect(ready.status).toBe(200);
    expect(await pdfText((await download(ready.body)).bytes)).toContain('INV-LATE');
    const requested = stack.bus.history.filter(
      (e) => e.envelope['detail-type'] === 'document.pdf-requested' && (e.envelope.detail as { documentId?: string }).documentId === id,
    );
    expect(requested).toHaveLength(1);
    expect(requested[0]!.deliveries).toEqual([expect.objectContaining({ rule: 'render-document-pdf', target: 'renderDocumentPdf', ok: true })]);
  });

  // Nine publishes, each rendered and read back: a minute or more on a loaded 2-core machine.
  it("prints names, addresses, notes and lines in every script as themselves, the contact's name, the business's details and the portal link", async () => {
    const crm = adminClient(stack, 'demo');
    const details = {
      email: 'hello@brightline.example',
      phone: '+44 113 496 0000',
      website: 'brightline.example',
      address: { line1: '5 Mill Lane', city: 'York', country: 'GB' },
    };
    expect((await crm('PATCH', '/api/admin/settings', { contactDetails: details })).status).toBe(200);
    expect((await crm('GET', '/api/admin/settings')).body).toMatchObject({ contactDetails: details });

    const scripts = [
      { company: 'Zakład Łukasz Wiśniewski sp. z o.o.', contact: ['Łukasz', 'Żółkiewski'], line: 'Szyld świetlny — żółć, gęś', street: 'ul. Świętokrzyska 12' },
      { company: 'Příliš žluťoučký kůň s.r.o.', contact: ['Jiří', 'Dvořák'], line: 'Úpěl ďábelské ódy', street: 'Náměstí Míru 7' },
      { company: 'Ελληνική Εταιρεία Α.Ε.', contact: ['Γιώργος', 'Παπαδόπουλος'], line: 'Φωτεινή πινακίδα', street: 'Οδός Ερμού 25' },
      { company: 'ООО «Ромашка»', contact: ['Иван', 'Сидоров'], line: 'Световая вывеска', street: 'ул. Тверская, 7' },
      { company: '北京光明标识有限公司', contact: ['王', '小明'], line: '店面发光招牌安装', street: '北京市朝阳区建国路88号' },
      { company: '株式会社ひかりサイン', contact: ['山田', '太郎'], line: 'ファサード看板の取り付け', street: '東京都千代田区丸の内' },
      { company: 'شركة النور للتجارة', contact: ['محمد', 'عبد الله'], line: 'لافتة مضيئة للواجهة', street: 'شارع الملك فهد' },
      { company: 'חברת האור בע״מ', contact: ['דוד', 'כהן'], line: 'שלט מואר לחזית', street: 'רחוב הרצל' },
      { company: 'Party Shop 🎉', contact: ['Ana', '😀'], line: 'Balloons 🎈 and cake 🎂', street: 'Rainbow Road 🌈' },
    ];
    for (const s of scripts) {
      const companyId = docId('co');
      const contactId = docId('ct');
      await companyRepository.create({
        tenantId: 'demo',
        companyId,
        name: s.company,
        kind: 'customer',
        allowPortal: true,
        portalDiscountBps: 0,
        address: { line1: s.street, city: 'X', country: 'GB' },
      });
      await contactRepository.create({
        tenantId: 'demo',
        contactId,
        companyId,
        firstName: s.contact[0]!,
        lastName: s.contact[1]!,
        email: `${contactId}@example.com`,
      });
      const id = docId('inv');
      const body = documentBody('invoice', companyId, {
        contactId,
        notifyContact: false,
        title: s.line,
        notes: `${s.contact.join(' ')}: ${s.line}`,
        lineInputs: [{ description: s.line, quantity: 1, unitPrice: 1000 }],
      });
      expect((await publish(stack, 'demo', 'invoice', id, body)).status).toBe(201);
      const link = await untilReady(async () => {
        const res = await crm('GET', `/api/admin/documents/invoice/${id}/pdf`);
        return { status: res.status, body: res.body, retryAfter: res.headers.get('retry-after') };
      });
      expect(link.status).toBe(200);
      const lines = (await pdfText((await download(link.body)).bytes)).split('\n');
      for (const expected of [s.company, `Attn: ${s.contact.join(' ')}`, s.street, s.line, `${s.contact.join(' ')}: ${s.line}`])
        expect({ expected, printed: lines.some((l) => l === expected || l.startsWith(`${expected} `)) }).toEqual({ expected, printed: true });
      expect(lines).toEqual(expect.arrayContaining(['+44 113 496 0000 · hello@brightline.example · brightline.example', '5 Mill Lane']));
      expect(lines.some((l) => l.endsWith(`/invoices/${id}`))).toBe(true);
    }
  }, 120_000);

  it('is rendered once per version: the stored file is served again, and a new version gets a new PDF', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = docId('q');
    const body = documentBody('quote', user.companyId);
    await publish(stack, 'demo', 'quote', id, body);
    const first = await pdfLink(user, `/api/documents/quote/${id}/pdf`);
    expect(isPdf((await download(first.body)).bytes)).toBe(true);
    await stack.bus.idle();

    // Mark the stored v1 file: a second request must serve it rather than render again.
    const v1 = pdfKey({ tenantId: 'demo', type: 'quote', documentId: id, version: 1 });
    await putFile(v1, new TextEncoder().encode('%PDF-stored v1 marker'), { contentType: 'application/pdf' });
    const again = await download((await pdfLink(user, `/api/documents/quote/${id}/pdf`)).body);
    expect(Buffer.from(again.bytes).toString('latin1')).toBe('%PDF-stored v1 marker');

    const changed = await publish(stack, 'demo', 'quote', id, { ...body, notes: 'Now with LED lighting' });
    expect(changed.body.document.version).toBe(2);
    // The v1 PDF is never served for v2: until v2's is rendered the answer is to wait.
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
    // Not yet rendered on publish: every first request is told to wait, and each then gets the one PDF.
    await stack.bus.idle();
    await deleteFile(pdfKey({ tenantId: 'demo', type: 'sales-order', documentId: id, version: 1 }));
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
    await stack.bus.idle();
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
