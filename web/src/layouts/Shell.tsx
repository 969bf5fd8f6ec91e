import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { CloseIcon, MenuIcon } from '../components/Icons';
import { TenantLogo } from '../components/TenantLogo';
import { navItems } from '../modules';
import { displayName, useSession, type Me } from '../session';
import { useTenant } from '../tenant';
import { useRouteFocus } from '../useRouteFocus';

/** Layout of every signed-in page: branded header, module navigation, content, footer. */
export function Shell() {
  const tenant = useTenant();
  const { state, signOut } = useSession();
  const me: Me = state.status === 'signed-in' ? state.me : {};
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useRouteFocus();

  // A phone's menu closes once the user has picked a page.
  useEffect(() => setMenuOpen(false), [pathname]);

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

  const onSignOut = useCallback(async () => {
    await signOut();
    navigate('/login', { replace: true });
  }, [signOut, navigate]);

  const items = navItems(tenant.modules, Array.isArray(me.permissions) ? me.permissions : undefined);
  const who = displayName(me);

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
              <span className="account-name">
                <span className="visually-hidden">Signed in as </span>
                {who}
              </span>
              <button type="button" className="btn btn-on-brand" onClick={() => void onSignOut()}>
                Sign out
              </button>
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
              <button type="button" className="btn btn-secondary" onClick={() => void onSignOut()}>
                Sign out
              </button>
            </div>
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <div className="container">
          <Outlet />
        </div>
      </main>
      <footer className="site-footer shell-footer">
        <div className="container footer-inner">
          <p>
            © {new Date().getFullYear()} {tenant.name}
          </p>
          <p className="powered-by">Powered by Portico</p>
        </div>
      </footer>
    </div>
  );
}
