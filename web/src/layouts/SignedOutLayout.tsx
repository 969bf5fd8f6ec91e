import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
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
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          © {new Date().getFullYear()} {tenant.name}
        </p>
        <p className="powered-by">Powered by Portico</p>
      </footer>
    </div>
  );
}

/** The card every signed-out page sits in: the tenant's logo and name, then the page. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const tenant = useTenant();
  return (
    <section className="card auth-card" aria-labelledby="page-title">
      <div className="auth-card-head">
        <TenantLogo tenant={tenant} size={64} />
        <p className="brand-name">{tenant.name}</p>
        <h1 id="page-title">{title}</h1>
        {intro ? <div className="auth-intro">{intro}</div> : null}
      </div>
      {children}
    </section>
  );
}
