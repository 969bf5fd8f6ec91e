import { displayName, useSession } from '../session';
import { usePageTitle, useTenant } from '../tenant';

/** The signed-in home. Module summaries join it as the modules are built. */
export function DashboardPage() {
  usePageTitle('Dashboard');
  const tenant = useTenant();
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.me : {};
  return (
    <div className="page">
      <div className="page-head">
        <h1>Welcome, {displayName(me)}</h1>
        <p className="lead">This is your customer portal with {tenant.name}.</p>
      </div>
      {me.email || me.company?.name ? (
        <section className="card" aria-labelledby="account-heading">
          <h2 id="account-heading">Your account</h2>
          <dl className="details">
            {me.email ? (
              <div>
                <dt>Email</dt>
                <dd className="break-anywhere">{me.email}</dd>
              </div>
            ) : null}
            {me.company?.name ? (
              <div>
                <dt>Company</dt>
                <dd>{me.company.name}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
