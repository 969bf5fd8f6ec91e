import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DocumentView } from '../../../shared/api/documents';
import type { DocumentVersionSummary, DocumentVersionView, LineChange, VersionComparison } from '../../../shared/api/documentVersions';
import { call, problemMessage } from '../api';
import { CheckCircleIcon, CloseIcon, PenIcon, ShieldCheckIcon } from '../components/Icons';
import { Lines } from './DocumentParts';
import { formatDateTime, formatMoney, formatQuantity, humanize, statusLabel } from './format';
import { noun } from './kinds';
import '../styles/forms.css';
import './VersionsPanel.css';

/**
 * A document's versions: what each received (and whether a later change voided it), an
 * earlier version opened in place (marked as not current), and what changed between any
 * two — each change named in words and by a symbol, never by colour alone.
 */
export function VersionsPanel({ doc }: { doc: DocumentView }) {
  // Loaded when asked for: most visits to a document are about its current version, and need not read its past.
  const [shown, setShown] = useState(false);
  return (
    <section className="card versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <p className="muted-text versions-lead">
        This {noun(doc.type)} has changed since it was first published: it is now at version {doc.version}. See what each version received, open an earlier one,
        or compare two.
      </p>
      <button type="button" className="btn btn-secondary btn-small" aria-expanded={shown} aria-controls="versions-body" onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide versions' : 'Show versions'}
      </button>
      <div id="versions-body">{shown ? <VersionsBody doc={doc} /> : null}</div>
    </section>
  );
}

/** The list, an opened version and the comparison: mounted (and loaded) once shown. */
function VersionsBody({ doc }: { doc: DocumentView }) {
  const [versions, setVersions] = useState<DocumentVersionSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [listState, setListState] = useState<{ busy: boolean; error?: string }>({ busy: true });
  const [from, setFrom] = useState(doc.version - 1);
  const [to, setTo] = useState(doc.version);
  const [opened, setOpened] = useState<{ busy: boolean; error?: string; view?: DocumentVersionView; version?: number }>({ busy: false });
  const [compared, setCompared] = useState<{ busy: boolean; error?: string; result?: VersionComparison }>({ busy: false });
  const path = { type: doc.type, documentId: doc.documentId };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the list is the document's at this version; a new version reloads it
  useEffect(() => {
    const controller = new AbortController();
    setListState({ busy: true });
    call('GET /api/documents/{type}/{documentId}/versions', { path }, controller.signal).then(
      (page) => {
        setVersions(page.items);
        setCursor(page.cursor);
        setListState({ busy: false });
      },
      (err: unknown) => !controller.signal.aborted && setListState({ busy: false, error: problemMessage(err) }),
    );
    setFrom(doc.version - 1);
    setTo(doc.version);
    setOpened({ busy: false });
    setCompared({ busy: false });
    return () => controller.abort();
  }, [doc.type, doc.documentId, doc.version]);

  async function more() {
    setListState({ busy: true });
    try {
      const page = await call('GET /api/documents/{type}/{documentId}/versions', { path, query: { cursor } });
      setVersions((v) => [...v, ...page.items]);
      setCursor(page.cursor);
      setListState({ busy: false });
    } catch (err) {
      setListState({ busy: false, error: problemMessage(err) });
    }
  }

  async function open(version: number) {
    setOpened({ busy: true, version });
    try {
      setOpened({ busy: false, version, view: await call('GET /api/documents/{type}/{documentId}/versions/{version}', { path: { ...path, version } }) });
    } catch (err) {
      setOpened({ busy: false, version, error: problemMessage(err) });
    }
  }

  async function compare(event: FormEvent) {
    event.preventDefault();
    setCompared({ busy: true });
    try {
      const result = await call('GET /api/documents/{type}/{documentId}/versions/{version}/changes', {
        path: { ...path, version: to },
        query: { since: from },
      });
      setCompared({ busy: false, result });
    } catch (err) {
      setCompared({ busy: false, error: problemMessage(err) });
    }
  }

  const numbers = Array.from({ length: doc.version }, (_, i) => doc.version - i);
  return (
    <div className="versions-body">
      {listState.error ? (
        <p role="alert" className="inline-error">
          {listState.error}
        </p>
      ) : null}
      <ol className="version-list" aria-busy={listState.busy}>
        {versions.map((v) => (
          <li key={v.version} className="version-row">
            <div className="version-text">
              <p className="version-name">
                <strong>Version {v.version}</strong>
                {v.current ? <span className="tag">Current</span> : null}
              </p>
              <p className="version-meta">
                Published {formatDateTime(v.publishedAt)} · {statusLabel(v.status)} · Total {formatMoney(v.totals.total, v.currency)}
              </p>
              <Received version={v} />
            </div>
            {v.current ? null : (
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() => void open(v.version)}
                aria-expanded={opened.version === v.version && !!opened.view}
                aria-controls="version-opened"
              >
                Open version {v.version}
              </button>
            )}
          </li>
        ))}
      </ol>
      {cursor ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void more()} disabled={listState.busy}>
          Show older versions
        </button>
      ) : null}

      <div id="version-opened" role="status" className="version-opened-slot">
        {opened.busy ? <p>Opening version {opened.version}…</p> : null}
        {opened.error ? <p className="inline-error">{opened.error}</p> : null}
      </div>
      {opened.view ? <OpenedVersion doc={doc} view={opened.view} onClose={() => setOpened({ busy: false })} /> : null}

      <form className="version-compare" onSubmit={(e) => void compare(e)} aria-labelledby="compare-heading">
        <h3 id="compare-heading">Compare two versions</h3>
        <div className="version-compare-fields">
          <VersionSelect id="compare-from" label="From version" numbers={numbers} current={doc.version} value={from} onChange={setFrom} />
          <VersionSelect id="compare-to" label="To version" numbers={numbers} current={doc.version} value={to} onChange={setTo} />
          <button type="submit" className="btn btn-primary" disabled={compared.busy || from === to} aria-busy={compared.busy}>
            Compare
          </button>
        </div>
        {from === to ? <p className="field-hint">Choose two different versions.</p> : null}
      </form>
      <div role="status" className="version-compare-status">
        {compared.busy ? 'Comparing…' : null}
        {compared.error ? <span className="inline-error">{compared.error}</span> : null}
        {compared.result
          ? `Version ${compared.result.from.version} compared with version ${compared.result.to.version}: ${countsText(compared.result)}.`
          : null}
      </div>
      {compared.result ? <Comparison result={compared.result} /> : null}
    </div>
  );
}

/** What a version received: the decision, approval or signature it carried, and whether a later change voided it. */
function Received({ version: v }: { version: DocumentVersionSummary }) {
  const items: Array<{ key: string; icon: ReactNode; text: string }> = [];
  if (v.decision)
    items.push({
      key: 'decision',
      icon: v.decision.kind === 'accepted' ? <CheckCircleIcon /> : <CloseIcon />,
      text: `${v.decision.kind === 'accepted' ? 'Accepted' : 'Rejected'} by ${v.decision.by} on ${formatDateTime(v.decision.at)}${carried(v, v.decision.version)}`,
    });
  if (v.approval)
    items.push({
      key: 'approval',
      icon: <ShieldCheckIcon />,
      text: `${v.approval.kind === 'approved' ? 'Approved' : 'Changes requested'} by ${v.approval.by} on ${formatDateTime(v.approval.at)}${carried(v, v.approval.version)}`,
    });
  if (v.signature)
    items.push({
      key: 'signature',
      icon: <PenIcon />,
      text: `Signed by ${v.signature.signerName} on ${formatDateTime(v.signature.at)}${carried(v, v.signature.version)}`,
    });
  if (items.length === 0) return <p className="version-received muted-text">No decision, approval or signature.</p>;
  return (
    <ul className="version-received">
      {items.map((i) => (
        <li key={i.key} className={v.voided ? 'is-voided' : 'is-standing'}>
          <span aria-hidden="true" className="version-received-icon">
            {i.icon}
          </span>
          <span>
            {v.voided ? <span className="tag tag-voided">Voided</span> : null} <span className={v.voided ? 'struck' : undefined}>{i.text}</span>
            {v.voided ? <span className="version-voided-why"> — voided when version {v.voided.byVersion} changed the content.</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

const carried = (v: DocumentVersionSummary, givenOn: number) => (givenOn !== v.version ? ` (given on version ${givenOn})` : '');

function OpenedVersion({ doc, view, onClose }: { doc: DocumentView; view: DocumentVersionView; onClose(): void }) {
  const ref = useRef<HTMLElement>(null);
  // Focus moves to what was opened, so keyboard and screen reader users land on it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per version opened
  useEffect(() => ref.current?.focus(), [view.version]);
  return (
    <article ref={ref} tabIndex={-1} className="version-opened" aria-labelledby="version-opened-heading">
      <div className="banner banner-warning">
        <p>
          <strong id="version-opened-heading">
            Version {view.version} of {view.number} — not the current version.
          </strong>{' '}
          {view.supersededAt ? `It was replaced on ${formatDateTime(view.supersededAt)}. ` : ''}
          The current version is {doc.version}; what you can do applies to that one.
        </p>
        <button type="button" className="banner-close" aria-label={`Close version ${view.version}`} onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      <Lines doc={{ ...doc, lines: view.lines, number: `${view.number} version ${view.version}`, currency: view.currency }} />
      <dl className="totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{formatMoney(view.totals.subtotal, view.currency)}</dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>{formatMoney(view.totals.tax, view.currency)}</dd>
        </div>
        <div className="totals-grand">
          <dt>Total ({view.currency})</dt>
          <dd>{formatMoney(view.totals.total, view.currency)}</dd>
        </div>
      </dl>
      {view.notes ? (
        <div className="version-notes">
          <h3>Notes</h3>
          <p className="pre-line">{view.notes}</p>
        </div>
      ) : null}
    </article>
  );
}

function countsText(c: VersionComparison): string {
  const parts = [
    [c.counts.added, 'added'],
    [c.counts.removed, 'removed'],
    [c.counts.changed, 'changed'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${n === 1 ? 'line' : 'lines'} ${what}`);
  return said.length ? said.join(', ') : 'no line changed';
}

const CHANGE_LABEL: Record<LineChange['change'], { label: string; symbol: string }> = {
  added: { label: 'Added', symbol: '+' },
  removed: { label: 'Removed', symbol: '−' },
  changed: { label: 'Changed', symbol: '~' },
  unchanged: { label: 'Unchanged', symbol: '=' },
};

/** A value that changed: the old one struck through, the new one marked, both said in words for screen readers. */
function Was({ before, after, changed }: { before: string; after: string; changed: boolean }) {
  if (!changed) return <>{after}</>;
  return (
    <span className="was-now">
      <del>
        <span className="visually-hidden">was </span>
        {before}
      </del>{' '}
      <ins>
        <span className="visually-hidden">now </span>
        {after}
      </ins>
    </span>
  );
}

function Comparison({ result }: { result: VersionComparison }) {
  const money = (minor: number) => formatMoney(minor, result.to.currency);
  const { before, after, difference } = result.totals;
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : minor < 0 ? `−${money(-minor)}` : money(0));
  return (
    <div className="version-comparison">
      <ComparisonCards result={result} />
      <div
        className="table-wrap comparison-wide"
        // A table wider than the screen scrolls sideways: keyboard users can scroll it too.
        {...{ tabIndex: 0, role: 'region', 'aria-label': `Lines compared, version ${result.from.version} to ${result.to.version}` }}
      >
        <table className="table comparison-table">
          <caption className="visually-hidden">
            Lines of version {result.from.version} compared with version {result.to.version}
          </caption>
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {result.lines.map((l) => {
              const line = (l.after ?? l.before)!;
              const old = l.before ?? line;
              const f = new Set(l.fields ?? []);
              const { label, symbol } = CHANGE_LABEL[l.change];
              return (
                <tr key={`${l.change}:${l.key}`} className={`change-${l.change}`}>
                  <th scope="row" className="change-label">
                    <span className="change-symbol" aria-hidden="true">
                      {symbol}
                    </span>{' '}
                    {label}
                  </th>
                  <td className="line-desc">
                    <Was before={old.description} after={line.description} changed={f.has('description')} />
                    {line.sku ? <span className="line-sku">SKU {line.sku}</span> : null}
                  </td>
                  <td className="num">
                    <Was before={formatQuantity(old.quantity)} after={formatQuantity(line.quantity)} changed={f.has('quantity')} />
                  </td>
                  <td className="num">
                    <Was before={money(old.unitPrice)} after={money(line.unitPrice)} changed={f.has('unitPrice')} />
                  </td>
                  <td className="num strong">
                    <Was before={money(old.total - old.tax)} after={money(line.total - line.tax)} changed={f.has('total') || f.has('tax')} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="table-wrap comparison-wide" {...{ tabIndex: 0, role: 'region', 'aria-label': 'Totals compared' }}>
        <table className="table comparison-totals">
          <caption className="comparison-caption">Totals</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Amount</span>
              </th>
              <th scope="col" className="num">
                Version {result.from.version}
              </th>
              <th scope="col" className="num">
                Version {result.to.version}
              </th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {(['subtotal', 'tax', 'total'] as const).map((k) => (
              <tr key={k} className={k === 'total' ? 'strong' : undefined}>
                <th scope="row">{humanize(k)}</th>
                <td className="num">{money(before[k])}</td>
                <td className="num">{money(after[k])}</td>
                <td className="num">{signed(difference[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.fields.length ? (
        <ul className="comparison-fields">
          {result.fields.map((f) => (
            <li key={f.field}>
              <strong>{humanize(f.field)}</strong>:{' '}
              {f.field === 'notes' || f.field === 'terms' ? 'changed' : <Was before={shown(f.field, f.before)} after={shown(f.field, f.after)} changed />}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** On a phone: each line a card, its change named first; the totals as before → after. */
function ComparisonCards({ result }: { result: VersionComparison }) {
  const money = (minor: number) => formatMoney(minor, result.to.currency);
  const { before, after, difference } = result.totals;
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : minor < 0 ? `−${money(-minor)}` : money(0));
  return (
    <div className="comparison-narrow">
      <ul className="comparison-cards" aria-label={`Lines compared, version ${result.from.version} to ${result.to.version}`}>
        {result.lines.map((l) => {
          const line = (l.after ?? l.before)!;
          const old = l.before ?? line;
          const f = new Set(l.fields ?? []);
          const { label, symbol } = CHANGE_LABEL[l.change];
          return (
            <li key={`${l.change}:${l.key}`} className={`comparison-card change-${l.change}`}>
              <p className="change-label">
                <span className="change-symbol" aria-hidden="true">
                  {symbol}
                </span>{' '}
                {label}
              </p>
              <p className="comparison-card-desc">
                <Was before={old.description} after={line.description} changed={f.has('description')} />
              </p>
              <p className="comparison-card-figures">
                <span>
                  <Was before={formatQuantity(old.quantity)} after={formatQuantity(line.quantity)} changed={f.has('quantity')} /> ×{' '}
                  <Was before={money(old.unitPrice)} after={money(line.unitPrice)} changed={f.has('unitPrice')} />
                </span>
                <strong>
                  <Was before={money(old.total - old.tax)} after={money(line.total - line.tax)} changed={f.has('total') || f.has('tax')} />
                </strong>
              </p>
            </li>
          );
        })}
      </ul>
      <dl className="comparison-narrow-totals">
        {(['subtotal', 'tax', 'total'] as const).map((k) => (
          <div key={k}>
            <dt>{humanize(k)}</dt>
            <dd>
              {money(before[k])} → {money(after[k])} <span className="muted-text">({signed(difference[k])})</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const shown = (field: string, value: string | undefined) => (value === undefined ? 'none' : field === 'status' ? statusLabel(value) : value);

/** A labelled choice of version, the current one marked. */
function VersionSelect(props: { id: string; label: string; numbers: number[]; current: number; value: number; onChange(n: number): void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))}>
        {props.numbers.map((n) => (
          <option key={n} value={n}>
            {n}
            {n === props.current ? ' (current)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
