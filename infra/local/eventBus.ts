import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { EVENT_SOURCE, type EventEnvelope, type EventType } from '../../events/catalogue';
import { lambdaOf, rulesFor } from '../../events/rules';
import type { NotifyInvocation } from '../../functions/lambdas/notify';
import { eventLambda, lambdaContext } from './lambdaRuntime';

export interface DeliveredEvent {
  envelope: EventEnvelope;
  deliveries: { rule: string; target: string; ok: boolean; attempts: number; error?: string }[];
}

const RETRY_DELAYS_MS = [100, 400, 1600];

/**
 * A local EventBridge bus: answers the PutEvents call of the AWS SDK (JSON 1.1
 * protocol) and delivers each entry, in EventBridge's envelope, to the targets of the
 * rule table through the same Lambda entry as the cloud's rule (notify, or pdf), with
 * retries. Failed deliveries stay in `deadLetters`, as the cloud's per-target DLQs would
 * hold them.
 */
export class LocalEventBus {
  readonly history: DeliveredEvent[] = [];
  readonly deadLetters: DeliveredEvent[] = [];
  private server?: Server;
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly busName: string,
    private readonly region = 'eu-west-1',
  ) {}

  async listen(port: number): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = req.headers['x-amz-target'];
        if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `Local bus supports PutEvents only, got ${String(target)}` }));
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Entries?: PutEntry[] };
        const results = (body.Entries ?? []).map((entry) => this.accept(entry));
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${port}`;
  }

  /** Resolves once every delivery started so far has finished (tests wait on it). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(entry: PutEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if (entry.EventBusName && entry.EventBusName !== this.busName) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${entry.EventBusName} does not exist.` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const envelope = busEnvelope(entry, this.region, detail);
    const delivery = this.deliver(envelope).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
    return { EventId: envelope.id };
  }

  private async deliver(envelope: EventEnvelope): Promise<void> {
    const record: DeliveredEvent = { envelope, deliveries: [] };
    this.history.push(record);
    if (envelope.source !== EVENT_SOURCE) return;
    // Delivered after the PutEvents call has answered, as EventBridge does.
    await new Promise((r) => setImmediate(r));
    await Promise.all(
      rulesFor(envelope['detail-type']).map(async (rule) => {
        const outcome = { rule: rule.name, target: rule.target, ok: false, attempts: 0 } as DeliveredEvent['deliveries'][number];
        record.deliveries.push(outcome);
        for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !outcome.ok; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]));
          outcome.attempts = attempt + 1;
          try {
            const lambda = lambdaOf(rule);
            await eventLambda(lambda)({ target: rule.target as NotifyInvocation['target'], event: envelope }, lambdaContext(`portico-${lambda}`));
            outcome.ok = true;
            delete outcome.error;
          } catch (err) {
            outcome.error = (err as Error).message;
          }
        }
        if (!outcome.ok) this.deadLetters.push(record);
      }),
    );
  }
}

/** The envelope EventBridge wraps a PutEvents entry in, as its targets receive it (`detail` parsed from `Detail` unless given). */
export function busEnvelope(entry: PutEntry, region: string, detail: unknown = JSON.parse(entry.Detail ?? '')): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType as EventType,
    source: entry.Source ?? '',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: entry.Resources ?? [],
    detail: detail as EventEnvelope['detail'],
  };
}

export interface PutEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
}
