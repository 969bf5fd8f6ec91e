import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CategoryView, ProductSummary } from '../../../shared/api/catalogue';
import { call, problemMessage } from '../api';
import { SearchIcon } from '../components/Icons';
import { usePageTitle, useTenant } from '../tenant';
import { useShop } from './shop';
import { plural, productPath, RequestLinks, StockLine, Thumb, UnitPrice } from './parts';
import './catalogue.css';

const PAGE_SIZE = 24;

type Listing = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: ProductSummary[]; cursor?: string; more: boolean };

function ProductCard({ product }: { product: ProductSummary }) {
  const shop = useShop();
  return (
    <li className="product-card card">
      <Link to={productPath(product.productId)} className="product-card-link">
        <Thumb image={product.thumbnail} className="product-card-image" />
        <span className="product-card-body">
          {product.category ? <span className="product-card-category">{product.category}</span> : null}
          <span className="product-card-name">{product.name}</span>
          <span className="product-card-sku">SKU {product.sku}</span>
        </span>
      </Link>
      <div className="product-card-foot">
        {product.price && shop.seesPrices ? (
          <p className="product-card-price">
            <UnitPrice price={product.price} unit={product.unit} />
          </p>
        ) : (
          <p className="product-card-price muted-text">Price on request</p>
        )}
        <StockLine stock={product.stock} unit={product.unit} />
      </div>
    </li>
  );
}

/** The catalogue: categories, a search by name or SKU, an in-stock filter and "load more" pages of product cards. */
export function CataloguePage() {
  const tenant = useTenant();
  const shop = useShop();
  usePageTitle('Catalogue');
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const inStock = params.get('inStock') === 'true';
  const [draft, setDraft] = useState(q);
  const [categories, setCategories] = useState<CategoryView[] | undefined>(undefined);
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const searchId = useId();

  useEffect(() => {
    const controller = new AbortController();
    call('GET /api/catalogue/categories', {}, controller.signal).then(
      (r) => setCategories(r.items),
      () => setCategories([]),
    );
    return () => controller.abort();
  }, []);

  useEffect(() => setDraft(q), [q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are what a page of products depends on
  useEffect(() => {
    const controller = new AbortController();
    setListing({ status: 'loading' });
    call('GET /api/catalogue/products', { query: query() }, controller.signal).then(
      (page) => setListing({ status: 'ready', items: page.items, cursor: page.cursor, more: !!page.cursor }),
      (err: unknown) => {
        if (!controller.signal.aborted) setListing({ status: 'error', message: problemMessage(err) });
      },
    );
    return () => controller.abort();
  }, [category, q, inStock]);

  function query(cursor?: string) {
    return { limit: PAGE_SIZE, category: category || undefined, q: q || undefined, inStock: inStock ? ('true' as const) : undefined, cursor };
  }

  function setFilter(name: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  async function loadMore() {
    if (listing.status !== 'ready' || !listing.cursor) return;
    setLoadingMore(true);
    try {
      const page = await call('GET /api/catalogue/products', { query: query(listing.cursor) });
      setListing({ status: 'ready', items: [...listing.items, ...page.items], cursor: page.cursor, more: !!page.cursor });
    } catch (err) {
      setListing({ status: 'error', message: problemMessage(err) });
    } finally {
      setLoadingMore(false);
    }
  }

  const heading = category || 'All products';
  return (
    <>
      <div className="page-head shop-head">
        <div>
          <h1>Catalogue</h1>
          <p className="lead">
            {shop.seesPrices ? `Order from ${tenant.name} at your account prices.` : `Browse ${tenant.name}'s range and ask us for a price.`}
          </p>
        </div>
        {shop.mayRequest ? (
          <div className="shop-head-actions">
            <RequestLinks quote={shop.mayRequestQuote} job={shop.mayRequestJob} />
          </div>
        ) : null}
      </div>

      <div className="catalogue-layout">
        <aside className="catalogue-filters card" aria-label="Filters">
          {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for the browsers the portal supports */}
          <form
            role="search"
            className="catalogue-search"
            onSubmit={(e) => {
              e.preventDefault();
              setFilter('q', draft.trim() || undefined);
            }}
          >
            <label htmlFor={searchId} className="catalogue-filter-label">
              Search by name or SKU
            </label>
            <div className="catalogue-search-field">
              <span className="catalogue-search-icon" aria-hidden="true">
                <SearchIcon />
              </span>
              <input id={searchId} type="search" value={draft} maxLength={100} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. banner or BAN-" />
            </div>
            <button type="submit" className="btn btn-primary btn-small">
              Search
            </button>
          </form>
          <label className="check-row">
            <input type="checkbox" checked={inStock} onChange={(e) => setFilter('inStock', e.target.checked ? 'true' : undefined)} />
            In stock only
          </label>
          <h2 className="catalogue-filter-label" id="categories-heading">
            Categories
          </h2>
          <ul className="category-list" aria-labelledby="categories-heading">
            <li>
              <button type="button" className="category-chip" aria-pressed={!category} onClick={() => setFilter('category', undefined)}>
                All products
              </button>
            </li>
            {(categories ?? []).map((c) => (
              <li key={c.name}>
                <button type="button" className="category-chip" aria-pressed={category === c.name} onClick={() => setFilter('category', c.name)}>
                  {c.name}
                  <span className="category-count">{c.count >= 1000 ? '1000+' : c.count}</span>
                </button>
              </li>
            ))}
          </ul>
        </aside>

        <section className="catalogue-results" aria-labelledby="results-heading" aria-busy={listing.status === 'loading'}>
          <h2 id="results-heading" className="results-heading">
            {heading}
            {q ? <span className="muted"> matching “{q}”</span> : null}
            {inStock ? <span className="muted"> · in stock</span> : null}
          </h2>
          {listing.status === 'loading' ? (
            <ul className="product-grid loading-fill" aria-hidden="true">
              {Array.from({ length: 6 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
                <li key={i} className="product-card card skeleton-card">
                  <div className="skeleton skeleton-block" />
                  <div className="skeleton skeleton-line" />
                </li>
              ))}
            </ul>
          ) : listing.status === 'error' ? (
            <div className="shop-error card" role="alert">
              <p>{listing.message}</p>
            </div>
          ) : listing.items.length === 0 ? (
            <div className="card empty-state shop-empty">
              <h3>No products found</h3>
              <p>
                {q || category || inStock ? 'Nothing matches those filters. Try another search or category.' : 'There are no products in the catalogue yet.'}
              </p>
              {q || category || inStock ? (
                <button type="button" className="btn btn-secondary" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  Clear filters
                </button>
              ) : null}
            </div>
          ) : (
            <>
              <ul className="product-grid">
                {listing.items.map((p) => (
                  <ProductCard key={p.productId} product={p} />
                ))}
              </ul>
              <div className="load-more">
                <p className="muted-text small" aria-live="polite">
                  Showing {plural(listing.items.length, 'product')}
                </p>
                {listing.more ? (
                  <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={loadingMore}>
                    {loadingMore ? 'Loading…' : 'Load more'}
                  </button>
                ) : null}
              </div>
            </>
          )}
        </section>
      </div>
    </>
  );
}
