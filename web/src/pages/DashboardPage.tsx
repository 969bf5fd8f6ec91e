import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { CheckCircleIcon, CloseIcon } from '../components/Icons';
import { useMe } from '../layouts/Shell';
import { displayName } from '../session';
import { usePageTitle, useTenant } from '../tenant';

/** A one-off message handed over in the navigation state (e.g. "your password is set"). */
export function NoticeFromNavigation() {
  const location = useLocation();
  const navigate = useNavigate();
  const incoming = (location.state as { notice?: unknown } | null)?.notice;
  const [notice, setNotice] = useState(typeof incoming === 'string' ? incoming : '');

  // Shown once: take it out of the history entry so a reload or Back does not repeat it.
  useEffect(() => {
    if (typeof incoming === 'string') navigate(location.pathname + location.search, { replace: true, state: null });
  }, [incoming, navigate, location.pathname, location.search]);

  return (
    <div role="status" className="status-slot">
      {notice ? (
        <div className="banner banner-success">
          <span className="banner-icon">
            <CheckCircleIcon />
          </span>
          <p>{notice}</p>
          <button type="button" className="banner-close" aria-label="Dismiss message" onClick={() => setNotice('')}>
            <CloseIcon />
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The signed-in home. Module summaries join it as the modules are built. */
export function DashboardPage() {
  usePageTitle('Dashboard');
  const tenant = useTenant();
  const me = useMe();
  return (
    <div className="page">
      <NoticeFromNavigation />
      <div className="page-head">
        <h1>Welcome, {displayName(me)}</h1>
        <p className="lead">This is your customer portal with {tenant.name}.</p>
      </div>
      <section className="card" aria-labelledby="account-heading">
        <div className="card-head">
          <h2 id="account-heading">Your account</h2>
          <Link className="text-link" to="/account">
            View my details
          </Link>
        </div>
        <dl className="details">
          <div>
            <dt>Name</dt>
            <dd>{[me.user.firstName, me.user.lastName].filter(Boolean).join(' ')}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd className="break-anywhere">{me.user.email}</dd>
          </div>
          <div>
            <dt>Company</dt>
            <dd>{me.company.name}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
