import { randomUUID } from 'node:crypto';
import type { PaymentSettingsView } from '../../shared/api/payments';
import { paymentRepository } from '../../functions/payments/paymentRepository';
import { adminClient } from '../support/adminApi';
import { documentBody, publish } from '../support/documents';
import { mailTo, waitForMail } from '../support/mailbox';
import { activePortalUser, CookieJar, jsonRequest, PASSWORD, type SignedInUser } from '../support/portalAccess';
import { adminInvoice, demoAccount, invoiceOf, outstandingInvoice, payCheckout, paymentsOf, sessionIdOf, startPayment } from '../support/payments';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Paying an invoice from the portal: amounts from the table, refusals that name the
 * field or say why, one open checkout per invoice whatever the clicks and the races, the
 * tenant's and the company's settings, and what the customer and staff are told.
 */
jest.setTimeout(60_000);

let stack: TestStack;
const crm = (slug = 'demo') => adminClient(stack, slug);
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const settled = async () => {
  await stack.stripe.idle();
  await stack.bus.idle();
};

/** A tenant of the test's own with payments set as given (tests that flip settings leave demo alone). */
async function tenantWithPayments(settings: Record<string, unknown>): Promise<{ slug: string; user: SignedInUser }> {
  const { createTenant } = await import('../support/portalAccess');
  const slug = await createTenant({ modules: ['invoices'] });
  const { demoApiKey } = await import('../../infra/local/seed');
  const { apiKeyRepository } = await import('../../functions/identity/apiKeyRepository');
  const { hashSecret } = await import('../../functions/identity/apiKeyCredentials');
  const key = demoApiKey(slug);
  await apiKeyRepository.create({ tenantId: slug, keyId: key.keyId, name: 'test CRM', scopes: ['admin'], secretHash: hashSecret(key.secret) });
  const put = await crm(slug)('PUT', '/api/admin/payment-settings', settings);
  expect(put.status).toBe(200);
  return { slug, user: await activePortalUser(stack, slug) };
}

/** A second portal login at the user's company, made as the CRM makes one (contact, invitation, acceptance). */
async function colleagueOf(user: SignedInUser): Promise<SignedInUser> {
  const email = `colleague-${randomUUID()}@example.com`;
  const contact = await crm()('POST', '/api/admin/contacts', { companyId: user.companyId, firstName: 'Sam', lastName: 'Colleague', email });
  await crm()('POST', `/api/admin/contacts/${contact.body.contactId}/portal-login`, { teams: ['customer-portal-users'] });
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec((await waitForMail(stack, email)).body.text ?? '')![1]!;
  const accepted = await stack.api('demo', `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: PASSWORD }));
  expect(accepted.status).toBe(200);
  return { ...user, userId: contact.body.contactId, email, token, jar: new CookieJar().take(accepted) };
}

describe('paying an invoice', () => {
  it('pays the balance through the local checkout: the invoice is paid, the payer gets a receipt, staff named for it are told', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 12_000);
    const invoice = await invoiceOf(stack, user, id);
    expect(invoice.actions).toContain('pay');
    expect(invoice.paymentStatus).toBe('unpaid');
    const staffInbox = `payments-${randomUUID().slice(0, 8)}@demo.example`;
    const current = (await crm()('GET', '/api/admin/notifications')).body;
    await crm()('PUT', '/api/admin/notifications', { teams: current.teams, rules: { ...current.rules, 'payment.succeeded': [{ staffEmail: staffInbox }] } });

    const started = await startPayment(stack, user, id);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      amount: 12_000,
      currency: 'GBP',
      checkoutUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/),
    });
    // The checkout shows the amount from the table and returns to the invoice page.
    const page = await (await fetch(started.body.checkoutUrl)).text();
    expect(page).toContain('£120.00');
    const session = (await fetch(`${stack.stripe.endpoint}/v1/checkout/sessions/${sessionIdOf(started.body.checkoutUrl)}`, {
      headers: { authorization: `Bearer ${stack.payments.secretKey}`, 'stripe-account': demoAccount(stack) },
    }).then((r) => r.json())) as Record<string, any>;
    expect(session).toMatchObject({
      amount_total: 12_000,
      currency: 'gbp',
      customer_email: user.email,
      success_url: `http://demo.localhost:${stack.port}/invoices/${id}?payment=${started.body.paymentId}`,
      metadata: { portico_tenant: 'demo', portico_invoice: id, portico_version: '1', portico_payment: started.body.paymentId },
    });

    expect((await payCheckout(stack, started.body.checkoutUrl)).outcome).toBe('succeeded');
    await settled();
    const paid = await invoiceOf(stack, user, id);
    expect(paid).toMatchObject({ balance: 0, state: 'paid', portalPaid: 12_000, paymentStatus: 'paid' });
    expect(paid.actions).not.toContain('pay');
    expect((await paymentsOf(stack, user, id)).items).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: 12_000, counted: 12_000, method: 'card', payer: 'Robin Tester' }),
    ]);
    // It left the outstanding list for the paid one.
    const paidList = await stack.api('demo', '/api/documents/invoice?status=paid', { headers: user.jar.headers() });
    expect(((await paidList.json()) as { items: Array<{ documentId: string }> }).items.map((d) => d.documentId)).toContain(id);

    const receipt = await waitForMail(stack, user.email);
    expect(receipt.subject).toBe(`Receipt: £120.00 paid to Brightline Print & Signs for invoice ${invoice.number}`);
    expect(receipt.body.text).toEqual(expect.stringContaining('paid in full'));
    expect(receipt.body.text).toEqual(expect.stringContaining('Payment reference: P-'));
    const staff = await waitForMail(stack, staffInbox);
    expect(staff.subject).toContain(`Payment received: £120.00 for invoice ${invoice.number}`);
    expect(staff.body.text).toEqual(expect.stringMatching(/Stripe charge ch_\w+, payment pi_\w+/));
    expect(staff.body.text).toEqual(expect.stringContaining('Barclays Business 20-45-77 43718820'));
  });

  it('pays part of an invoice above the minimum and shows what is left; then the rest', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 30_000);
    // The dashboard's outstanding balance is a running total the payment must move (one invoice, the user's company's own).
    const outstanding = async () => (await (await stack.api('demo', '/api/dashboard', { headers: user.jar.headers() })).json()).outstanding;
    expect(await outstanding()).toEqual([{ currency: expect.any(String), balance: 30_000, count: 1 }]);
    const part = await startPayment(stack, user, id, { amount: 10_000 });
    expect(part.status).toBe(201);
    await payCheckout(stack, part.body.checkoutUrl);
    await settled();
    expect(await outstanding()).toEqual([{ currency: expect.any(String), balance: 20_000, count: 1 }]);
    expect(await invoiceOf(stack, user, id)).toMatchObject({
      balance: 20_000,
      portalPaid: 10_000,
      state: 'outstanding',
      paymentStatus: 'partially-paid',
      actions: expect.arrayContaining(['pay']),
    });
    expect((await mailTo(stack, user.email)).at(-1)!.body.text).toEqual(expect.stringContaining('£200.00 is still to pay'));

    const rest = await startPayment(stack, user, id);
    expect(rest.body.amount).toBe(20_000);
    await payCheckout(stack, rest.body.checkoutUrl);
    await settled();
    expect(await invoiceOf(stack, user, id)).toMatchObject({ balance: 0, portalPaid: 30_000, state: 'paid' });
    expect(await outstanding()).toEqual([]);
    expect((await paymentsOf(stack, user, id)).items.map((p) => [p.kind, p.amount, p.status])).toEqual([
      ['part', 10_000, 'succeeded'],
      ['full', 20_000, 'succeeded'],
    ]);
  });

  it('keeps what the CRM says was paid elsewhere and what was paid online apart when the CRM publishes again', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = `inv-${randomUUID().slice(0, 8)}`;
    const body = documentBody('invoice', user.companyId, {
      lineInputs: [{ description: 'Work', quantity: 1, unitPrice: 50_000, taxRateBps: 0 }],
      notifyContact: false,
    });
    await publish(stack, 'demo', 'invoice', id, body);
    const started = await startPayment(stack, user, id, { amount: 20_000 });
    await payCheckout(stack, started.body.checkoutUrl);
    await settled();
    // The CRM records a cheque for 10,000 (paid outside Portico) and publishes again.
    await publish(stack, 'demo', 'invoice', id, { ...body, amountPaid: 10_000 });
    expect(await invoiceOf(stack, user, id)).toMatchObject({ amountPaid: 10_000, portalPaid: 20_000, balance: 20_000, version: 2 });
  });
});

describe('refusals', () => {
  it('more than the balance, zero and negative amounts: 422 naming body.amount; amounts come from the table', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 12_000);
    for (const amount of [12_001, 0, -500]) {
      const res = await startPayment(stack, user, id, { amount });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ name: 'body.amount', reason: expect.any(String) }]);
    }
    expect((await startPayment(stack, user, id, { amount: 12_001 })).body.errors![0]!.reason).toContain('£120.00');
    // Below the tenant's minimum part payment (demo: £10).
    const small = await startPayment(stack, user, id, { amount: 999 });
    expect(small.status).toBe(422);
    expect(small.body.errors![0]!.reason).toContain('£10.00');
    expect(await paymentRepository.listOfInvoice('demo', id)).toEqual([]);
  });

  it('a paid, a void and a withdrawn invoice: 409 saying why; another company’s invoice and an unknown one: 404', async () => {
    const user = await activePortalUser(stack, 'demo');
    const other = await activePortalUser(stack, 'demo');
    const paid = await outstandingInvoice(stack, user, 12_000, { status: 'paid', amountPaid: 12_000 });
    const voided = await outstandingInvoice(stack, user, 12_000, { status: 'void' });
    const withdrawn = await outstandingInvoice(stack, user, 12_000);
    expect((await crm()('POST', `/api/admin/documents/invoice/${withdrawn}/withdraw`, {})).status).toBe(200);
    const theirs = await outstandingInvoice(stack, other, 12_000);

    const paidRes = await startPayment(stack, user, paid);
    expect(paidRes.status).toBe(409);
    expect(paidRes.body.detail).toContain('already paid');
    expect((await startPayment(stack, user, voided)).body).toMatchObject({ status: 409, detail: expect.stringContaining('void') });
    expect((await startPayment(stack, user, withdrawn)).body).toMatchObject({ status: 409, detail: expect.stringContaining('withdrawn') });
    for (const res of [paidRes, await startPayment(stack, user, voided)]) expect(res.body.type).toMatch(/invoice-not-payable$/);
    expect((await startPayment(stack, user, theirs)).status).toBe(404);
    expect((await startPayment(stack, user, 'inv-does-not-exist')).status).toBe(404);
    // Nor may they see its payments.
    expect((await stack.api('demo', `/api/documents/invoice/${theirs}/payments`, { headers: user.jar.headers() })).status).toBe(404);
  });

  it('payments switched off, not set up, a company with no methods, part payments not offered: refused, and no Pay action', async () => {
    const off = await tenantWithPayments({ enabled: false, methods: ['card'] });
    const offInvoice = await outstandingInvoice(stack, off.user, 12_000);
    expect((await invoiceOf(stack, off.user, offInvoice)).actions).not.toContain('pay');
    expect((await startPayment(stack, off.user, offInvoice)).body).toMatchObject({ status: 409, type: expect.stringMatching(/payments-unavailable$/) });

    const whole = await tenantWithPayments({
      enabled: true,
      connectedAccountId: 'acct_1TestWholeOnly',
      methods: ['card'],
      partialPayments: { allowed: false },
    });
    const wholeInvoice = await outstandingInvoice(stack, whole.user, 12_000);
    const part = await startPayment(stack, whole.user, wholeInvoice, { amount: 5_000 });
    expect(part.status).toBe(422);
    expect(part.body.errors![0]).toMatchObject({ name: 'body.amount', reason: expect.stringContaining('paying part of an invoice is not offered') });
    expect((await startPayment(stack, whole.user, wholeInvoice)).status).toBe(201);

    // The company's own list: none of the tenant's methods → no online payment for it.
    expect((await crm(whole.slug)('PATCH', `/api/admin/companies/${whole.user.companyId}`, { paymentMethods: [] })).body.paymentMethods).toEqual([]);
    const blocked = await outstandingInvoice(stack, whole.user, 12_000);
    expect((await invoiceOf(stack, whole.user, blocked)).actions).not.toContain('pay');
    expect((await startPayment(stack, whole.user, blocked)).body).toMatchObject({
      status: 409,
      detail: expect.stringContaining('not offered to your company'),
    });
    // Back to the tenant's list.
    expect((await crm(whole.slug)('PATCH', `/api/admin/companies/${whole.user.companyId}`, { paymentMethods: null })).status).toBe(200);
    expect((await invoiceOf(stack, whole.user, blocked)).actions).toContain('pay');
  });
});

describe('one checkout at a time', () => {
  it('a double click (and five requests at once) gets one payment and one session', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 12_000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => startPayment(stack, user, id)));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((a) => a.body.paymentId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.checkoutUrl)).size).toBe(1);
    expect(await paymentRepository.listOfInvoice('demo', id)).toHaveLength(1);
    expect(stack.stripe.events().filter((e) => e.type === 'checkout.session.expired')).toHaveLength(0);
  });

  it('a second payer closes the first one’s checkout, so the invoice cannot be paid twice', async () => {
    const first = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, first, 12_000);
    const second = await colleagueOf(first);

    const a = await startPayment(stack, first, id);
    const b = await startPayment(stack, second, id);
    expect(b.status).toBe(201);
    expect(b.body.paymentId).not.toBe(a.body.paymentId);
    await settled();
    // The first checkout no longer takes money.
    const late = await payCheckout(stack, a.body.checkoutUrl);
    expect(late.outcome).toBe('not_open');
    await payCheckout(stack, b.body.checkoutUrl);
    await settled();
    expect(await invoiceOf(stack, first, id)).toMatchObject({ balance: 0, portalPaid: 12_000 });
    const statuses = (await paymentsOf(stack, first, id)).items.map((p) => p.status);
    expect(statuses.sort()).toEqual(['expired', 'succeeded']);
  });

  it('a direct-link recipient pays their one invoice and returns to their link', async () => {
    const user = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, user, 12_000);
    const link = await crm()('POST', `/api/admin/documents/invoice/${id}/direct-links`, { contactId: user.userId, send: false });
    const token = /\/d\/([A-Za-z0-9_-]{43})/.exec(link.body.url)![1]!;
    const opened = await stack.api('demo', `/api/direct/${token}/session`, jsonRequest('POST', {}));
    expect(opened.status).toBe(200);
    const visitor = { ...user, jar: new CookieJar().take(opened) };
    expect((await invoiceOf(stack, visitor, id)).actions).toContain('pay');
    // A site loaded before the change still sends its link page: it is ignored.
    const started = await startPayment(stack, visitor, id, { returnPath: `/d/${token}` });
    expect(started.status).toBe(201);
    const session = (await fetch(`${stack.stripe.endpoint}/v1/checkout/sessions/${sessionIdOf(started.body.checkoutUrl)}`, {
      headers: { authorization: `Bearer ${stack.payments.secretKey}`, 'stripe-account': demoAccount(stack) },
    }).then((r) => r.json())) as { success_url: string; cancel_url: string };
    // Nothing that opens the document goes to Stripe: the visitor returns to /d, which their link session opens.
    const site = `http://demo.localhost:${stack.port}`;
    expect(session.success_url).toBe(`${site}/d?payment=${started.body.paymentId}`);
    expect(session.cancel_url).toBe(`${site}/d?payment=${started.body.paymentId}&cancelled=1`);
    expect(JSON.stringify(session)).not.toContain(token);
    const back = await stack.api('demo', new URL(session.success_url).pathname + new URL(session.success_url).search, { headers: visitor.jar.headers() });
    expect([back.status, back.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
    const me = await stack.api('demo', '/api/me', { headers: visitor.jar.headers() });
    expect(((await me.json()) as { directLink?: unknown }).directLink).toMatchObject({ type: 'invoice', documentId: id });
    // Without the session, the return address opens nothing.
    expect((await stack.api('demo', '/api/me')).status).toBe(401);
    // Their link opens this invoice only.
    const otherInvoice = await outstandingInvoice(stack, user, 12_000);
    expect((await startPayment(stack, visitor, otherInvoice)).status).toBe(404);
  });
});

describe('payment settings', () => {
  it('are checked with Stripe when saved: an account not connected, or a method not active on it, is a 422 naming the field, and nothing changes', async () => {
    const fresh = await tenantWithPayments({ enabled: false, methods: ['card'] });
    const save = (body: Record<string, unknown>) => crm(fresh.slug)('PUT', '/api/admin/payment-settings', body);
    // The stand-in's test ids (infra/local/standins/stripe/accounts.ts), as test card numbers choose an outcome.
    const missing = await save({ enabled: true, connectedAccountId: 'acct_missing1', methods: ['card'] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ name: 'body.connectedAccountId', reason: 'is not a Stripe account connected to this platform' }]);
    const notActive = await save({ enabled: true, connectedAccountId: 'acct_cardonly1', methods: ['card', 'link', 'sepa_debit'] });
    expect(notActive.status).toBe(422);
    expect(notActive.body.errors).toEqual([
      { name: 'body.methods.1', reason: 'is not active on Stripe account acct_cardonly1' },
      { name: 'body.methods.2', reason: 'is not active on Stripe account acct_cardonly1' },
    ]);
    expect((await crm(fresh.slug)('GET', '/api/admin/payment-settings')).body).toMatchObject({ enabled: false, methods: ['card'] });
    expect((await crm(fresh.slug)('GET', '/api/admin/payment-settings')).body.connectedAccountId).toBeUndefined();
    const cardOnly = await save({ enabled: true, connectedAccountId: 'acct_cardonly1', methods: ['card'] });
    expect(cardOnly.status).toBe(200);
    expect(cardOnly.body).toMatchObject({ enabled: true, connectedAccountId: 'acct_cardonly1', methods: ['card'] });
  });

  it('are off until set; switching on needs a connected account; staff and the CRM see the reconciliation fields', async () => {
    const fresh = await tenantWithPayments({ enabled: false, methods: ['card'] });
    const read = await crm(fresh.slug)('GET', '/api/admin/payment-settings');
    expect(read.body).toMatchObject({ enabled: false, configured: true, methods: ['card'] } satisfies Partial<PaymentSettingsView>);
    const noAccount = await crm(fresh.slug)('PUT', '/api/admin/payment-settings', { enabled: true, methods: ['card'] });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body.errors).toEqual([{ name: 'body.connectedAccountId', reason: 'is needed to switch payments on' }]);
    const on = await crm(fresh.slug)('PUT', '/api/admin/payment-settings', {
      enabled: true,
      connectedAccountId: 'acct_1FreshTenant',
      methods: ['link', 'card', 'card'],
      partialPayments: { allowed: true, minimums: { GBP: 2_500 } },
      bankAccounts: { card: 'Lloyds 30-00-00 1234', sepa_debit: 'not offered' },
    });
    expect(on.body).toMatchObject({
      enabled: true,
      connectedAccountId: 'acct_1FreshTenant',
      methods: ['card', 'link'],
      partialPayments: { allowed: true, minimums: { GBP: 2_500 } },
      bankAccounts: { card: 'Lloyds 30-00-00 1234' },
    });
    // Audited with the fields that changed; the same settings again change nothing.
    const { auditRepository } = await import('../../functions/audit/auditRepository');
    const trail = await auditRepository.listBySubject(fresh.slug, `tenant:${fresh.slug}`);
    expect(trail.filter((a) => a.action === 'payment-settings.changed').map((a) => (a.details as { fields: string[] }).fields)).toEqual([
      ['bankAccounts', 'connectedAccountId', 'enabled', 'methods', 'partialPayments'],
      ['created'],
    ]);
    expect(
      (
        await crm(fresh.slug)('PUT', '/api/admin/payment-settings', {
          enabled: true,
          connectedAccountId: 'acct_1FreshTenant',
          methods: ['card', 'link'],
          partialPayments: { allowed: true, minimums: { GBP: 2_500 } },
          bankAccounts: { card: 'Lloyds 30-00-00 1234' },
        })
      ).body.updatedAt,
    ).toBe(on.body.updatedAt);

    const demoUser = await activePortalUser(stack, 'demo');
    const id = await outstandingInvoice(stack, demoUser, 12_000);
    const started = await startPayment(stack, demoUser, id);
    await payCheckout(stack, started.body.checkoutUrl);
    await settled();
    const admin = await crm()('GET', `/api/admin/documents/invoice/${id}/payments`);
    expect(admin.body.items[0]).toMatchObject({
      status: 'succeeded',
      chargeId: expect.stringMatching(/^ch_/),
      fee: expect.any(Number),
      net: expect.any(Number),
      bankAccount: 'Barclays Business 20-45-77 43718820',
      payerContactId: demoUser.userId,
    });
    // The portal's view has no Stripe ids or fees.
    const portal = JSON.stringify(await paymentsOf(stack, demoUser, id));
    expect(portal).not.toMatch(/ch_|pi_|cs_test_|acct_|fee/);
    expect((await crm('acme')('GET', `/api/admin/documents/invoice/${id}/payments`)).status).toBe(404);
    expect((await adminInvoice(stack, 'demo', id)).portalPaid).toBe(12_000);
  });
});
