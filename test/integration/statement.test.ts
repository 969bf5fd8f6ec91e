import type { DownloadLink } from '../../shared/api/documents';
import type { StatementPdfReply, StatementView } from '../../shared/api/statements';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteFile, fileInfo } from '../../functions/aws/files';
import { companyRepository } from '../../functions/customers/companyRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { RENDER_REQUEST_SECONDS } from '../../functions/documents/pdf/renderRequestRepository';
import { statementLook, statementPdfKey } from '../../functions/documents/statements/statementPdfs';
import { dynamo, tableName } from '../../functions/table/db';
import { batchWrite, publishedItem } from '../../bench/documentCorpus';
import { addDays } from '../../functions/documents/statements/statementArithmetic';
import { runCli } from '../../infra/cli/portico';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { pdfText, readPdf } from '../support/pdfText';
import { activePortalUser, type SignedInUser } from '../support/portalAccess';
import { payCheckout, startPayment } from '../support/payments';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The statement of account through the real stack: invoices published by the CRM with
 * past issue dates, a part payment the CRM books, an online payment through the Stripe
 * stand-in, a credit note; the opening balance of one period is the closing of the one
 * before; the aging on a period's last day; the admin view; the PDF (rendered by the pdf
 * Lambda: 202, then the link; one render asked for however often it is polled); and a company or
 * tenant never sees another's.
 */
jest.setTimeout(90_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const crm = (slug = 'demo') => adminClient(stack, slug);
const T = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addDays(T, offset);

async function pdfAnswer(user: SignedInUser, path: string): Promise<{ status: number; body: StatementPdfReply; retryAfter: string | null }> {
  const res = await stack.api(user.tenantId, path, { headers: user.jar.headers() });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

/** Asks as the site does: again after `Retry-After` (shortened here, the bus being waited on) while the answer is 202. */
async function untilReady(ask: () => Promise<{ status: number; body: StatementPdfReply; retryAfter: string | null }>): Promise<DownloadLink> {
  for (let i = 0; i < 60; i++) {
    const res = await ask();
    if (res.status === 200) return res.body as DownloadLink;
    expect(res).toEqual({ status: 202, body: { status: 'preparing', retryAfterSeconds: 2 }, retryAfter: '2' });
    await stack.bus.idle();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the statement PDF was never ready');
}

/** The `statement.pdf-requested` events the bus has carried for a company. */
const requestsFor = (companyId: string) =>
  stack.bus.history.filter(
    (e) => e.envelope['detail-type'] === 'statement.pdf-requested' && (e.envelope.detail as { companyId?: string }).companyId === companyId,
  );

async function statementOf(user: SignedInUser, query = ''): Promise<{ status: number; body: StatementView & { errors?: Array<{ name: string }> } }> {
  const res = await stack.api(user.tenantId, `/api/statement${query ? `?${query}` : ''}`, { headers: user.jar.headers() });
  return { status: res.status, body: await res.json() };
}

/** An invoice of the user's company: one line without tax, so its total is `total`. */
async function invoice(user: SignedInUser, total: number, issueDate: string, extra: Record<string, unknown> = {}) {
  const id = docId('inv');
  const body = documentBody('invoice', user.companyId, {
    contactId: user.userId,
    lineInputs: [{ description: 'Signage', quantity: 1, unitPrice: total, taxRateBps: 0 }],
    issueDate,
    notifyContact: false,
    ...extra,
  });
  const res = await publish(stack, user.tenantId, 'invoice', id, body);
  expect(res.status).toBe(201);
  return { id, body };
}

describe('the statement of account', () => {
  let user: SignedInUser;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    user = await activePortalUser(stack, 'demo');
    // Last year's invoice, paid today by the CRM; an overdue one part paid by the CRM; a recent one paid online; a credit note.
    const old = await invoice(user, 5_000, day(-400), { dueDate: day(-370), number: 'ST-OLD' });
    const overdue = await invoice(user, 10_000, day(-70), { dueDate: day(-40), number: 'ST-OVERDUE' });
    const recent = await invoice(user, 20_000, day(-20), { dueDate: day(10), number: 'ST-RECENT' });
    await invoice(user, -1_500, day(-5), {
      number: 'ST-CREDIT',
      lines: [{ description: 'Returned sign', quantity: 1, unitPrice: -1_500, discount: 0, tax: 0, taxRateBps: 0, total: -1_500 }],
      totals: { subtotal: -1_500, tax: 0, total: -1_500 },
    });
    Object.assign(numbers, { old: old.body.number, overdue: overdue.body.number, recent: recent.body.number });

    // Yesterday's statement is taken before today's payments land: they are dated today.
    expect((await publish(stack, 'demo', 'invoice', overdue.id, { ...overdue.body, amountPaid: 4_000 })).status).toBe(200);
    expect((await publish(stack, 'demo', 'invoice', old.id, { ...old.body, amountPaid: 5_000, status: 'paid' })).status).toBe(200);
    const started = await startPayment(stack, user, recent.id);
    expect(started.status).toBe(201);
    expect((await payCheckout(stack, started.body.checkoutUrl)).outcome).toBe('succeeded');
    await stack.stripe.idle();
    await stack.bus.idle();
  });

  it('up to yesterday: last year in the opening balance, the period’s invoices and credit note, aging on its last day', async () => {
    const { status, body } = await statementOf(user, `from=${day(-80)}&to=${day(-1)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ currency: 'GBP', currencies: ['GBP'], openingBalance: 5_000, closingBalance: 33_500 });
    expect(body.totals).toEqual({ invoiced: 30_000, payments: 0, credits: -1_500, adjustments: 0 });
    expect(body.entries.map((e) => [e.date, e.kind, e.number, e.amount, e.balance])).toEqual([
      [day(-70), 'invoice', 'ST-OVERDUE', 10_000, 15_000],
      [day(-20), 'invoice', 'ST-RECENT', 20_000, 35_000],
      [day(-5), 'credit-note', 'ST-CREDIT', -1_500, 33_500],
    ]);
    // On the last day: ST-OLD 370 days past due, ST-OVERDUE 39, ST-RECENT not yet due; the credit unused.
    expect(body.aging).toEqual({ current: 20_000, days1to30: 0, days31to60: 10_000, days61to90: 0, over90: 5_000 });
    expect(body.unappliedCredit).toBe(1_500);
  });

  it('today: opens at yesterday’s closing, with the CRM’s payments and the online payment', async () => {
    const { body } = await statementOf(user, `from=${T}&to=${T}`);
    expect(body.openingBalance).toBe(33_500);
    expect(body.entries.map((e) => [e.kind, e.amount]).sort()).toEqual(
      [
        ['online-payment', -20_000],
        ['payment', -4_000],
        ['payment', -5_000],
      ].sort(),
    );
    expect(body.closingBalance).toBe(4_500);
    expect(body.aging).toEqual({ current: 0, days1to30: 0, days31to60: 6_000, days61to90: 0, over90: 0 });
    // The whole stretch at once agrees with its two halves.
    const whole = (await statementOf(user, `from=${day(-80)}&to=${T}`)).body;
    expect([whole.openingBalance, whole.closingBalance]).toEqual([5_000, 4_500]);
    expect(whole.totals).toEqual({ invoiced: 30_000, payments: -29_000, credits: -1_500, adjustments: 0 });
  });

  it('defaults to this month in the first currency, and offers every currency the company has', async () => {
    await invoice(user, 7_000, T, { currency: 'EUR', dueDate: day(30) });
    const standard = (await statementOf(user)).body;
    expect(standard).toMatchObject({ currencies: ['EUR', 'GBP'], currency: 'EUR', from: `${T.slice(0, 7)}-01`, to: T, closingBalance: 7_000 });
    const gbp = (await statementOf(user, 'currency=GBP')).body;
    expect(gbp.closingBalance).toBe(4_500);
  });

  it('a voided invoice leaves the balance the day it is voided', async () => {
    const { id, body } = await invoice(user, 3_000, day(-3), { currency: 'CHF' });
    expect((await statementOf(user, `currency=CHF&from=${day(-3)}&to=${T}`)).body.closingBalance).toBe(3_000);
    expect((await publish(stack, 'demo', 'invoice', id, { ...body, status: 'void' })).status).toBe(200);
    const after = (await statementOf(user, `currency=CHF&from=${day(-3)}&to=${T}`)).body;
    expect(after.entries.map((e) => [e.date, e.kind, e.amount])).toEqual([
      [day(-3), 'invoice', 3_000],
      [T, 'void', -3_000],
    ]);
    expect(after.closingBalance).toBe(0);
  });

  it('staff and the CRM read the same statement for the company; another tenant’s key finds no such company', async () => {
    const query = `from=${day(-80)}&to=${T}&currency=GBP`;
    const portal = (await statementOf(user, query)).body;
    const admin = await crm()('GET', `/api/admin/companies/${user.companyId}/statement?${query}`);
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual(portal);
    expect((await crm('acme')('GET', `/api/admin/companies/${user.companyId}/statement?${query}`)).status).toBe(404);
  });

  it('another company of the tenant sees only its own, empty statement', async () => {
    const other = await activePortalUser(stack, 'demo');
    const { status, body } = await statementOf(other, `from=${day(-80)}&to=${T}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ currencies: [], currency: null, openingBalance: 0, closingBalance: 0, entries: [] });
    const text = JSON.stringify(body);
    for (const n of Object.values(numbers)) expect(text).not.toContain(n);
    expect(text).not.toContain(user.companyId);
  });

  it('downloads as a PDF: 202 while the pdf Lambda renders it, one render asked for however often it is polled, then the link', async () => {
    const path = `/api/statement/pdf?currency=GBP&from=${day(-80)}&to=${T}`;
    const first = await pdfAnswer(user, path);
    expect(first).toEqual({ status: 202, body: { status: 'preparing', retryAfterSeconds: 2 }, retryAfter: '2' });
    // A client polling fast (a double click, an impatient script): still one event on the bus.
    for (let i = 0; i < 5; i++) expect([200, 202]).toContain((await pdfAnswer(user, path)).status);
    const link = await untilReady(() => pdfAnswer(user, path));
    expect(requestsFor(user.companyId)).toHaveLength(1);
    expect(requestsFor(user.companyId)[0]!.deliveries).toEqual([
      expect.objectContaining({ rule: 'render-statement-pdf', target: 'renderStatementPdf', ok: true }),
    ]);
    expect(requestsFor(user.companyId)[0]!.envelope.detail).toEqual({ tenantId: 'demo', companyId: user.companyId, currency: 'GBP', from: day(-80), to: T });

    expect(link.fileName).toBe(`Statement-GBP-${day(-80)}-to-${T}.pdf`);
    const file = await fetch(link.url);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await file.arrayBuffer()));
    for (const part of [
      'Statement of account',
      'Opening balance',
      '£50.00',
      'Closing balance',
      '£45.00',
      'ST-OVERDUE',
      'ST-CREDIT',
      'Online payment',
      'Over 90 days',
      // The statement's page on the portal, as every document PDF carries its own.
      `http://demo.localhost:${stack.port}/statement?currency=GBP&from=${day(-80)}&to=${T}`,
    ])
      expect(text).toContain(part);
    // The same statement is the same file, at once; the CRM's copy is the same statement.
    const again = await pdfAnswer(user, path);
    expect(again.status).toBe(200);
    expect(new URL((again.body as DownloadLink).url).pathname).toBe(new URL(link.url).pathname);
    const admin = await crm()('GET', `/api/admin/companies/${user.companyId}/statement/pdf?currency=GBP&from=${day(-80)}&to=${T}`);
    expect(admin.status).toBe(200);
    expect(new URL(admin.body.url).pathname).toBe(new URL(link.url).pathname);
    expect(requestsFor(user.companyId)).toHaveLength(1);
  });

  it('asks for the render again once the last request is a minute old (a render that failed), not before', async () => {
    const query = `currency=GBP&from=${day(-30)}&to=${T}`;
    const path = `/api/statement/pdf?${query}`;
    const before = requestsFor(user.companyId).length;
    await untilReady(() => pdfAnswer(user, path));
    expect(requestsFor(user.companyId)).toHaveLength(before + 1);
    // As if that render had failed: no file, and the marker of the request still fresh.
    const view = (await statementOf(user, query)).body;
    const key = statementPdfKey('demo', view, statementLook(await tenantRepository.get('demo'), view));
    expect(await fileInfo(key)).toBeDefined();
    await deleteFile(key);
    expect((await pdfAnswer(user, path)).status).toBe(202);
    await stack.bus.idle();
    expect(requestsFor(user.companyId)).toHaveLength(before + 1);
    // A minute later the next poll asks again, and the PDF comes.
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: `TENANT#demo#RENDER#${key}`, sk: 'RENDER' },
        UpdateExpression: 'SET requestedAt = :then',
        ExpressionAttributeValues: { ':then': Date.now() - RENDER_REQUEST_SECONDS * 1000 - 1 },
      }),
    );
    const link = await untilReady(() => pdfAnswer(user, path));
    expect(requestsFor(user.companyId)).toHaveLength(before + 2);
    expect(new URL(link.url).pathname).toContain(key);
  });

  it('prints a company name in Greek, Arabic or Chinese as itself (the CRM asking for it through the admin route)', async () => {
    for (const name of ['Αθηναϊκή Εμπορική Α.Ε.', 'شركة النور للتجارة', '上海明亮印刷有限公司']) {
      const companyId = docId('co');
      await companyRepository.create({ tenantId: 'demo', companyId, name, kind: 'customer', allowPortal: true, portalDiscountBps: 0 });
      const body = documentBody('invoice', companyId, {
        number: `ST-${companyId}`,
        lineInputs: [{ description: 'Signage', quantity: 1, unitPrice: 2_500, taxRateBps: 0 }],
        issueDate: day(-2),
        notifyContact: false,
      });
      expect((await publish(stack, 'demo', 'invoice', docId('inv'), body)).status).toBe(201);
      const path = `/api/admin/companies/${companyId}/statement/pdf?from=${day(-10)}&to=${T}`;
      const ask = async () => {
        const res = await crm()('GET', path);
        return { status: res.status, body: res.body as StatementPdfReply, retryAfter: res.headers.get('retry-after') };
      };
      const first = await ask();
      expect(first).toEqual({ status: 202, body: { status: 'preparing', retryAfterSeconds: 2 }, retryAfter: '2' });
      const link = await untilReady(ask);
      const pdf = await readPdf(new Uint8Array(await (await fetch(link.url)).arrayBuffer()));
      expect(pdf.pages[0]!.split('\n')).toContain(name);
      expect(pdf.pages[0]).toContain(`ST-${companyId}`);
      expect(requestsFor(companyId)).toHaveLength(1);
    }
  });

  it('refuses a period that ends before it starts or is longer than a year, naming the field', async () => {
    const backwards = await statementOf(user, `from=${T}&to=${day(-1)}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.map((e) => e.name)).toEqual(['query.to']);
    const long = await statementOf(user, `from=${day(-366)}&to=${T}`);
    expect(long.status).toBe(400);
    expect(long.body.errors?.map((e) => e.name)).toEqual(['query.from']);
    const unknown = await statementOf(user, 'currency=ABC');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((e) => e.name)).toEqual(['query.currency']);
  });
});

describe('invoices published before the ledger', () => {
  it('are entered by the backfill, whole, once, and meanwhile by their next write', async () => {
    const user = await activePortalUser(stack, 'demo');
    // Stored as the repository stored invoices before the ledger: no ledger items, no `ledgered`.
    const legacy = (n: number, paid: number) => {
      const body = documentBody('invoice', user.companyId, {
        number: `LEGACY-${n}`,
        lineInputs: [{ description: 'Signage', quantity: 1, unitPrice: 8_000, taxRateBps: 0 }],
        issueDate: day(-50),
        dueDate: day(-20),
        amountPaid: paid,
      });
      return { id: docId('legacy'), body };
    };
    const [a, b] = [legacy(1, 3_000), legacy(2, 0)];
    await batchWrite([a, b].map((d) => publishedItem('demo', 'invoice', d.id, d.body, new Date().toISOString())));
    expect((await statementOf(user, `from=${day(-60)}&to=${T}`)).body.entries).toEqual([]);

    // The next write of one enters it whole: its total on its issue date, what was paid today.
    expect((await publish(stack, 'demo', 'invoice', b.id, { ...b.body, notes: 'Reminder sent' })).status).toBe(200);
    expect((await statementOf(user, `from=${day(-60)}&to=${T}`)).body.closingBalance).toBe(8_000);

    const run = async () => {
      const out: string[] = [];
      const code = await runCli(['backfill-ledger', '--tenant-id', 'demo', '--company', user.companyId, '--table', stack.tableName], {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      return { code, out: out.join('\n') };
    };
    expect(await run()).toEqual({ code: 0, out: `${user.companyId}: 1 of 2 invoices entered into the ledger` });
    const after = (await statementOf(user, `from=${day(-60)}&to=${T}`)).body;
    expect(after.entries.map((e) => [e.date, e.kind, e.number, e.amount])).toEqual(
      expect.arrayContaining([
        [day(-50), 'invoice', 'LEGACY-1', 8_000],
        [T, 'payment', 'LEGACY-1', -3_000],
        [day(-50), 'invoice', 'LEGACY-2', 8_000],
      ]),
    );
    expect(after.entries).toHaveLength(3);
    expect(after.closingBalance).toBe(13_000);
    expect(after.aging.days1to30).toBe(13_000);
    // Again: nothing left to enter, nothing counted twice.
    expect(await run()).toEqual({ code: 0, out: `${user.companyId}: 0 of 2 invoices entered into the ledger` });
    expect((await statementOf(user, `from=${day(-60)}&to=${T}`)).body.closingBalance).toBe(13_000);
  });
});
