import type { MeResponse } from '../../shared/api/access';
import type { DocumentView, SignatureEvidence } from '../../shared/api/documents';
import { problemType } from '../../shared/problem';
import { loginThrottleRepository } from '../../functions/identity/loginThrottleRepository';
import { signingPinRepository } from '../../functions/documents/signing/signingPinRepository';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, linesOf, publish, totalsOf } from '../support/documents';
import { activePortalUser, jsonRequest, PASSWORD, type SignedInUser } from '../support/portalAccess';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * E-signing sales orders with a typed name and a signing PIN: the PIN (set with the
 * password, stored only as a slow hash), wrong PINs counted and locked, the evidence
 * record and its match with the document, and a signature voided by a changed order.
 */
jest.setTimeout(60_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const PIN = '482915';

async function call<T = any>(user: SignedInUser, method: string, path: string, body?: unknown) {
  const res = await stack.api(
    user.tenantId,
    path,
    body === undefined ? { method, headers: user.jar.headers() } : jsonRequest(method, body, user.jar.headers()),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

async function orderFor(user: SignedInUser, overrides = {}) {
  const id = docId('so');
  const body = documentBody('sales-order', user.companyId, { contactId: user.userId, ...overrides });
  expect((await publish(stack, 'demo', 'sales-order', id, body)).status).toBe(201);
  return { id, body };
}

const setPin = (user: SignedInUser, pin = PIN, currentPassword = PASSWORD) => call(user, 'PUT', '/api/me/signing-pin', { pin, currentPassword });
const sign = (user: SignedInUser, id: string, pin = PIN, signerName = 'Robin Tester') =>
  call(user, 'POST', `/api/documents/sales-order/${id}/sign`, { signerName, pin });

describe('the signing PIN', () => {
  it('is set with the current password, stored only as a salted scrypt hash, and shown on /api/me', async () => {
    const user = await activePortalUser(stack, 'demo');
    expect((await call<MeResponse>(user, 'GET', '/api/me')).body.signingPinSet).toBe(false);

    const set = await setPin(user);
    expect(set.status).toBe(200);
    expect((await call<MeResponse>(user, 'GET', '/api/me')).body.signingPinSet).toBe(true);

    const stored = await signingPinRepository.get(user.tenantId, user.userId);
    expect(stored!.pinHash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored!.pinHash).not.toContain(PIN);
    // Setting the same PIN again makes a new salt.
    await setPin(user);
    expect((await signingPinRepository.get(user.tenantId, user.userId))!.pinHash).not.toBe(stored!.pinHash);

    const audit = await adminClient(stack, 'demo')('GET', `/api/admin/audit?userId=${user.userId}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'signing-pin.set')).toHaveLength(2);
  });

  it('refuses a wrong password with 403 invalid-credentials, counted toward the sign-in throttle, and opens no session', async () => {
    const user = await activePortalUser(stack, 'demo');
    const wrong = await setPin(user, PIN, 'not-my-password');
    expect(wrong.status).toBe(403);
    expect(wrong.body.type).toBe(problemType('invalid-credentials'));
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await signingPinRepository.get(user.tenantId, user.userId)).toBeUndefined();
    expect((await loginThrottleRepository.get({ tenantId: user.tenantId, pool: 'portal', email: user.email }))?.failures).toBe(1);

    const right = await setPin(user);
    expect(right.status).toBe(200);
    expect(right.headers.getSetCookie()).toEqual([]);
    // The right password clears the count, as a sign-in does.
    expect(await loginThrottleRepository.get({ tenantId: user.tenantId, pool: 'portal', email: user.email })).toBeUndefined();
  });

  it('locks like sign-in after five wrong passwords', async () => {
    const user = await activePortalUser(stack, 'demo');
    for (let i = 0; i < 4; i++) expect((await setPin(user, PIN, `wrong-${i}`)).status).toBe(403);
    const locked = await setPin(user, PIN, 'wrong-again');
    expect(locked.status).toBe(429);
    expect(locked.body.type).toBe(problemType('login-locked'));
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await setPin(user)).status).toBe(429);
  });
});

describe('signing a sales order', () => {
  it('needs a PIN: without one the answer is 409 pin-not-set', async () => {
    const user = await activePortalUser(stack, 'demo');
    const { id } = await orderFor(user);
    const res = await sign(user, id);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(problemType('pin-not-set'));
  });

  it('refuses a wrong PIN and counts it (attemptsRemaining), locks after five for 15 minutes even for the right PIN', async () => {
    const user = await activePortalUser(stack, 'demo');
    await setPin(user);
    const { id } = await orderFor(user);

    for (const remaining of [4, 3, 2, 1]) {
      const res = await sign(user, id, '0000');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ type: problemType('pin-incorrect'), attemptsRemaining: remaining });
    }
    const locked = await sign(user, id, '0000');
    expect(locked.status).toBe(429);
    expect(locked.body.type).toBe(problemType('pin-locked'));
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);

    // Even the right PIN is refused while locked, and the order stays open.
    const right = await sign(user, id);
    expect(right.status).toBe(429);
    expect(right.body.type).toBe(problemType('pin-locked'));
    expect((await call<DocumentView>(user, 'GET', `/api/documents/sales-order/${id}`)).body).toMatchObject({
      state: 'open',
      actions: expect.arrayContaining(['sign']),
    });

    const audit = await adminClient(stack, 'demo')('GET', `/api/admin/audit?userId=${user.userId}`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'signing-pin.failed').length).toBeGreaterThanOrEqual(5);

    // Once the lock has run out (moved into the past here), the right PIN signs.
    await signingPinRepository.lock(user.tenantId, user.userId, new Date(Date.now() - 1000));
    expect((await sign(user, id)).status).toBe(200);
  });

  it('a right PIN starts the count again', async () => {
    const user = await activePortalUser(stack, 'demo');
    await setPin(user);
    const first = await orderFor(user);
    const second = await orderFor(user);
    expect((await sign(user, first.id, '1111')).body.attemptsRemaining).toBe(4);
    expect((await sign(user, first.id, '2222')).body.attemptsRemaining).toBe(3);
    expect((await sign(user, first.id)).status).toBe(200);
    expect((await signingPinRepository.get(user.tenantId, user.userId))!.failures).toBeUndefined();
    expect((await sign(user, second.id, '1111')).body.attemptsRemaining).toBe(4);
  });

  it('records evidence that matches the document, completes the order, and lets both sides download it', async () => {
    const user = await activePortalUser(stack, 'demo');
    await setPin(user);
    const { id, body } = await orderFor(user);
    const before = (await call<DocumentView>(user, 'GET', `/api/documents/sales-order/${id}`)).body;
    expect(before.actions).toContain('sign');
    const historyBefore = stack.bus.history.length;

    const signed = await sign(user, id, PIN, 'Robin Q. Tester');
    expect(signed.status).toBe(200);
    const view = signed.body as DocumentView;
    expect(view.state).toBe('completed');
    expect(view.actions).not.toContain('sign');
    expect(view.signature).toMatchObject({ signerName: 'Robin Q. Tester', version: before.version, contentHash: before.contentHash });

    const evidence = await call<SignatureEvidence>(user, 'GET', `/api/documents/sales-order/${id}/signature`);
    expect(evidence.status).toBe(200);
    expect(evidence.headers.get('content-disposition')).toBe(`attachment; filename="signature-evidence-${body.number}-v1.json"`);
    expect(evidence.body).toEqual({
      evidenceId: view.signature!.evidenceId,
      tenantId: 'demo',
      type: 'sales-order',
      documentId: id,
      number: body.number,
      version: before.version,
      contentHash: before.contentHash,
      signerName: 'Robin Q. Tester',
      signer: { userId: user.userId, contactId: user.userId, email: user.email },
      signedAt: view.signature!.at,
      ip: expect.stringMatching(/\d/),
      userAgent: expect.any(String),
      authentication: 'password',
    });

    const admin = await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}/signature`);
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-disposition')).toContain('attachment');
    expect(admin.body).toEqual({ evidence: evidence.body, voided: [] });
    const staffView = await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}`);
    expect(staffView.body.contentHash).toBe(evidence.body.contentHash);

    const completed = await call(user, 'GET', '/api/documents/sales-order?status=completed');
    expect(completed.body.items.map((i: { documentId: string }) => i.documentId)).toContain(id);
    await stack.bus.idle();
    const events = stack.bus.history.slice(historyBefore).filter((d) => d.envelope['detail-type'] === 'order.signed');
    expect(events.map((d) => d.envelope.detail)).toEqual([
      expect.objectContaining({ documentId: id, evidenceId: view.signature!.evidenceId, signerName: 'Robin Q. Tester', version: 1 }),
    ]);

    // Signing twice is refused before the PIN is even looked at.
    const again = await sign(user, id, '0000');
    expect(again.status).toBe(409);
    expect((await signingPinRepository.get(user.tenantId, user.userId))!.failures).toBeUndefined();
  });

  it('republishing the order with a change voids the signature: open again, evidence marked voided, signing again works', async () => {
    const user = await activePortalUser(stack, 'demo');
    await setPin(user);
    const { id, body } = await orderFor(user);
    const first = (await sign(user, id)).body as DocumentView;

    // The same body again changes nothing.
    expect((await publish(stack, 'demo', 'sales-order', id, body)).body.outcome).toBe('unchanged');
    expect((await call<DocumentView>(user, 'GET', `/api/documents/sales-order/${id}`)).body.state).toBe('completed');

    const lines = linesOf([{ description: 'Shop-front sign, 3000 × 600 mm', quantity: 1, unitPrice: 58_500 }]);
    expect((await publish(stack, 'demo', 'sales-order', id, { ...body, lines, totals: totalsOf(lines) })).body.outcome).toBe('updated');
    const reopened = (await call<DocumentView>(user, 'GET', `/api/documents/sales-order/${id}`)).body;
    expect(reopened).toMatchObject({ state: 'open', version: 2, actions: expect.arrayContaining(['sign']) });
    expect(reopened.signature).toBeUndefined();
    expect(reopened.contentHash).not.toBe(first.contentHash);
    expect(reopened.history.map((h) => h.action)).toContain('signature-voided');

    const voided = await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}/signature`);
    expect(voided.body.evidence).toMatchObject({
      evidenceId: first.signature!.evidenceId,
      version: 1,
      contentHash: first.contentHash,
      voided: { byVersion: 2, at: expect.any(String) },
    });
    expect(voided.body.voided).toHaveLength(1);
    // The customer still downloads the latest record, marked voided.
    expect((await call<SignatureEvidence>(user, 'GET', `/api/documents/sales-order/${id}/signature`)).body.voided).toMatchObject({ byVersion: 2 });

    const second = await sign(user, id);
    expect(second.status).toBe(200);
    expect(second.body.signature).toMatchObject({ version: 2, contentHash: reopened.contentHash });
    expect(second.body.signature.evidenceId).not.toBe(first.signature!.evidenceId);
    const after = await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}/signature`);
    expect(after.body.evidence).toMatchObject({ evidenceId: second.body.signature.evidenceId, version: 2, contentHash: reopened.contentHash });
    expect(after.body.evidence.voided).toBeUndefined();
    expect(after.body.voided.map((e: SignatureEvidence) => e.evidenceId)).toEqual([first.signature!.evidenceId]);
  });

  it("another company's user reaches neither the order nor its evidence, and the CRM gets 404 for an unsigned or unknown order", async () => {
    const user = await activePortalUser(stack, 'demo');
    const stranger = await activePortalUser(stack, 'demo');
    await setPin(stranger);
    const { id } = await orderFor(user);
    expect((await sign(stranger, id)).status).toBe(404);
    expect((await call(stranger, 'GET', `/api/documents/sales-order/${id}/signature`)).status).toBe(404);
    expect((await call(user, 'GET', `/api/documents/sales-order/${id}/signature`)).status).toBe(404);
    expect((await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/${id}/signature`)).status).toBe(404);
    expect((await adminClient(stack, 'demo')('GET', `/api/admin/documents/sales-order/nope-${id}/signature`)).status).toBe(404);
    expect((await adminClient(stack, 'acme')('GET', `/api/admin/documents/sales-order/${id}/signature`)).status).toBe(404);
  });
});
