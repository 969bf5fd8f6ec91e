import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentKey } from '../../functions/documents/documentRepository';
import { dynamo, queryAll, tableName } from '../../functions/table/db';
import { docId, documentBody, publish } from '../support/documents';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A change and the events it announces commit together: the events are held beside
 * their document in the same transaction and forgotten once on the bus. A request that
 * dies between its commit and the bus leaves them held; the next write of the document
 * puts them on the bus.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const COMPANY = 'demo-customer';
const heldBeside = (id: string) =>
  queryAll<{ sk: string; type: string }>({ partition: documentKey('demo', 'quote', id).pk, sortPrefix: 'HELD-EVENT#' }, ['sk', 'type']);
const published = (marker: string) =>
  stack.bus.history.filter((d) => d.envelope['detail-type'] === 'quote.rejected' && (d.envelope.detail as { reason?: string }).reason === marker);

/** What a request that died after its commit leaves: an event held `ageMs` ago beside the document. */
async function leaveHeldEvent(id: string, number: string, ageMs: number): Promise<string> {
  const marker = `held-${randomUUID()}`;
  const heldAt = new Date(Date.now() - ageMs).toISOString();
  const detail = {
    tenantId: 'demo',
    type: 'quote',
    documentId: id,
    number,
    companyId: COMPANY,
    version: 1,
    actor: { kind: 'customer', id: 'c1', name: 'Nora' },
    reason: marker,
  };
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: documentKey('demo', 'quote', id).pk, sk: `HELD-EVENT#${heldAt}#${randomUUID()}`, type: 'quote.rejected', detail, heldAt },
    }),
  );
  return marker;
}

describe('events held beside their document', () => {
  it('are on the bus once the publish answers, and nothing stays held', async () => {
    const id = docId('q');
    expect((await publish(stack, 'demo', 'quote', id, documentBody('quote', COMPANY))).status).toBe(201);
    await stack.bus.idle();
    expect(
      stack.bus.history.filter((d) => d.envelope['detail-type'] === 'document.published' && (d.envelope.detail as { documentId: string }).documentId === id),
    ).toHaveLength(1);
    expect(await heldBeside(id)).toEqual([]);
  });

  it('left by a request that died before the bus, reach it with the next write of the document, once', async () => {
    const id = docId('q');
    const body = documentBody('quote', COMPANY);
    await publish(stack, 'demo', 'quote', id, body);
    const marker = await leaveHeldEvent(id, body.number, 5 * 60_000);

    // The CRM retries its publish: nothing changes, but the held event goes out.
    expect((await publish(stack, 'demo', 'quote', id, body)).body.outcome).toBe('unchanged');
    await stack.bus.idle();
    expect(published(marker)).toHaveLength(1);
    expect(await heldBeside(id)).toEqual([]);

    await publish(stack, 'demo', 'quote', id, body);
    await stack.bus.idle();
    expect(published(marker)).toHaveLength(1);
  });

  it('are left alone while the request that holds them may still be putting them on the bus', async () => {
    const id = docId('q');
    const body = documentBody('quote', COMPANY);
    await publish(stack, 'demo', 'quote', id, body);
    const marker = await leaveHeldEvent(id, body.number, 1_000);
    await publish(stack, 'demo', 'quote', id, body);
    await stack.bus.idle();
    expect(published(marker)).toHaveLength(0);
    expect(await heldBeside(id)).toHaveLength(1);
  });
});
