import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { DocumentView } from '../../../shared/api/documents';
import { ApiError, problemMessage } from '../api';
import {
  AlertIcon,
  ArrowLeftIcon,
  CheckCircleIcon,
  ClockIcon,
  CloseIcon,
  CoinsIcon,
  DownloadIcon,
  FileIcon,
  PenIcon,
  PrinterIcon,
  ShieldCheckIcon,
} from '../components/Icons';
import { StatusBadge } from '../components/StatusBadge';
import { readEarly } from '../early';
import { usePageTitle, useTenant } from '../tenant';
import { ACTIONS, ActionDialog, SignDialog, type ActionKind } from './ActionDialogs';
import { History, keyDates, Lines, Totals } from './DocumentParts';
import { attachmentDownload, downloadSignatureEvidence, openDownload, pdfDownload, type Download } from './downloads';
import { formatBytes, formatDate, formatDateTime, formatMoney } from './format';
import { DOCUMENT_KINDS, documentArgs, documentLabel, documentPath, listPath, noun, pluralNoun, type DocumentType } from './kinds';
import { MessagesPanel } from './MessagesPanel';
import { PaymentPanel } from './PaymentPanel';
import { SupplierPanel } from './SupplierPanel';
import { useResource } from './useResource';
import { VersionsPanel } from './VersionsPanel';
import './DocumentDetail.css';

/** An order paid at purchase, in the customer's words. */
const ORDER_PAYMENT: Record<NonNullable<DocumentView['paymentStatus']>, string> = {
  paid: 'Paid online',
  'partially-paid': 'Partly paid',
  unpaid: 'Not paid yet',
};

export type DetailMode = 'portal' | 'direct';

function DetailSkeleton() {
  return (
    <div className="page loading-fill" aria-busy="true">
      <h1 className="visually-hidden">Loading the document…</h1>
      <p className="visually-hidden" role="status">
        Loading the document…
      </p>
      <div className="card doc-head" aria-hidden="true">
        <div className="skeleton skeleton-line skeleton-w20" />
        <div className="skeleton skeleton-w40" />
        <div className="skeleton skeleton-line skeleton-w60 left" />
      </div>
      <div className="skeleton skeleton-block" aria-hidden="true" />
    </div>
  );
}

/** A whole-page problem inside the document area: not found, or could not load (with retry). */
export function DocumentProblem({ type, error, onRetry, mode }: { type: DocumentType; error: unknown; onRetry(): void; mode: DetailMode }) {
  const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
  usePageTitle(missing ? `${DOCUMENT_KINDS[type].label} not found` : `Could not load the ${noun(type)}`);
  return (
    <div className="page">
      <div className="card empty-state">
        <div className="status-icon">{missing ? <FileIcon /> : <AlertIcon />}</div>
        <h1>{missing ? `We couldn't find this ${noun(type)}` : `We couldn't load this ${noun(type)}`}</h1>
        <p role="alert">
          {missing
            ? `It may have been withdrawn, or the link may be wrong.${mode === 'portal' ? ` Your ${pluralNoun(type)} are all listed on the ${DOCUMENT_KINDS[type].plural} page.` : ''}`
            : problemMessage(error)}
        </p>
        <div className="actions">
          {missing ? null : (
            <button type="button" className="btn btn-primary" onClick={onRetry}>
              Try again
            </button>
          )}
          {mode === 'portal' ? (
            <Link className={`btn ${missing ? 'btn-primary' : 'btn-secondary'}`} to={listPath(type)}>
              All {pluralNoun(type)}
            </Link>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A download button that fetches a short-lived link, opens it, and offers it as a link in case a pop-up blocker stopped it. */
function DownloadButton({
  download,
  label,
  icon,
  className = 'btn btn-secondary',
}: {
  download: Download;
  label: string;
  icon: ReactNode;
  className?: string;
}) {
  const [state, setState] = useState<{ busy: boolean; waiting?: boolean; error?: string; url?: string; fileName?: string }>({ busy: false });
  async function go() {
    setState({ busy: true });
    try {
      const link = await openDownload(download, () => setState({ busy: true, waiting: true }));
      setState({ busy: false, url: link.url, fileName: link.fileName });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <span className="download">
      <button type="button" className={className} onClick={() => void go()} disabled={state.busy} aria-busy={state.busy}>
        {icon} {label}
      </button>
      <span role="status" className="download-status">
        {state.busy ? (state.waiting ? 'Preparing the PDF of this version… it opens as soon as it is ready.' : 'Preparing your download…') : null}
        {state.error ? <span className="inline-error">{state.error}</span> : null}
        {state.url ? (
          <a href={state.url} target="_blank" rel="noopener noreferrer">
            Opened in a new tab. Not there? Open {state.fileName ?? 'the file'}
          </a>
        ) : null}
      </span>
    </span>
  );
}

function EvidenceButton({ doc }: { doc: DocumentView }) {
  const [state, setState] = useState<{ busy: boolean; error?: string; done?: boolean }>({ busy: false });
  async function go() {
    setState({ busy: true });
    try {
      await downloadSignatureEvidence(doc.documentId, doc.number);
      setState({ busy: false, done: true });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <span className="download">
      <button type="button" className="btn btn-secondary btn-small" onClick={() => void go()} disabled={state.busy}>
        <DownloadIcon /> Download signature evidence
      </button>
      <span role="status" className="download-status">
        {state.error ? <span className="inline-error">{state.error}</span> : state.done ? 'Downloaded.' : null}
      </span>
    </span>
  );
}

/** Banners for what has been decided or signed, and for a quote or invoice past its date. */
function StateBanners({ doc }: { doc: DocumentView }) {
  const tenant = useTenant();
  const out: ReactNode[] = [];
  if (doc.decision) {
    const d = doc.decision;
    out.push(
      <div key="decision" className={`banner ${d.kind === 'accepted' ? 'banner-success' : 'banner-danger'}`}>
        <span className="banner-icon">{d.kind === 'accepted' ? <CheckCircleIcon /> : <CloseIcon />}</span>
        <p>
          <strong>
            {d.kind === 'accepted' ? 'Accepted' : 'Rejected'} by {d.by}
          </strong>{' '}
          on {formatDateTime(d.at)}.
          {d.purchaseOrderReference ? (
            <>
              {' '}
              Your purchase order reference: <strong>{d.purchaseOrderReference}</strong>.
            </>
          ) : null}
          {d.reason ? <> Reason: “{d.reason}”</> : null}
        </p>
      </div>,
    );
  }
  if (doc.approval) {
    const a = doc.approval;
    out.push(
      <div key="approval" className={`banner ${a.kind === 'approved' ? 'banner-success' : 'banner-warning'}`}>
        <span className="banner-icon">{a.kind === 'approved' ? <ShieldCheckIcon /> : <PenIcon />}</span>
        <p>
          <strong>{a.kind === 'approved' ? `Approved by ${a.by}` : `Changes requested by ${a.by}`}</strong> on {formatDateTime(a.at)}.
          {a.comment ? <> “{a.comment}”</> : null}
        </p>
      </div>,
    );
  }
  if (doc.signature) {
    const s = doc.signature;
    out.push(
      <div key="signature" className="banner banner-success banner-with-action">
        <span className="banner-icon">
          <PenIcon />
        </span>
        <p>
          <strong>Signed by {s.signerName}</strong> on {formatDateTime(s.at)} (version {s.version}).
        </p>
        <EvidenceButton doc={doc} />
      </div>,
    );
  }
  if (doc.type === 'quote' && doc.state === 'expired' && !doc.decision) {
    out.push(
      <div key="expired" className="banner banner-neutral">
        <span className="banner-icon">
          <ClockIcon />
        </span>
        <p>
          This quote expired{doc.expiryDate ? ` on ${formatDate(doc.expiryDate)}` : ''}. If you would still like to go ahead, send {tenant.name} a message
          below.
        </p>
      </div>,
    );
  }
  if (doc.credit !== undefined) {
    // A credit note is money owed the other way: say whose it is and that there is nothing to pay.
    const amount = formatMoney(doc.credit, doc.currency);
    out.push(
      <div key="credit" className="banner banner-neutral">
        <span className="banner-icon">
          <CoinsIcon />
        </span>
        <p>
          <strong>This is a credit note, not a bill: there is nothing to pay.</strong>{' '}
          {doc.credit === 0
            ? 'Its credit has been used in full.'
            : doc.type === 'invoice'
              ? `${amount} is in your favour; ${tenant.name} takes it off a future invoice or refunds it.`
              : `It takes ${amount} off what ${tenant.name} owes you.`}
        </p>
      </div>,
    );
  }
  if (doc.state === 'overdue' && doc.balance !== undefined) {
    out.push(
      <div key="overdue" className="banner banner-danger">
        <span className="banner-icon">
          <ClockIcon />
        </span>
        <p>
          <strong>Overdue.</strong> {formatMoney(doc.balance, doc.currency)} was due{doc.dueDate ? ` on ${formatDate(doc.dueDate)}` : ''}.
        </p>
      </div>,
    );
  }
  if (doc.type === 'job' && doc.actions.includes('approve')) {
    out.push(
      <div key="approval-needed" className="banner banner-warning">
        <span className="banner-icon">
          <ShieldCheckIcon />
        </span>
        <p>
          <strong>{tenant.name} is waiting for your approval.</strong> Check the proof{doc.attachments.some((a) => a.proof) ? ' in the files below' : ''}, then
          approve it or ask for changes.
        </p>
      </div>,
    );
  }
  return out.length ? <div className="banners">{out}</div> : null;
}

function Attachments({ doc }: { doc: DocumentView }) {
  if (doc.attachments.length === 0) return null;
  return (
    <section className="card" aria-labelledby="files-heading">
      <h2 id="files-heading">Files</h2>
      <ul className="attachments">
        {doc.attachments.map((a) => (
          <li key={a.attachmentId} className="attachment">
            <span className="attachment-icon" aria-hidden="true">
              <FileIcon />
            </span>
            <span className="attachment-text">
              <span className="attachment-name">{a.name}</span>
              <span className="attachment-meta">
                {formatBytes(a.size)}
                {a.proof ? <span className="tag">Proof</span> : null}
              </span>
            </span>
            <DownloadButton
              download={attachmentDownload(doc.type, doc.documentId, a.attachmentId)}
              label="Download"
              icon={<DownloadIcon />}
              className="btn btn-secondary btn-small"
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One document: header with status, dates and totals, the actions it allows now, lines,
 * notes and terms, files, history and the message thread. Used signed in (`portal`) and
 * from a direct link (`direct`: no links to the rest of the portal; Print prints here).
 */
export function DocumentDetail({ type, documentId, mode }: { type: DocumentType; documentId: string; mode: DetailMode }) {
  const { state, reload, set } = useResource<DocumentView>(`${type}/${documentId}`, (signal) =>
    readEarly('GET /api/documents/{type}/{documentId}', documentArgs(type, documentId), signal),
  );
  if (state.status === 'loading') return <DetailSkeleton />;
  if (state.status === 'error') return <DocumentProblem type={type} error={state.error} onRetry={reload} mode={mode} />;
  return <DocumentBody doc={state.data} mode={mode} onChange={set} />;
}

/** The actions that open a dialog, in the order their buttons stand; each button is named as its dialog's confirm button. */
const DIALOG_BUTTONS: Array<{ action: ActionKind | 'sign'; label: string; icon?: ReactNode; className: string }> = [
  { action: 'accept', label: ACTIONS.accept.confirm, icon: <CheckCircleIcon />, className: 'btn btn-primary' },
  { action: 'reject', label: ACTIONS.reject.confirm, className: 'btn btn-secondary btn-danger-outline' },
  { action: 'sign', label: 'Sign order', icon: <PenIcon />, className: 'btn btn-primary' },
  { action: 'approve', label: ACTIONS.approve.confirm, icon: <ShieldCheckIcon />, className: 'btn btn-primary' },
  { action: 'request-changes', label: ACTIONS['request-changes'].confirm, className: 'btn btn-secondary' },
];

function DocumentBody({ doc, mode, onChange }: { doc: DocumentView; mode: DetailMode; onChange(doc: DocumentView): void }) {
  const label = documentLabel(doc);
  usePageTitle(`${label} ${doc.number}`);
  const [dialog, setDialog] = useState<ActionKind | 'sign' | null>(null);
  const [notice, setNotice] = useState<{ text: string; at: number } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const has = (a: DocumentView['actions'][number]) => doc.actions.includes(a);

  // After an action, focus moves to its result (the button that was pressed is often gone).
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => noticeRef.current?.focus(), 60);
    return () => clearTimeout(timer);
  }, [notice]);

  const done = (updated: DocumentView, message: string) => {
    onChange(updated);
    setDialog(null);
    setNotice({ text: message, at: Date.now() });
  };

  const facts = keyDates(doc);
  const primary: ReactNode[] = DIALOG_BUTTONS.filter((b) => has(b.action)).map((b) => (
    <button key={b.action} type="button" className={b.className} onClick={() => setDialog(b.action)}>
      {b.icon}
      {b.icon ? ' ' : null}
      {b.label}
    </button>
  ));
  if (has('pay'))
    primary.push(
      <a key="pay" className="btn btn-primary" href="#pay-invoice">
        Pay invoice
      </a>,
    );

  return (
    <div className="page doc-page">
      {mode === 'portal' ? (
        <nav aria-label="Breadcrumb" className="breadcrumb no-print">
          <Link to={listPath(doc.type)} className="back-link">
            <ArrowLeftIcon /> All {pluralNoun(doc.type)}
          </Link>
        </nav>
      ) : null}
      <header className="card doc-head">
        <div className="doc-head-top">
          <div className="doc-head-title">
            <h1>
              <span className="eyebrow">{label}</span> {doc.number}
            </h1>
            {doc.title ? <p className="doc-subtitle">{doc.title}</p> : null}
          </div>
          <StatusBadge status={doc.state} className="badge-large" />
        </div>
        <dl className="doc-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
          <div>
            <dt>Total</dt>
            <dd>{formatMoney(doc.totals.total, doc.currency)}</dd>
          </div>
          {doc.credit !== undefined ? (
            <div>
              <dt>Credit remaining</dt>
              <dd className={doc.credit > 0 ? 'strong' : undefined}>{formatMoney(doc.credit, doc.currency)}</dd>
            </div>
          ) : null}
          {doc.balance !== undefined && (doc.type === 'invoice' || doc.type === 'supplier-bill') ? (
            <div>
              <dt>Balance due</dt>
              <dd className={doc.balance > 0 ? 'strong' : undefined}>{formatMoney(doc.balance, doc.currency)}</dd>
            </div>
          ) : null}
          {doc.type === 'sales-order' && doc.paymentStatus ? (
            // An order paid at purchase (placed in the catalogue): whether the payment has landed.
            <div>
              <dt>Payment</dt>
              <dd className={doc.paymentStatus === 'paid' ? 'strong' : undefined}>{ORDER_PAYMENT[doc.paymentStatus]}</dd>
            </div>
          ) : null}
        </dl>
        <div className="doc-actions no-print">
          {primary.length > 0 ? <div className="doc-actions-primary">{primary}</div> : null}
          <div className="doc-actions-secondary">
            <DownloadButton download={pdfDownload(doc.type, doc.documentId)} label="Download PDF" icon={<DownloadIcon />} />
            {mode === 'portal' ? (
              <Link className="btn btn-secondary" to={`${documentPath(doc.type, doc.documentId)}/print`}>
                <PrinterIcon /> Print
              </Link>
            ) : (
              <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
                <PrinterIcon /> Print
              </button>
            )}
          </div>
        </div>
      </header>
      <div role="status" className="status-slot">
        {notice ? (
          <div ref={noticeRef} tabIndex={-1} className="banner banner-success notice-focus" key={notice.at}>
            <span className="banner-icon">
              <CheckCircleIcon />
            </span>
            <p>{notice.text}</p>
            <button type="button" className="banner-close" aria-label="Dismiss message" onClick={() => setNotice(null)}>
              <CloseIcon />
            </button>
          </div>
        ) : null}
      </div>
      <StateBanners doc={doc} />
      {doc.type === 'invoice' ? <PaymentPanel doc={doc} onInvoiceChange={onChange} /> : null}
      {doc.type === 'purchase-order' ? <SupplierPanel doc={doc} onDone={done} /> : null}
      <div className="doc-grid">
        <div className="doc-main">
          <section className="card" aria-labelledby="lines-heading">
            <h2 id="lines-heading">Items</h2>
            <Lines doc={doc} />
            <Totals doc={doc} />
          </section>
          {doc.notes || doc.terms ? (
            <section className="card" aria-labelledby="notes-heading">
              <h2 id="notes-heading">{doc.notes && doc.terms ? 'Notes and terms' : doc.notes ? 'Notes' : 'Terms'}</h2>
              {doc.notes ? (
                <div className="prose">
                  {doc.terms ? <h3>Notes</h3> : null}
                  <p className="pre-line">{doc.notes}</p>
                </div>
              ) : null}
              {doc.terms ? (
                <div className="prose">
                  {doc.notes ? <h3>Terms</h3> : null}
                  <p className="pre-line">{doc.terms}</p>
                </div>
              ) : null}
            </section>
          ) : null}
          <Attachments doc={doc} />
          {doc.version > 1 ? <VersionsPanel doc={doc} /> : null}
        </div>
        <div className="doc-aside">
          <MessagesPanel doc={doc} canPost={has('message')} />
          <section className="card no-print" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <History doc={doc} />
          </section>
        </div>
      </div>
      <ActionDialog kind={dialog === 'sign' ? null : dialog} doc={doc} onClose={() => setDialog(null)} onDone={done} />
      <SignDialog open={dialog === 'sign'} doc={doc} mode={mode} onClose={() => setDialog(null)} onSigned={done} />
    </div>
  );
}
