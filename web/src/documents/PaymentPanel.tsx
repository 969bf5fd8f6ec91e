import { startTransition, useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { DocumentView } from '../../../shared/api/documents';
import type { InvoicePayments, PaymentStatus, PaymentView } from '../../../shared/api/payments';
import { call, errorSentence, fieldErrors, problemMessage } from '../api';
import { AlertIcon, CheckCircleIcon, ClockIcon, CloseIcon } from '../components/Icons';
import { readEarly } from '../early';
import { currencyDigits, formatDateTime, formatMoney } from './format';
import { documentArgs } from './kinds';
import '../components/StatusBadge.css';
import '../styles/forms.css';
import './PaymentPanel.css';

/**
 * Paying an invoice online (Stripe Checkout): choose the whole balance or, where the
 * business allows, a part of it; go to the secure checkout; come back to a "Payment
 * processing…" that turns into the result once Stripe has told the portal (the page
 * polls the invoice's payments briefly); and the invoice's payment history. The amount
 * is only a request: the portal takes the balance and currency from its own records.
 */

const POLL_MS = 1_500;
const POLL_FOR_MS = 60_000;

type Progress =
  | { kind: 'processing' }
  | { kind: 'succeeded'; payment: PaymentView }
  | { kind: 'failed'; message?: string }
  | { kind: 'expired' }
  | { kind: 'slow' }
  | { kind: 'cancelled' };

const STATUS_TEXT: Record<PaymentStatus, string> = {
  pending: 'Started',
  processing: 'Processing',
  succeeded: 'Paid',
  failed: 'Failed',
  expired: 'Not completed',
};

/** "12.50" in the invoice's currency → minor units; undefined when it is not an amount. */
export function toMinor(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s,£$€]/g, '');
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(cleaned)) return undefined;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export function PaymentPanel({ doc, onInvoiceChange }: { doc: DocumentView; onInvoiceChange(doc: DocumentView): void }) {
  const [payments, setPayments] = useState<InvoicePayments | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [params, setParams] = useSearchParams();
  const returnedId = params.get('payment');
  const [progress, setProgress] = useState<Progress | undefined>(() =>
    returnedId ? { kind: params.get('cancelled') === '1' ? 'cancelled' : 'processing' } : undefined,
  );
  const { documentId } = doc;

  const load = useCallback(
    async (signal?: AbortSignal) => {
      const answer = await readEarly('GET /api/documents/invoice/{documentId}/payments', { path: { documentId } }, signal);
      startTransition(() => {
        setPayments(answer);
        setLoadError(undefined);
      });
      return answer;
    },
    [documentId],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).catch((err: unknown) => {
      if (!controller.signal.aborted) setLoadError(problemMessage(err));
    });
    return () => controller.abort();
  }, [load]);

  // Back from Stripe: wait for the webhook to land, then show the invoice as it is now.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `progress` starts the wait once; the rest is stable for one returned payment
  useEffect(() => {
    if (!returnedId || progress?.kind !== 'processing') return;
    let stopped = false;
    const started = Date.now();
    const finish = (next: Progress) => {
      if (stopped) return;
      setProgress(next);
      // The result is on screen; a reload should not start waiting again.
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete('payment');
          next.delete('cancelled');
          return next;
        },
        { replace: true },
      );
    };
    const tick = async () => {
      if (stopped) return;
      try {
        const answer = await load();
        const mine = answer.items.find((p) => p.paymentId === returnedId);
        if (mine?.status === 'succeeded') {
          onInvoiceChange(await call('GET /api/documents/{type}/{documentId}', documentArgs('invoice', documentId)));
          return finish({ kind: 'succeeded', payment: mine });
        }
        if (mine?.status === 'failed') return finish({ kind: 'failed', message: mine.failureMessage });
        if (mine?.status === 'expired') return finish({ kind: 'expired' });
      } catch {
        /* try again on the next tick */
      }
      if (Date.now() - started > POLL_FOR_MS) return finish({ kind: 'slow' });
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    let timer = setTimeout(() => void tick(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [returnedId, progress?.kind === 'processing']);

  const canPay = doc.actions.includes('pay') && !!payments?.options?.available;
  const history = (payments?.items ?? []).filter((p) => p.status !== 'pending' || p.paymentId === returnedId);
  // Room for the form while the payment options load, so the lines below do not jump down.
  if (!payments && !loadError && (doc.actions.includes('pay') || progress)) return <PanelSkeleton />;
  if (!canPay && history.length === 0 && !progress && !loadError) return null;

  return (
    <section id="pay-invoice" className="card payment-panel no-print" aria-labelledby="payment-heading">
      <h2 id="payment-heading">{canPay ? 'Pay online' : 'Payments'}</h2>
      <div role="status" className="status-slot">
        {progress ? <ProgressBanner progress={progress} doc={doc} onDismiss={() => setProgress(undefined)} /> : null}
      </div>
      {loadError ? (
        <p className="inline-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {doc.paymentStatus === 'partially-paid' && doc.balance !== undefined ? (
        <p className="payment-so-far">
          {formatMoney(doc.totals.total - doc.balance, doc.currency)} of {formatMoney(doc.totals.total, doc.currency)} paid so far.
        </p>
      ) : null}
      {canPay && progress?.kind !== 'processing' ? <PayForm doc={doc} payments={payments!} /> : null}
      {history.length ? <History payments={history} currency={doc.currency} /> : null}
    </section>
  );
}

function PanelSkeleton() {
  return (
    <section className="card payment-panel no-print" aria-busy="true" aria-label="Payments">
      <p className="visually-hidden" role="status">
        Loading the payment options…
      </p>
      <div className="skeleton skeleton-line skeleton-w40" aria-hidden="true" />
      <div className="skeleton skeleton-line skeleton-w60 left" aria-hidden="true" />
      <div className="skeleton skeleton-input" aria-hidden="true" />
      <div className="skeleton skeleton-input" aria-hidden="true" />
      <div className="skeleton skeleton-button payment-skeleton-button" aria-hidden="true" />
    </section>
  );
}

function ProgressBanner({ progress, doc, onDismiss }: { progress: Progress; doc: DocumentView; onDismiss(): void }) {
  const close = (
    <button type="button" className="banner-close" aria-label="Dismiss message" onClick={onDismiss}>
      <CloseIcon />
    </button>
  );
  switch (progress.kind) {
    case 'processing':
      return (
        <div className="banner banner-neutral">
          <span className="banner-icon payment-spinner" aria-hidden="true">
            <ClockIcon />
          </span>
          <p>
            <strong>Payment processing…</strong> We are waiting for the payment provider to confirm your payment. This usually takes a few seconds.
          </p>
        </div>
      );
    case 'succeeded':
      return (
        <div className="banner banner-success">
          <span className="banner-icon">
            <CheckCircleIcon />
          </span>
          <p>
            <strong>Payment received: {formatMoney(progress.payment.amount, progress.payment.currency)}.</strong>{' '}
            {doc.balance !== undefined && doc.balance > 0
              ? `${formatMoney(doc.balance, doc.currency)} is still to pay on this invoice.`
              : 'This invoice is now paid in full.'}{' '}
            Your reference is {progress.payment.reference}; a receipt is on its way by email.
          </p>
          {close}
        </div>
      );
    case 'failed':
      return (
        <div className="banner banner-danger">
          <span className="banner-icon">
            <AlertIcon />
          </span>
          <p>
            <strong>The payment did not go through.</strong> {progress.message ?? ''} Nothing was taken. You can try again below.
          </p>
          {close}
        </div>
      );
    case 'expired':
    case 'cancelled':
      return (
        <div className="banner banner-neutral">
          <span className="banner-icon">
            <AlertIcon />
          </span>
          <p>
            <strong>Payment not completed.</strong> Nothing was taken. You can pay whenever you are ready.
          </p>
          {close}
        </div>
      );
    case 'slow':
      return (
        <div className="banner banner-warning">
          <span className="banner-icon">
            <ClockIcon />
          </span>
          <p>
            <strong>Your payment is taking longer than usual to confirm.</strong> There is no need to pay again: this page and your receipt email will show it
            once it is confirmed.
          </p>
          {close}
        </div>
      );
  }
}

function PayForm({ doc, payments }: { doc: DocumentView; payments: InvoicePayments }) {
  const fid = useId();
  const options = payments.options!;
  const balance = doc.balance ?? 0;
  const [choice, setChoice] = useState<'full' | 'part'>('full');
  const [partText, setPartText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [amountError, setAmountError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);
  const partPossible = options.partAllowed && balance > options.partMinimum;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setAmountError(undefined);
    let amount: number | undefined;
    if (choice === 'part') {
      amount = toMinor(partText, doc.currency);
      const problem =
        amount === undefined
          ? 'Enter the amount as a number, for example 50.00.'
          : amount < options.partMinimum
            ? `Pay at least ${formatMoney(options.partMinimum, doc.currency)}.`
            : amount > balance
              ? `You can pay at most the balance, ${formatMoney(balance, doc.currency)}.`
              : undefined;
      if (problem) {
        setAmountError(problem);
        amountRef.current?.focus();
        return;
      }
    }
    setBusy(true);
    try {
      const started = await call('POST /api/documents/invoice/{documentId}/payments', {
        path: { documentId: doc.documentId },
        // A link visitor comes back to `/d`, which their link session opens: the API decides, no token goes to the provider.
        body: amount !== undefined ? { amount } : {},
      });
      window.location.assign(started.checkoutUrl);
    } catch (err) {
      setBusy(false);
      const fields = fieldErrors(err);
      if (fields.amount) {
        setChoice('part');
        setAmountError(errorSentence('The amount', fields.amount));
      } else setError(problemMessage(err));
    }
  }

  const payLabel =
    choice === 'full' || !toMinor(partText, doc.currency) ? formatMoney(balance, doc.currency) : formatMoney(toMinor(partText, doc.currency)!, doc.currency);
  return (
    <form className="payment-form" onSubmit={(e) => void submit(e)} noValidate>
      {partPossible ? (
        <fieldset className="fieldset">
          <legend>How much would you like to pay?</legend>
          <div className="payment-choices">
            <label className="payment-choice">
              <input type="radio" name={`${fid}-choice`} value="full" checked={choice === 'full'} onChange={() => setChoice('full')} />
              <span>
                The balance, <strong>{formatMoney(balance, doc.currency)}</strong>
              </span>
            </label>
            <label className="payment-choice">
              <input type="radio" name={`${fid}-choice`} value="part" checked={choice === 'part'} onChange={() => setChoice('part')} />
              <span>Part of it</span>
            </label>
          </div>
          {choice === 'part' ? (
            <div className={`field payment-amount${amountError ? ' field-invalid' : ''}`}>
              <label htmlFor={`${fid}-amount`}>Amount ({doc.currency})</label>
              <p className="field-hint" id={`${fid}-amount-hint`}>
                From {formatMoney(options.partMinimum, doc.currency)} up to {formatMoney(balance, doc.currency)}.
              </p>
              <input
                ref={amountRef}
                id={`${fid}-amount`}
                inputMode="decimal"
                autoComplete="off"
                value={partText}
                onChange={(e) => setPartText(e.target.value)}
                aria-invalid={amountError ? true : undefined}
                aria-describedby={`${fid}-amount-hint${amountError ? ` ${fid}-amount-error` : ''}`}
              />
              {amountError ? (
                <p className="field-error" id={`${fid}-amount-error`}>
                  <span aria-hidden="true" className="field-error-icon">
                    !
                  </span>
                  {amountError}
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>
      ) : (
        <p>
          Balance to pay: <strong>{formatMoney(balance, doc.currency)}</strong>
        </p>
      )}
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="payment-submit">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Taking you to the secure checkout…' : `Pay ${payLabel}`}
        </button>
        <p className="field-hint">You pay on Stripe's secure page and come straight back here.</p>
      </div>
    </form>
  );
}

function History({ payments, currency }: { payments: PaymentView[]; currency: string }) {
  return (
    <div className="payment-history">
      <h3>Payment history</h3>
      <ul className="payment-list">
        {[...payments].reverse().map((p) => (
          <li key={p.paymentId} className="payment-item">
            <div className="payment-item-main">
              <span className="payment-amount-text">{formatMoney(p.amount, p.currency || currency)}</span>
              <span
                className={`badge badge-${p.status === 'succeeded' ? 'success' : p.status === 'failed' ? 'danger' : p.status === 'processing' ? 'info' : 'muted'}`}
              >
                <span className="badge-dot" aria-hidden="true" />
                {STATUS_TEXT[p.status]}
              </span>
            </div>
            <div className="payment-item-meta">
              {formatDateTime(p.succeededAt ?? p.createdAt)} · {p.payer} · {p.method ? `${p.method === 'card' ? 'Card' : p.method.replace(/_/g, ' ')} · ` : ''}
              Ref. {p.reference}
            </div>
            {p.refunded ? <div className="payment-item-note">{formatMoney(p.refunded, p.currency)} refunded</div> : null}
            {p.disputed ? <div className="payment-item-note">{formatMoney(p.disputed, p.currency)} disputed</div> : null}
            {p.status === 'failed' && p.failureMessage ? <div className="payment-item-note">{p.failureMessage}</div> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
