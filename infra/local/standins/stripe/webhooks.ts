import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import Stripe from 'stripe';
import { newId, now, type StripeEvent, type StripeObject } from './objects';

/** Where an account's events go, and the endpoint secret they are signed with. */
export interface WebhookTarget {
  /** The webhook endpoint for events of `account` (undefined: the platform's own). Undefined: no endpoint, events are only recorded. */
  url: string | ((account: string | undefined) => string | undefined);
  secret: string | ((account: string | undefined) => string);
}

export interface WebhookRetry {
  /** Attempts in all, the first included (default 4). */
  attempts?: number;
  /** Delay before the first retry; doubles after each (default 250 ms). */
  baseDelayMs?: number;
  /** How long one attempt may take before it counts as failed (default 10 s). */
  timeoutMs?: number;
}

export interface DeliveryAttempt {
  at: string;
  url: string;
  signature: string;
  /** The endpoint's HTTP status; absent when the request itself failed. */
  status?: number;
  error?: string;
  ok: boolean;
}

/** One event as the test controls show it: the exact payload sent and every attempt to send it. */
export interface RecordedEvent {
  id: string;
  type: string;
  account: string | null;
  created: number;
  /** The body as sent, byte for byte (pretty-printed JSON, as Stripe sends it). */
  payload: string;
  deliveries: DeliveryAttempt[];
  delivered: boolean;
}

/**
 * Makes Stripe events, signs them with the SDK's own test header
 * (`Stripe.webhooks.generateTestHeaderString`, a fresh timestamp on every attempt as
 * Stripe does) and POSTs them to the endpoint. The first attempt of each event is made
 * in order and awaited by `deliver`; retries after a failure or a non-2xx answer run in
 * the background with doubling delays.
 */
export class WebhookSender {
  private readonly events: RecordedEvent[] = [];
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly target: WebhookTarget,
    private readonly apiVersion: string,
    private readonly retry: Required<WebhookRetry>,
  ) {}

  /** Makes and records an event; `deliver` sends it. */
  create(
    type: string,
    object: StripeObject,
    account: string | null,
    request: StripeEvent['request'] = { id: null, idempotency_key: null },
    previous?: Record<string, unknown>,
  ): RecordedEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      ...(account ? { account } : {}),
      api_version: this.apiVersion,
      created: now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: this.urlFor(account) ? 1 : 0,
      request,
      type,
    };
    const record: RecordedEvent = {
      id: event.id,
      type,
      account,
      created: event.created,
      payload: JSON.stringify(event, null, 2),
      deliveries: [],
      delivered: false,
    };
    this.events.push(record);
    this.byId.set(record.id, record);
    return record;
  }

  /** Sends each event once, in order, and resolves; failed ones are retried in the background. */
  async deliver(records: RecordedEvent[]): Promise<void> {
    const run = (async () => {
      for (const record of records) {
        const ok = await this.attempt(record);
        if (!ok) this.scheduleRetry(record, 1);
      }
    })();
    await this.track(run);
  }

  /** Sends an event again (Stripe's "resend"): the same payload, freshly signed, `times` times at once. */
  async redeliver(id: string, times = 1): Promise<DeliveryAttempt[] | undefined> {
    const record = this.byId.get(id);
    if (!record) return undefined;
    const before = record.deliveries.length;
    await this.track(Promise.all(Array.from({ length: times }, () => this.attempt(record))));
    return record.deliveries.slice(before);
  }

  get(id: string): RecordedEvent | undefined {
    return this.byId.get(id);
  }

  list(): RecordedEvent[] {
    return [...this.events];
  }

  /** Resolves once every delivery and retry started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size || this.timers.size) {
      if (this.pending.size) await Promise.allSettled([...this.pending]);
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  reset(): void {
    this.cancelRetries();
    this.events.length = 0;
    this.byId.clear();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetries();
  }

  private cancelRetries(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private urlFor(account: string | null): string | undefined {
    const { url } = this.target;
    return typeof url === 'function' ? url(account ?? undefined) : url;
  }

  private secretFor(account: string | null): string {
    const { secret } = this.target;
    return typeof secret === 'function' ? secret(account ?? undefined) : secret;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  private scheduleRetry(record: RecordedEvent, retriesSoFar: number): void {
    if (this.stopped || retriesSoFar >= this.retry.attempts) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        void this.track(
          this.attempt(record).then((ok) => {
            if (!ok) this.scheduleRetry(record, retriesSoFar + 1);
          }),
        );
      },
      this.retry.baseDelayMs * 2 ** (retriesSoFar - 1),
    );
    this.timers.add(timer);
  }

  private async attempt(record: RecordedEvent): Promise<boolean> {
    const url = this.urlFor(record.account);
    if (!url || this.stopped) return true;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: record.payload, secret: this.secretFor(record.account) });
    const attempt: DeliveryAttempt = { at: new Date().toISOString(), url, signature, ok: false };
    record.deliveries.push(attempt);
    try {
      attempt.status = await post(url, record.payload, signature, this.retry.timeoutMs);
      attempt.ok = attempt.status >= 200 && attempt.status < 300;
    } catch (err) {
      attempt.error = (err as Error).message;
    }
    if (attempt.ok) record.delivered = true;
    return attempt.ok;
  }
}

/**
 * POSTs one event and resolves with the endpoint's status. Tenant hosts under
 * `*.localhost` (`http://demo.localhost:3000/api/webhooks/stripe`) resolve to loopback, as
 * browsers resolve them, with the Host header kept for the gateway's tenant routing.
 */
function post(url: string, payload: string, signature: string, timeoutMs: number): Promise<number> {
  const target = new URL(url);
  const options: RequestOptions = {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'stripe-signature': signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
    timeout: timeoutMs,
    lookup: (hostname, opts, callback) => {
      if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
        const address: LookupAddress = { address: '127.0.0.1', family: 4 };
        if ((opts as { all?: boolean }).all) (callback as (err: null, addresses: LookupAddress[]) => void)(null, [address]);
        else (callback as (err: null, address: string, family: number) => void)(null, address.address, address.family);
      } else {
        dnsLookup(hostname, opts, callback as never);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, options, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
