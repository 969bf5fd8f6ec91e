import { startTransition, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DocumentSummary } from '../../../shared/api/documents';
import { call, problemMessage } from '../api';
import { AlertIcon, FileIcon, MessageIcon, SearchIcon } from '../components/Icons';
import { StatusBadge } from '../components/StatusBadge';
import { readEarly } from '../early';
import { usePageTitle, useTenant } from '../tenant';
import { ExportCsvButton } from './ExportCsvButton';
import { SelectAllBox, SelectBox, useSelection } from './listSelection';
import { ZipDownloadBar } from './ZipDownloadBar';
import { MAX_ZIP_DOCUMENTS } from './zipJob';
import { count, filterLabel, formatDate, formatMoney, statusLabel } from './format';
import { DOCUMENT_KINDS, LIST_FILTERS, LIST_PAGE_SIZE, documentPath, listQuery, listArgs, noun, pluralNoun, type DocumentType } from './kinds';
import './table.css';
import './DocumentListPage.css';

const SEARCH_DELAY_MS = 350;

/** Which date and amount columns each type shows besides number, title, issued and status. */
const COLUMNS: Record<DocumentType, { date?: { key: 'dueDate' | 'expiryDate'; label: string }; balance?: boolean }> = {
  quote: { date: { key: 'expiryDate', label: 'Valid until' } },
  'sales-order': {},
  invoice: { date: { key: 'dueDate', label: 'Due' }, balance: true },
  job: { date: { key: 'dueDate', label: 'Due' } },
  'purchase-order': { date: { key: 'dueDate', label: 'Delivery due' } },
  'supplier-bill': { date: { key: 'dueDate', label: 'Due' }, balance: true },
};

function intro(type: DocumentType, tenant: string): string {
  switch (type) {
    case 'quote':
      return `Quotes ${tenant} has sent you. Open one to read it, accept it or reject it.`;
    case 'sales-order':
      return `Your orders with ${tenant}. Orders waiting for your signature are under Open.`;
    case 'invoice':
      return `Invoices from ${tenant}, with what is still to pay.`;
    case 'job':
      return `Work ${tenant} is doing for you. Approve artwork and estimates here.`;
    case 'purchase-order':
      return `Purchase orders ${tenant} has placed with you.`;
    case 'supplier-bill':
      return `Bills you have sent ${tenant}, and whether they are paid.`;
  }
}

/** "No quotes yet…", "No expired quotes.", "No quotes with a number starting …": what is empty and what to do. */
function EmptyState({
  type,
  status,
  q,
  onShowAll,
  onClearSearch,
}: {
  type: DocumentType;
  status: string;
  q: string;
  onShowAll(): void;
  onClearSearch(): void;
}) {
  const tenant = useTenant();
  const plural = pluralNoun(type);
  let title: string;
  let text: string;
  let action: { label: string; onClick(): void } | undefined;
  if (q) {
    title = `No ${plural} match “${q}”`;
    text = `No ${status ? `${statusLabel(status).toLowerCase()} ` : ''}${noun(type)} has a number starting with “${q}”. Check the number, or clear the search.`;
    action = { label: 'Clear search', onClick: onClearSearch };
  } else if (status === 'credit') {
    title = 'No credit notes';
    text =
      type === 'invoice'
        ? `When ${tenant.name} gives you a credit (a return, a refund, a correction) its credit note will appear here.`
        : `You have no credit notes recorded with ${tenant.name} right now.`;
    action = { label: `Show all ${plural}`, onClick: onShowAll };
  } else if (status) {
    title = `No ${statusLabel(status).toLowerCase()} ${plural}`;
    text = `You have no ${plural} that are ${statusLabel(status).toLowerCase()} right now.`;
    action = { label: `Show all ${plural}`, onClick: onShowAll };
  } else {
    title = `No ${plural} yet`;
    text =
      type === 'purchase-order'
        ? `When ${tenant.name} places a purchase order with you it will appear here.`
        : type === 'supplier-bill'
          ? `When ${tenant.name} records a bill from you it will appear here.`
          : `When ${tenant.name} sends you ${type === 'invoice' ? 'an' : 'a'} ${noun(type)} it will appear here, and we'll email you.`;
  }
  return (
    <div className="list-empty">
      <span className="list-empty-icon" aria-hidden="true">
        <FileIcon />
      </span>
      <h2>{title}</h2>
      <p>{text}</p>
      {action ? (
        <button type="button" className="btn btn-secondary" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}

function Unread({ n }: { n: number }) {
  if (n <= 0) return null;
  return (
    <span className="unread-badge" title={count(n, 'unread message')}>
      <MessageIcon />
      <span aria-hidden="true">{n}</span>
      <span className="visually-hidden">{count(n, 'unread message')}</span>
    </span>
  );
}

function Amount({ d }: { d: DocumentSummary }) {
  return <>{formatMoney(d.totals.total, d.currency)}</>;
}

/** The balance column: what is left to pay, or on a credit note the credit left (never a negative balance). */
function Balance({ d }: { d: DocumentSummary }) {
  if (d.credit !== undefined)
    return (
      <>
        {formatMoney(d.credit, d.currency)} <span className="muted small">credit</span>
      </>
    );
  if (d.balance === undefined) return <span className="muted">—</span>;
  return <>{formatMoney(d.balance, d.currency)}</>;
}

/** "Overdue invoices", "Credit notes", "All quotes": a list by its filter. */
const listName = (type: DocumentType, status: string) =>
  status === 'credit' ? filterLabel(status) : `${status ? statusLabel(status) : 'All'} ${pluralNoun(type)}`;

function ListSkeleton() {
  return (
    <div className="list-skeleton loading-fill" aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows, all alike and never reordered
        <div key={i} className="list-skeleton-row">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-line" />
        </div>
      ))}
    </div>
  );
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; items: DocumentSummary[]; cursor?: string; more: 'idle' | 'loading' | { error: unknown } };

/** The status filter as tabs (APG tabs, automatic activation): All, then the type's filters. */
const tabId = (panelId: string, option: string) => `${panelId}-tab-${option || 'all'}`;

function StatusTabs({ type, value, onChange, panelId }: { type: DocumentType; value: string; onChange(next: string): void; panelId: string }) {
  const options = ['', ...LIST_FILTERS[type]];
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % options.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + options.length) % options.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = options.length - 1;
    if (next < 0) return;
    e.preventDefault();
    refs.current[next]?.focus();
    onChange(options[next] ?? '');
  };
  return (
    <div className="tabs" role="tablist" aria-label={`Filter ${pluralNoun(type)} by status`}>
      {options.map((option, i) => {
        const selected = option === value;
        return (
          <button
            key={option || 'all'}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={tabId(panelId, option)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(option)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {option ? filterLabel(option) : 'All'}
          </button>
        );
      })}
    </div>
  );
}

/** `/quotes`, `/invoices`, …: one type's documents with status tabs, number search, sort and "Load more". */
export function DocumentListPage({ type }: { type: DocumentType }) {
  const kind = DOCUMENT_KINDS[type];
  usePageTitle(kind.plural);
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  const { status, sort, q } = listQuery(type, params);
  const [search, setSearch] = useState(q);
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const panelId = useId();
  const firstNew = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const columns = COLUMNS[type];
  // Ticked rows, for "Download PDFs": a change of list (type, tab, search, sort) starts a new selection.
  const selection = useSelection(`${type}|${status}|${sort}|${q}`);

  const update = useCallback(
    (changes: Record<string, string>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // The search box waits for a pause in typing before it asks.
  useEffect(() => {
    const value = search.trim();
    if (value === q) return;
    // A number search covers every status (the API's rule), so it leaves the status tab for All.
    const timer = setTimeout(() => update({ q: value, ...(value ? { status: '' } : {}) }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, update]);
  // …and follows the address (Back, a link from the dashboard).
  useEffect(() => setSearch((s) => (s.trim() === q ? s : q)), [q]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's: a change loads again
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    readEarly('GET /api/documents/{type}', listArgs(type, status, sort, q), controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        startTransition(() => setState({ status: 'ready', items: page.items, cursor: page.cursor, more: 'idle' }));
        setAnnouncement(
          page.items.length === 0
            ? `No ${pluralNoun(type)} found.`
            : `Showing ${count(page.items.length, noun(type), pluralNoun(type))}${page.cursor ? ', more available' : ''}.`,
        );
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [type, status, sort, q, attempt]);

  async function loadMore() {
    if (state.status !== 'ready' || !state.cursor || state.more === 'loading') return;
    const before = state.items.length;
    setState({ ...state, more: 'loading' });
    try {
      const page = await call('GET /api/documents/{type}', listArgs(type, status, sort, q, state.cursor));
      firstNew.current = page.items.length > 0 ? before : null;
      setState({ status: 'ready', items: [...state.items, ...page.items], cursor: page.cursor, more: 'idle' });
      setAnnouncement(
        `Loaded ${count(page.items.length, `more ${noun(type)}`, `more ${pluralNoun(type)}`)}. Showing ${before + page.items.length}${page.cursor ? '' : ', all there are'}.`,
      );
    } catch (error) {
      setState({ ...state, more: { error } });
    }
  }

  // After "Load more", focus moves to the first newly loaded document.
  useEffect(() => {
    if (firstNew.current === null || state.status !== 'ready') return;
    const index = firstNew.current;
    firstNew.current = null;
    const links = Array.from(listRef.current?.querySelectorAll<HTMLElement>('[data-doc-link]') ?? []).filter((el) => el.offsetParent !== null);
    links[index]?.focus();
  }, [state]);

  const items = state.status === 'ready' ? state.items : [];
  return (
    <div className="page">
      <div className="page-head">
        <h1>{kind.plural}</h1>
        <p className="lead">{intro(type, tenant.name)}</p>
      </div>
      <div className="list-card card">
        <div className="list-toolbar">
          <StatusTabs type={type} value={status} onChange={(next) => update({ status: next, q: '' })} panelId={panelId} />
          <div className="list-controls">
            <div className="search-field">
              <label htmlFor={`${panelId}-q`} className="visually-hidden">
                Search by {noun(type)} number
              </label>
              <span className="search-icon" aria-hidden="true">
                <SearchIcon />
              </span>
              <input
                id={`${panelId}-q`}
                type="search"
                inputMode="search"
                autoComplete="off"
                spellCheck={false}
                placeholder="Search by number"
                value={search}
                maxLength={50}
                onChange={(e) => setSearch(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') update({ q: search.trim(), ...(search.trim() ? { status: '' } : {}) });
                }}
              />
            </div>
            <div className="sort-field">
              <label htmlFor={`${panelId}-sort`}>Sort</label>
              <select id={`${panelId}-sort`} value={sort} onChange={(e) => update({ sort: e.target.value === 'oldest' ? 'oldest' : '' })}>
                <option value="newest">Newest first</option>
                <option value="oldest">Oldest first</option>
              </select>
            </div>
            {/* Keyed by the filters: what it said of the last export goes when they change. */}
            <ExportCsvButton key={`${status}|${sort}|${q}`} type={type} status={status} sort={sort} q={q} />
          </div>
        </div>
        <div id={panelId} role="tabpanel" aria-labelledby={tabId(panelId, status)} aria-busy={state.status === 'loading'} className="list-panel" ref={listRef}>
          <h2 className="visually-hidden">{listName(type, status)}</h2>
          {items.length ? (
            <ZipDownloadBar
              key={`${type}|${status}|${sort}|${q}`}
              type={type}
              selected={selection.ids}
              onClear={selection.clear}
              {...(state.status === 'ready' && state.cursor && items.every((d) => selection.has(d.documentId)) && selection.ids.length < MAX_ZIP_DOCUMENTS
                ? { list: { query: { type, status, sort, q }, onSelect: (ids: string[]) => selection.setMany(ids, true) } }
                : {})}
            />
          ) : null}
          {state.status === 'loading' ? (
            <>
              <p className="visually-hidden">Loading {pluralNoun(type)}…</p>
              <ListSkeleton />
            </>
          ) : state.status === 'error' ? (
            <div className="list-error" role="alert">
              <span className="list-empty-icon is-error" aria-hidden="true">
                <AlertIcon />
              </span>
              <h2>We couldn't load your {pluralNoun(type)}</h2>
              <p>{problemMessage(state.error)}</p>
              <button type="button" className="btn btn-primary" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            </div>
          ) : items.length === 0 ? (
            <EmptyState
              type={type}
              status={status}
              q={q}
              onShowAll={() => update({ status: '' })}
              onClearSearch={() => {
                setSearch('');
                update({ q: '' });
              }}
            />
          ) : (
            <>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways takes focus so a keyboard can scroll it (axe: scrollable-region-focusable) */}
              <section className="table-wrap doc-table" tabIndex={0} aria-label={`${kind.plural} table`}>
                <table className="table">
                  <caption className="visually-hidden">
                    {listName(type, status)}, {sort === 'newest' ? 'newest' : 'oldest'} first
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="select-cell">
                        <SelectAllBox
                          ids={items.map((d) => d.documentId)}
                          selection={selection}
                          label={`Select all ${items.length} ${pluralNoun(type)} shown`}
                        />
                      </th>
                      <th scope="col">Number</th>
                      <th scope="col">Issued</th>
                      {columns.date ? <th scope="col">{columns.date.label}</th> : null}
                      <th scope="col">Status</th>
                      <th scope="col" className="num">
                        Total
                      </th>
                      {columns.balance ? (
                        <th scope="col" className="num">
                          Balance
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((d) => (
                      <tr key={d.documentId} className={selection.has(d.documentId) ? 'is-selected' : undefined}>
                        <td className="select-cell">
                          <SelectBox id={d.documentId} selection={selection} label={`Select ${noun(type)} ${d.number}`} />
                        </td>
                        <th scope="row" className="doc-cell">
                          <Link to={documentPath(type, d.documentId)} className="doc-link" data-doc-link>
                            {d.number}
                          </Link>
                          <Unread n={d.unreadMessages} />
                          {d.title ? <span className="doc-title">{d.title}</span> : null}
                        </th>
                        <td>{formatDate(d.issueDate)}</td>
                        {columns.date ? <td>{formatDate(d[columns.date.key]) || <span className="muted">—</span>}</td> : null}
                        <td>
                          <StatusBadge status={d.state} />
                        </td>
                        <td className="num">
                          <Amount d={d} />
                        </td>
                        {columns.balance ? (
                          <td className="num strong">
                            <Balance d={d} />
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
              <div className="doc-cards-head">
                <SelectAllBox ids={items.map((d) => d.documentId)} selection={selection} label={`Select all ${items.length} shown`} visibleLabel />
              </div>
              <ul className="doc-cards" aria-label={`${kind.plural}`}>
                {items.map((d) => (
                  <li key={d.documentId} className={`doc-card${selection.has(d.documentId) ? ' is-selected' : ''}`}>
                    <div className="doc-card-top">
                      <SelectBox id={d.documentId} selection={selection} label={`Select ${noun(type)} ${d.number}`} className="doc-card-check" />
                      <Link to={documentPath(type, d.documentId)} className="doc-card-link" data-doc-link>
                        {d.number}
                      </Link>
                      <StatusBadge status={d.state} />
                    </div>
                    {d.title ? <p className="doc-card-title">{d.title}</p> : null}
                    <div className="doc-card-bottom">
                      <span className="doc-card-meta">
                        {columns.date && d[columns.date.key] ? `${columns.date.label} ${formatDate(d[columns.date.key])}` : `Issued ${formatDate(d.issueDate)}`}
                        <Unread n={d.unreadMessages} />
                      </span>
                      <span className="doc-card-amount">
                        {columns.balance && d.credit !== undefined ? (
                          <Balance d={d} />
                        ) : columns.balance && d.balance !== undefined && d.balance !== d.totals.total ? (
                          <>
                            {formatMoney(d.balance, d.currency)} <span className="muted small">due</span>
                          </>
                        ) : (
                          <Amount d={d} />
                        )}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
              <div className="list-foot">
                {state.cursor ? (
                  <button type="button" className="btn btn-secondary" onClick={() => void loadMore()} disabled={state.more === 'loading'}>
                    {state.more === 'loading' ? 'Loading…' : 'Load more'}
                  </button>
                ) : (
                  <p className="muted small">
                    {items.length > LIST_PAGE_SIZE ? `All ${items.length} ${pluralNoun(type)} shown.` : `${count(items.length, noun(type), pluralNoun(type))}`}
                  </p>
                )}
                {typeof state.more === 'object' ? (
                  <p className="inline-error" role="alert">
                    More {pluralNoun(type)} could not be loaded: {problemMessage(state.more.error)}
                  </p>
                ) : null}
              </div>
            </>
          )}
        </div>
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </p>
      </div>
    </div>
  );
}
