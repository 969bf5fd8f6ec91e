import { Link } from 'react-router';
import { CompassIcon } from '../components/Icons';
import { AuthCard } from '../components/AuthCard';
import { usePageTitle } from '../tenant';

const TEXT = 'The link may be broken, or the page may have moved. Check the address, or start again from the home page.';

/** Unknown address, signed out: shown in the signed-out layout. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <AuthCard title="Page not found">
      <p>{TEXT}</p>
      <div className="actions">
        <Link className="btn btn-primary btn-block" to="/">
          Go to the home page
        </Link>
      </div>
    </AuthCard>
  );
}

/** Unknown address inside the signed-in shell. */
export function NotFoundContent() {
  usePageTitle('Page not found');
  return (
    <div className="page">
      <div className="card empty-state">
        <div className="status-icon">
          <CompassIcon />
        </div>
        <h1>Page not found</h1>
        <p>{TEXT}</p>
        <div className="actions">
          <Link className="btn btn-primary" to="/">
            Go to the dashboard
          </Link>
        </div>
      </div>
    </div>
  );
}
