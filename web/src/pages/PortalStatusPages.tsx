import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ProblemDetails } from '../../../shared/problem';
import type { PublicTenant } from '../../../shared/tenant';
import { refusalMessage } from '../accessMessages';
import { ApiError, isRefusal, problemMessage, problemSlug } from '../api';
import { documentTitle } from '../branding';
import { AlertIcon, BuildingIcon, CompassIcon, PauseIcon, UserOffIcon } from '../components/Icons';
import { TenantLogo } from '../components/TenantLogo';
import '../components/SiteFooter.css';
import '../styles/signed-out.css';

/**
 * Whole-page messages shown instead of the portal: an unknown address, a portal that is
 * switched off, or an API that could not be reached.
 */
function StatusLayout({
  title,
  icon,
  tenant,
  children,
}: {
  title: string;
  icon: ReactNode;
  tenant?: Pick<PublicTenant, 'name' | 'branding'>;
  children: ReactNode;
}) {
  useEffect(() => {
    document.title = documentTitle(title, tenant?.name);
  }, [title, tenant?.name]);
  return (
    <div className={`status-layout${tenant ? ' is-branded' : ''}`}>
      {tenant ? <div className="auth-band" aria-hidden="true" /> : null}
      <main id="main" className="status-main" tabIndex={-1}>
        <div className="card status-card">
          {tenant ? (
            <div className="status-brand">
              <TenantLogo tenant={tenant} size={56} />
              <p className="brand-name">{tenant.name}</p>
            </div>
          ) : null}
          <div className="status-icon">{icon}</div>
          <h1>{title}</h1>
          {children}
        </div>
      </main>
      <footer className="site-footer status-footer">
        <p>Powered by Portico</p>
      </footer>
    </div>
  );
}

/**
 * The API refused the signed-in user as a whole (deactivated, company not allowed, portal
 * switched off): shown in place of the page they asked for, at once.
 */
export function AccessRefusedPage({ problem, tenant }: { problem: ProblemDetails; tenant: PublicTenant }) {
  const slug = problemSlug(new ApiError(problem));
  const message = isRefusal(slug)
    ? refusalMessage(slug, tenant.name)
    : { title: 'You cannot use the portal right now', lead: problem.detail ?? problem.title, next: `Please contact ${tenant.name}.` };
  const icon = slug === 'portal-disabled' ? <PauseIcon /> : slug === 'company-not-allowed' ? <BuildingIcon /> : <UserOffIcon />;
  return (
    <StatusLayout title={message.title} icon={icon} tenant={tenant}>
      <p className="lead">{message.lead}</p>
      <p>{message.next}</p>
      <div className="actions">
        <Link className="btn btn-secondary" to="/login" replace>
          Back to sign in
        </Link>
      </div>
    </StatusLayout>
  );
}

export function PortalNotFoundPage({ host }: { host: string }) {
  return (
    <StatusLayout title="We couldn't find this portal" icon={<CompassIcon />}>
      <p className="lead">
        There is no customer portal at <strong className="break-anywhere">{host}</strong>.
      </p>
      <p>
        The address may be mistyped. Check the link in the email you were sent, or ask the business whose portal you are looking for to send you the right
        address.
      </p>
    </StatusLayout>
  );
}

export function PortalUnavailablePage({ tenant }: { tenant: PublicTenant }) {
  return (
    <StatusLayout title="The portal is currently unavailable" icon={<PauseIcon />} tenant={tenant}>
      <p className="lead">{tenant.name} has paused its customer portal for the moment.</p>
      <p>Your account and documents are safe. Please try again later, or contact {tenant.name} directly if you need help now.</p>
    </StatusLayout>
  );
}

/** A server's own wording for 4xx; a plain, friendly sentence for outages and 5xx. */
function retryMessage(error: unknown): string {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return problemMessage(error);
  if (error instanceof ApiError && error.status === 0) return problemMessage(error);
  return 'The portal is having trouble right now.';
}

function RetryLayout({ title, error, onRetry, tenant }: { title: string; error: unknown; onRetry(): void; tenant?: PublicTenant }) {
  return (
    <StatusLayout title={title} icon={<AlertIcon />} tenant={tenant}>
      <p className="lead">{retryMessage(error)}</p>
      <p>This is usually temporary. If it keeps happening, please try again in a few minutes.</p>
      {error instanceof ApiError && error.problem.requestId ? (
        <p className="small-print">
          Reference: <span className="break-anywhere">{error.problem.requestId}</span>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </StatusLayout>
  );
}

export function PortalLoadErrorPage({ error, onRetry }: { error: unknown; onRetry(): void }) {
  return <RetryLayout title="We couldn't load the portal" error={error} onRetry={onRetry} />;
}

export function SessionErrorPage({ error, onRetry, tenant }: { error: unknown; onRetry(): void; tenant?: PublicTenant }) {
  return <RetryLayout title="We couldn't check your sign-in" error={error} onRetry={onRetry} tenant={tenant} />;
}
