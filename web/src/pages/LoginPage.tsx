import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { refusalMessage } from '../accessMessages';
import { call, ApiError, errorSentence, fieldErrors, isRefusal, problemMessage, problemSlug, waitPhrase } from '../api';
import { Field } from '../components/Field';
import { AlertIcon, CheckCircleIcon, ClockIcon } from '../components/Icons';
import { AuthCard } from '../components/AuthCard';
import { useSession } from '../session';
import { usePageTitle, useTenant } from '../tenant';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLogin(email: string, password: string): { email?: string; password?: string } {
  const errors: { email?: string; password?: string } = {};
  if (!email.trim()) errors.email = 'Enter your email address';
  else if (!EMAIL.test(email.trim())) errors.email = 'Enter an email address like name@example.com';
  if (!password) errors.password = 'Enter your password';
  return errors;
}

/** A path of this site that is safe to return to after signing in (never another origin, never /login). */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/^\/(login|invitation|reset-password|forgot-password)(?:[/?#]|$)/.test(value)) return undefined;
  return value;
}

/** Where to go after signing in: `?next=`, or the page that sent the user here, else the dashboard. */
export function returnTo(search: URLSearchParams, state: unknown): string {
  return safeReturnPath(search.get('next')) ?? safeReturnPath((state as { from?: unknown } | null)?.from) ?? '/';
}

interface NoteState {
  signedOut?: boolean;
  signOutFailed?: boolean;
  expired?: boolean;
  passwordSet?: boolean;
  passwordChanged?: boolean;
}

/** What the failed sign-in means, in a sentence or two, by the problem's type. */
function failureMessage(err: unknown, tenantName: string): ReactNode {
  const slug = problemSlug(err);
  if (slug === 'invalid-credentials') {
    return (
      <p>
        <strong>Sign-in failed.</strong> {problemMessage(err)}
      </p>
    );
  }
  if (slug === 'login-locked' || (err instanceof ApiError && err.status === 429)) {
    const detail = problemMessage(err);
    // Retry-After in words, unless the API's own sentence already says when.
    const wait = err instanceof ApiError && err.retryAfter !== undefined && !/try again in/i.test(detail) ? waitPhrase(err.retryAfter) : undefined;
    return (
      <p>
        <strong>Too many attempts.</strong> {detail}
        {wait ? ` You can try again in ${wait}.` : ''}
      </p>
    );
  }
  if (isRefusal(slug)) {
    const m = refusalMessage(slug, tenantName);
    return (
      <>
        <p>
          <strong>{m.title}.</strong> {m.lead}
        </p>
        <p>{m.next}</p>
      </>
    );
  }
  if (slug === 'csrf-check-failed') {
    return (
      <p>
        <strong>Sign-in failed.</strong> Your browser&apos;s security check did not pass. Please reload the page and try again.
      </p>
    );
  }
  return (
    <p>
      <strong>Sign-in failed.</strong> {problemMessage(err)}
    </p>
  );
}

function Note({ state }: { state: NoteState }) {
  let icon = <CheckCircleIcon />;
  let text: string | undefined;
  let warning = false;
  if (state.signedOut) text = 'You have signed out. See you next time.';
  else if (state.signOutFailed) {
    icon = <AlertIcon />;
    warning = true;
    text = 'We could not confirm with the portal that you have signed out. If this is a shared computer, close the browser to be sure.';
  } else if (state.passwordSet) text = 'Your password is set. Sign in with your email address and new password.';
  else if (state.passwordChanged) text = 'Your password has been changed. Sign in with your new password.';
  else if (state.expired) {
    icon = <ClockIcon />;
    text = 'Your session has expired. Please sign in again to carry on where you left off.';
  }
  if (!text) return null;
  return (
    <div className={`notice notice-compact${warning ? ' notice-warning' : ''}`} role="status">
      <span className="notice-icon">{icon}</span>
      <p>{text}</p>
    </div>
  );
}

export function LoginPage() {
  usePageTitle('Sign in');
  const tenant = useTenant();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<ReactNode>(null);
  const [submitting, setSubmitting] = useState(false);
  const [noteDismissed, setNoteDismissed] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const note = (location.state ?? {}) as NoteState;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const found = validateLogin(email, password);
    setErrors(found);
    setFailure(null);
    setNoteDismissed(true);
    if (found.email) return emailInput.current?.focus();
    if (found.password) return passwordInput.current?.focus();

    setSubmitting(true);
    try {
      await call('POST /api/auth/login', { body: { email: email.trim(), password } });
      const next = await session.refresh();
      if (next.status === 'signed-in') {
        navigate(returnTo(search, location.state), { replace: true });
        return;
      }
      if (next.status === 'refused') {
        setFailure(failureMessage(new ApiError(next.problem), tenant.name));
        return;
      }
      setFailure(
        <p>
          <strong>Sign-in failed.</strong> You were signed in, but the portal could not open your session. Please try again.
        </p>,
      );
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors({ email: errorSentence('Email address', byField.email), password: errorSentence('Password', byField.password) });
      setFailure(failureMessage(err, tenant.name));
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard title="Sign in to your account" intro={tenant.branding.tagline ? <p>{tenant.branding.tagline}</p> : null}>
      {noteDismissed ? null : <Note state={note} />}
      <div className="form-error" aria-live="assertive" aria-atomic="true">
        {failure}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={submitting}>
        <Field
          ref={emailInput}
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
        />
        <Field
          ref={passwordInput}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <p className="form-aside">
          <Link className="text-link" to="/forgot-password" state={email ? { email } : undefined}>
            Forgot password?
          </Link>
        </p>
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-note">Need access? Ask your contact at {tenant.name} to invite you to the portal.</p>
    </AuthCard>
  );
}
