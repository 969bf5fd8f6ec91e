import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { EVENT_SOURCE, type EventEnvelope, type EventType } from '../../events/catalogue';
import { type EventLambda, lambdaOf, rules, rulesFor } from '../../events/rules';
import type { NotifyInvocation } from '../../functions/lambdas/notify';
import { LambdaProcess } from './lambdaProcess';
import { EVENT_LAMBDA_TIMEOUT_MS, eventLambda, lambdaContext, OWN_PROCESS_LAMBDAS } from './lambdaRuntime';

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
 * hold them. notify runs in this process; pdf in a process of its own (OWN_PROCESS_LAMBDAS),
 * given the environment of the stack's Lambdas (`runLambdasWith`).
 */
export class LocalEventBus {
  readonly history: DeliveredEvent[] = [];
  readonly deadLetters: DeliveredEvent[] = [];
  private server?: Server;
  private pending = new Set<Promise<void>>();
  private readonly processes = new Map<EventLambda, LambdaProcess>();
  private environment?: Record<string, string | undefined>;
  private closing = false;
  private readonly switchedOff = new Map<EventLambda, number>();
  /** `rule detail-type` pairs this bus does not deliver (see `skip`). */
  private readonly skipped = new Set<string>();

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

  /**
   * Runs `work` with the targets of `lambda` switched off for the events published
   * meanwhile (their other targets get them as ever). Tests seed the demo tenants so,
   * without the pdf Lambda: no test reads those PDFs at once, and one that asks for one
   * gets it rendered on request (`document.pdf-requested`), as any document whose PDF is
   * not there yet.
   */
  async without<T>(lambda: EventLambda, work: () => Promise<T>): Promise<T> {
    this.switchedOff.set(lambda, (this.switchedOff.get(lambda) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.switchedOff.get(lambda) ?? 1) - 1;
      if (left) this.switchedOff.set(lambda, left);
      else this.switchedOff.delete(lambda);
    }
  }

  /**
   * Stops delivering `detailType` to `rule` for the bus's life, its other events and rules as
   * ever. Test stacks skip the PDF render on publish (`render-document-pdf` on
   * `document.published`): a head start for a reader who may come, which nearly every test
   * publishing documents would pay for and none reads, at several seconds of CPU a file. A
   * PDF asked for is rendered on request (`document.pdf-requested`), as in the cloud for any
   * document whose PDF is not there yet; tests of the head start itself keep it.
   */
  skip(rule: string, detailType: string): void {
    if (!rules.some((r) => r.name === rule && (r.detailTypes as readonly string[]).includes(detailType))) {
      throw new Error(`No rule ${rule} for ${detailType} to skip`);
    }
    this.skipped.add(`${rule} ${detailType}`);
  }

  /** The environment the stack's Lambdas see, for those that run in a process of their own (else this process's, at their first invocation). */
  runLambdasWith(environment: Record<string, string | undefined>): void {
    this.environment = { ...environment };
  }

  /**
   * Stops the Lambda processes first: a render still out when the stack stops is dropped
   * (its delivery fails without retries), not waited for; in-process deliveries finish.
   */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
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
    const delivery = this.deliver(envelope, new Set(this.switchedOff.keys())).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
    return { EventId: envelope.id };
  }

  private async deliver(envelope: EventEnvelope, switchedOff: ReadonlySet<EventLambda>): Promise<void> {
    const record: DeliveredEvent = { envelope, deliveries: [] };
    this.history.push(record);
    if (envelope.source !== EVENT_SOURCE) return;
    // Delivered after the PutEvents call has answered, as EventBridge does.
    await new Promise((r) => setImmediate(r));
    await Promise.all(
      rulesFor(envelope['detail-type'])
        .filter((rule) => !switchedOff.has(lambdaOf(rule)) && !this.skipped.has(`${rule.name} ${envelope['detail-type']}`))
        .map(async (rule) => {
          const outcome = { rule: rule.name, target: rule.target, ok: false, attempts: 0 } as DeliveredEvent['deliveries'][number];
          record.deliveries.push(outcome);
          for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !outcome.ok && !(attempt > 0 && this.closing); attempt++) {
            if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]));
            outcome.attempts = attempt + 1;
            try {
              await this.invoke(lambdaOf(rule), { target: rule.target as NotifyInvocation['target'], event: envelope });
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

  private invoke(lambda: EventLambda, invocation: NotifyInvocation): Promise<void> {
    if (!OWN_PROCESS_LAMBDAS.has(lambda)) return eventLambda(lambda)(invocation, lambdaContext(`portico-${lambda}`, EVENT_LAMBDA_TIMEOUT_MS[lambda]));
    if (this.closing) return Promise.reject(new Error('The local bus is closing'));
    let process_ = this.processes.get(lambda);
    if (!process_) {
      process_ = new LambdaProcess(lambda, this.environment ?? { ...process.env }, EVENT_LAMBDA_TIMEOUT_MS[lambda]);
      this.processes.set(lambda, process_);
    }
    return process_.invoke(invocation);
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
