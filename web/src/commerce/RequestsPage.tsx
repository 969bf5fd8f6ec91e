import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { RequestView } from '../../../shared/api/commerceRequests';
import { call, problemMessage } from '../api';
import { CheckCircleIcon } from '../components/Icons';
import { StatusBadge } from '../components/StatusBadge';
import { formatDate } from '../documents/format';
import { usePageTitle } from '../tenant';
import { useShop } from './shop';
import { plural, RequestLinks } from './parts';
import './requests.css';

type Listing = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: RequestView[]; cursor?: string };

const documentLink = (d: { type: 'quote' | 'job'; documentId: string }) => `/${d.type === 'quote' ? 'quotes' : 'jobs'}/${encodeURIComponent(d.documentId)}`;

function RequestItem({ r }: { r: RequestView }) {
  return (
    <li className="request-item card">
      <div className="request-item-head">
        <div>
          <p className="eyebrow">{r.kind === 'quote' ? 'Quote request' : 'Job request'}</p>
          <h2 className="request-title">{r.title}</h2>
          <p className="muted-text small">
            Sent <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time> by {r.requestedBy.name}
            {r.source === 'cart' && r.lines ? ` · from your cart, ${plural(r.lines.length, 'line')}` : ''}
            {r.attachments.length > 0 ? ` · ${plural(r.attachments.length, 'file')}` : ''}
          </p>
        </div>
        <StatusBadge status={r.status === 'requested' ? 'Requested' : r.status === 'answered' ? 'Answered' : 'Declined'} />
      </div>
      {r.status === 'answered' ? (
        <p className="request-answer">
          Answered {formatDate(r.answeredAt)} by {r.document.type} {''}
          <Link to={documentLink(r.document)} className="text-link">
            {r.document.number}
          </Link>
        </p>
      ) : r.status === 'declined' ? (
        <p className="request-answer is-declined">
          Declined {formatDate(r.declinedAt)}: {r.reason}
        </p>
      ) : (
        <p className="request-answer muted-text">We will reply with a {r.kind} as soon as we can.</p>
      )}
    </li>
  );
}

/** The company's quote and job requests, newest first, each with its status and the quote or job answering it. */
export function RequestsPage() {
  const shop = useShop();
  usePageTitle('My requests');
  const [params] = useSearchParams();
  const sent = params.get('sent');
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [more, setMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    call('GET /api/requests', { query: { limit: 20 } }, controller.signal).then(
      (page) => setListing({ status: 'ready', items: page.items, cursor: page.cursor }),
      (err: unknown) => {
        if (!controller.signal.aborted) setListing({ status: 'error', message: problemMessage(err) });
      },
    );
    return () => controller.abort();
  }, []);

  async function loadMore() {
    if (listing.status !== 'ready' || !listing.cursor) return;
    setMore(true);
    try {
      const page = await call('GET /api/requests', { query: { limit: 20, cursor: listing.cursor } });
      setListing({ status: 'ready', items: [...listing.items, ...page.items], cursor: page.cursor });
    } catch (err) {
      setListing({ status: 'error', message: problemMessage(err) });
    } finally {
      setMore(false);
    }
  }

  return (
    <>
      <div className="page-head shop-head">
        <div>
          <h1>My requests</h1>
          <p className="lead">Quotes and jobs you have asked for, and our answers.</p>
        </div>
        <div className="shop-head-actions">
          <RequestLinks quote={shop.mayRequestQuote} job={shop.mayRequestJob} quoteIsPrimary />
        </div>
      </div>
      {sent === 'quote' || sent === 'job' ? (
        <p className="banner banner-success" role="status">
          <CheckCircleIcon /> Thank you: your {sent} request has been sent. We will be in touch soon.
        </p>
      ) : null}
      <section aria-busy={listing.status === 'loading'} aria-label="Requests">
        {listing.status === 'loading' ? (
          <p className="muted-text">Loading your requests…</p>
        ) : listing.status === 'error' ? (
          <div className="shop-error card" role="alert">
            <p>{listing.message}</p>
          </div>
        ) : listing.items.length === 0 ? (
          <div className="card empty-state shop-empty">
            <h2>No requests yet</h2>
            <p>When you ask us for a quote or a job, it shows here until we answer.</p>
          </div>
        ) : (
          <>
            <ul className="request-list">
              {listing.items.map((r) => (
                <RequestItem key={r.requestId} r={r} />
              ))}
            </ul>
            {listing.cursor ? (
              <div className="load-more">
                <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={more}>
                  {more ? 'Loading…' : 'Load more'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
