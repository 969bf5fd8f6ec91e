import { useCallback, useEffect, useMemo, useState } from 'react';
import { NavLink, Outlet, Route, Routes } from 'react-router';
import type { CartView, CatalogueAccess } from '../../../shared/api/catalogue';
import { LockIcon } from '../components/Icons';
import { NotFoundContent } from '../pages/NotFoundPage';
import { useMe } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import { CartPage } from './CartPage';
import { CataloguePage } from './CataloguePage';
import { CheckoutPage } from './CheckoutPage';
import { loadCatalogueAccess } from './catalogueAccess';
import { call } from '../api';
import { SHOP } from './parts';
import { ProductPage } from './ProductPage';
import { RequestFormPage } from './RequestFormPage';
import { RequestsPage } from './RequestsPage';
import { type Shop, ShopContext, useShop } from './shop';
import './shop.css';
import './catalogue.css';

function NoCatalogue({ failed }: { failed: boolean }) {
  const tenant = useTenant();
  usePageTitle('Catalogue');
  return (
    <div className="page">
      <div className="card empty-state">
        <div className="status-icon">
          <LockIcon />
        </div>
        <h1>Catalogue</h1>
        <p>
          {failed
            ? 'The catalogue could not be loaded just now. Please try again in a moment.'
            : `The catalogue is not open to your account. If you would like to order online, ask ${tenant.name} to give you access.`}
        </p>
      </div>
    </div>
  );
}

function ShopTabs() {
  const shop = useShop();
  const count = shop.cart?.lines.length ?? 0;
  return (
    <nav className="shop-tabs" aria-label="Shop">
      <NavLink to={SHOP} end className="shop-tab">
        Products
      </NavLink>
      {shop.mayOrder || shop.mayRequestQuote ? (
        <NavLink to={`${SHOP}/cart`} className="shop-tab">
          Cart
          {count > 0 ? (
            <span className="shop-tab-count">
              {count}
              <span className="visually-hidden"> {count === 1 ? 'line' : 'lines'}</span>
            </span>
          ) : null}
        </NavLink>
      ) : null}
      {shop.mayRequest ? (
        <NavLink to={`${SHOP}/requests`} className="shop-tab">
          My requests
        </NavLink>
      ) : null}
    </nav>
  );
}

/** The shop's pages (loaded on demand): `/catalog`, `/catalog/products/<id>`, `/catalog/cart`, `/catalog/checkout`, `/catalog/requests[/new]`. */
export default function CommerceModule() {
  const me = useMe();
  const tenant = useTenant();
  // As the menu decides a module is offered (modules.tsx, which lazily imports this page: not imported back).
  const moduleOn = (m: 'quotes' | 'jobs') => tenant.modules.includes(m) && (me.modules?.includes(m) ?? true);
  const [access, setAccess] = useState<CatalogueAccess | null | undefined>(undefined);
  const [cart, setCart] = useState<CartView | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void loadCatalogueAccess(me.user.id).then((a) => live && setAccess(a));
    return () => {
      live = false;
    };
  }, [me.user.id]);

  const mayOrder = !!access?.access && access.placeOrders && me.permissions.includes('orders:place');
  const mayRequestQuote = !!access?.access && me.permissions.includes('quote-requests:write') && moduleOn('quotes');
  const mayRequestJob = me.permissions.includes('job-requests:write') && moduleOn('jobs');

  useEffect(() => {
    if (!access?.access || !(mayOrder || (mayRequestQuote && access.quoteRequests))) return;
    const controller = new AbortController();
    call('GET /api/cart', {}, controller.signal).then(setCart, () => undefined);
    return () => controller.abort();
  }, [access, mayOrder, mayRequestQuote]);

  const setCartStable = useCallback((c: CartView) => setCart(c), []);
  const shop = useMemo<Shop | null>(
    () =>
      access?.access
        ? {
            access,
            cart,
            setCart: setCartStable,
            mayOrder,
            mayRequestQuote: mayRequestQuote && access.quoteRequests,
            mayRequestJob,
            mayRequest: mayRequestQuote || mayRequestJob,
            seesPrices: !access.pricesHidden,
          }
        : null,
    [access, cart, setCartStable, mayOrder, mayRequestQuote, mayRequestJob],
  );

  if (access === undefined) {
    return (
      <div className="page" aria-busy="true">
        <h1 className="visually-hidden">Loading the catalogue…</h1>
        <div className="product-grid loading-fill" aria-hidden="true">
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
            <div key={i} className="product-card card skeleton-card">
              <div className="skeleton skeleton-block" />
              <div className="skeleton skeleton-line" />
            </div>
          ))}
        </div>
      </div>
    );
  }
  if (!shop) return <NoCatalogue failed={access === null} />;
  return (
    <ShopContext.Provider value={shop}>
      <Routes>
        <Route element={<ShopFrame />}>
          <Route index element={<CataloguePage />} />
          <Route path="products/:productId" element={<ProductPage />} />
          <Route path="cart" element={<CartPage />} />
          <Route path="checkout" element={<CheckoutPage />} />
          <Route path="requests" element={<RequestsPage />} />
          <Route path="requests/new" element={<RequestFormPage />} />
          <Route path="*" element={<NotFoundContent />} />
        </Route>
      </Routes>
    </ShopContext.Provider>
  );
}

function ShopFrame() {
  return (
    <div className="page shop-page">
      <ShopTabs />
      <Outlet />
    </div>
  );
}
