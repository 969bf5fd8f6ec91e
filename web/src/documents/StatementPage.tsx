import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { StatementEntryKind, StatementQuery, StatementView } from '../../../shared/api/statements';
import { call, problemMessage } from '../api';
import { AlertIcon, DownloadIcon } from '../components/Icons';
import { useOfferedModules } from '../modules';
import { NotFoundContent } from '../pages/NotFoundPage';
import { useMe } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import { openDownload, statementPdfDownload } from './downloads';
import { formatDate, formatMoney } from './format';
import { documentPath } from './kinds';
import { useResource } from './useResource';
import './table.css';
import './StatementPage.css';

/**
 * `/statement`: the company's statement of account — a period (presets or custom), a
 * currency when the company has several, the entries with the running balance, the aging
 * of what was open on the last day, and the PDF. The period lives in the address, so the
 * dashboard can link to it and Back works.
 */

const PRESETS = [
  { value: 'this-month', label: 'This month' },
  { value: 'last-month', label: 'Last month' },
  { value: 'last-3-months', label: 'Last 3 months' },
  { value: 'this-year', label: 'This year' },
  { value: 'custom', label: 'Custom dates' },
] as const;
type Preset = (typeof PRESETS)[number]['value'];

const ENTRY_LABELS: Record<StatementEntryKind, string> = {
  invoice: 'Invoice',
  'credit-note': 'Credit note',
  payment: 'Payment',
  'online-payment': 'Online payment',
  refund: 'Refund',
  'credit-applied': 'Credit used',
  adjustment: 'Adjustment',
  void: 'Invoice voided',
  withdrawn: 'Invoice withdrawn',
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** A preset's first and last day (UTC calendar dates, as the API counts them). */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, now = new Date()): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (preset) {
    case 'this-month':
      return { from: iso(new Date(Date.UTC(y, m, 1))), to: iso(now) };
    case 'last-month':
      return { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
    case 'last-3-months':
      return { from: iso(new Date(Date.UTC(y, m - 2, 1))), to: iso(now) };
    case 'this-year':
      return { from: iso(new Date(Date.UTC(y, 0, 1))), to: iso(now) };
  }
}

function queryOf(params: URLSearchParams): { preset: Preset; query: StatementQuery } {
  const raw = params.get('period');
  const preset: Preset = PRESETS.some((p) => p.value === raw) ? (raw as Preset) : 'this-month';
  const currency = params.get('currency') || undefined;
  const period = preset === 'custom' ? { from: params.get('from') || undefined, to: params.get('to') || undefined } : presetPeriod(preset);
  return { preset, query: { ...period, ...(currency ? { currency } : {}) } };
}

export default function StatementPage() {
  const offered = useOfferedModules();
  const me = useMe();
  if (!offered.has('invoices') || !me.permissions.includes('invoices:read')) return <NotFoundContent />;
  return <Statement />;
}

function Statement() {
  usePageTitle('Statement of account');
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  const { preset, query } = queryOf(params);
  const key = JSON.stringify(query);
  const { state, reload } = useResource<StatementView>(key, (signal) => call('GET /api/statement', { query }, signal));
  const id = useId();

  const change = (changes: Record<string, string | undefined>) =>
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

  const view = state.status === 'ready' ? state.data : undefined;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Statement of account</h1>
        <p className="lead">What you owed {tenant.name} at the start of a period, every invoice, payment and credit in it, and what you owe at its end.</p>
      </div>

      <section className="card st-controls" aria-label="Period and currency">
        <div className="st-field">
          <label htmlFor={`${id}-period`}>Period</label>
          <select
            id={`${id}-period`}
            value={preset}
            onChange={(e) => {
              const next = e.target.value as Preset;
              // Custom starts from the period shown, so the dates are there to adjust.
              change(
                next === 'custom'
                  ? { period: next, from: view?.from ?? query.from, to: view?.to ?? query.to }
                  : { period: next, from: undefined, to: undefined },
              );
            }}
          >
            {PRESETS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        {preset === 'custom' ? (
          <CustomDates id={id} from={query.from ?? view?.from ?? ''} to={query.to ?? view?.to ?? ''} onApply={(from, to) => change({ from, to })} />
        ) : null}
        {view && view.currencies.length > 1 ? (
          <div className="st-field">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select id={`${id}-currency`} value={view.currency ?? ''} onChange={(e) => change({ currency: e.target.value })}>
              {view.currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="st-download">
          <PdfButton query={{ ...query, ...(view?.currency ? { currency: view.currency } : {}) }} disabled={!view?.currency} />
        </div>
      </section>

      <div aria-live="polite" aria-busy={state.status === 'loading'}>
        {state.status === 'loading' ? (
          <div className="card st-loading loading-fill" aria-hidden="true">
            <div className="skeleton skeleton-line" />
            <div className="skeleton skeleton-line" />
            <div className="skeleton skeleton-line" />
          </div>
        ) : state.status === 'error' ? (
          <div className="card st-error" role="alert">
            <span className="st-error-icon" aria-hidden="true">
              <AlertIcon />
            </span>
            <h2>We couldn't load your statement</h2>
            <p>{problemMessage(state.error)}</p>
            <button type="button" className="btn btn-primary" onClick={reload}>
              Try again
            </button>
          </div>
        ) : (
          <StatementBody view={state.data} />
        )}
      </div>
    </div>
  );
}

function CustomDates({ id, from, to, onApply }: { id: string; from: string; to: string; onApply(from: string, to: string): void }) {
  const [values, setValues] = useState({ from, to });
  const [error, setError] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!values.from || !values.to) return setError('Choose both dates.');
    if (values.to < values.from) return setError('The end date must not be before the start date.');
    const days = (Date.parse(values.to) - Date.parse(values.from)) / 86_400_000 + 1;
    if (days > 366) return setError('A statement covers at most a year.');
    setError('');
    onApply(values.from, values.to);
  }
  return (
    <form className="st-custom" onSubmit={submit} noValidate>
      <div className="st-field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={(e) => setValues({ ...values, from: e.target.value })} />
      </div>
      <div className="st-field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={values.to} onChange={(e) => setValues({ ...values, to: e.target.value })} />
      </div>
      <button type="submit" className="btn btn-secondary st-apply">
        Show
      </button>
      <p role="status" className="st-custom-error">
        {error}
      </p>
    </form>
  );
}

function PdfButton({ query, disabled }: { query: StatementQuery; disabled: boolean }) {
  const [state, setState] = useState<{ busy: boolean; waiting?: boolean; error?: string; url?: string; fileName?: string }>({ busy: false });
  async function go() {
    setState({ busy: true });
    try {
      const link = await openDownload(statementPdfDownload(query), () => setState({ busy: true, waiting: true }));
      setState({ busy: false, url: link.url, fileName: link.fileName });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => void go()} disabled={state.busy || disabled} aria-busy={state.busy}>
        <DownloadIcon /> Download PDF
      </button>
      <span role="status" className="st-download-status">
        {state.busy ? (state.waiting ? 'Preparing the PDF of this statement… it opens as soon as it is ready.' : 'Preparing your PDF…') : null}
        {state.error ? <span className="st-inline-error">{state.error}</span> : null}
        {state.url ? (
          <a href={state.url} target="_blank" rel="noopener noreferrer">
            Opened in a new tab. Not there? Open {state.fileName ?? 'the PDF'}
          </a>
        ) : null}
      </span>
    </>
  );
}

function StatementBody({ view }: { view: StatementView }) {
  const tenant = useTenant();
  if (!view.currency)
    return (
      <div className="card st-empty">
        <h2>Nothing on your account yet</h2>
        <p>When {tenant.name} sends you an invoice, your statement of account will show it here with every payment and credit.</p>
      </div>
    );
  const money = (minor: number) => formatMoney(minor, view.currency!);
  const period = `${formatDate(view.from)} to ${formatDate(view.to)}`;
  const aging = [
    { label: 'Current', amount: view.aging.current },
    { label: '1–30 days', amount: view.aging.days1to30 },
    { label: '31–60 days', amount: view.aging.days31to60 },
    { label: '61–90 days', amount: view.aging.days61to90 },
    { label: 'Over 90 days', amount: view.aging.over90 },
  ];
  return (
    <div className="st-body">
      <section className="card st-summary" aria-labelledby="st-summary-head">
        <h2 id="st-summary-head" className="st-period">
          {period} <span className="st-currency">{view.currency}</span>
        </h2>
        <dl className="st-figures">
          <div>
            <dt>Opening balance</dt>
            <dd>{money(view.openingBalance)}</dd>
          </div>
          <div>
            <dt>Invoices</dt>
            <dd>{money(view.totals.invoiced)}</dd>
          </div>
          <div>
            <dt>Payments</dt>
            <dd>{money(view.totals.payments)}</dd>
          </div>
          <div>
            <dt>Credits</dt>
            <dd>{money(view.totals.credits)}</dd>
          </div>
          {view.totals.adjustments !== 0 ? (
            <div>
              <dt>Adjustments</dt>
              <dd>{money(view.totals.adjustments)}</dd>
            </div>
          ) : null}
          <div className="st-closing">
            <dt>Closing balance</dt>
            <dd>{money(view.closingBalance)}</dd>
          </div>
        </dl>
      </section>

      <section className="card st-entries" aria-labelledby="st-entries-head">
        <h2 id="st-entries-head">Entries</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways takes focus so a keyboard can scroll it (axe: scrollable-region-focusable) */}
        <section className="table-wrap" tabIndex={0} aria-label="Statement entries">
          <table className="table st-table">
            <caption className="visually-hidden">Entries from {period}, with the balance after each</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Entry</th>
                <th scope="col">Document</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              <tr className="st-edge">
                <td className="st-date">{formatDate(view.from)}</td>
                <th scope="row" colSpan={3} className="st-kind">
                  Opening balance
                </th>
                <td className="num st-hide-narrow" />
                <td className="num st-amount">{money(view.openingBalance)}</td>
              </tr>
              {view.entries.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id of their own and never reorder
                <tr key={i}>
                  <td className="st-date">{formatDate(e.date)}</td>
                  <td className="st-kind">{ENTRY_LABELS[e.kind]}</td>
                  <td className="st-doc">
                    <Link to={documentPath('invoice', e.documentId)}>{e.number}</Link>
                  </td>
                  <td data-label="Due" className={e.dueDate ? 'st-due' : 'st-due st-hide-narrow'}>
                    {e.dueDate ? formatDate(e.dueDate) : <span className="st-muted">—</span>}
                  </td>
                  <td className={`num st-amount ${e.amount < 0 ? 'st-minus' : ''}`}>{money(e.amount)}</td>
                  <td className="num st-balance" data-label="Balance">
                    {money(e.balance)}
                  </td>
                </tr>
              ))}
              {view.entries.length === 0 ? (
                <tr>
                  <td colSpan={6} className="st-none">
                    Nothing moved your balance in this period.
                  </td>
                </tr>
              ) : null}
              <tr className="st-edge">
                <td className="st-date">{formatDate(view.to)}</td>
                <th scope="row" colSpan={3} className="st-kind">
                  Closing balance
                </th>
                <td className="num st-hide-narrow" />
                <td className="num st-amount">{money(view.closingBalance)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      </section>

      <section className="card st-aging" aria-labelledby="st-aging-head">
        <h2 id="st-aging-head">What was open on {formatDate(view.to)}, by days past due</h2>
        <ul className="st-buckets">
          {aging.map((b) => (
            <li key={b.label} className={b.amount > 0 && b.label !== 'Current' ? 'st-overdue' : ''}>
              <span className="st-bucket-label">{b.label}</span>
              <span className="st-bucket-amount">{money(b.amount)}</span>
            </li>
          ))}
        </ul>
        {view.unappliedCredit > 0 ? <p className="st-muted">Credit in your favour on that day: {money(view.unappliedCredit)}.</p> : null}
      </section>
    </div>
  );
}
