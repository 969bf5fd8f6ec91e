import { Link } from 'react-router';
import type { DocumentView } from '../../../shared/api/documents';
import { ArrowLeftIcon, PrinterIcon } from '../components/Icons';
import { StatusBadge } from '../components/StatusBadge';
import { TenantLogo } from '../components/TenantLogo';
import { readEarly } from '../early';
import { useMe } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import { DocumentProblem } from './DocumentDetail';
import { keyDates, Lines, Totals } from './DocumentParts';
import { formatDateTime } from './format';
import { documentArgs, documentLabel, documentPath, type DocumentType } from './kinds';
import { useResource } from './useResource';
import './PrintView.css';

/**
 * `/<module>/<id>/print`: the document as a clean sheet of paper. On screen a toolbar
 * offers Print (window.print()) and the way back; in print only the sheet shows.
 */
export function PrintView({ type, documentId }: { type: DocumentType; documentId: string }) {
  const { state, reload } = useResource<DocumentView>(`${type}/${documentId}`, (signal) =>
    readEarly('GET /api/documents/{type}/{documentId}', documentArgs(type, documentId), signal),
  );
  if (state.status === 'loading') {
    return (
      <div className="page loading-fill" aria-busy="true">
        <p className="visually-hidden" role="status">
          Preparing the print view…
        </p>
        <div className="paper paper-skeleton" aria-hidden="true">
          <div className="skeleton skeleton-w40" />
          <div className="skeleton skeleton-block" />
        </div>
      </div>
    );
  }
  if (state.status === 'error') return <DocumentProblem type={type} error={state.error} onRetry={reload} mode="portal" />;
  return <Sheet doc={state.data} />;
}

function Sheet({ doc }: { doc: DocumentView }) {
  const tenant = useTenant();
  const me = useMe();
  // The title becomes the file name when the reader saves as PDF.
  const label = documentLabel(doc);
  usePageTitle(`${label} ${doc.number}`);
  return (
    <div className="page print-page">
      <div className="print-toolbar no-print">
        <Link to={documentPath(doc.type, doc.documentId)} className="back-link">
          <ArrowLeftIcon /> Back to {label.toLowerCase()} {doc.number}
        </Link>
        <div className="print-toolbar-actions">
          <p className="muted small">Print it, or choose “Save as PDF” as the printer.</p>
          <button type="button" className="btn btn-primary" onClick={() => window.print()}>
            <PrinterIcon /> Print
          </button>
        </div>
      </div>
      <article className="paper" aria-labelledby="paper-title">
        <header className="paper-head">
          <div className="paper-brand">
            <TenantLogo tenant={tenant} size={52} decorative />
            <p className="paper-brand-name">{tenant.name}</p>
          </div>
          <div className="paper-title">
            <h1 id="paper-title">
              <span className="paper-kind">{label}</span> <span className="paper-number">{doc.number}</span>
            </h1>
            <StatusBadge status={doc.state} />
          </div>
        </header>
        <div className="paper-meta">
          <dl className="paper-party">
            <div>
              <dt>{doc.type === 'purchase-order' || doc.type === 'supplier-bill' ? 'Supplier' : 'For'}</dt>
              <dd>{me.company.name}</dd>
            </div>
            {doc.title ? (
              <div>
                <dt>Subject</dt>
                <dd>{doc.title}</dd>
              </div>
            ) : null}
          </dl>
          <dl className="paper-dates">
            {keyDates(doc).map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
            <div>
              <dt>Currency</dt>
              <dd>{doc.currency}</dd>
            </div>
          </dl>
        </div>
        <Lines doc={doc} forPrint />
        <Totals doc={doc} />
        {doc.notes ? (
          <section className="paper-section" aria-labelledby="paper-notes">
            <h2 id="paper-notes">Notes</h2>
            <p className="pre-line">{doc.notes}</p>
          </section>
        ) : null}
        {doc.terms ? (
          <section className="paper-section" aria-labelledby="paper-terms">
            <h2 id="paper-terms">Terms</h2>
            <p className="pre-line">{doc.terms}</p>
          </section>
        ) : null}
        {doc.signature ? (
          <section className="paper-section" aria-labelledby="paper-signature">
            <h2 id="paper-signature">Signature</h2>
            <p>
              Signed electronically by <strong>{doc.signature.signerName}</strong> on {formatDateTime(doc.signature.at)} (version {doc.signature.version},
              fingerprint <span className="mono break-anywhere">{doc.signature.contentHash}</span>).
            </p>
          </section>
        ) : null}
        <footer className="paper-foot">
          {label} {doc.number} · version {doc.version} · published {formatDateTime(doc.publishedAt)}
        </footer>
      </article>
    </div>
  );
}
