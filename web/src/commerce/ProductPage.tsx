import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CATALOGUE_LIMITS, type PriceView, type ProductView } from '../../../shared/api/catalogue';
import { ApiError, problemMessage } from '../api';
import { ArrowLeftIcon, CheckCircleIcon } from '../components/Icons';
import { formatMoney } from '../documents/format';
import { useSubmit } from '../forms/useSubmit';
import { NotFoundContent } from '../pages/NotFoundPage';
import { usePageTitle } from '../tenant';
import { useShop } from './shop';
import { call } from '../api';
import { SHOP, StockLine, taxWord, Thumb, UnitPrice } from './parts';
import '../documents/table.css';
import './product.css';

/** The price breaks as a table: from each threshold, the caller's unit price. */
function BreaksTable({ base, unit }: { base: PriceView; unit: string }) {
  if (base.breaks.length === 0) return null;
  const rows = [{ minQuantity: 1, unitPrice: base.unitPrice }, ...base.breaks];
  return (
    <table className="table breaks-table">
      <caption>Buy more, pay less</caption>
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col" className="num">
            Price {unit === 'each' ? 'each' : `per ${unit}`}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const next = rows[i + 1];
          return (
            <tr key={r.minQuantity}>
              <th scope="row">{next ? `${r.minQuantity}–${next.minQuantity - 1}` : `${r.minQuantity}+`}</th>
              <td className="num">{formatMoney(r.unitPrice, base.currency)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Gallery({ product }: { product: ProductView }) {
  const [shown, setShown] = useState(0);
  const images = product.images;
  const current = images[shown] ?? images[0];
  return (
    <div className="gallery">
      <Thumb image={current ? { url: current.url, alt: current.alt || product.name } : undefined} className="gallery-main" />
      {images.length > 1 ? (
        <ul className="gallery-thumbs" aria-label="Pictures">
          {images.map((img, i) => (
            <li key={img.imageId}>
              <button type="button" className="gallery-thumb" aria-pressed={i === shown} onClick={() => setShown(i)}>
                <img src={img.url} alt={img.alt ? `View ${i + 1}: ${img.alt}` : `View ${i + 1}`} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function ProductDetail({ productId }: { productId: string }) {
  const shop = useShop();
  const [product, setProduct] = useState<ProductView | null | undefined>(undefined);
  const [loadError, setLoadError] = useState('');
  const [base, setBase] = useState<PriceView | undefined>(undefined);
  const [quantity, setQuantity] = useState(1);
  const [quantityText, setQuantityText] = useState('1');
  const [price, setPrice] = useState<PriceView | undefined>(undefined);
  const [added, setAdded] = useState<number | undefined>(undefined);
  const submit = useSubmit();
  const quantityId = useId();
  usePageTitle(product?.name ?? 'Product');

  useEffect(() => {
    const controller = new AbortController();
    call('GET /api/catalogue/products/{productId}', { path: { productId } }, controller.signal).then(
      (p) => {
        setProduct(p);
        setBase(p.price);
        setPrice(p.price);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 404) setProduct(null);
        else setLoadError(problemMessage(err));
      },
    );
    return () => controller.abort();
  }, [productId]);

  // The caller's price for the quantity chosen, from the API (breaks and discounts are its rules); a moment after typing stops.
  useEffect(() => {
    if (!base || quantity === 1) {
      setPrice(base);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      call('GET /api/catalogue/products/{productId}', { path: { productId }, query: { quantity } }, controller.signal).then(
        (p) => setPrice(p.price),
        () => undefined,
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [base, quantity, productId]);

  if (product === null) return <NotFoundContent />;
  if (loadError) {
    return (
      <div className="shop-error card" role="alert">
        <h1>Product</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  if (!product) {
    return (
      <div aria-busy="true">
        <h1 className="visually-hidden">Loading the product…</h1>
        <div className="product-layout loading-fill" aria-hidden="true">
          <div className="skeleton skeleton-block gallery-main" />
          <div className="skeleton skeleton-line" />
        </div>
      </div>
    );
  }

  const canAdd = shop.mayOrder && product.actions.includes('add-to-cart');
  const quantityValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= CATALOGUE_LIMITS.quantity;
  const shownPrice = price && price.quantity === quantity ? price : undefined;

  function onQuantity(text: string) {
    setQuantityText(text);
    setAdded(undefined);
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1) setQuantity(n);
  }

  async function addToCart() {
    if (!product || !quantityValid) return;
    await submit.run(async () => {
      const cart = await call('PUT /api/cart/lines/{productId}', { path: { productId: product.productId }, body: { quantity } });
      shop.setCart(cart);
      setAdded(quantity);
    });
  }

  return (
    <>
      <Link to={SHOP} className="back-link">
        <ArrowLeftIcon /> Back to the catalogue
      </Link>
      <div className="product-layout">
        <Gallery product={product} />
        <div className="product-info">
          {product.category ? <p className="eyebrow">{product.category}</p> : null}
          <h1 className="product-title">{product.name}</h1>
          <p className="product-sku">
            SKU <span className="mono">{product.sku}</span>
            {product.unit !== 'each' ? <> · sold per {product.unit}</> : null}
          </p>
          <StockLine stock={product.stock} unit={product.unit} />

          <div className="buy-box card">
            {base && shop.seesPrices ? (
              <p className="buy-price">
                <UnitPrice price={base} unit={product.unit} />
                <span className="muted small"> excl. {taxWord(base.currency)}</span>
              </p>
            ) : (
              <p className="buy-price-hidden">Prices are shared on request: add it to your cart or ask us for a quote.</p>
            )}
            <div className="buy-row">
              <div className="field buy-quantity">
                <label htmlFor={quantityId}>Quantity</label>
                <input
                  id={quantityId}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={CATALOGUE_LIMITS.quantity}
                  step={1}
                  value={quantityText}
                  onChange={(e) => onQuantity(e.target.value)}
                  aria-describedby={`${quantityId}-price`}
                />
              </div>
              {canAdd ? (
                <button type="button" className="btn btn-primary buy-add" disabled={submit.busy || !quantityValid} onClick={() => void addToCart()}>
                  {submit.busy ? 'Adding…' : 'Add to cart'}
                </button>
              ) : null}
            </div>
            <div id={`${quantityId}-price`} className="buy-summary" aria-live="polite">
              {shop.seesPrices && base ? (
                shownPrice ? (
                  <dl className="buy-figures">
                    <div>
                      <dt>
                        {shownPrice.quantity.toLocaleString()} × {formatMoney(shownPrice.unitPrice, shownPrice.currency)}
                      </dt>
                      <dd>{formatMoney(shownPrice.subtotal, shownPrice.currency)}</dd>
                    </div>
                    <div>
                      <dt>{taxWord(shownPrice.currency)}</dt>
                      <dd>{formatMoney(shownPrice.tax, shownPrice.currency)}</dd>
                    </div>
                    <div className="buy-total">
                      <dt>Total</dt>
                      <dd>{formatMoney(shownPrice.total, shownPrice.currency)}</dd>
                    </div>
                    {shownPrice.saving > 0 ? (
                      <div className="buy-saving">
                        <dt>You save</dt>
                        <dd>
                          {formatMoney(shownPrice.saving, shownPrice.currency)}
                          {shownPrice.discountBps > 0 ? <span className="small"> (incl. your {shownPrice.discountBps / 100}% account discount)</span> : null}
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                ) : (
                  <p className="muted-text small">Working out the price for {quantityText}…</p>
                )
              ) : null}
            </div>
            {added !== undefined ? (
              <p className="banner banner-success buy-added" role="status">
                <CheckCircleIcon /> {added.toLocaleString()} in your cart.{' '}
                <Link to={`${SHOP}/cart`} className="text-link">
                  View cart
                </Link>
              </p>
            ) : null}
            {submit.failure ? (
              <p className="inline-error" role="alert">
                {submit.failure}
              </p>
            ) : null}
            {!canAdd && shop.mayRequestQuote ? (
              <Link to={`${SHOP}/requests/new?kind=quote&product=${encodeURIComponent(product.sku)}`} className="btn btn-secondary btn-block">
                Request a quote
              </Link>
            ) : null}
          </div>
          {base && shop.seesPrices ? <BreaksTable base={base} unit={product.unit} /> : null}
        </div>
      </div>
      <section className="product-description card" aria-labelledby="description-heading">
        <h2 id="description-heading">Description</h2>
        {/* Sanitised HTML: the API renders the CRM's Markdown and strips anything unsafe. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the API (see shared/api/catalogue.ts ProductView) */}
        <div className="prose" dangerouslySetInnerHTML={{ __html: product.descriptionHtml }} />
      </section>
    </>
  );
}

export function ProductPage() {
  const { productId = '' } = useParams();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(productId)) return <NotFoundContent />;
  return <ProductDetail key={productId} productId={productId} />;
}
