import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import { LIMITS } from '../../../shared/limits';
import { anySlug, call, errorSentence, fieldErrors, isRefusal, problemMessage } from '../api';
import { Field } from '../components/Field';
import { CheckCircleIcon, KeyIcon } from '../components/Icons';
import type { DocumentsMe } from '../documents/kinds';
import { useSession } from '../session';
import { useTenant } from '../tenant';
import '../components/StatusBadge.css';
import './AccountPage.css';

const PIN = new RegExp(`^\\d{${LIMITS.pinDigits.min},${LIMITS.pinDigits.max}}$`);

type Errors = { pin?: string; confirm?: string; currentPassword?: string };

/**
 * "Signing PIN" on My details, for users who may e-sign orders: set or change the 4–8
 * digit PIN asked for when signing, confirmed with the account's password.
 */
export function SigningPinSection({ me }: { me: DocumentsMe }) {
  const tenant = useTenant();
  const { revalidate } = useSession();
  const headingId = useId();
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState('');
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const [isSet, setIsSet] = useState(!!me.signingPinSet);
  const form = useRef<HTMLFormElement>(null);
  const { hash } = useLocation();

  // Sent here from the sign dialog (`/account#signing-pin`): show the section, ready to type.
  useEffect(() => {
    if (hash !== '#signing-pin') return;
    // After the shell's own focus handling for the new page.
    const timer = setTimeout(() => {
      const section = document.getElementById('signing-pin');
      section?.scrollIntoView({ block: 'start' });
      section?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(timer);
  }, [hash]);

  const focusFirstInvalid = () => requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const found: Errors = {};
    if (!PIN.test(pin)) found.pin = `Choose a PIN of ${LIMITS.pinDigits.min} to ${LIMITS.pinDigits.max} digits`;
    else if (/^(\d)\1+$/.test(pin) || '0123456789'.includes(pin) || '9876543210'.includes(pin))
      found.pin = 'Choose a PIN that is harder to guess than repeated or consecutive digits';
    if (!found.pin && confirm !== pin) found.confirm = 'The two PINs do not match';
    if (!password) found.currentPassword = 'Enter your password to confirm it is you';
    setErrors(found);
    setFailure('');
    setStatus('');
    if (Object.keys(found).length > 0) return focusFirstInvalid();
    setSaving(true);
    try {
      await call('PUT /api/me/signing-pin', { body: { pin, currentPassword: password } });
      setPin('');
      setConfirm('');
      setPassword('');
      setStatus(isSet ? 'Your signing PIN has been changed.' : 'Your signing PIN is set. You can now sign orders.');
      setIsSet(true);
      void revalidate();
    } catch (err) {
      if (isRefusal(anySlug(err))) return;
      const fields = fieldErrors(err);
      const next: Errors = {
        pin: errorSentence('The PIN', fields.pin),
        currentPassword:
          errorSentence('Your password', fields.currentPassword) ?? (anySlug(err) === 'invalid-credentials' ? 'That password is not right' : undefined),
      };
      setErrors(next);
      setPassword('');
      setFailure(problemMessage(err));
      focusFirstInvalid();
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card form-card" aria-labelledby={headingId} id="signing-pin">
      <div className="card-head">
        <h2 id={headingId} className="with-icon">
          <span className="dash-icon" aria-hidden="true">
            <KeyIcon />
          </span>
          Signing PIN
        </h2>
        <span className={`badge ${isSet ? 'badge-success' : 'badge-warning'}`}>
          <span className="badge-dot" aria-hidden="true" />
          {isSet ? 'Set' : 'Not set'}
        </span>
      </div>
      <p className="card-note">
        {isSet
          ? `You type this PIN with your name to e-sign orders from ${tenant.name}. Change it here if you think someone else knows it.`
          : `To e-sign orders from ${tenant.name}, choose a PIN of ${LIMITS.pinDigits.min} to ${LIMITS.pinDigits.max} digits. You will type it with your name each time you sign. Keep it to yourself.`}
      </p>
      <form ref={form} className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={saving} aria-labelledby={headingId}>
        {/* For password managers: whose password this form asks for. */}
        <input type="text" name="username" autoComplete="username" value={me.user.email} readOnly hidden />
        <div className="form-error" aria-live="assertive" aria-atomic="true">
          {failure ? (
            <p>
              <strong>Your PIN was not saved.</strong> {failure}
            </p>
          ) : null}
        </div>
        <div className="form-grid">
          <Field
            label={isSet ? 'New PIN' : 'PIN'}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={LIMITS.pinDigits.max}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D+/g, ''))}
            error={errors.pin}
            hint="4 to 8 digits"
          />
          <Field
            label={isSet ? 'Confirm new PIN' : 'Confirm PIN'}
            name="confirm-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={LIMITS.pinDigits.max}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value.replace(/\D+/g, ''))}
            error={errors.confirm}
            hint="The same digits again"
          />
        </div>
        <Field
          label="Your password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.currentPassword}
          hint="The one you sign in with, to confirm it is you."
        />
        <div className="save-bar">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Saving…' : isSet ? 'Change signing PIN' : 'Set signing PIN'}
          </button>
          <p className="save-status" role="status">
            {status ? (
              <>
                <span className="save-status-icon" aria-hidden="true">
                  <CheckCircleIcon />
                </span>
                {status}
              </>
            ) : null}
          </p>
        </div>
      </form>
    </section>
  );
}
