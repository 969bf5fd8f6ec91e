import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import { publishEvent } from '../../functions/aws/eventBus';
import { auditRepository } from '../../functions/audit/auditRepository';
import { mailTo as mailbox } from '../support/mailbox';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const mailTo = (address: string) => mailbox(stack, address);

describe('the local event bus', () => {
  it('delivers mail.requested to the mail notifier, which sends it through local SES', async () => {
    const to = `${randomUUID()}@example.com`;
    const eventId = await publishEvent('mail.requested', { tenantId: 'demo', to: [to], subject: 'Welcome', text: 'Hello there', purpose: 'test' });
    await stack.bus.idle();
    const mails = await mailTo(to);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Welcome', body: { text: 'Hello there' } });
    // Sent in the tenant's name, from the configured address.
    expect(mails[0]!.from).toContain('Brightline Print & Signs');
    const record = stack.bus.history.find((h) => h.envelope.id === eventId)!;
    expect(record.envelope).toMatchObject({
      version: '0',
      source: 'portico',
      'detail-type': 'mail.requested',
      account: expect.any(String),
      region: 'eu-west-1',
    });
    expect(record.deliveries).toEqual([expect.objectContaining({ rule: 'send-requested-mail', ok: true, attempts: 1 })]);
  });

  it('delivers tenant.settings-changed to the audit recorder', async () => {
    const eventId = await publishEvent('tenant.settings-changed', { tenantId: 'acme', changedBy: 'staff:alice', fields: ['branding'] });
    await stack.bus.idle();
    const trail = await auditRepository.listBySubject('acme', 'tenant:acme');
    expect(trail).toEqual([expect.objectContaining({ eventId, action: 'tenant.settings-changed', actor: 'staff:alice', details: { fields: ['branding'] } })]);
  });

  it('refuses to publish an event that does not match the catalogue', async () => {
    await expect(publishEvent('mail.requested', { tenantId: 'demo', to: [], subject: '', text: '', purpose: 'x' })).rejects.toThrow();
    expect(stack.bus.history.filter((h) => (h.envelope.detail as { purpose?: string }).purpose === 'x')).toHaveLength(0);
  });

  it('retries a target that fails and parks the event as a dead letter', async () => {
    // Bypass the publisher's validation, as a foreign or buggy publisher could.
    const client = new EventBridgeClient({
      endpoint: process.env.EVENTBRIDGE_ENDPOINT,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const result = await client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'portico', Source: 'portico', DetailType: 'mail.requested', Detail: JSON.stringify({ tenantId: 'demo' }) }],
      }),
    );
    client.destroy();
    await stack.bus.idle();
    const parked = stack.bus.deadLetters.find((d) => d.envelope.id === result.Entries![0]!.EventId);
    expect(parked?.deliveries[0]).toMatchObject({ ok: false, attempts: 4 });
  });

  it('refuses an entry for a bus that does not exist, as PutEvents does', async () => {
    const client = new EventBridgeClient({
      endpoint: process.env.EVENTBRIDGE_ENDPOINT,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const result = await client.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'other', Source: 'portico', DetailType: 'mail.requested', Detail: '{}' }] }),
    );
    client.destroy();
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries![0]!.ErrorCode).toBe('ResourceNotFoundException');
  });
});

describe('notify targets under redelivery', () => {
  it('sends one email when the same event is delivered three times, two of them at once', async () => {
    const { notifyLambdaFor } = await import('../support/notify');
    const to = `${randomUUID()}@example.com`;
    const envelope = {
      version: '0' as const,
      id: randomUUID(),
      'detail-type': 'mail.requested' as const,
      source: 'portico',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: { tenantId: 'demo', to: [to], subject: 'Once', text: 'Only once', purpose: 'test' },
    };
    const invoke = notifyLambdaFor('sendMail');
    await Promise.all([invoke(envelope), invoke(envelope)]);
    await invoke(envelope);
    expect(await mailTo(to)).toHaveLength(1);
  });
});
