import { execFileSync } from 'node:child_process';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { fileInfo } from '../../functions/aws/files';
import { pdfKey } from '../../functions/documents/pdf/documentPdfs';
import { adminClient } from '../support/adminApi';
import { docId, documentBody, publish } from '../support/documents';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * The local runtime runs the pdf Lambda as the cloud does, out of the gateway's process
 * (infra/local/lambdaProcess.ts): the bundle the CDK deploys, in a Node process of its own
 * that the bus invokes over IPC, with the bus's retries and dead letters, and that stops
 * with its stack.
 */
let stack: TestStack;
const IDLE_MS = 3000;
beforeAll(async () => {
  // Short enough to watch an idle process end; longer than the bus's retry gaps (1.6 s at most).
  process.env.PORTICO_LAMBDA_IDLE_MS = String(IDLE_MS);
  stack = await startTestStack({ renderPdfOnPublish: true });
});
afterAll(() => stack?.stop());

/** This process's children that run a local Lambda host, with their command lines. */
function lambdaChildren(): Array<{ pid: number; args: string }> {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2]!.includes('local-lambdas/host/'))
    .map((m) => ({ pid: Number(m[1]), args: m[2]! }));
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const putRaw = async (detailType: string, detail: unknown) => {
  const client = new EventBridgeClient({
    endpoint: process.env.EVENTBRIDGE_ENDPOINT,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const result = await client.send(
    new PutEventsCommand({ Entries: [{ EventBusName: 'portico', Source: 'portico', DetailType: detailType, Detail: JSON.stringify(detail) }] }),
  );
  client.destroy();
  return result.Entries![0]!.EventId!;
};

it('renders a published document in a Node process of its own running the bundle the CDK deploys, not in the gateway', async () => {
  expect(lambdaChildren()).toEqual([]);
  const company = await adminClient(stack, 'demo')('POST', '/api/admin/companies', { name: 'Own Process Ltd', kind: 'customer', allowPortal: true });
  const id = docId('inv');
  expect((await publish(stack, 'demo', 'invoice', id, documentBody('invoice', company.body.companyId))).status).toBe(201);
  await stack.bus.idle();

  expect(await fileInfo(pdfKey({ tenantId: 'demo', type: 'invoice', documentId: id, version: 1 }))).toMatchObject({ contentType: 'application/pdf' });
  const record = stack.bus.history.find((h) => (h.envelope.detail as { documentId?: string }).documentId === id)!;
  expect(record.deliveries).toContainEqual(expect.objectContaining({ rule: 'render-document-pdf', ok: true, attempts: 1 }));
  const children = lambdaChildren();
  expect(children).toHaveLength(1);
  expect(children[0]!.args).toMatch(/\bnode .*\.cache\/local-lambdas\/host\/host\.js .*\.cache\/local-lambdas\/pdf\/pdf\.js$/);
});

it("retries a render that fails in the Lambda's process and parks the event as a dead letter", async () => {
  // A detail the pdf target refuses (no type or document id): it throws in the child, every attempt.
  const eventId = await putRaw('document.pdf-requested', { tenantId: 'demo' });
  await stack.bus.idle();
  const parked = stack.bus.deadLetters.find((d) => d.envelope.id === eventId);
  expect(parked?.deliveries).toEqual([
    expect.objectContaining({ rule: 'render-document-pdf', ok: false, attempts: 4, error: expect.stringMatching(/type|documentId/) }),
  ]);
  // The same warm process served every attempt.
  expect(lambdaChildren()).toHaveLength(1);
});

it('ends a Lambda process left idle, as Lambda reclaims a sandbox, and starts a new one for the next invocation', async () => {
  const [warm] = lambdaChildren();
  expect(warm).toBeDefined();
  const deadline = Date.now() + IDLE_MS + 5000;
  while (running(warm!.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(running(warm!.pid)).toBe(false);

  const company = await adminClient(stack, 'demo')('POST', '/api/admin/companies', { name: 'Cold Again Ltd', kind: 'customer', allowPortal: true });
  const id = docId('inv');
  expect((await publish(stack, 'demo', 'invoice', id, documentBody('invoice', company.body.companyId))).status).toBe(201);
  await stack.bus.idle();
  expect(await fileInfo(pdfKey({ tenantId: 'demo', type: 'invoice', documentId: id, version: 1 }))).toMatchObject({ contentType: 'application/pdf' });
  const [cold] = lambdaChildren();
  expect(cold?.pid).not.toBe(warm!.pid);
});

it('stops the Lambda process with its stack', async () => {
  const [child] = lambdaChildren();
  expect(child && running(child.pid)).toBe(true);
  await stack.stop();
  expect(running(child!.pid)).toBe(false);
  expect(lambdaChildren()).toEqual([]);
});
