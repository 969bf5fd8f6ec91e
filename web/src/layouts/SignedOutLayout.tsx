import { Suspense, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { LoadingCard } from '../components/Explanation';
import { SiteFooter } from '../components/SiteFooter';
import { TenantLogo } from '../components/TenantLogo';
import { useTenant } from '../tenant';
import { useRouteFocus } from '../useRouteFocus';

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

/**
 * The card every signed-out page sits in: the tenant's logo and name, then the page.
 * With an `icon`, the card explains a situation (an expired link, a refused account).
 */
export function AuthCard({ title, intro, icon, children }: { title: string; intro?: ReactNode; icon?: ReactNode; children: ReactNode }) {
  const tenant = useTenant();
  return (
    <section className={`card auth-card${icon ? ' is-explanation' : ''}`} aria-labelledby="page-title">
      <div className="auth-card-head">
        <TenantLogo tenant={tenant} size={icon ? 48 : 64} />
        <p className="brand-name">{tenant.name}</p>
        {icon ? <div className="status-icon">{icon}</div> : null}
        <h1 id="page-title">{title}</h1>
        {intro ? <div className="auth-intro">{intro}</div> : null}
      </div>
      {children}
    </section>
  );
}
