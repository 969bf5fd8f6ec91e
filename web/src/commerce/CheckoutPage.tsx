import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { CATALOGUE_LIMITS, type CartView, type PlacedOrder } from '../../../shared/api/catalogue';
import { ApiError, problemExtra, problemMessage } from '../api';
import { CheckCircleIcon } from '../components/Icons';
import { formatMoney } from '../documents/format';
import { useSubmit } from '../forms/useSubmit';
import { usePageTitle } from '../tenant';
import { useShop } from './shop';
import { call } from '../api';
import { CartTotals, LineProblems, LineProduct, problemText } from './CartLines';
import { newClientId, SHOP } from './parts';

/** What moved between the cart the customer reviewed and the cart as it is now, line by line. */
export function cartChanges(before: CartView, after: CartView): Array<{ productId: string; name: string; change: string }> {
  const out: Array<{ productId: string; name: string; change: string }> = [];
  const money = (n: number) => formatMoney(n, after.currency);
  const now = new Map(after.lines.map((l) => [l.productId, l]));
  for (const old of before.lines) {
    const line = now.get(old.productId);
    if (!line) {
      out.push({ productId: old.productId, name: old.name, change: 'Removed from your cart.' });
      continue;
    }
    if (line.quantity !== old.quantity)
      out.push({ productId: line.productId, name: line.name, change: `Quantity changed from ${old.quantity} to ${line.quantity}.` });
    if (old.price && line.price && old.price.subtotal !== line.price.subtotal && line.quantity === old.quantity) {
      out.push({ productId: line.productId, name: line.name, change: `Now ${money(line.price.subtotal)} (was ${money(old.price.subtotal)}).` });
    }
    for (const p of line.problems) {
      if (p.kind === 'price-changed' && old.price && line.price) continue;
      out.push({ productId: line.productId, name: line.name, change: problemText(p, after.currency) });
    }
  }
  const had = new Set(before.lines.map((l) => l.productId));
  for (const line of after.lines) if (!had.has(line.productId)) out.push({ productId: line.productId, name: line.name, change: 'Added to your cart.' });
  if (before.totals && after.totals && before.totals.total !== after.totals.total) {
    out.push({ productId: '', name: 'Total', change: `Now ${money(after.totals.total)} (was ${money(before.totals.total)}).` });
  }
  return out;
}

const METHOD_WORDS: Record<string, string> = {
  card: 'card',
  bacs_debit: 'Bacs Direct Debit',
  sepa_debit: 'SEPA Direct Debit',
  us_bank_account: 'US bank account',
  link: 'Link',
};
/** " by card", " by card or Bacs Direct Debit": how the customer may pay now. */
const methodWords = (methods: string[]) => {
  const words = methods.map((m) => METHOD_WORDS[m] ?? m);
  if (words.length === 0) return '';
  return ` by ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`}`;
};

interface Refusal {
  message: string;
  changes: Array<{ productId: string; name: string; change: string }>;
}

/** The line a 422's error names (`lines[3].productId`, `body.lines[3]…`), by its name in the cart. */
function lineErrors(err: unknown, cart: CartView): Array<{ productId: string; name: string; change: string }> {
  if (!(err instanceof ApiError) || !err.problem.errors) return [];
  return err.problem.errors.flatMap((e) => {
    const m = /lines\[(\d+)\]/.exec(e.name ?? '');
    const line = m ? cart.lines[Number(m[1])] : undefined;
    return line ? [{ productId: line.productId, name: line.name, change: e.reason }] : [];
  });
}

function Placed({ order, payNow }: { order: PlacedOrder; payNow: boolean }) {
  return (
    <div className="card empty-state order-placed">
      <div className="status-icon is-success">
        <CheckCircleIcon />
      </div>
      <h1>Thank you: order {order.number} is placed</h1>
      <p>
        {formatMoney(order.total, order.currency)} in total. We have emailed you a confirmation and will be in touch about delivery.
        {payNow && order.checkoutUrl ? ' Taking you to the payment page…' : ''}
      </p>
      <div className="actions">
        <Link to={`/orders/${encodeURIComponent(order.documentId)}`} className="btn btn-primary">
          View the order
        </Link>
        <Link to={SHOP} className="btn btn-secondary">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}

/** Checkout: the cart as reviewed, a PO reference and delivery notes, pay now when offered, and one order per click. */
export function CheckoutPage() {
  const shop = useShop();
  usePageTitle('Checkout');
  const [reviewed, setReviewed] = useState<CartView | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const [po, setPo] = useState('');
  const [notes, setNotes] = useState('');
  const [payNow, setPayNow] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);
  const [placed, setPlaced] = useState<PlacedOrder | undefined>(undefined);
  // One id per checkout: a double click, or a retry after a dropped answer, places one order.
  const [clientOrderId, setClientOrderId] = useState(newClientId);
  const submit = useSubmit();
  const poId = useId();
  const notesId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit
  useEffect(() => {
    const controller = new AbortController();
    call('GET /api/cart', {}, controller.signal).then(
      (c) => {
        setReviewed(c);
        shop.setCart(c);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setLoadError(problemMessage(err));
      },
    );
    return () => controller.abort();
  }, []);

  if (placed) return <Placed order={placed} payNow={payNow} />;
  if (loadError)
    return (
      <div className="shop-error card" role="alert">
        <h1>Checkout</h1>
        <p>{loadError}</p>
      </div>
    );
  if (!reviewed)
    return (
      <div aria-busy="true">
        <h1 className="visually-hidden">Loading checkout…</h1>
        <div className="card skeleton skeleton-block" />
      </div>
    );
  if (reviewed.lines.length === 0)
    return (
      <div className="card empty-state shop-empty">
        <h1>Nothing to check out</h1>
        <p>Your cart is empty.</p>
        <Link to={SHOP} className="btn btn-primary">
          Browse the catalogue
        </Link>
      </div>
    );

  const pay = reviewed.access.payAtPurchase;
  const cart = reviewed;

  async function place() {
    setRefusal(undefined);
    await submit.run(
      async () => {
        const order = await call('POST /api/orders', {
          body: {
            clientOrderId,
            cartVersion: cart.version,
            expectedTotal: cart.totals?.total ?? 0,
            purchaseOrderReference: po.trim() || undefined,
            deliveryNotes: notes.trim() || undefined,
            payNow: pay.available && payNow,
          },
        });
        setPlaced(order);
        shop.setCart({ ...cart, lines: [], totals: undefined, blocked: false, version: cart.version + 1 });
        if (pay.available && payNow && order.checkoutUrl) window.location.assign(order.checkoutUrl);
      },
      {
        failureOf: (err) => (err instanceof ApiError && (err.status === 409 || err.status === 422) ? '' : problemMessage(err)),
        onError: (err) => {
          void (async () => {
            if (err instanceof ApiError && (err.status === 409 || err.status === 422)) {
              // The cart moved (409) or a line can no longer be ordered (422): show what changed against what was reviewed.
              let now = problemExtra<CartView>(err, 'cart');
              if (!now?.lines) now = await call('GET /api/cart', {}).catch(() => undefined);
              const changes = [...lineErrors(err, cart), ...(now ? cartChanges(cart, now) : [])];
              setRefusal({ message: problemMessage(err), changes });
              if (now) {
                setReviewed(now);
                shop.setCart(now);
              }
              // The customer reviews the new cart: placing it is a new order attempt.
              setClientOrderId(newClientId());
            }
          })();
        },
      },
    );
  }

  return (
    <>
      <div className="page-head">
        <h1>Checkout</h1>
        <p className="lead">Check your order, add your references and place it.</p>
      </div>
      {refusal ? (
        <div className="banner banner-warning checkout-changes" role="alert">
          <div>
            <p className="strong">Your order has not been placed: {refusal.message}</p>
            {refusal.changes.length > 0 ? (
              <>
                <p>What changed:</p>
                <ul>
                  {refusal.changes.map((c, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a line may change in more than one way
                    <li key={`${c.productId}-${i}`}>
                      <span className="strong">{c.name}:</span> {c.change}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p>Please check the order below{cart.blocked ? ' and fix the lines marked in your cart' : ''}, then place it again.</p>
          </div>
        </div>
      ) : null}
      <div className="cart-layout">
        <section className="card cart-lines" aria-labelledby="checkout-lines-heading">
          <h2 id="checkout-lines-heading">Your order</h2>
          <ul className="cart-list">
            {cart.lines.map((line) => (
              <li key={line.productId} className={`cart-line is-review${line.problems.length > 0 ? ' has-problem' : ''}`}>
                <LineProduct line={line} />
                <p className="line-qty">× {line.quantity.toLocaleString()}</p>
                <div className="line-money">
                  {line.price ? <span className="line-total">{formatMoney(line.price.subtotal, line.price.currency)}</span> : null}
                </div>
                <LineProblems line={line} currency={cart.currency} />
              </li>
            ))}
          </ul>
          <p>
            <Link to={`${SHOP}/cart`} className="text-link">
              Change the cart
            </Link>
          </p>
        </section>
        <form
          className="card cart-summary checkout-form"
          aria-labelledby="checkout-form-heading"
          aria-busy={submit.busy}
          onSubmit={(e) => {
            e.preventDefault();
            void place();
          }}
        >
          <h2 id="checkout-form-heading">Order details</h2>
          <div className="field">
            <label htmlFor={poId}>Your purchase order reference (optional)</label>
            <input id={poId} value={po} maxLength={CATALOGUE_LIMITS.purchaseOrderReference} onChange={(e) => setPo(e.target.value)} autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={notesId}>Delivery notes (optional)</label>
            <textarea id={notesId} rows={3} maxLength={CATALOGUE_LIMITS.deliveryNotes} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          {pay.available ? (
            <fieldset className="fieldset pay-choice">
              <legend>Payment</legend>
              <label className="check-row">
                <input type="radio" name="pay" checked={!payNow} onChange={() => setPayNow(false)} />
                Pay on account (we invoice you)
              </label>
              <label className="check-row">
                <input type="radio" name="pay" checked={payNow} onChange={() => setPayNow(true)} />
                Pay now online{methodWords(pay.methods)}
              </label>
            </fieldset>
          ) : null}
          <CartTotals cart={cart} />
          {submit.failure ? (
            <p className="inline-error" role="alert">
              {submit.failure}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary btn-block" disabled={submit.busy || cart.blocked}>
            {submit.busy ? 'Placing your order…' : payNow && pay.available ? 'Place order and pay' : 'Place order'}
          </button>
        </form>
      </div>
    </>
  );
}
