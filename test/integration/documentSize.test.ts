import { documentRepository } from '../../functions/documents/documentRepository';
import { deadline } from '../../functions/documents/documentState';
import { MAX_HISTORY, MAX_HISTORY_BYTES, withHistory } from '../../functions/documents/documentWrites';
import { UnitOfWork } from '../../functions/table/unitOfWork';
import { documentContentBytes, type PublishDocumentBody } from '../../shared/api/documents';
import { LIMITS } from '../../shared/limits';
import { adminClient } from '../support/adminApi';
import { apiKeyCaller } from '../support/callers';
import { docId, documentBody, linesOf } from '../support/documents';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * How big a document may be (docs/architecture.md): a body the publishing schema accepts
 * is never refused for its size, and is stored in its one item with room for a full
 * history and portal state; a larger document is a 4xx naming the field, not a 413.
 */
jest.setTimeout(120_000);

let stack: TestStack;
let companyId: string;
beforeAll(async () => {
  stack = await startTestStack();
  const res = await adminClient(stack, 'demo')('POST', '/api/admin/companies', { name: 'Big Documents Ltd', kind: 'customer', allowPortal: true });
  expect(res.status).toBe(201);
  companyId = res.body.companyId;
}, 60_000);
afterAll(() => stack?.stop());

const LIMIT = LIMITS.document.contentBytes;

/**
 * An invoice of the most lines, its descriptions of two-byte characters (`é`: the most a
 * `\u` escape multiplies) filled until the document is exactly `size` bytes as stored.
 */
function invoiceOf(size: number): PublishDocumentBody {
  const lineCount = LIMITS.document.lines;
  const lines = linesOf(Array.from({ length: lineCount }, (_, i) => ({ description: `L${i}`, quantity: 1, unitPrice: 100 + i })));
  const body = documentBody('invoice', companyId, { lines, notes: 'n', terms: 't' });
  let room = size - documentContentBytes(body);
  for (const line of body.lines) {
    const add = Math.min(Math.floor(room / 2), LIMITS.document.lineDescription - line.description.length);
    line.description += 'é'.repeat(add);
    room -= add * 2;
  }
  body.notes += 'n'.repeat(room); // the odd byte(s) left
  expect(documentContentBytes(body)).toBe(size);
  return body;
}

/** As a Python CRM sends it by default (`json.dumps(body, indent=2)`): every non-ASCII character `\u`-escaped, pretty-printed. */
const asciiPretty = (body: unknown) => JSON.stringify(body, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const put = (documentId: string, raw: string) =>
  stack.api('demo', `/api/admin/documents/invoice/${documentId}`, {
    method: 'PUT',
    headers: { ...apiKeyCaller('demo').headers, 'content-type': 'application/json' },
    body: raw,
  });

describe('how big a document may be', () => {
  it("the issue's invoice (500 lines of 2,000 characters, about 1 MB) is a 400 naming body.lines, not a 413", async () => {
    const lines = linesOf(Array.from({ length: 500 }, (_, i) => ({ description: `Line ${i} `.padEnd(2000, 'x'), quantity: 1, unitPrice: 100 })));
    const res = await put(docId('big'), JSON.stringify(documentBody('invoice', companyId, { lines })));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { name: string; reason: string }[] };
    expect(problem.errors).toEqual([{ name: 'body.lines', reason: expect.stringMatching(new RegExp(`at most ${LIMIT}`)) }]);
  });

  it('one byte over the limit is refused naming the field; the limit itself is stored and read back whole', async () => {
    const over = await put(docId('over'), JSON.stringify(invoiceOf(LIMIT + 1)));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: { name: string }[] }).errors.map((e) => e.name)).toEqual(['body.lines']);

    const body = invoiceOf(LIMIT);
    const raw = asciiPretty(body);
    // The most a schema-valid body can be, in the encoding that makes it biggest, is under the cap.
    expect(Buffer.byteLength(raw)).toBeGreaterThan(2.5 * LIMIT);
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(LIMITS.document.bodyBytes);
    const id = docId('largest');
    const res = await put(id, raw);
    expect(res.status).toBe(201);
    const read = await adminClient(stack, 'demo')('GET', `/api/admin/documents/invoice/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.lines).toEqual(body.lines);
    expect(read.body.notes).toBe(body.notes);
  });

  it('the largest document still fits its item with the fullest history and portal state', async () => {
    const id = docId('fullest');
    expect((await put(id, JSON.stringify(invoiceOf(LIMIT)))).status).toBe(201);
    const existing = (await documentRepository.get('demo', 'invoice', id, true))!;
    const comment = 'é'.repeat(LIMITS.decisionText);
    const name = 'é'.repeat(LIMITS.personName * 2 + 1);
    const at = new Date().toISOString();
    const entries = Array.from({ length: MAX_HISTORY }, (_, i) => ({ at, action: 'changes-requested', by: name, version: i + 1, detail: comment }));
    const history = withHistory(existing.history, ...entries);
    expect(Buffer.byteLength(JSON.stringify(history))).toBeLessThanOrEqual(MAX_HISTORY_BYTES + 2);
    const state = { at, by: name, userId: 'u'.repeat(64), version: 1, contentHash: 'h'.repeat(64) };
    const doc = {
      ...existing,
      revision: existing.revision + 1,
      history,
      decision: { kind: 'rejected' as const, ...state, reason: comment, purchaseOrderReference: 'é'.repeat(LIMITS.purchaseOrderReference) },
      approval: { kind: 'changes-requested' as const, ...state, comment },
      signature: {
        signerName: 'é'.repeat(LIMITS.signerName.max),
        at,
        userId: state.userId,
        version: 1,
        contentHash: state.contentHash,
        evidenceId: 'e'.repeat(64),
      },
      openPayment: { paymentId: 'p'.repeat(64), contactId: 'c'.repeat(64), amount: 1_000_000_000_000, version: 1, expiresAt: at },
    };
    await documentRepository.save(new UnitOfWork(), doc, deadline(doc), existing).commit();
    expect((await documentRepository.get('demo', 'invoice', id, true))!.revision).toBe(doc.revision);
  });
});
