import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DocumentView } from '../../../shared/api/documents';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/documentKinds';
import { LIMITS } from '../../../shared/limits';
import { call, errorSentence, fieldErrors, problemMessage } from '../api';
import { Dialog } from '../components/Dialog';
import { CheckCircleIcon, ClockIcon, CoinsIcon, DownloadIcon, FileIcon, PaperclipIcon, PenIcon } from '../components/Icons';
import { attachmentDownload, openDownload } from './downloads';
import { currencyDigits, formatBytes, formatDate, formatDateTime, formatMoney } from './format';
import { putFile } from './MessagesPanel';
import { FormFailure } from '../forms/FormFailure';
import { ownOrProblemMessage, useSubmit } from '../forms/useSubmit';
import '../styles/forms.css';
import './DocumentDetail.css';
import './SupplierPanel.css';

/**
 * A purchase order seen by its supplier: where it stands (awaiting acknowledgement,
 * acknowledged, new dates proposed and how the buyer answered them), the bills submitted
 * against it, and the three actions when the user may take them: acknowledge, propose new
 * delivery dates (a date per line and a note), submit a bill (number, date, amount, PDF).
 */

type Supplier = NonNullable<DocumentView['supplier']>;
type SupplierDialog = 'acknowledge' | 'propose' | 'bill' | null;
const path = (doc: DocumentView) => ({ documentId: doc.documentId });
const todayIso = () => new Date().toISOString().slice(0, 10);

export function SupplierPanel({ doc, onDone }: { doc: DocumentView; onDone(doc: DocumentView, message: string): void }) {
  const [dialog, setDialog] = useState<SupplierDialog>(null);
  const supplier = doc.supplier;
  if (!supplier) return null;
  const can = (a: DocumentView['actions'][number]) => doc.actions.includes(a);
  const done = (updated: DocumentView, message: string) => {
    setDialog(null);
    onDone(updated, message);
  };
  const buttons = [
    can('acknowledge') ? (
      <button key="ack" type="button" className="btn btn-primary" onClick={() => setDialog('acknowledge')}>
        <CheckCircleIcon /> Acknowledge order
      </button>
    ) : null,
    can('propose-dates') ? (
      <button key="propose" type="button" className="btn btn-secondary" onClick={() => setDialog('propose')}>
        <ClockIcon /> Propose new dates
      </button>
    ) : null,
    can('submit-bill') ? (
      <button key="bill" type="button" className="btn btn-secondary" onClick={() => setDialog('bill')}>
        <CoinsIcon /> Submit a bill
      </button>
    ) : null,
  ].filter(Boolean);

  return (
    <section className="card supplier-panel" aria-labelledby="supplier-heading">
      <h2 id="supplier-heading">Your response</h2>
      <SupplierState doc={doc} supplier={supplier} />
      {supplier.proposal ? <ProposalDetails proposal={supplier.proposal} /> : null}
      {supplier.bills.length > 0 ? <SubmittedBills doc={doc} bills={supplier.bills} /> : null}
      {buttons.length > 0 ? <div className="supplier-actions no-print">{buttons}</div> : null}
      <AcknowledgeDialog open={dialog === 'acknowledge'} doc={doc} onClose={() => setDialog(null)} onDone={done} />
      <ProposeDatesDialog open={dialog === 'propose'} doc={doc} onClose={() => setDialog(null)} onDone={done} />
      <BillDialog open={dialog === 'bill'} doc={doc} onClose={() => setDialog(null)} onDone={done} />
    </section>
  );
}

function SupplierState({ doc, supplier }: { doc: DocumentView; supplier: Supplier }) {
  const banner = (tone: string, icon: ReactNode, body: ReactNode) => (
    <div className={`banner ${tone}`}>
      <span className="banner-icon">{icon}</span>
      <p>{body}</p>
    </div>
  );
  switch (supplier.state) {
    case 'acknowledged': {
      const a = supplier.acknowledgement!;
      return banner(
        'banner-success',
        <CheckCircleIcon />,
        <>
          <strong>Acknowledged</strong> by {a.by} on {formatDateTime(a.at)} (version {a.version}).
        </>,
      );
    }
    case 'changes-proposed':
      return banner(
        'banner-warning',
        <ClockIcon />,
        <>
          <strong>Changes proposed.</strong> You proposed new delivery dates; the buyer answers with a new version of the order.
        </>,
      );
    case 'awaiting-acknowledgement':
      return banner(
        'banner-neutral',
        <PenIcon />,
        <>
          <strong>Waiting for your acknowledgement.</strong> Acknowledge order {doc.number} as it stands, or propose other delivery dates.
        </>,
      );
    default:
      return <p className="muted-text">This order is {doc.status}: it asks nothing more of you.</p>;
  }
}

function ProposalDetails({ proposal }: { proposal: NonNullable<Supplier['proposal']> }) {
  const outcome =
    proposal.status === 'answered'
      ? `Answered in version ${proposal.answeredVersion}: ${proposal.lines.filter((l) => l.accepted).length} of ${proposal.lines.length} dates accepted.`
      : proposal.status === 'withdrawn'
        ? 'Withdrawn: you acknowledged the order as it stood.'
        : 'Waiting for the buyer’s answer.';
  return (
    <div className="supplier-block">
      <h3>
        Dates you proposed on {formatDateTime(proposal.at)} <span className="muted-text">(version {proposal.version})</span>
      </h3>
      <p className="supplier-outcome">{outcome}</p>
      <p className="pre-line supplier-note">“{proposal.note}”</p>
      <ul className="supplier-lines">
        {proposal.lines.map((l) => (
          <li key={l.line}>
            <span className="supplier-line-name">
              Line {l.line + 1}
              {l.description ? `: ${l.description}` : ''}
            </span>
            <span className="supplier-line-dates">
              {l.previousDate ? `${formatDate(l.previousDate)} → ` : ''}
              <strong>{formatDate(l.proposedDate)}</strong>
              {l.accepted === true ? <span className="tag tag-success">Accepted</span> : null}
              {l.accepted === false ? <span className="tag tag-muted">Not accepted</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SubmittedBills({ doc, bills }: { doc: DocumentView; bills: Supplier['bills'] }) {
  return (
    <div className="supplier-block">
      <h3>Bills you submitted</h3>
      <ul className="supplier-bills">
        {bills.map((b) => (
          <li key={b.billId} className="supplier-bill">
            <span className="attachment-icon" aria-hidden="true">
              <FileIcon />
            </span>
            <span className="supplier-bill-text">
              <span className="strong">
                Bill {b.number} · {formatMoney(b.amount, b.currency)}
              </span>
              <span className="muted-text">
                Dated {formatDate(b.issueDate)} · submitted {formatDateTime(b.at)} by {b.by} · {b.fileName} ({formatBytes(b.size)})
              </span>
            </span>
            <BillDownload doc={doc} attachmentId={b.attachmentId} number={b.number} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function BillDownload({ doc, attachmentId, number }: { doc: DocumentView; attachmentId: string; number: string }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  async function go() {
    setState({ busy: true });
    try {
      await openDownload(attachmentDownload(doc.type, doc.documentId, attachmentId));
      setState({ busy: false });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <span className="download">
      <button type="button" className="btn btn-secondary btn-small" onClick={() => void go()} disabled={state.busy}>
        <DownloadIcon /> PDF<span className="visually-hidden"> of bill {number}</span>
      </button>
      <span role="status" className="download-status">
        {state.error ? <span className="inline-error">{state.error}</span> : null}
      </span>
    </span>
  );
}

/** The error under a field, tied to it by id. */
function FieldError({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true" className="field-error-icon">
        !
      </span>
      {text}
    </p>
  );
}

function DialogButtons({ busy, confirm, onClose }: { busy: boolean; confirm: string; onClose(): void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Sending…' : confirm}
      </button>
    </div>
  );
}

function AcknowledgeDialog({
  open,
  doc,
  onClose,
  onDone,
}: {
  open: boolean;
  doc: DocumentView;
  onClose(): void;
  onDone(doc: DocumentView, message: string): void;
}) {
  const { busy, failure, run } = useSubmit();
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      const updated = await call('POST /api/documents/purchase-order/{documentId}/acknowledge', { path: path(doc), body: {} });
      onDone(updated, `You acknowledged purchase order ${doc.number}.`);
    });
  }
  const withdraws = doc.supplier?.state === 'changes-proposed';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={`Acknowledge purchase order ${doc.number}`}
      intro={`You confirm you will supply the order as it stands: ${doc.lines.length} line${doc.lines.length === 1 ? '' : 's'} for ${formatMoney(doc.totals.total, doc.currency)}, on the delivery dates shown.${withdraws ? ' This withdraws the dates you proposed.' : ''}`}
    >
      <form className="form dialog-form" noValidate onSubmit={submit} aria-busy={busy}>
        <FormFailure text={failure} />
        <DialogButtons busy={busy} confirm="Acknowledge order" onClose={onClose} />
      </form>
    </Dialog>
  );
}

function ProposeDatesDialog({
  open,
  doc,
  onClose,
  onDone,
}: {
  open: boolean;
  doc: DocumentView;
  onClose(): void;
  onDone(doc: DocumentView, message: string): void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Propose new delivery dates for ${doc.number}`}
      intro="Give a new date for the lines that change, and say why."
    >
      {open ? <ProposeDatesForm doc={doc} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

function ProposeDatesForm({ doc, onClose, onDone }: { doc: DocumentView; onClose(): void; onDone(doc: DocumentView, message: string): void }) {
  const fid = useId();
  const [dates, setDates] = useState<Record<number, string>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, failure, clear, run } = useSubmit();
  const noteRef = useRef<HTMLTextAreaElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const lines = Object.entries(dates)
      .filter(([i, d]) => d && d !== doc.lines[Number(i)]?.deliveryDate)
      .map(([i, d]) => ({ line: Number(i), deliveryDate: d }));
    const found: Record<string, string> = {};
    if (lines.length === 0) found.lines = 'Give a new date for at least one line';
    if (!note.trim()) found.note = 'Say why the dates change';
    setErrors(found);
    clear();
    if (Object.keys(found).length) {
      if (found.note && !found.lines) noteRef.current?.focus();
      else document.getElementById(`${fid}-line-0`)?.focus();
      return;
    }
    void run(
      async () => {
        const updated = await call('POST /api/documents/purchase-order/{documentId}/propose-dates', { path: path(doc), body: { note: note.trim(), lines } });
        onDone(updated, `You proposed new delivery dates for ${doc.number}.`);
      },
      {
        onError(err) {
          const mapped: Record<string, string> = {};
          for (const [name, reason] of Object.entries(fieldErrors(err))) {
            const m = /^body\.lines\.(\d+)\./.exec(name);
            if (m) mapped[`line-${lines[Number(m[1])]?.line}`] = errorSentence('The date', reason) ?? reason;
            else if (name === 'body.note') mapped.note = errorSentence('The note', reason) ?? reason;
          }
          setErrors(mapped);
        },
      },
    );
  }

  return (
    <form className="form dialog-form" noValidate onSubmit={submit} aria-busy={busy}>
      <fieldset className="supplier-date-fields" aria-describedby={errors.lines ? `${fid}-lines-error` : undefined}>
        <legend>New delivery dates</legend>
        <FieldError id={`${fid}-lines-error`} text={errors.lines} />
        {doc.lines.map((line, i) => {
          const err = errors[`line-${i}`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the order's lines have no id; their position is how a proposal names them
            <div key={i} className={`field supplier-date-field${err ? ' field-invalid' : ''}`}>
              <label htmlFor={`${fid}-line-${i}`}>
                Line {i + 1}: {line.description.length > 80 ? `${line.description.slice(0, 79)}…` : line.description}
              </label>
              <p className="field-hint" id={`${fid}-line-${i}-hint`}>
                {line.deliveryDate ? `Now due ${formatDate(line.deliveryDate)}` : 'No date on the order'}
              </p>
              <input
                id={`${fid}-line-${i}`}
                type="date"
                min={todayIso()}
                value={dates[i] ?? ''}
                aria-invalid={err ? true : undefined}
                aria-describedby={[`${fid}-line-${i}-hint`, err ? `${fid}-line-${i}-error` : ''].filter(Boolean).join(' ')}
                onChange={(e) => setDates((d) => ({ ...d, [i]: e.target.value }))}
              />
              <FieldError id={`${fid}-line-${i}-error`} text={err} />
            </div>
          );
        })}
      </fieldset>
      <div className={`field${errors.note ? ' field-invalid' : ''}`}>
        <label htmlFor={`${fid}-note`}>Note for the buyer</label>
        <textarea
          ref={noteRef}
          id={`${fid}-note`}
          rows={3}
          maxLength={LIMITS.decisionText}
          value={note}
          aria-required
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${fid}-note-error` : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        <FieldError id={`${fid}-note-error`} text={errors.note} />
      </div>
      <FormFailure text={failure} />
      <DialogButtons busy={busy} confirm="Propose dates" onClose={onClose} />
    </form>
  );
}

function BillDialog({ open, doc, onClose, onDone }: { open: boolean; doc: DocumentView; onClose(): void; onDone(doc: DocumentView, message: string): void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Submit a bill against ${doc.number}`}
      intro={`Your bill’s number, date and amount in ${doc.currency}, with the bill as a PDF.`}
    >
      {open ? <BillForm doc={doc} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

/** Major units as typed ("1,234.50") → minor units, or undefined when it is not an amount. */
function toMinor(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const clean = text.replace(/[\s,]/g, '');
  if (!new RegExp(`^\\d+(\\.\\d{0,${digits}})?$`).test(clean)) return undefined;
  return Math.round(Number(clean) * 10 ** digits);
}

/** The API's field names in a bill's two calls → the form's field and how its error begins. */
const BILL_FIELDS: Record<string, [string, string]> = {
  'body.number': ['number', 'The bill number'],
  'body.issueDate': ['issueDate', 'The date'],
  'body.amount': ['amount', 'The amount'],
  'body.uploadId': ['file', 'The PDF'],
  'body.fileName': ['file', 'The file name'],
  'body.size': ['file', 'The PDF'],
};

function BillForm({ doc, onClose, onDone }: { doc: DocumentView; onClose(): void; onDone(doc: DocumentView, message: string): void }) {
  const fid = useId();
  const [number, setNumber] = useState('');
  const [issueDate, setIssueDate] = useState(todayIso());
  const [amount, setAmount] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<string>('');
  const { busy, failure, clear, run } = useSubmit();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const minor = toMinor(amount, doc.currency);
    const found: Record<string, string> = {};
    if (!number.trim()) found.number = 'Enter your bill number';
    if (!issueDate) found.issueDate = 'Enter the bill’s date';
    else if (issueDate > todayIso()) found.issueDate = 'The bill’s date cannot be in the future';
    if (minor === undefined || minor <= 0) found.amount = `Enter the amount in ${doc.currency}, such as 1250.00`;
    if (!file) found.file = 'Choose the bill as a PDF';
    else if (file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) found.file = 'The bill must be a PDF';
    else if (file.size > MAX_ATTACHMENT_BYTES) found.file = `The PDF must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;
    else if (file.size === 0) found.file = 'The file is empty';
    setErrors(found);
    clear();
    const first = ['number', 'issueDate', 'amount', 'file'].find((k) => found[k]);
    if (first) {
      document.getElementById(`${fid}-${first}`)?.focus();
      return;
    }
    void run(
      async () => {
        try {
          setProgress('Uploading the PDF…');
          const ticket = await call('POST /api/documents/purchase-order/{documentId}/bill-uploads', {
            path: path(doc),
            body: { fileName: file!.name, contentType: 'application/pdf', size: file!.size },
          });
          await putFile(ticket, file!, (p) => setProgress(`Uploading the PDF… ${Math.round(p * 100)}%`));
          setProgress('Submitting the bill…');
          const updated = await call('POST /api/documents/purchase-order/{documentId}/bills', {
            path: path(doc),
            body: { number: number.trim(), issueDate, amount: minor!, uploadId: ticket.attachmentId },
          });
          onDone(updated, `You submitted bill ${number.trim()} against ${doc.number}.`);
        } finally {
          setProgress('');
        }
      },
      {
        onError(err) {
          const mapped: Record<string, string> = {};
          for (const [name, reason] of Object.entries(fieldErrors(err))) {
            const [key, label] = BILL_FIELDS[name] ?? [];
            if (key) mapped[key] = errorSentence(label!, reason) ?? reason;
          }
          setErrors(mapped);
        },
        failureOf: ownOrProblemMessage,
      },
    );
  }

  const field = (key: string, label: string, input: ReactNode, hint?: string) => (
    <div className={`field${errors[key] ? ' field-invalid' : ''}`}>
      <label htmlFor={`${fid}-${key}`}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${fid}-${key}-hint`}>
          {hint}
        </p>
      ) : null}
      {input}
      <FieldError id={`${fid}-${key}-error`} text={errors[key]} />
    </div>
  );
  const describedBy = (key: string, hint = false) =>
    [hint ? `${fid}-${key}-hint` : '', errors[key] ? `${fid}-${key}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <form className="form dialog-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
      {field(
        'number',
        'Bill number',
        <input
          id={`${fid}-number`}
          type="text"
          autoComplete="off"
          maxLength={50}
          value={number}
          data-autofocus
          aria-required
          aria-invalid={errors.number ? true : undefined}
          aria-describedby={describedBy('number')}
          onChange={(e) => setNumber(e.target.value)}
        />,
      )}
      <div className="supplier-bill-row">
        {field(
          'issueDate',
          'Bill date',
          <input
            id={`${fid}-issueDate`}
            type="date"
            max={todayIso()}
            value={issueDate}
            required
            aria-invalid={errors.issueDate ? true : undefined}
            aria-describedby={describedBy('issueDate')}
            onChange={(e) => setIssueDate(e.target.value)}
          />,
        )}
        {field(
          'amount',
          `Amount (${doc.currency})`,
          <input
            id={`${fid}-amount`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            aria-required
            aria-invalid={errors.amount ? true : undefined}
            aria-describedby={describedBy('amount', true)}
            onChange={(e) => setAmount(e.target.value)}
          />,
          `The order's total is ${formatMoney(doc.totals.total, doc.currency)}`,
        )}
      </div>
      {field(
        'file',
        'The bill (PDF)',
        <span className="supplier-file">
          <input
            id={`${fid}-file`}
            type="file"
            accept="application/pdf,.pdf"
            className="supplier-file-input"
            required
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={describedBy('file', true)}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {file ? (
            <span className="supplier-file-name">
              <PaperclipIcon /> {file.name} ({formatBytes(file.size)})
            </span>
          ) : null}
        </span>,
        `One PDF, up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
      )}
      <p className="visually-hidden" role="status">
        {progress}
      </p>
      {progress ? <p className="muted-text">{progress}</p> : null}
      <FormFailure text={failure} />
      <DialogButtons busy={busy} confirm="Submit bill" onClose={onClose} />
    </form>
  );
}
