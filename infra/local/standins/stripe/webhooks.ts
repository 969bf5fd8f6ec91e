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
  create(type: string, object: StripeObject, account: string | null, request: StripeEvent['request'] = { id: null, idempotency_key: null }, previous?: Record<string, unknown>): RecordedEvent {
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
    const record: RecordedEvent = { id: event.id, type, account, created: event.created, payload: JSON.stringify(event, null, 2), deliveries: [], delivered: false };
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
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(
        this.attempt(record).then((ok) => {
          if (!ok) this.scheduleRetry(record, retriesSoFar + 1);
        }),
      );
    }, this.retry.baseDelayMs * 2 ** (retriesSoFar - 1));
    this.timers.add(timer);
  }

  private async attempt(record: RecordedEvent): Promise<boolean> {
    const url = this.urlFor(record.account);
    if (!url || this.stopped) return true;
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: record.payload, secret: this.secretFor(record.account) });
    const attempt: DeliveryAttempt = { at: new Date().toISOString(), url, signature, ok: false };
    record.deliveries.push(attempt);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body: record.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.retry.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      attempt.status = response.status;
      attempt.ok = response.status >= 200 && response.status < 300;
    } catch (err) {
      attempt.error = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    }
    if (attempt.ok) record.delivered = true;
    return attempt.ok;
  }
}
