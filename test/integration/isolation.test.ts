import { routes, routeKey, type RouteDefinition } from '../../functions/routes';
import { COOKIES } from '../../shared/api/access';
import { DEMO_CLERK, DEMO_STAFF } from '../../infra/local/seed';
import { API_KEY_SCOPES } from '../../shared/api/access';
import { problemType } from '../../shared/problem';
import { apiKeyCaller, portalUserViaAdminApi, signIn, type Caller, type PortalUserFixture } from '../support/callers';
import { waitForMail } from '../support/mailbox';
import { requestWithHost, startTestStack, type TestStack } from '../support/stack';
import { cookieValue, resigned, tampered, withCookie } from '../support/tokens';
import { samplePath } from '../support/badInput';
import { randomUUID } from 'node:crypto';
import { documentBody, publish } from '../support/documents';
import { CookieJar, jsonRequest, PASSWORD } from '../support/portalAccess';
import Stripe from 'stripe';
import { cartRepository } from '../../functions/commerce/cart/cartRepository';

/**
 * The isolation suite, generated from the route table: every route is called by every
 * caller that must not get through — no credential, a forged or expired token, a
 * deactivated user, a user without the permission, a user of another company, a caller
 * of another tenant, a revoked key, the wrong kind of credential — with path ids and
 * bodies aimed at a victim in tenant `demo`. Each is refused (401/403/404), or, where the
 * caller may legitimately use the route on its own data, answers without a trace of the
 * victim; and the victim's records are unchanged at the end.
 */
jest.setTimeout(180_000);

let stack: TestStack;
let victim: PortalUserFixture;
let pendingInvitationToken: string;
let victimSnapshot: string;
/** The victim company's documents: one of each type an action route needs, all with this id. */
const VICTIM_DOC = `victim-doc-${randomUUID().slice(0, 8)}`;
const VICTIM_DOC_TYPES = ['quote', 'sales-order', 'job', 'invoice', 'purchase-order'] as const;
let victimNumber: string;
/** A product the victim's company alone sees (its name carries the victim's company name, a mark), with an image. Its id is the CRM's, which another tenant may use for its own. */
const VICTIM_PRODUCT = `victim-product-${randomUUID().slice(0, 8)}`;
const VICTIM_IMAGE = 'victim-image';
const attackerProduct = { sku: 'EVIL-1', name: 'Attacker product', taxRateBps: 0, prices: [{ currency: 'GBP', unitPrice: 1 }] };
/** A ZIP job of the victim's (their quote's PDF): only they may read it. */
let victimZip: string;
/** A Stripe event naming the victim's payment (webhook route's body). */
let victimPaymentEvent: Record<string, unknown>;
/** The victim's quote request, with one file. */
let victimRequest: { requestId: string; attachmentId: string };
const attackers: Record<string, Caller> = {};

interface Attempt {
  attacker: string;
  /**
   * Host the call is made on: a tenant's; `nowhere`, a host that names no tenant;
   * `demo+acme`, two Host headers (joined into one value); `api`, the API's own domain
   * (the gateway's address locally, execute-api in the cloud).
   */
  slug: 'demo' | 'acme' | 'nowhere' | 'demo+acme' | 'api';
}

/** A credential is used on its own tenant's host only: never on one naming no tenant, two at once, or the API's own domain. */
const hostAttempts = (attacker: string): Attempt[] => [
  { attacker, slug: 'nowhere' },
  { attacker, slug: 'demo+acme' },
  { attacker, slug: 'api' },
];

function hostOf(slug: Attempt['slug']): string | string[] {
  const tenant = (name: string) => `${name}.localhost:${stack.port}`;
  if (slug === 'demo+acme') return [tenant('demo'), tenant('acme')];
  return slug === 'api' ? `127.0.0.1:${stack.port}` : tenant(slug);
}

/** Path ids and a body that parse, so a caller who gets past authentication reaches the service. */
function validInput(route: RouteDefinition): { path: string; body?: unknown; query?: string } {
  const ids = {
    companyId: victim.companyId,
    contactId: victim.contactId,
    userId: victim.userId,
    teamId: 'customer-portal-users',
    keyId: 'localdemo1',
    token: pendingInvitationToken,
    type: 'quote',
    documentId: VICTIM_DOC,
    attachmentId: 'victim-artwork',
    linkId: 'victim-link',
    zipId: victimZip,
    productId: VICTIM_PRODUCT,
    imageId: VICTIM_IMAGE,
    templateId: 'default-quote-requested-staff',
  };
  // A request's routes name the victim's request and its file.
  const path = samplePath(
    route,
    route.path.includes('/requests/') ? { ...ids, requestId: victimRequest.requestId, attachmentId: victimRequest.attachmentId } : ids,
  );
  const bodies: Record<string, unknown> = {
    'POST /api/auth/invitations/{token}/accept': { password: 'Attacker-Pass-2026!' },
    'POST /api/auth/login': { email: victim.email, password: 'Correct-Horse-9-Battery!' },
    'POST /api/auth/forgot-password': { email: victim.email },
    'POST /api/auth/reset-password': { token: pendingInvitationToken, password: 'Attacker-Pass-2026!' },
    'POST /api/auth/staff/login': { email: DEMO_STAFF.email('demo'), password: DEMO_STAFF.password },
    'PATCH /api/me': { firstName: 'Hacked' },
    'PATCH /api/me/company': { phone: '+1 555 0100' },
    'POST /api/admin/companies': { name: 'Attacker Co', kind: 'customer' },
    'PATCH /api/admin/companies/{companyId}': { name: 'Hacked Co' },
    'POST /api/admin/contacts': { companyId: victim.companyId, firstName: 'Eve', lastName: 'Attacker', email: `eve-${randomUUID()}@example.com` },
    'PATCH /api/admin/contacts/{contactId}': { firstName: 'Hacked' },
    'POST /api/admin/contacts/{contactId}/portal-login': { teams: ['customer-portal-users'] },
    'PUT /api/admin/portal-users/{userId}/teams': { teams: ['customer-portal-supplier-users'] },
    'PATCH /api/admin/teams/{teamId}': { permissions: ['quotes:read'] },
    'PATCH /api/admin/settings': { name: 'Hacked Tenant' },
    'POST /api/admin/api-keys': { name: 'attacker key' },
    'PUT /api/admin/documents/{type}/{documentId}': documentBody('quote', victim.companyId, { number: 'HACKED-1' }),
    'POST /api/admin/documents/{type}/{documentId}/withdraw': {},
    'POST /api/admin/documents/{type}/{documentId}/messages': { body: 'Attacker reply' },
    'POST /api/admin/documents/{type}/{documentId}/uploads': { fileName: 'evil.pdf', contentType: 'application/pdf', size: 1000 },
    'POST /api/admin/documents/{type}/{documentId}/direct-links': { contactId: victim.contactId, send: false },
    'POST /api/admin/contacts/{contactId}/direct-links/revoke': {},
    'PUT /api/admin/notifications': { rules: { 'quote.accepted': [{ staffEmail: 'eve@example.com' }] } },
    'POST /api/documents/quote/{documentId}/accept': { purchaseOrderReference: 'EVE-1' },
    'POST /api/documents/quote/{documentId}/reject': { reason: 'Attacker says no' },
    'POST /api/documents/job/{documentId}/approve': { comment: 'Attacker approves' },
    'POST /api/documents/job/{documentId}/request-changes': { comment: 'Attacker wants changes' },
    'POST /api/documents/purchase-order/{documentId}/acknowledge': {},
    'POST /api/documents/purchase-order/{documentId}/propose-dates': { note: 'Attacker dates', lines: [{ line: 0, deliveryDate: '2030-01-01' }] },
    'POST /api/documents/purchase-order/{documentId}/bill-uploads': { fileName: 'evil.pdf', contentType: 'application/pdf', size: 1000 },
    'POST /api/documents/purchase-order/{documentId}/bills': { number: 'EVE-1', issueDate: '2026-01-01', amount: 100, uploadId: 'victim-upload' },
    'POST /api/documents/sales-order/{documentId}/sign': { signerName: 'Eve Attacker', pin: '1234' },
    'POST /api/documents/{type}/{documentId}/messages': { body: 'Attacker message' },
    'POST /api/documents/{type}/{documentId}/uploads': { fileName: 'evil.pdf', contentType: 'application/pdf', size: 1000 },
    'PUT /api/me/signing-pin': { pin: '1234', currentPassword: 'Correct-Horse-9-Battery!' },
    'POST /api/direct/{token}/session': {},
    'POST /api/documents/invoice/{documentId}/payments': {},
    'PUT /api/admin/payment-settings': { enabled: true, connectedAccountId: 'acct_1Attacker', methods: ['card'] },
    'POST /api/webhooks/stripe': victimPaymentEvent,
    'POST /api/document-zips/{type}': { documentIds: [VICTIM_DOC] },
    'PUT /api/cart/lines/{productId}': { quantity: 7 },
    'POST /api/orders': { clientOrderId: 'attacker-order', cartVersion: 1, expectedTotal: 1200 },
    'PUT /api/admin/products/{productId}': attackerProduct,
    'POST /api/admin/products/batch': { products: [{ productId: VICTIM_PRODUCT, product: attackerProduct }] },
    'POST /api/admin/products/{productId}/images': { fileName: 'evil.png', contentType: 'image/png', size: 1000 },
    'PUT /api/admin/catalogue/settings': {
      placeOrders: false,
      quoteRequests: false,
      pricesHidden: true,
      stockDisplay: 'none',
      showIncoming: false,
      blanketDiscountBps: 10_000,
      enforceStock: true,
      currency: 'EUR',
    },
    'PUT /api/admin/companies/{companyId}/catalogue': { pricesHidden: true },
    'PUT /api/admin/contacts/{contactId}/catalogue': { access: false },
    'POST /api/requests/uploads': { fileName: 'evil.pdf', contentType: 'application/pdf', size: 1000 },
    'POST /api/requests': {
      kind: 'quote',
      clientRequestId: 'victim-click',
      title: 'Attacker',
      description: 'Attacker',
      attachmentIds: [victimRequest.attachmentId],
    },
    'POST /api/cart/quote-request': { clientRequestId: 'attacker-click', cartVersion: 0 },
    'POST /api/admin/requests/{requestId}/decline': { reason: 'Attacker declines' },
    'PUT /api/admin/notification-templates/{templateId}': {
      name: 'Attacker',
      event: 'quote.requested',
      audience: 'staff',
      subject: 'Attacker {{request.title}}',
      body: 'Attacker',
    },
    'POST /api/admin/notification-templates/preview': { event: 'quote.requested', templateId: 'default-quote-requested-staff' },
  };
  const query: Record<string, string> = {
    'GET /api/admin/audit': `companyId=${victim.companyId}`,
    'GET /api/admin/portal-users': `companyId=${victim.companyId}`,
    'GET /api/admin/requests': `companyId=${victim.companyId}`,
  };
  const key = routeKey(route);
  return { path, body: bodies[key], query: query[key] };
}

/** Who must not get through, by the route's caller kind. */
function attemptsFor(route: RouteDefinition): Attempt[] {
  const common: Attempt[] = [{ attacker: 'nobody', slug: 'demo' }];
  switch (route.caller) {
    case 'portal':
      return [
        ...common,
        { attacker: 'forged portal token', slug: 'demo' },
        { attacker: 'expired portal token', slug: 'demo' },
        { attacker: 'deactivated user', slug: 'demo' },
        { attacker: 'acme user on demo host', slug: 'demo' },
        { attacker: 'demo CRM key', slug: 'demo' },
        { attacker: 'demo staff', slug: 'demo' },
        ...(route.permission ? [{ attacker: 'user without permissions', slug: 'demo' } as Attempt] : []),
        { attacker: 'user of another company', slug: 'demo' },
        // A direct link to another document of the victim's own company: no other route, no other
        // document. (GET /api/me answers such a visitor about themselves, the link's own recipient.)
        ...(route.path === '/api/me' ? [] : [{ attacker: 'direct link to a sibling document', slug: 'demo' } as Attempt]),
        ...hostAttempts('victim portal user'),
        { attacker: 'direct link to a sibling document', slug: 'nowhere' },
      ];
    case 'staff':
    case 'staff-or-api-key':
    case 'api-key':
      return [
        ...common,
        { attacker: 'forged staff token', slug: 'demo' },
        { attacker: 'expired staff token', slug: 'demo' },
        { attacker: 'victim portal user', slug: 'demo' },
        { attacker: 'acme CRM key', slug: 'demo' },
        { attacker: 'acme CRM key', slug: 'acme' },
        { attacker: 'acme staff', slug: 'acme' },
        { attacker: 'revoked demo key', slug: 'demo' },
        { attacker: 'direct link to a sibling document', slug: 'demo' },
        ...(route.caller === 'staff' ? [{ attacker: 'demo CRM key', slug: 'demo' } as Attempt] : []),
        ...hostAttempts('demo CRM key'),
        ...hostAttempts('demo staff'),
        // On the API's own domain no key is honoured, as in the cloud.
        { attacker: 'acme CRM key', slug: 'api' },
      ];
    case 'webhook':
      // The signature is the credential: none, a forged one, and a genuine one of another tenant's account naming the victim's payment.
      return [
        { attacker: 'unsigned Stripe event', slug: 'demo' },
        { attacker: 'Stripe event with a forged signature', slug: 'demo' },
        { attacker: "Stripe event signed for acme's account", slug: 'demo' },
        { attacker: "Stripe event signed for acme's account", slug: 'demo+acme' },
      ];
    default:
      // Public routes are bound to the Host's tenant: demo's links, users and sessions used on acme's host.
      return [
        { attacker: 'victim session on acme host', slug: 'acme' },
        { attacker: 'victim session on acme host', slug: 'demo+acme' },
      ];
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  const demoKey = apiKeyCaller('demo').headers;
  const call = (slug: string, method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    stack.api(slug, path, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  victim = await portalUserViaAdminApi(stack, 'demo', { companyName: `Victim ${randomUUID()}` });
  const sameCompanyEmail = `pending-${randomUUID()}@example.com`;
  const pending = await (
    await call('demo', 'POST', '/api/admin/contacts', demoKey, {
      companyId: victim.companyId,
      firstName: 'Pending',
      lastName: 'Person',
      email: sameCompanyEmail,
    })
  ).json();
  await call('demo', 'POST', `/api/admin/contacts/${pending.contactId}/portal-login`, demoKey, { teams: ['customer-portal-users'] });
  pendingInvitationToken = /\/invitation\/([A-Za-z0-9_-]{43})/.exec((await waitForMail(stack, sameCompanyEmail)).body.text ?? '')![1]!;

  for (const type of VICTIM_DOC_TYPES) {
    const body = documentBody(type, victim.companyId, {
      contactId: victim.contactId,
      ...(type === 'job' ? { status: 'awaiting-approval', approvalRequired: true } : {}),
      attachments: [
        {
          attachmentId: 'victim-artwork',
          name: 'artwork.pdf',
          contentType: 'application/pdf',
          size: 2048,
          url: 'https://crm.example.com/files/victim-artwork.pdf',
          proof: true,
        },
      ],
    });
    victimNumber = body.number;
    expect((await publish(stack, 'demo', type, VICTIM_DOC, body)).status).toBe(201);
  }

  // A product listed for the victim's company alone.
  const victimProduct = await call('demo', 'PUT', `/api/admin/products/${VICTIM_PRODUCT}`, demoKey, {
    sku: `VICTIM-${VICTIM_PRODUCT}`,
    name: `For ${victim.companyName}`,
    taxRateBps: 2000,
    prices: [{ currency: 'GBP', unitPrice: 4321 }],
    images: [{ imageId: VICTIM_IMAGE, alt: victim.companyName }],
    visibility: 'listed-companies',
    visibleTo: [victim.companyId],
  });
  expect(victimProduct.status).toBe(201);

  // The victim opens their quote: its view log names them, so a leak of it would show, and an attacker's view would change it.
  expect((await call('demo', 'GET', `/api/documents/quote/${VICTIM_DOC}`, victim.caller.headers)).status).toBe(200);

  // A sibling quote of the victim's company, and a direct link to it for the victim's contact.
  const sibling = `sibling-${randomUUID().slice(0, 8)}`;
  expect((await publish(stack, 'demo', 'quote', sibling, documentBody('quote', victim.companyId, { contactId: victim.contactId }))).status).toBe(201);
  const link = await (
    await call('demo', 'POST', `/api/admin/documents/quote/${sibling}/direct-links`, demoKey, { contactId: victim.contactId, send: false })
  ).json();
  const token = /\/d\/([A-Za-z0-9_-]{43})$/.exec(link.url)![1]!;
  const opened = await stack.api('demo', `/api/direct/${token}/session`, jsonRequest('POST', {}));
  expect(opened.status).toBe(200);
  const linkJar = new CookieJar().take(opened);

  // Another company's user who is a supplier too, so the purchase-order actions reach the service (and must answer 404).
  const teams = (await (await call('demo', 'GET', '/api/admin/teams', demoKey)).json()) as { items: Array<{ teamId: string; permissions: string[] }> };
  const customers = teams.items.find((t) => t.teamId === 'customer-portal-users')!;
  const supplierPermissions = ['purchase-orders:read', 'purchase-orders:acknowledge'];
  expect(
    (await call('demo', 'PATCH', '/api/admin/teams/customer-portal-users', demoKey, { permissions: [...customers.permissions, ...supplierPermissions] }))
      .status,
  ).toBe(200);
  const otherCompany = await portalUserViaAdminApi(stack, 'demo', { moduleOverrides: { 'purchase-orders': true } });
  const acmeUser = await portalUserViaAdminApi(stack, 'acme');
  // A team with a single permission, none of the routes': its members hold none they need.
  await call('demo', 'PATCH', '/api/admin/teams/customer-portal-supplier-users', demoKey, { permissions: ['supplier-bills:read'] });
  const unprivileged = await portalUserViaAdminApi(stack, 'demo', { teams: ['customer-portal-supplier-users'] });
  const deactivated = await portalUserViaAdminApi(stack, 'demo');
  expect((await call('demo', 'POST', `/api/admin/portal-users/${deactivated.userId}/deactivate`, demoKey)).status).toBe(200);

  const demoStaff = await signIn(stack, 'demo', DEMO_STAFF.email('demo'), DEMO_STAFF.password, 'staff');
  const acmeStaff = await signIn(stack, 'acme', DEMO_STAFF.email('acme'), DEMO_STAFF.password, 'staff');
  const created = await (await call('demo', 'POST', '/api/admin/api-keys', demoStaff.headers, { name: 'to revoke' })).json();
  expect((await call('demo', 'DELETE', `/api/admin/api-keys/${created.keyId}`, demoStaff.headers)).status).toBe(204);

  const victimCookie = victim.caller.headers.cookie!;
  const victimToken = cookieValue(victimCookie, COOKIES.portal.idToken);
  const staffCookie = demoStaff.headers.cookie!;
  const staffToken = cookieValue(staffCookie, COOKIES.staff.idToken);
  const past = Math.floor(Date.now() / 1000) - 3600;
  const withPortalToken = (token: string) => ({ ...victim.caller.headers, cookie: withCookie(victimCookie, COOKIES.portal.idToken, token) });
  const withStaffToken = (token: string) => ({ ...demoStaff.headers, cookie: withCookie(staffCookie, COOKIES.staff.idToken, token) });

  Object.assign(attackers, {
    nobody: { label: 'no credential', headers: {} },
    'forged portal token': { label: 'forged', headers: withPortalToken(tampered(victimToken, { 'custom:tenantId': 'acme' })) },
    'expired portal token': { label: 'expired', headers: withPortalToken(resigned(victimToken, { iat: past - 3600, exp: past })) },
    'deactivated user': deactivated.caller,
    'acme user on demo host': acmeUser.caller,
    'demo CRM key': apiKeyCaller('demo'),
    'demo staff': demoStaff,
    'user without permissions': unprivileged.caller,
    'user of another company': otherCompany.caller,
    'forged staff token': { label: 'forged staff', headers: withStaffToken(tampered(staffToken, { 'cognito:username': `demo.${randomUUID()}` })) },
    'expired staff token': { label: 'expired staff', headers: withStaffToken(resigned(staffToken, { iat: past - 3600, exp: past })) },
    'victim portal user': victim.caller,
    'acme CRM key': apiKeyCaller('acme'),
    'acme staff': acmeStaff,
    'revoked demo key': { label: 'revoked', headers: { authorization: `Bearer ${created.key}` } },
    'victim session on acme host': victim.caller,
    'direct link to a sibling document': { label: 'direct link', headers: linkJar.headers() },
  });

  // The victim pays their invoice (a checkout is open); a Stripe event naming that payment comes from acme's account.
  const started = await (await call('demo', 'POST', `/api/documents/invoice/${VICTIM_DOC}/payments`, victim.caller.headers, {})).json();
  expect(started.paymentId).toBeDefined();
  victimPaymentEvent = {
    id: 'evt_isolation_attack',
    object: 'event',
    type: 'checkout.session.completed',
    account: stack.payments.demoAccounts.acme,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: 'cs_test_attack',
        object: 'checkout.session',
        payment_status: 'paid',
        amount_total: 1,
        currency: 'gbp',
        payment_intent: null,
        metadata: { portico_tenant: 'demo', portico_invoice: VICTIM_DOC, portico_payment: started.paymentId },
      },
    },
  };
  const payload = JSON.stringify(victimPaymentEvent);
  Object.assign(attackers, {
    'unsigned Stripe event': { label: 'unsigned', headers: {} },
    'Stripe event with a forged signature': {
      label: 'forged Stripe signature',
      headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_attackers_guess' }) },
    },
    "Stripe event signed for acme's account": {
      label: 'acme account',
      headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: stack.payments.webhookSecret }) },
    },
  });
  // The victim puts their product in their cart (the snapshot holds the cart as the table does).
  expect((await call('demo', 'PUT', `/api/cart/lines/${VICTIM_PRODUCT}`, victim.caller.headers, { quantity: 1 })).status).toBe(200);
  // The victim zips their quote's PDF (its view is logged before the snapshot).
  const zip = await call('demo', 'POST', '/api/document-zips/quote', victim.caller.headers, { documentIds: [VICTIM_DOC] });
  expect(zip.status).toBe(202);
  victimZip = (await zip.json()).zipId;
  // The victim asks for a quote, with a file.
  const file = new TextEncoder().encode('victim brief');
  const ticket = await (
    await call('demo', 'POST', '/api/requests/uploads', victim.caller.headers, { fileName: 'brief.txt', contentType: 'text/plain', size: file.length })
  ).json();
  expect((await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: file })).status).toBe(200);
  const request = await call('demo', 'POST', '/api/requests', victim.caller.headers, {
    kind: 'quote',
    clientRequestId: 'victim-click',
    title: 'Victim request',
    description: 'Victim brief',
    attachmentIds: [ticket.attachmentId],
  });
  expect(request.status).toBe(201);
  victimRequest = { requestId: (await request.json()).requestId, attachmentId: ticket.attachmentId };
  await stack.bus.idle();
  victimSnapshot = await snapshot();
});
afterAll(() => stack?.stop());

/** The victim's records as demo's own CRM sees them. */
async function snapshot(): Promise<string> {
  const key = apiKeyCaller('demo').headers;
  const read = async (path: string) => {
    const body = await (await stack.api('demo', path, { headers: key })).json();
    delete body.lastSignInAt; // the victim's own sign-ins are not an attack
    return body;
  };
  return JSON.stringify([
    await read(`/api/admin/companies/${victim.companyId}`),
    await read(`/api/admin/contacts/${victim.contactId}`),
    await read(`/api/admin/portal-users/${victim.userId}`),
    ...(await Promise.all(VICTIM_DOC_TYPES.map((type) => read(`/api/admin/documents/${type}/${VICTIM_DOC}`)))),
    await read(`/api/admin/documents/quote/${VICTIM_DOC}/messages`),
    await read(`/api/admin/documents/quote/${VICTIM_DOC}/views`),
    await read(`/api/admin/documents/invoice/${VICTIM_DOC}/payments`),
    await read('/api/admin/payment-settings'),
    await cartRepository.get('demo', victim.companyId, victim.userId),
    await read(`/api/admin/products/${VICTIM_PRODUCT}`),
    await read('/api/admin/catalogue/settings'),
    await read(`/api/admin/requests/${victimRequest.requestId}`),
  ]);
}

const victimMarks = () => [victim.email, victim.companyName, victim.companyId, victimNumber, VICTIM_DOC, victimRequest.requestId];

const table = routes.flatMap((route) =>
  attemptsFor(route as RouteDefinition).map((a) => [`${routeKey(route)} as ${a.attacker} on ${a.slug}`, route as RouteDefinition, a] as const),
);

it('tries every route of the table', () => {
  expect(new Set(table.map(([, r]) => routeKey(r)))).toEqual(new Set(routes.map(routeKey)));
});

it.each(table)('%s', async (_name, route, attempt) => {
  const caller = attackers[attempt.attacker]!;
  const input = validInput(route);
  const res = await requestWithHost(stack.port, hostOf(attempt.slug), input.path + (input.query ? `?${input.query}` : ''), {
    method: route.method,
    headers: { ...caller.headers, ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
  });
  const text = await res.text();
  expect(res.status).toBeLessThan(500);
  // Two hosts are one malformed Host: refused before any credential is looked at.
  if (attempt.slug === 'demo+acme') return expect(res.status).toBe(400);
  // A host naming no tenant serves no credential (nor, for public routes, any tenant).
  if (attempt.slug === 'nowhere') expect([401, 403, 404]).toContain(res.status);
  if (res.status >= 400) {
    // 422: a body naming another tenant's record is answered like one naming nothing at all.
    expect([401, 403, 404, 410, 422]).toContain(res.status);
  } else {
    // Let through only to act on its own data: nothing of the victim comes back.
    for (const mark of victimMarks()) expect(text).not.toContain(mark);
  }
});

it('leaves the victim’s company, contact and login as they were', async () => {
  expect(await snapshot()).toBe(victimSnapshot);
  // And the victim still has their portal, with their own name.
  const me = await stack.api('demo', '/api/me', { headers: victim.caller.headers });
  expect(me.status).toBe(200);
  expect((await me.json()).user.email).toBe(victim.email);
});

/**
 * The route's own permission check (functions/http/apiHandler.ts), on its own: a user of
 * the documents' own company, signed in, acting on their own company's records, without
 * the permission the route names, is refused 403. (The attempts above aim at another
 * company's records, which answer 404 whether or not the permission is checked.) Read
 * routes are tried by a user with no permission at all; action routes by a reader, who
 * holds every read permission, so the document-type read check lets them through and only
 * the route's permission can refuse. Runs on demo (the attempts above revoke acme's CRM
 * key: acme's staff may delete their own tenant's keys); demo's teams are set here and put
 * back after.
 */
describe('same-company user without the route’s permission', () => {
  const READS = ['quotes:read', 'orders:read', 'invoices:read', 'jobs:read', 'purchase-orders:read'] as const;
  const OWN_DOC = `own-doc-${randomUUID().slice(0, 8)}`;
  const permissionRoutes = (routes as readonly RouteDefinition[]).filter((r) => r.permission);
  const users = {} as Record<'reader' | 'no permissions', Caller>;
  const statuses = new Map<RouteDefinition, number>();
  let savedTeams: Array<{ teamId: string; permissions: string[] }>;
  const crm = () => apiKeyCaller('demo').headers;
  const setTeam = async (teamId: string, permissions: readonly string[]) => {
    const res = await stack.api('demo', `/api/admin/teams/${teamId}`, jsonRequest('PATCH', { permissions }, crm()));
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    savedTeams = ((await (await stack.api('demo', '/api/admin/teams', { headers: crm() })).json()) as { items: typeof savedTeams }).items;
    // Readers: every read permission, no action. No permissions: one that no route names.
    await setTeam('customer-portal-users', READS);
    await setTeam('customer-portal-supplier-users', ['supplier-bills:read']);
    const modules = { quotes: true, orders: true, invoices: true, jobs: true, 'purchase-orders': true };
    const reader = await portalUserViaAdminApi(stack, 'demo', { teams: ['customer-portal-users'], moduleOverrides: modules });
    users.reader = reader.caller;
    const unprivileged = await portalUserOfCompany(reader.companyId, ['customer-portal-supplier-users']);
    users['no permissions'] = unprivileged;
    await Promise.all(
      VICTIM_DOC_TYPES.map(async (type) => {
        const body = documentBody(type, reader.companyId, {
          contactId: reader.contactId,
          ...(type === 'job' ? { status: 'awaiting-approval', approvalRequired: true } : {}),
        });
        expect((await publish(stack, 'demo', type, OWN_DOC, body)).status).toBe(201);
      }),
    );
    // One request a route, all at once: each test reads its answer.
    await Promise.all(permissionRoutes.map(async (route) => statuses.set(route, await attempt(route))));
  });

  /** The route called by the user who lacks its permission, with a body it accepts (so, were the check gone, it would go through). */
  async function attempt(route: RouteDefinition): Promise<number> {
    const user = route.permission!.endsWith(':read') ? users['no permissions'] : users.reader;
    const body = ownBodies[routeKey(route)] ?? validInput(route).body;
    const res = await stack.api('demo', samplePath(route, { type: 'quote', documentId: OWN_DOC }), {
      method: route.method,
      headers: { ...user.headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.status;
  }
  afterAll(async () => {
    for (const team of savedTeams ?? []) await setTeam(team.teamId, team.permissions);
  });

  /** A second signed-in user of an existing demo company, in the given teams. */
  async function portalUserOfCompany(companyId: string, teams: string[]): Promise<Caller> {
    const email = `same-company-${randomUUID()}@example.com`;
    const contact = await (
      await stack.api('demo', '/api/admin/contacts', jsonRequest('POST', { companyId, firstName: 'Same', lastName: 'Company', email }, crm()))
    ).json();
    expect((await stack.api('demo', `/api/admin/contacts/${contact.contactId}/portal-login`, jsonRequest('POST', { teams }, crm()))).ok).toBe(true);
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec((await waitForMail(stack, email)).body.text ?? '')![1]!;
    const accepted = await stack.api('demo', `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: PASSWORD }));
    expect(accepted.ok).toBe(true);
    return { label: email, headers: new CookieJar().take(accepted).headers() };
  }

  it('covers every route that names a permission', () => {
    expect(permissionRoutes.length).toBeGreaterThan(0);
  });

  it.each(permissionRoutes.map((route) => [routeKey(route), route] as const))('%s answers 403', (_key, route) => {
    expect([routeKey(route), statuses.get(route)]).toEqual([routeKey(route), 403]);
  });
});

/**
 * Bodies of the permission block that differ from the attempts': the user's own password;
 * for their details no field at all, so the tenant's editable-fields setting (a 403 of its
 * own, naming the field) cannot hide a missing permission check.
 */
const ownBodies: Record<string, unknown> = {
  'PUT /api/me/signing-pin': { pin: '2468', currentPassword: PASSWORD },
  'PATCH /api/me': {},
  'PATCH /api/me/company': {},
};

/**
 * Staff roles and key scopes (issue 18), from the rows' `role` and `scope` columns: a
 * plain staff member of the victim's own tenant (seeded `clerk@demo.example`, group
 * tenant-staff) is refused every tenant-admin route, and a demo key holding every scope
 * but a route's own is refused that route: 403 with the problem type saying which.
 * Same tenant, right host, valid input: the role or scope is all that is missing.
 */
describe('roles and scopes within the tenant', () => {
  const adminOnly = (routes as readonly RouteDefinition[]).filter((r) => r.role === 'tenant-admin' && r.caller !== 'api-key');
  const scoped = (routes as readonly RouteDefinition[]).filter((r) => r.scope);
  let clerk: Caller;
  /** Per scope, a demo key with every precise scope but that one. */
  const keysLacking = new Map<string, Caller>();

  beforeAll(async () => {
    clerk = await signIn(stack, 'demo', DEMO_CLERK.email('demo'), DEMO_CLERK.password, 'staff');
    const admin = attackers['demo staff']!.headers;
    const precise = API_KEY_SCOPES.filter((s) => s !== 'admin');
    await Promise.all(
      [...new Set(scoped.map((r) => r.scope!))].map(async (scope) => {
        const res = await stack.api(
          'demo',
          '/api/admin/api-keys',
          jsonRequest('POST', { name: `all but ${scope}`, scopes: precise.filter((s) => s !== scope) }, admin),
        );
        expect(res.status).toBe(201);
        keysLacking.set(scope, { label: `key without ${scope}`, headers: { authorization: `Bearer ${(await res.json()).key}` } });
      }),
    );
  });

  const attempts = [
    ...adminOnly.map((route) => [`${routeKey(route)} as plain staff`, route, 'role-required'] as const),
    ...scoped.map((route) => [`${routeKey(route)} with a key lacking ${route.scope}`, route, 'scope-required'] as const),
  ];

  it('tries every admin-only route and every scoped route', () => {
    expect(adminOnly.length).toBeGreaterThan(0);
    const guarded = (routes as readonly RouteDefinition[]).filter((r) => r.role === 'tenant-admin' || r.scope);
    expect(new Set(attempts.map(([, r]) => routeKey(r)))).toEqual(new Set(guarded.map(routeKey)));
  });

  it.each(attempts)('%s: 403', async (_name, route, problem) => {
    const caller = problem === 'role-required' ? clerk : keysLacking.get(route.scope!)!;
    const input = validInput(route);
    const res = await stack.api('demo', input.path + (input.query ? `?${input.query}` : ''), {
      method: route.method,
      headers: { ...caller.headers, ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([403, 'application/problem+json']);
    expect((await res.json()).type).toBe(problemType(problem));
  });
});
