import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { call, errorSentence, fieldErrors, problemMessage } from '../api';
import { Field } from '../components/Field';
import { ArrowLeftIcon, MailIcon } from '../components/Icons';
import { AuthCard } from '../components/AuthCard';
import { usePageTitle } from '../tenant';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  const location = useLocation();
  const initial = (location.state as { email?: unknown } | null)?.email;
  const [email, setEmail] = useState(typeof initial === 'string' ? initial : '');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLHeadingElement>(null);

  // Once sent, the form is gone: move focus to the confirmation so it is read out.
  useEffect(() => {
    if (sentTo) done.current?.focus();
  }, [sentTo]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const value = email.trim();
    const problem = !value ? 'Enter your email address' : !EMAIL.test(value) ? 'Enter an email address like name@example.com' : undefined;
    setError(problem);
    setFormError('');
    if (problem) return input.current?.focus();
    setSubmitting(true);
    try {
      await call('POST /api/auth/forgot-password', { body: { email: value } });
      setSentTo(value);
    } catch (err) {
      setError(errorSentence('Email address', fieldErrors(err).email));
      setFormError(problemMessage(err));
    } finally {
      setSubmitting(false);
    }
  }

  const back = (
    <p className="auth-back">
      <Link className="text-link" to="/login">
        <ArrowLeftIcon /> Back to sign in
      </Link>
    </p>
  );

  if (sentTo) {
    return (
      <AuthCard title="Check your email">
        <div className="notice">
          <span className="notice-icon">
            <MailIcon />
          </span>
          <div>
            <h2 className="notice-title" ref={done} tabIndex={-1}>
              Reset link on its way
            </h2>
            <p>
              If <strong className="break-anywhere">{sentTo}</strong> has an account with us, we have sent it a link to set a new password. The link works for a
              limited time.
            </p>
          </div>
        </div>
        {back}
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Reset your password" intro={<p>Enter the email address you sign in with and we will send you a link to set a new password.</p>}>
      <div className="form-error" aria-live="assertive" aria-atomic="true">
        {formError ? <p>{formError}</p> : null}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={submitting}>
        <Field
          ref={input}
          label="Email address"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={error}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? 'Sending…' : 'Send reset link'}
        </button>
      </form>
      {back}
    </AuthCard>
  );
}
