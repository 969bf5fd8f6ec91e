import { Link } from 'react-router';
import type { PriceView, StockView } from '../../../shared/api/catalogue';
import { formatDate, formatMoney } from '../documents/format';
import '../styles/forms.css';
import './parts.css';
import './shop.css';

/** Where the shop's pages live (the catalogue module's path). */
export const SHOP = '/catalog';
export const productPath = (productId: string) => `${SHOP}/products/${encodeURIComponent(productId)}`;

/** "VAT" for the UK tenants' customers, "tax" otherwise, by the currency the catalogue sells in. */
export const taxWord = (currency: string) => (currency === 'GBP' ? 'VAT' : 'tax');

const units = (n: number, unit: string) => (unit === 'each' ? `${n.toLocaleString()}` : `${n.toLocaleString()} × ${unit}`);

/** Stock as the settings let the customer see it: a number, in stock or not, incoming with its date; nothing for `none`. */
export function StockLine({ stock, unit = 'each' }: { stock: StockView; unit?: string }) {
  if (stock.display === 'none') return null;
  const incoming = stock.incoming ? (
    <span className="stock-incoming">
      {'quantity' in stock.incoming && stock.display === 'number' ? `${units(stock.incoming.quantity, unit)} more due` : 'More due'}
      {stock.incoming.expectedDate ? ` ${formatDate(stock.incoming.expectedDate)}` : ' soon'}
    </span>
  ) : null;
  const inStock = stock.display === 'number' ? stock.onHand > 0 : stock.inStock;
  const low = stock.display === 'number' && stock.onHand > 0 && stock.onHand < 10;
  const label =
    stock.display === 'number' ? (stock.onHand > 0 ? `${stock.onHand.toLocaleString()} in stock` : 'Out of stock') : inStock ? 'In stock' : 'Out of stock';
  return (
    <p className="stock-line">
      <span className={`stock-badge ${inStock ? (low ? 'is-low' : 'is-in') : 'is-out'}`}>
        <span className="stock-dot" aria-hidden="true" />
        {label}
      </span>
      {incoming}
    </p>
  );
}

/** A unit price: "£48.50 each", or per the product's unit. */
export function UnitPrice({ price, unit }: { price: PriceView; unit: string }) {
  return (
    <span className="unit-price">
      <span className="price-figure">{formatMoney(price.unitPrice, price.currency)}</span>
      <span className="price-unit"> {unit === 'each' ? 'each' : `per ${unit}`}</span>
      {price.unitPrice < price.listUnitPrice ? (
        <span className="price-was">
          <span className="visually-hidden">, list price </span>
          <s>{formatMoney(price.listUnitPrice, price.currency)}</s>
        </span>
      ) : null}
    </span>
  );
}

/** A product's picture, or a neutral placeholder of the same size when it has none. */
export function Thumb({ image, className = '' }: { image?: { url: string; alt: string }; className?: string }) {
  if (!image) {
    return (
      <span className={`product-thumb is-empty ${className}`} aria-hidden="true">
        <svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="2" />
          <path d="m21 16-5-5-9 9" />
        </svg>
      </span>
    );
  }
  return <img className={`product-thumb ${className}`} src={image.url} alt={image.alt} loading="lazy" decoding="async" />;
}

/** A new id for one submission (an order, a request): a double click or a retry sends the same one. */
/** "Request a quote" and "Request a job", each where the user may ask for it; `quoteIsPrimary` on the page whose main action it is. */
export function RequestLinks({ quote, job, quoteIsPrimary = false }: { quote: boolean; job: boolean; quoteIsPrimary?: boolean }) {
  return (
    <>
      {quote ? (
        <Link to={`${SHOP}/requests/new?kind=quote`} className={`btn ${quoteIsPrimary ? 'btn-primary' : 'btn-secondary'}`}>
          Request a quote
        </Link>
      ) : null}
      {job ? (
        <Link to={`${SHOP}/requests/new?kind=job`} className="btn btn-secondary">
          Request a job
        </Link>
      ) : null}
    </>
  );
}

export const newClientId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
