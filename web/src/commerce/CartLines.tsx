import { Link } from 'react-router';
import type { CartLineView, CartView } from '../../../shared/api/catalogue';
import { AlertIcon } from '../components/Icons';
import { formatMoney } from '../documents/format';
import { productPath, taxWord, Thumb } from './parts';
import './cart.css';

/** What changed about a line, in words the customer can act on. */
export function problemText(p: CartLineView['problems'][number], currency: string): string {
  switch (p.kind) {
    case 'price-changed':
      return `The price has changed from ${formatMoney(p.was, currency)} to ${formatMoney(p.now, currency)} each.`;
    case 'unavailable':
      return p.reason === 'hidden'
        ? 'This product is no longer available to your account. Remove it to continue.'
        : p.reason === 'inactive'
          ? 'This product is no longer sold. Remove it to continue.'
          : 'This product has been withdrawn. Remove it to continue.';
    case 'insufficient-stock':
      return p.available > 0
        ? `Only ${p.available.toLocaleString()} available: lower the quantity to continue.`
        : 'Out of stock: remove it or try again later.';
  }
}

export function LineProblems({ line, currency }: { line: CartLineView; currency: string }) {
  if (line.problems.length === 0) return null;
  return (
    <ul className="line-problems">
      {line.problems.map((p) => (
        <li key={p.kind} className={`line-problem ${p.kind === 'price-changed' ? 'is-warning' : 'is-danger'}`}>
          <AlertIcon /> {problemText(p, currency)}
        </li>
      ))}
    </ul>
  );
}

/** A line's name, picture and SKU, linking to the product. */
export function LineProduct({ line }: { line: CartLineView }) {
  return (
    <div className="line-product">
      <Thumb image={line.thumbnail} className="line-thumb" />
      <div>
        <Link to={productPath(line.productId)} className="line-name">
          {line.name}
        </Link>
        <p className="line-sku">
          SKU <span className="mono">{line.sku}</span>
          {line.unit !== 'each' ? ` · per ${line.unit}` : ''}
        </p>
      </div>
    </div>
  );
}

/** The cart's totals (absent when prices are hidden). */
export function CartTotals({ cart }: { cart: CartView }) {
  if (!cart.totals) return <p className="muted-text">Prices are confirmed by us after you order.</p>;
  const t = cart.totals;
  return (
    <dl className="cart-totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{formatMoney(t.subtotal, cart.currency)}</dd>
      </div>
      <div>
        <dt>{taxWord(cart.currency)}</dt>
        <dd>{formatMoney(t.tax, cart.currency)}</dd>
      </div>
      <div className="cart-total">
        <dt>Total</dt>
        <dd>{formatMoney(t.total, cart.currency)}</dd>
      </div>
      {t.saving > 0 ? (
        <div className="cart-saving">
          <dt>You save</dt>
          <dd>{formatMoney(t.saving, cart.currency)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
