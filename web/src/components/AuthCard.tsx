import type { ReactNode } from 'react';
import { useTenant } from '../tenant';
import { TenantLogo } from './TenantLogo';
import '../styles/signed-out.css';

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
