/** An accessible placeholder while the portal or the session loads (same look as index.html's). */
export function BootSkeleton({ label, variant = 'card' }: { label: string; variant?: 'card' | 'shell' }) {
  if (variant === 'shell') {
    return (
      <main className="boot" aria-busy="true">
        <p className="visually-hidden" role="status">
          {label}
        </p>
        <div className="boot-topbar" aria-hidden="true" />
        <div className="container boot-shell" aria-hidden="true">
          <div className="skeleton skeleton-line skeleton-w40" />
          <div className="skeleton skeleton-block" />
          <div className="skeleton skeleton-block" />
        </div>
      </main>
    );
  }
  return (
    <main className="boot" aria-busy="true">
      <p className="visually-hidden" role="status">
        {label}
      </p>
      <div className="boot-band" aria-hidden="true" />
      <div className="boot-card" aria-hidden="true">
        <div className="skeleton skeleton-logo" />
        <div className="skeleton skeleton-line skeleton-w60" />
        <div className="skeleton skeleton-line skeleton-w80" />
        <div className="skeleton skeleton-input" />
        <div className="skeleton skeleton-input" />
        <div className="skeleton skeleton-button" />
      </div>
    </main>
  );
}
