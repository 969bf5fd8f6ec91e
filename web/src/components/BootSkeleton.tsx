import type { PublicTenant } from '../../../shared/tenant';
import { TenantLogo } from './TenantLogo';
import '../layouts/Shell.css';
import './BootSkeleton.css';

/**
 * An accessible placeholder while the portal or the session loads, its status written out
 * (so the page paints something to read at once). The card is what index.html shows before
 * any script has run (test/unit/web-early.test.ts keeps the two the same); the shell is the
 * signed-in layout's frame, with the tenant's name in its top bar once the tenant is known.
 * The content area reaches below the fold, so nothing under it moves into view when it fills.
 */
export function BootSkeleton({ label, variant = 'card', tenant }: { label: string; variant?: 'card' | 'shell'; tenant?: PublicTenant }) {
  if (variant === 'shell') {
    return (
      <div className="boot">
        <header className="topbar">
          <div className="container topbar-inner">
            {tenant ? (
              <span className="brand-link">
                <TenantLogo tenant={tenant} size={36} decorative />
                <span className="brand-link-name">{tenant.name}</span>
              </span>
            ) : null}
          </div>
        </header>
        <div className="boot-navbar" aria-hidden="true" />
        <main className="container boot-shell loading-fill" aria-busy="true">
          <h1 className="visually-hidden">{label}</h1>
          <p className="boot-status" role="status">
            {label}
          </p>
          <div className="skeleton skeleton-line skeleton-w40" aria-hidden="true" />
          <div className="skeleton skeleton-block" aria-hidden="true" />
          <div className="skeleton skeleton-block" aria-hidden="true" />
        </main>
      </div>
    );
  }
  return (
    <div className="boot">
      <div className="boot-band" aria-hidden="true" />
      <main className="boot-card" aria-busy="true">
        <h1 className="visually-hidden">{label}</h1>
        <div className="skeleton skeleton-logo" aria-hidden="true" />
        <p className="boot-status" role="status">
          {label}
        </p>
        <div className="skeleton skeleton-line skeleton-w80" aria-hidden="true" />
        <div className="skeleton skeleton-input" aria-hidden="true" />
        <div className="skeleton skeleton-input" aria-hidden="true" />
        <div className="skeleton skeleton-button" aria-hidden="true" />
      </main>
    </div>
  );
}
