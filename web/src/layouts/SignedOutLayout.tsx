import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { LoadingCard } from '../components/Explanation';
import { SiteFooter } from '../components/SiteFooter';
import { useTenant } from '../tenant';
import { useRouteFocus } from '../useRouteFocus';
import '../styles/signed-out.css';

/** Layout of the pages used before signing in: a brand band and one centred card. */
export function SignedOutLayout() {
  const tenant = useTenant();
  useRouteFocus();
  return (
    <div className="auth-layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="auth-band" aria-hidden="true" />
      <main id="main" className="auth-main" tabIndex={-1}>
        <Suspense fallback={<LoadingCard label="Loading…" />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter tenantName={tenant.name} />
    </div>
  );
}
