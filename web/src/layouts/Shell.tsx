import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { AccountMenu } from '../components/AccountMenu';
import { CloseIcon, MenuIcon, SignOutIcon, UserIcon } from '../components/Icons';
import { SiteFooter } from '../components/SiteFooter';
import { TenantLogo } from '../components/TenantLogo';
import { useCatalogueAccess } from '../commerce/catalogueAccess';
import { navItems } from '../modules';
import { fullName, useSession, type Me } from '../session';
import { useTenant } from '../tenant';
import { useRouteFocus } from '../useRouteFocus';
import './Shell.css';

/** How often, at most, coming back to the tab re-checks the session. */
const REVALIDATE_ON_FOCUS_MS = 30_000;

function ContentSkeleton() {
  return (
    <div className="page loading-fill" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading…
      </p>
      <div className="skeleton skeleton-w40" aria-hidden="true" />
      <div className="skeleton skeleton-block" aria-hidden="true" />
    </div>
  );
}

/** A session opened from a direct link reaches one document only, never the rest of the portal. */
const isDirectLinkSession = (me: Me) => !!(me as Me & { directLink?: unknown }).directLink;

function DirectLinkOnly({ onSignOut }: { onSignOut(): void }) {
  return (
    <div className="page">
      <div className="card empty-state">
        <h1>Sign in to see your portal</h1>
        <p>This browser opened a link to a single document. To see everything else, sign in with your email address and password.</p>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={onSignOut}>
            Sign in
          </button>
        </div>
      </div>
    </div>
  );
}

/** Layout of every signed-in page: branded header, module navigation, account menu, content, footer. */
export function Shell() {
  const tenant = useTenant();
  const { state, signOut, revalidate } = useSession();
  const me = state.status === 'signed-in' ? state.me : undefined;
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const firstPath = useRef(pathname);
  useRouteFocus();

  // A phone's menu closes once the user has picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the new address is the trigger, not an input
  useEffect(() => setMenuOpen(false), [pathname]);

  // Each navigation re-checks the session in the background: a deactivated user, a
  // changed team or a switched-off portal shows at the next page, not at the next sign-in.
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    void revalidate();
  }, [pathname, revalidate]);

  useEffect(() => {
    let last = Date.now();
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || Date.now() - last < REVALIDATE_ON_FOCUS_MS) return;
      last = Date.now();
      void revalidate();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [revalidate]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenuOpen(false);
        toggle.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  const onSignOut = useCallback(() => void signOut(), [signOut]);

  // Catalogue access is per company and contact: `GET /api/catalogue` says, once the rest says the module is offered.
  const offered = navItems(tenant.modules, me?.permissions, me?.modules);
  const catalogueAccess = useCatalogueAccess(offered.some((i) => i.module === 'catalog') ? me?.user.id : undefined);
  const items = offered.filter((i) => i.module !== 'catalog' || catalogueAccess?.access === true);
  const who = me ? fullName(me) : '';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="topbar">
          <div className="container topbar-inner">
            <Link to="/" className="brand-link">
              <TenantLogo tenant={tenant} size={36} decorative />
              <span className="brand-link-name">{tenant.name}</span>
            </Link>
            <div className="account account-wide">
              <AccountMenu name={who} email={me?.user.email} onSignOut={onSignOut} />
            </div>
            <button
              ref={toggle}
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              {menuOpen ? <CloseIcon /> : <MenuIcon />}
              <span>Menu</span>
            </button>
          </div>
        </div>
        <div id="site-menu" className={`navbar${menuOpen ? ' is-open' : ''}`}>
          <div className="container navbar-inner">
            <nav aria-label="Main">
              <ul className="nav-list">
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="account account-narrow">
              <p className="account-name">
                Signed in as <strong>{who}</strong>
              </p>
              <NavLink to="/account" className="btn btn-secondary">
                <UserIcon /> My details
              </NavLink>
              <button type="button" className="btn btn-secondary" onClick={onSignOut}>
                <SignOutIcon /> Sign out
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <div className="container">
          <Suspense fallback={<ContentSkeleton />}>{me && isDirectLinkSession(me) ? <DirectLinkOnly onSignOut={onSignOut} /> : <Outlet />}</Suspense>
        </div>
      </main>
      <SiteFooter tenantName={tenant.name} framed />
    </div>
  );
}
