import { useEffect, useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CATALOGUE_LIMITS, type CartLineView, type CartView } from '../../../shared/api/catalogue';
import { REQUEST_LIMITS } from '../../../shared/api/commerceRequests';
import { call, problemMessage } from '../api';
import { formatMoney } from '../documents/format';
import { useSubmit } from '../forms/useSubmit';
import { usePageTitle } from '../tenant';
import { useShop } from './shop';
import { CartTotals, LineProblems, LineProduct } from './CartLines';
import { newClientId, plural, SHOP } from './parts';

function QuantityControl({ line, onSet, busy }: { line: CartLineView; onSet: (quantity: number) => void; busy: boolean }) {
  const id = useId();
  const [text, setText] = useState(String(line.quantity));
  useEffect(() => setText(String(line.quantity)), [line.quantity]);
  const commit = () => {
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1 && n <= CATALOGUE_LIMITS.quantity && n !== line.quantity) onSet(n);
    else setText(String(line.quantity));
  };
  return (
    <div className="qty-control">
      <label htmlFor={id} className="visually-hidden">
        Quantity of {line.name}
      </label>
      <button
        type="button"
        className="qty-step"
        aria-label={`One fewer ${line.name}`}
        disabled={busy || line.quantity <= 1}
        onClick={() => onSet(line.quantity - 1)}
      >
        −
      </button>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={CATALOGUE_LIMITS.quantity}
        value={text}
        disabled={busy}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <button type="button" className="qty-step" aria-label={`One more ${line.name}`} disabled={busy} onClick={() => onSet(line.quantity + 1)}>
        +
      </button>
    </div>
  );
}

function QuoteFromCart({ cart, onDone }: { cart: CartView; onDone: () => void }) {
  const navigate = useNavigate();
  const shop = useShop();
  const submit = useSubmit();
  const [notes, setNotes] = useState('');
  const [clientRequestId] = useState(newClientId);
  const notesId = useId();
  return (
    <form
      className="card quote-from-cart"
      aria-labelledby="quote-from-cart-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit.run(async () => {
          await call('POST /api/cart/quote-request', { body: { clientRequestId, cartVersion: cart.version, description: notes.trim() } });
          shop.setCart({ ...cart, lines: [], totals: undefined, blocked: false });
          navigate(`${SHOP}/requests?sent=quote`);
        });
      }}
    >
      <h2 id="quote-from-cart-heading">Request a quote for this cart</h2>
      <p className="muted-text">We will price the {plural(cart.lines.length, 'line')} in your cart and send you a quote. Your cart will be emptied.</p>
      <div className="field">
        <label htmlFor={notesId}>Anything we should know? (optional)</label>
        <textarea id={notesId} rows={3} maxLength={REQUEST_LIMITS.description} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      {submit.failure ? (
        <p className="inline-error" role="alert">
          {submit.failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={submit.busy}>
          {submit.busy ? 'Sending…' : 'Send quote request'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The cart: lines re-priced and re-checked by the API on every read, each line's problems shown in it, totals, and the ways on. */
export function CartPage() {
  const shop = useShop();
  usePageTitle('Cart');
  const [error, setError] = useState('');
  const [busyLine, setBusyLine] = useState<string | undefined>(undefined);
  const [quoting, setQuoting] = useState(false);
  const cart = shop.cart;

  // Fresh on every visit: prices and stock may have moved since the shop loaded.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit
  useEffect(() => {
    const controller = new AbortController();
    call('GET /api/cart', {}, controller.signal).then(shop.setCart, (err: unknown) => {
      if (!controller.signal.aborted) setError(problemMessage(err));
    });
    return () => controller.abort();
  }, []);

  async function change(line: CartLineView, quantity: number | 'remove') {
    setBusyLine(line.productId);
    setError('');
    try {
      const next =
        quantity === 'remove'
          ? await call('DELETE /api/cart/lines/{productId}', { path: { productId: line.productId } })
          : await call('PUT /api/cart/lines/{productId}', { path: { productId: line.productId }, body: { quantity } });
      shop.setCart(next);
    } catch (err) {
      setError(`${line.name}: ${problemMessage(err)}`);
    } finally {
      setBusyLine(undefined);
    }
  }

  if (!cart) {
    return error ? (
      <div className="shop-error card" role="alert">
        <h1>Your cart</h1>
        <p>{error}</p>
      </div>
    ) : (
      <div aria-busy="true">
        <h1 className="visually-hidden">Loading your cart…</h1>
        <div className="card skeleton skeleton-block" />
      </div>
    );
  }

  if (cart.lines.length === 0) {
    return (
      <div className="card empty-state shop-empty">
        <h1>Your cart is empty</h1>
        <p>Find what you need in the catalogue and add it here. Your cart is kept on your account, so it follows you to any device.</p>
        <Link to={SHOP} className="btn btn-primary">
          Browse the catalogue
        </Link>
      </div>
    );
  }

  const blockedLines = cart.lines.filter((l) => l.problems.some((p) => p.kind !== 'price-changed')).length;
  return (
    <>
      <div className="page-head">
        <h1>Your cart</h1>
        <p className="lead">{plural(cart.lines.length, 'line')}. Prices and stock are checked again as you go.</p>
      </div>
      {error ? (
        <p className="banner banner-danger" role="alert">
          {error}
        </p>
      ) : null}
      {cart.blocked ? (
        <p className="banner banner-warning" role="status">
          {blockedLines === 1 ? 'One line needs' : `${blockedLines} lines need`} your attention before you can order: see below.
        </p>
      ) : null}
      <div className="cart-layout">
        <section className="card cart-lines" aria-labelledby="cart-lines-heading">
          <h2 id="cart-lines-heading" className="visually-hidden">
            Lines
          </h2>
          <ul className="cart-list">
            {cart.lines.map((line) => (
              <li key={line.productId} className={`cart-line${line.problems.length > 0 ? ' has-problem' : ''}`}>
                <LineProduct line={line} />
                <div className="line-controls">
                  <QuantityControl line={line} busy={busyLine === line.productId} onSet={(q) => void change(line, q)} />
                  <button type="button" className="link-button line-remove" disabled={busyLine === line.productId} onClick={() => void change(line, 'remove')}>
                    Remove<span className="visually-hidden"> {line.name}</span>
                  </button>
                </div>
                <div className="line-money">
                  {line.price ? (
                    <>
                      <span className="line-total">{formatMoney(line.price.subtotal, line.price.currency)}</span>
                      <span className="line-each">
                        {formatMoney(line.price.unitPrice, line.price.currency)} {line.unit === 'each' ? 'each' : `per ${line.unit}`}
                      </span>
                      {line.price.saving > 0 ? <span className="line-saving">Saving {formatMoney(line.price.saving, line.price.currency)}</span> : null}
                    </>
                  ) : (
                    <span className="muted-text small">Price on request</span>
                  )}
                </div>
                <LineProblems line={line} currency={cart.currency} />
              </li>
            ))}
          </ul>
        </section>
        <aside className="card cart-summary" aria-labelledby="cart-summary-heading">
          <h2 id="cart-summary-heading">Summary</h2>
          <CartTotals cart={cart} />
          <p className="muted-text small">Delivery is confirmed with your order.</p>
          <div className="cart-actions">
            {shop.mayOrder && cart.access.placeOrders ? (
              cart.blocked ? (
                <button type="button" className="btn btn-primary btn-block" disabled>
                  Proceed to checkout
                </button>
              ) : (
                <Link to={`${SHOP}/checkout`} className="btn btn-primary btn-block">
                  Proceed to checkout
                </Link>
              )
            ) : null}
            {shop.mayRequestQuote && cart.access.quoteRequests && !quoting ? (
              <button type="button" className="btn btn-secondary btn-block" onClick={() => setQuoting(true)}>
                Request a quote instead
              </button>
            ) : null}
          </div>
        </aside>
      </div>
      {quoting ? <QuoteFromCart cart={cart} onDone={() => setQuoting(false)} /> : null}
    </>
  );
}
