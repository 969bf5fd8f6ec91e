import { invalidRequest } from './errors';
import {
  list,
  type BalanceTransaction,
  type Charge,
  type CheckoutSession,
  type Dispute,
  type LineItem,
  type Metadata,
  type PaymentIntent,
  type Payout,
  type Refund,
} from './objects';
import type { WebhookSender } from './webhooks';

export type StoredObject = CheckoutSession | PaymentIntent | Charge | BalanceTransaction | Payout | Refund | Dispute;
type ObjectOf<K extends StoredObject['object']> = Extract<StoredObject, { object: K }>;

/** What a session holds beyond its API shape: its line items and what its PaymentIntent gets. */
export interface SessionExtras {
  lineItems: LineItem[];
  paymentIntent: {
    metadata: Metadata;
    description: string | null;
    receiptEmail: string | null;
    applicationFeeAmount: number | null;
    onBehalfOf: string | null;
    transferDestination: string | null;
    statementDescriptor: string | null;
    statementDescriptorSuffix: string | null;
  };
}

/** The state of one stand-in and what its operations need besides. */
export interface StripeContext {
  state: StripeState;
  webhooks: WebhookSender;
  /** Where the hosted checkout pages are: `http://127.0.0.1:<port>`. */
  pageBase: string;
  merchantName(session: CheckoutSession, account: string | null): string;
}

/** Who is calling the API: the connected account of `Stripe-Account`, the request id, the idempotency key. */
export interface RequestContext {
  account: string | null;
  requestId: string;
  idempotencyKey: string | null;
}

/**
 * Every object in memory, each owned by the account it was made on (null: the platform).
 * As on Stripe, an object made with a `Stripe-Account` header is found only with the same
 * header: code that forgets the header gets `No such …` here as it would there.
 */
export class StripeState {
  private readonly objects = new Map<string, { account: string | null; object: StoredObject }>();
  private readonly extras = new Map<string, SessionExtras>();
  /** Which payout carried each balance transaction (Stripe keeps this link out of the transaction's own fields). */
  private readonly payoutOf = new Map<string, string>();

  /** Records that `payoutId` carried these balance transactions. */
  paidOut(transactionIds: string[], payoutId: string): void {
    for (const id of transactionIds) this.payoutOf.set(id, payoutId);
  }

  /** The payout that carried a balance transaction, if one has. */
  payoutOfTransaction(transactionId: string): string | undefined {
    return this.payoutOf.get(transactionId);
  }

  put<T extends StoredObject>(object: T, account: string | null): T {
    this.objects.set(object.id, { account, object });
    return object;
  }

  putSession(session: CheckoutSession, account: string | null, extras: SessionExtras): CheckoutSession {
    this.extras.set(session.id, extras);
    return this.put(session, account);
  }

  /** The object of that kind with that id, if `account` owns it. */
  find<K extends StoredObject['object']>(kind: K, id: string, account: string | null): ObjectOf<K> | undefined {
    const entry = this.objects.get(id);
    return entry && entry.object.object === kind && entry.account === account ? (entry.object as ObjectOf<K>) : undefined;
  }

  /** The object with its owner, whoever asks (the hosted page knows only the session id). */
  entry<K extends StoredObject['object']>(kind: K, id: string): { account: string | null; object: ObjectOf<K> } | undefined {
    const entry = this.objects.get(id);
    return entry && entry.object.object === kind ? (entry as { account: string | null; object: ObjectOf<K> }) : undefined;
  }

  all<K extends StoredObject['object']>(kind: K, account: string | null): ObjectOf<K>[] {
    return [...this.objects.values()].filter((e) => e.object.object === kind && e.account === account).map((e) => e.object as ObjectOf<K>);
  }

  sessionExtras(id: string): SessionExtras {
    const extras = this.extras.get(id);
    if (!extras) throw new Error(`no extras for ${id}`);
    return extras;
  }

  reset(): void {
    this.objects.clear();
    this.extras.clear();
    this.payoutOf.clear();
  }

  /**
   * Stripe's `expand[]`: each dotted path names a field holding an id, replaced by the
   * object (`latest_charge.balance_transaction`; `data.x` inside a list). A session's
   * `line_items` is expandable though absent by default, as on Stripe.
   */
  expand(object: object, paths: string[], account: string | null): object {
    const copy = structuredClone(object) as Record<string, unknown>;
    for (const path of paths) {
      const segments = path.split('.');
      if (segments.length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
      this.expandAt(copy, segments, path, account);
    }
    return copy;
  }

  private expandAt(node: Record<string, unknown>, segments: string[], path: string, account: string | null): void {
    const [field, ...rest] = segments as [string, ...string[]];
    if (node.object === 'list' && field === 'data' && Array.isArray(node.data)) {
      for (const item of node.data as Record<string, unknown>[]) if (rest.length) this.expandAt(item, rest, path, account);
      return;
    }
    let value = node[field];
    if (field === 'line_items' && node.object === 'checkout.session' && typeof node.id === 'string' && value === undefined) {
      value = node.line_items = list(structuredClone(this.sessionExtras(node.id).lineItems), `/v1/checkout/sessions/${node.id}/line_items`);
    } else if (typeof value === 'string') {
      const found = this.objects.get(value);
      if (!found || found.account !== account) throw invalidRequest(`This property cannot be expanded (${field}).`, 'expand');
      value = node[field] = structuredClone(found.object);
    } else if (value === null) {
      return;
    } else if (typeof value !== 'object' || value === undefined) {
      throw invalidRequest(`This property cannot be expanded (${field}).`, 'expand');
    }
    if (rest.length) this.expandAt(value as Record<string, unknown>, rest, path, account);
  }
}
