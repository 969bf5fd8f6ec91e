import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ActivityView, DashboardView, DocumentSummary } from '../../../shared/api/documents';
import { problemMessage } from '../api';
import {
  ActivityIcon,
  AlertIcon,
  CheckCircleIcon,
  ChevronRightIcon,
  ClockIcon,
  CloseIcon,
  CoinsIcon,
  FileIcon,
  MessageIcon,
  PenIcon,
  ShieldCheckIcon,
} from '../components/Icons';
import { DOCUMENT_KINDS, DOCUMENT_TYPES, documentPath, listPath, type DocumentType } from '../documents/kinds';
import { count, formatDate, formatMoney, formatWhen, humanize } from '../documents/format';
import { useResource } from '../documents/useResource';
import { readEarly } from '../early';
import { useOfferedModules } from '../modules';
import { displayName, useMe } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import './DashboardPage.css';

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

/**
 * The document types the dashboard may show and link to: those whose module the site
 * offers this user (built, switched on, permitted) and whose documents the user may read.
 */
function useShownTypes(): (type: DocumentType) => boolean {
  const me = useMe();
  const offered = useOfferedModules();
  return (type) => offered.has(DOCUMENT_KINDS[type].module) && me.permissions.includes(DOCUMENT_KINDS[type].read);
}

/** A document's number, as a link to it where the site offers its module. */
function DocumentLink({ type, documentId, className, children }: { type: DocumentType; documentId: string; className?: string; children: ReactNode }) {
  const shown = useShownTypes();
  if (!shown(type)) return <span className={className}>{children}</span>;
  return (
    <Link to={documentPath(type, documentId)} className={className}>
      {children}
    </Link>
  );
}

/** One card of the summary: a number, a few documents behind it, and the filtered list it links to. */
function SummaryCard({
  id,
  title,
  icon,
  tone = 'neutral',
  figure,
  figureLabel,
  children,
  link,
  more,
}: {
  id: string;
  title: string;
  icon: ReactNode;
  tone?: 'neutral' | 'danger' | 'warning' | 'success';
  figure?: ReactNode;
  figureLabel?: string;
  children?: ReactNode;
  link?: { to: string; label: string };
  /** A second way on (the balance's statement of account). */
  more?: { to: string; label: string };
}) {
  const headingId = `dash-${id}`;
  return (
    <section className={`card dash-card dash-${tone}`} aria-labelledby={headingId}>
      <div className="dash-card-head">
        <span className="dash-icon" aria-hidden="true">
          {icon}
        </span>
        <h2 id={headingId}>{title}</h2>
      </div>
      {figure !== undefined ? (
        <p className="dash-figure">
          {typeof figure === 'number' && figure > 100 ? '100+' : figure}
          {figureLabel ? <span className="dash-figure-label"> {figureLabel}</span> : null}
        </p>
      ) : null}
      <div className="dash-card-body">{children}</div>
      {link && more ? (
        <div className="dash-links">
          {[link, more].map((l) => (
            <Link key={l.to} className="dash-link" to={l.to}>
              {l.label}
              <ChevronRightIcon />
            </Link>
          ))}
        </div>
      ) : link ? (
        <Link className="dash-link" to={link.to}>
          {link.label}
          <ChevronRightIcon />
        </Link>
      ) : null}
    </section>
  );
}

/**
 * A card of documents waiting for something: how many (in words), the first few, and a
 * link to the list; "all clear" in green when there are none.
 */
function PendingCard({
  pending,
  pendingTone = 'warning',
  noun,
  allClear,
  detail,
  ...card
}: {
  id: string;
  title: string;
  icon: ReactNode;
  link: { to: string; label: string };
  pending: { count: number; items: DocumentSummary[] };
  pendingTone?: 'warning' | 'danger';
  /** Singular and plural, after the count: ['order to sign', 'orders to sign']. */
  noun: [string, string];
  allClear: string;
  detail: (d: DocumentSummary) => string;
}) {
  const { count } = pending;
  return (
    <SummaryCard
      {...card}
      tone={count > 0 ? pendingTone : 'success'}
      figure={count > 0 ? count : undefined}
      figureLabel={count > 0 ? noun[count === 1 ? 0 : 1] : undefined}
    >
      {count === 0 ? <AllClear>{allClear}</AllClear> : <DocList items={pending.items} detail={detail} />}
    </SummaryCard>
  );
}

function AllClear({ children }: { children: ReactNode }) {
  return (
    <p className="dash-clear">
      <span aria-hidden="true" className="dash-clear-icon">
        <CheckCircleIcon />
      </span>
      {children}
    </p>
  );
}

/** A few documents behind a card: number, what matters about each, amount. */
function DocList({ items, detail }: { items: DocumentSummary[]; detail: (d: DocumentSummary) => string }) {
  if (items.length === 0) return null;
  return (
    <ul className="dash-docs">
      {items.slice(0, 3).map((d) => (
        <li key={d.documentId}>
          <DocumentLink type={d.type} documentId={d.documentId} className="dash-doc-link">
            <span className="dash-doc-number">{d.number}</span>
            {d.title ? <span className="dash-doc-title">{d.title}</span> : null}
          </DocumentLink>
          <span className="dash-doc-meta">{detail(d)}</span>
          <span className="dash-doc-amount">{formatMoney(d.balance ?? d.totals.total, d.currency)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The activity's summary as a sentence ("Priya Shah replied on quote Q-1042"), with the
 * actor in bold and the document number as the link to it.
 */
function ActivitySentence({ activity: a }: { activity: ActivityView }) {
  const link = (
    <DocumentLink type={a.type} documentId={a.documentId}>
      {a.number}
    </DocumentLink>
  );
  let rest = a.summary.trim() || `${a.actor} ${humanize(a.action.split('.').pop() ?? a.action).toLowerCase()}`;
  const out: ReactNode[] = [];
  if (a.actor && rest.startsWith(a.actor)) {
    out.push(<strong key="actor">{a.actor}</strong>);
    rest = rest.slice(a.actor.length);
  }
  const at = rest.lastIndexOf(a.number);
  if (at >= 0) out.push(rest.slice(0, at), <Fragment key="link">{link}</Fragment>, rest.slice(at + a.number.length));
  else out.push(rest, ' ', <Fragment key="link">{link}</Fragment>);
  return <>{out}</>;
}

function ActivityList({ items }: { items: ActivityView[] }) {
  const tenant = useTenant();
  if (items.length === 0) {
    return <p className="muted-text">No activity yet. When {tenant.name} shares documents with you, they will show up here.</p>;
  }
  return (
    <ol className="activity">
      {items.map((a, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two events of one document may share a moment; the feed is read whole, newest first
        <li key={`${a.at}-${a.documentId}-${i}`}>
          <span className="activity-dot" aria-hidden="true" />
          <div>
            <p className="activity-summary">
              <ActivitySentence activity={a} />
            </p>
            <p className="activity-time">
              <time dateTime={a.at}>{formatWhen(a.at)}</time>
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}

function DashboardSkeleton() {
  return (
    <div className="loading-fill" aria-busy="true">
      <p className="visually-hidden" role="status">
        Loading your summary…
      </p>
      <div className="dash-grid" aria-hidden="true">
        {[0, 1, 2].map((i) => (
          <div key={i} className="card dash-card">
            <div className="skeleton skeleton-line skeleton-w60" />
            <div className="skeleton skeleton-figure" />
            <div className="skeleton skeleton-line" />
          </div>
        ))}
      </div>
    </div>
  );
}

const filtered = (type: DocumentType, status: string) => `${listPath(type)}?status=${status}`;

function Summary({ view, shown }: { view: DashboardView; shown: (type: DocumentType) => boolean }) {
  const tenant = useTenant();
  const invoices = shown('invoice');
  return (
    <>
      <div className="dash-grid">
        {invoices ? (
          <SummaryCard
            id="outstanding"
            title="Outstanding balance"
            icon={<CoinsIcon />}
            figure={
              view.outstanding.length === 0 ? undefined : (
                <span className="dash-amounts">
                  {view.outstanding.map((o) => (
                    <span key={o.currency} className="dash-amount">
                      {formatMoney(o.balance, o.currency)}
                    </span>
                  ))}
                </span>
              )
            }
            link={{ to: filtered('invoice', 'outstanding'), label: 'View outstanding invoices' }}
            more={{ to: '/statement', label: 'Statement of account' }}
          >
            {view.outstanding.length === 0 ? (
              <AllClear>Nothing to pay — every invoice is settled.</AllClear>
            ) : (
              <p className="muted-text">
                Across{' '}
                {count(
                  view.outstanding.reduce((n, o) => n + o.count, 0),
                  'unpaid invoice',
                )}
                {view.outstanding.length > 1 ? ', by currency' : ''}.
              </p>
            )}
            {view.credits.length > 0 ? (
              // Credit notes are not taken off the balance (the business applies them to an invoice); they show beside it.
              <p className="muted-text dash-credit">
                Credit in your favour:{' '}
                <Link to={filtered('invoice', 'credit')}>
                  {view.credits.map((c) => formatMoney(c.credit, c.currency)).join(' + ')} on{' '}
                  {count(
                    view.credits.reduce((n, c) => n + c.count, 0),
                    'credit note',
                  )}
                </Link>
                .
              </p>
            ) : null}
          </SummaryCard>
        ) : null}
        {invoices ? (
          <PendingCard
            id="overdue"
            title="Overdue invoices"
            icon={<ClockIcon />}
            pendingTone="danger"
            pending={view.overdue}
            noun={['invoice past its due date', 'invoices past their due date']}
            link={{ to: filtered('invoice', 'overdue'), label: 'View overdue invoices' }}
            allClear="Nothing overdue — you're all caught up."
            detail={(d) => `Due ${formatDate(d.dueDate)}`}
          />
        ) : null}
        {shown('quote') ? (
          <PendingCard
            id="quotes"
            title="Quotes awaiting your decision"
            icon={<FileIcon />}
            pending={view.quotesAwaitingDecision}
            noun={['quote to accept or reject', 'quotes to accept or reject']}
            link={{ to: filtered('quote', 'open'), label: 'View open quotes' }}
            allClear="No quotes waiting for you."
            detail={(d) => (d.expiryDate ? `Valid until ${formatDate(d.expiryDate)}` : `Sent ${formatDate(d.issueDate)}`)}
          />
        ) : null}
        {shown('sales-order') ? (
          <PendingCard
            id="orders"
            title="Orders awaiting signature"
            icon={<PenIcon />}
            pending={view.ordersAwaitingSignature}
            noun={['order to sign', 'orders to sign']}
            link={{ to: filtered('sales-order', 'open'), label: 'View open orders' }}
            allClear="No orders waiting for your signature."
            detail={(d) => `Sent ${formatDate(d.issueDate)}`}
          />
        ) : null}
        {shown('job') ? (
          <PendingCard
            id="jobs"
            title="Jobs awaiting approval"
            icon={<ShieldCheckIcon />}
            pending={view.jobsAwaitingApproval}
            noun={['proof to review', 'proofs to review']}
            link={{ to: filtered('job', 'awaiting-approval'), label: 'View jobs awaiting approval' }}
            allClear="No artwork or estimates waiting for approval."
            detail={(d) => `Sent ${formatDate(d.issueDate)}`}
          />
        ) : null}
        <SummaryCard
          id="messages"
          title="Unread messages"
          icon={<MessageIcon />}
          tone={view.unreadMessages > 0 ? 'warning' : 'neutral'}
          figure={view.unreadMessages > 0 ? view.unreadMessages : undefined}
          figureLabel={view.unreadMessages > 0 ? (view.unreadMessages === 1 ? 'new message' : 'new messages') : undefined}
        >
          {view.unreadMessages === 0 ? (
            <AllClear>No unread messages.</AllClear>
          ) : (
            <p className="muted-text">Documents with new messages from {tenant.name} show a message badge in their lists.</p>
          )}
        </SummaryCard>
      </div>
      <section className="card" aria-labelledby="activity-heading">
        <div className="card-head">
          <h2 id="activity-heading" className="with-icon">
            <span className="dash-icon" aria-hidden="true">
              <ActivityIcon />
            </span>
            Recent activity
          </h2>
        </div>
        <ActivityList items={view.recentActivity} />
      </section>
    </>
  );
}

/** The signed-in home: the summary of documents made and pending, then the user's account. */
export function DashboardPage() {
  usePageTitle('Dashboard');
  const tenant = useTenant();
  const me = useMe();
  const shown = useShownTypes();
  const readsDocuments = DOCUMENT_TYPES.some(shown);
  const { state, reload } = useResource<DashboardView>(readsDocuments ? 'dashboard' : null, (signal) => readEarly('GET /api/dashboard', {}, signal));
  return (
    <div className="page">
      <NoticeFromNavigation />
      <div className="page-head">
        <h1>Welcome, {displayName(me)}</h1>
        <p className="lead">{readsDocuments ? `Here is where things stand with ${tenant.name}.` : `This is your customer portal with ${tenant.name}.`}</p>
      </div>
      {readsDocuments ? (
        state.status === 'loading' ? (
          <DashboardSkeleton />
        ) : state.status === 'error' ? (
          <section className="card error-card" aria-labelledby="summary-error">
            <span className="error-card-icon" aria-hidden="true">
              <AlertIcon />
            </span>
            <div>
              <h2 id="summary-error">We couldn't load your summary</h2>
              <p role="alert">{problemMessage(state.error)}</p>
              <button type="button" className="btn btn-secondary" onClick={reload}>
                Try again
              </button>
            </div>
          </section>
        ) : (
          <Summary view={state.data} shown={shown} />
        )
      ) : null}
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
