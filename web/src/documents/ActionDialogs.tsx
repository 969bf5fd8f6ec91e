import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { DocumentView } from '../../../shared/api/documents';
import { LIMITS } from '../../../shared/limits';
import { anySlug, call, errorSentence, fieldErrors, problemExtra, problemMessage, waitPhrase, ApiError } from '../api';
import { Dialog } from '../components/Dialog';
import { FormFailure } from '../forms/FormFailure';
import { useSubmit } from '../forms/useSubmit';
import { CheckCircleIcon, DownloadIcon, LockIcon } from '../components/Icons';
import { useTenant } from '../tenant';
import { downloadSignatureEvidence } from './downloads';
import { formatDateTime, formatMoney } from './format';
import '../styles/forms.css';
import './ActionDialogs.css';

export type ActionKind = 'accept' | 'reject' | 'approve' | 'request-changes';

interface ActionSpec {
  title: (doc: DocumentView) => string;
  intro: (doc: DocumentView, tenant: string) => string;
  field: { name: string; label: string; hint?: string; required?: string; multiline: boolean; max: number; autoComplete?: string };
  confirm: string;
  danger?: boolean;
  /** Sends the decision with the field's text (empty: left out). */
  send: (doc: DocumentView, text: string) => Promise<DocumentView>;
  done: (doc: DocumentView) => string;
}

const path = (doc: DocumentView) => ({ documentId: doc.documentId });

export const ACTIONS: Record<ActionKind, ActionSpec> = {
  accept: {
    title: (d) => `Accept quote ${d.number}`,
    intro: (d, t) =>
      `You are accepting this quote for ${formatMoney(d.totals.total, d.currency)} and its terms. ${t} will be told straight away and will go ahead with the work.`,
    field: {
      name: 'purchaseOrderReference',
      label: 'Your purchase order reference (optional)',
      hint: 'If your company uses purchase orders, give its number so it appears on the invoice.',
      multiline: false,
      max: LIMITS.purchaseOrderReference,
      autoComplete: 'off',
    },
    confirm: 'Accept quote',
    send: (d, text) => call('POST /api/documents/quote/{documentId}/accept', { path: path(d), body: text ? { purchaseOrderReference: text } : {} }),
    done: (d) => `You accepted quote ${d.number}.`,
  },
  reject: {
    title: (d) => `Reject quote ${d.number}`,
    intro: (_d, t) => `Let ${t} know why, so they can answer or send you a revised quote.`,
    field: { name: 'reason', label: 'Reason for rejecting', required: 'Tell us why you are rejecting the quote', multiline: true, max: LIMITS.decisionText },
    confirm: 'Reject quote',
    danger: true,
    send: (d, text) => call('POST /api/documents/quote/{documentId}/reject', { path: path(d), body: { reason: text } }),
    done: (d) => `You rejected quote ${d.number}.`,
  },
  approve: {
    title: (d) => `Approve ${d.number}`,
    intro: (_d, t) => `Approving tells ${t} the artwork or estimate is right and work can go ahead as shown.`,
    field: { name: 'comment', label: 'Comment (optional)', multiline: true, max: LIMITS.decisionText },
    confirm: 'Approve artwork',
    send: (d, text) => call('POST /api/documents/job/{documentId}/approve', { path: path(d), body: text ? { comment: text } : {} }),
    done: (d) => `You approved ${d.number}.`,
  },
  'request-changes': {
    title: (d) => `Request changes to ${d.number}`,
    intro: (_d, t) => `Describe what needs to change. ${t} will send you a new proof to approve.`,
    field: { name: 'comment', label: 'What needs to change', required: 'Describe the changes you need', multiline: true, max: LIMITS.decisionText },
    confirm: 'Request changes',
    danger: true,
    send: (d, text) => call('POST /api/documents/job/{documentId}/request-changes', { path: path(d), body: { comment: text } }),
    done: (d) => `You asked for changes to ${d.number}.`,
  },
};

/** Accept, reject, approve or request changes: one dialog with the one field each needs. */
export function ActionDialog({
  kind,
  doc,
  onClose,
  onDone,
}: {
  kind: ActionKind | null;
  doc: DocumentView;
  onClose(): void;
  onDone(doc: DocumentView, message: string): void;
}) {
  const tenant = useTenant();
  const spec = kind ? ACTIONS[kind] : undefined;
  return (
    <Dialog open={!!spec} onClose={onClose} title={spec?.title(doc) ?? ''} intro={spec?.intro(doc, tenant.name)}>
      {spec ? <ActionForm key={kind} spec={spec} doc={doc} onClose={onClose} onDone={onDone} /> : null}
    </Dialog>
  );
}

function ActionForm({
  spec,
  doc,
  onClose,
  onDone,
}: {
  spec: ActionSpec;
  doc: DocumentView;
  onClose(): void;
  onDone(doc: DocumentView, message: string): void;
}) {
  const fid = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const { busy, failure, clear, run } = useSubmit();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const f = spec.field;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const text = value.trim();
    clear();
    if (f.required && !text) {
      setError(f.required);
      input.current?.focus();
      return;
    }
    if (text.length > f.max) {
      setError(`Use at most ${f.max.toLocaleString()} characters`);
      input.current?.focus();
      return;
    }
    setError('');
    void run(
      async () => {
        const updated = await spec.send(doc, text);
        onDone(updated, spec.done(updated));
      },
      {
        onError(err) {
          const reason = fieldErrors(err)[f.name];
          if (reason) {
            setError(errorSentence(f.label.replace(/ \(optional\)$/, ''), reason) ?? reason);
            input.current?.focus();
          }
        },
      },
    );
  }

  const describedBy = [f.hint ? `${fid}-hint` : '', error ? `${fid}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: fid,
    name: f.name,
    value,
    maxLength: f.max,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': f.required ? true : undefined,
    'data-autofocus': true,
    onChange: (e: { target: { value: string } }) => {
      setValue(e.target.value);
      if (error) setError('');
    },
  };
  return (
    <form className="form dialog-form" noValidate onSubmit={submit} aria-busy={busy}>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={fid}>{f.label}</label>
        {f.hint ? (
          <p className="field-hint" id={`${fid}-hint`}>
            {f.hint}
          </p>
        ) : null}
        {f.multiline ? <textarea ref={input} rows={4} {...common} /> : <input ref={input} type="text" autoComplete={f.autoComplete} {...common} />}
        {error ? (
          <p className="field-error" id={`${fid}-error`}>
            <span aria-hidden="true" className="field-error-icon">
              !
            </span>
            {error}
          </p>
        ) : null}
      </div>
      <FormFailure text={failure} />
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className={`btn ${spec.danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
          {busy ? 'Sending…' : spec.confirm}
        </button>
      </div>
    </form>
  );
}

/** The e-sign dialog of a sales order: what signing means, typed name and PIN, then the signed state with its evidence. */
export function SignDialog({
  open,
  doc,
  mode,
  onClose,
  onSigned,
}: {
  open: boolean;
  doc: DocumentView;
  mode: 'portal' | 'direct';
  onClose(): void;
  onSigned(doc: DocumentView, message: string): void;
}) {
  const [signed, setSigned] = useState<DocumentView | null>(null);
  const close = () => {
    if (signed) onSigned(signed, `You signed order ${signed.number}.`);
    setSigned(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title={signed ? `Order ${signed.number} is signed` : `Sign order ${doc.number}`} className="dialog-sign">
      {signed ? <Signed doc={signed} onDone={close} /> : <SignForm doc={doc} mode={mode} onClose={close} onSigned={setSigned} />}
    </Dialog>
  );
}

function Signed({ doc, onDone }: { doc: DocumentView; onDone(): void }) {
  const tenant = useTenant();
  const [state, setState] = useState<{ busy: boolean; error?: string; saved?: boolean }>({ busy: false });
  const done = useRef<HTMLButtonElement>(null);
  async function download() {
    setState({ busy: true });
    try {
      await downloadSignatureEvidence(doc.documentId, doc.number);
      setState({ busy: false, saved: true });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <div className="sign-done">
      <div className="sign-done-icon" aria-hidden="true">
        <CheckCircleIcon />
      </div>
      <p className="lead" role="status">
        Thank you{doc.signature ? `, ${doc.signature.signerName}` : ''}. Order {doc.number} is signed and {tenant.name} has been told.
      </p>
      {doc.signature ? (
        <dl className="evidence-summary">
          <div>
            <dt>Signed by</dt>
            <dd>{doc.signature.signerName}</dd>
          </div>
          <div>
            <dt>Signed at</dt>
            <dd>{formatDateTime(doc.signature.at)}</dd>
          </div>
          <div>
            <dt>Document version</dt>
            <dd>{doc.signature.version}</dd>
          </div>
          <div>
            <dt>Document fingerprint</dt>
            <dd className="mono break-anywhere">{doc.signature.contentHash}</dd>
          </div>
        </dl>
      ) : null}
      <p className="muted small">Both you and {tenant.name} can download the evidence record of this signature at any time.</p>
      <div className="form-error" role="alert">
        {state.error ? <p>{state.error}</p> : null}
      </div>
      <p role="status" className="save-status">
        {state.saved ? 'The signature evidence has been downloaded.' : ''}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={() => void download()} disabled={state.busy} data-autofocus>
          <DownloadIcon /> Download signature evidence
        </button>
        <button ref={done} type="button" className="btn btn-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** What the sign form's alert says of a refusal: nothing for a wrong PIN (its field says it). */
function refusalOf(err: unknown): '' | 'not-set' | { text: string } {
  const slug = anySlug(err);
  if (slug === 'pin-incorrect') return '';
  if (slug === 'pin-not-set') return 'not-set';
  if (slug === 'pin-locked') {
    const wait = err instanceof ApiError ? err.retryAfter : undefined;
    return {
      text: `Signing is locked after too many wrong PINs. ${wait !== undefined ? `You can try again in ${waitPhrase(wait)}.` : 'Please try again later.'}`,
    };
  }
  return { text: problemMessage(err) };
}

function SignForm({ doc, mode, onClose, onSigned }: { doc: DocumentView; mode: 'portal' | 'direct'; onClose(): void; onSigned(doc: DocumentView): void }) {
  const tenant = useTenant();
  const fid = useId();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ name?: string; pin?: string }>({});
  // A failure is its sentence ({ text }), or 'not-set': no PIN yet, which the form explains with a link.
  const { busy, failure, clear, run } = useSubmit<'not-set' | { text: string }>();
  const [locked, setLocked] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || locked) return;
    const found: { name?: string; pin?: string } = {};
    const { min, max } = LIMITS.pinDigits;
    if (name.trim().length < LIMITS.signerName.min) found.name = 'Type your full name as your signature';
    if (!new RegExp(`^\\d{${min},${max}}$`).test(pin)) found.pin = `Your signing PIN is ${min} to ${max} digits`;
    setErrors(found);
    clear();
    if (found.name) return nameRef.current?.focus();
    if (found.pin) return pinRef.current?.focus();
    void run(
      async () => {
        const updated = await call('POST /api/documents/sales-order/{documentId}/sign', { path: path(doc), body: { signerName: name.trim(), pin } });
        onSigned(updated);
      },
      { onError: showRefusal, failureOf: refusalOf },
    );
  }

  /** A wrong PIN is said on its field, and a lock-out keeps the PIN field off; other field errors go on theirs. */
  function showRefusal(err: unknown) {
    const slug = anySlug(err);
    if (slug === 'pin-incorrect') {
      const left = problemExtra<number>(err, 'attemptsRemaining');
      setPin('');
      setErrors({
        pin:
          typeof left === 'number'
            ? left > 0
              ? `That PIN is not right. You have ${left} ${left === 1 ? 'attempt' : 'attempts'} left before signing is locked.`
              : 'That PIN is not right, and signing is now locked for a while.'
            : 'That PIN is not right. Please try again.',
      });
      pinRef.current?.focus();
    } else if (slug === 'pin-locked') {
      setLocked(true);
    } else if (slug !== 'pin-not-set') {
      const fields = fieldErrors(err);
      setErrors({
        name: errorSentence('Your full name', fields.signerName),
        pin: errorSentence('The PIN', fields.pin),
      });
    }
  }

  const invalid = (key: 'name' | 'pin') => (errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${fid}-${key}-error` } : {});
  return (
    <form className="form dialog-form" noValidate onSubmit={submit} aria-busy={busy}>
      <div className="sign-explainer">
        <p>
          Signing is the electronic equivalent of your handwritten signature. It confirms that you accept order <strong>{doc.number}</strong> for{' '}
          <strong>{formatMoney(doc.totals.total, doc.currency)}</strong>, as shown on this page (version {doc.version}), and its terms.
        </p>
        <p className="muted small">
          We record your typed name, the time, your IP address and browser, and a fingerprint of the order, so either side can show exactly what was signed.
        </p>
      </div>
      <div className={`field${errors.name ? ' field-invalid' : ''}`}>
        <label htmlFor={`${fid}-name`}>Your full name</label>
        <input
          ref={nameRef}
          id={`${fid}-name`}
          name="signerName"
          type="text"
          autoComplete="name"
          maxLength={LIMITS.signerName.max}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-autofocus
          className="signature-input"
          {...invalid('name')}
        />
        {errors.name ? (
          <p className="field-error" id={`${fid}-name-error`}>
            <span aria-hidden="true" className="field-error-icon">
              !
            </span>
            {errors.name}
          </p>
        ) : null}
      </div>
      <div className={`field${errors.pin ? ' field-invalid' : ''}`}>
        <label htmlFor={`${fid}-pin`}>Signing PIN</label>
        <input
          ref={pinRef}
          id={`${fid}-pin`}
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={LIMITS.pinDigits.max}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D+/g, ''))}
          className="pin-input"
          disabled={locked}
          {...invalid('pin')}
        />
        {errors.pin ? (
          <p className="field-error" id={`${fid}-pin-error`}>
            <span aria-hidden="true" className="field-error-icon">
              !
            </span>
            {errors.pin}
          </p>
        ) : null}
      </div>
      <div className="form-error" role="alert">
        {failure === 'not-set' ? (
          <p>
            <strong>You have not set a signing PIN yet.</strong>{' '}
            {mode === 'portal' ? (
              <>
                Set one on your <Link to="/account#signing-pin">My details page</Link>, then come back to sign.
              </>
            ) : (
              `Sign in to the portal and set one under My details, or ask ${tenant.name} for help.`
            )}
          </p>
        ) : failure ? (
          <p>{failure.text}</p>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn btn-secondary" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || locked}>
          <LockIcon /> {busy ? 'Signing…' : 'Sign order'}
        </button>
      </div>
    </form>
  );
}
