import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, fieldErrors, problemMessage } from '../api';
import { Field } from '../components/Field';
import { AuthCard } from '../layouts/SignedOutLayout';
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

/** Where to go after signing in: back to the page that sent the user here, if it was ours. */
function returnTo(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  usePageTitle('Sign in');
  const tenant = useTenant();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const found = validateLogin(email, password);
    setErrors(found);
    setFormError('');
    if (found.email) return emailInput.current?.focus();
    if (found.password) return passwordInput.current?.focus();

    setSubmitting(true);
    try {
      await api.post('/api/auth/login', { email: email.trim(), password });
      const next = await session.refresh();
      if (next.status === 'signed-in') {
        navigate(returnTo(location.state), { replace: true });
        return;
      }
      setFormError('You were signed in, but the portal could not open your session. Please try again.');
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors({ email: byField.email, password: byField.password });
      setFormError(problemMessage(err));
      setPassword('');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard title="Sign in to your account" intro={tenant.branding.tagline ? <p>{tenant.branding.tagline}</p> : null}>
      <div className="form-error" aria-live="assertive" aria-atomic="true">
        {formError ? (
          <p>
            <strong>Sign-in failed.</strong> {formError}
          </p>
        ) : null}
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
      <p className="auth-note">
        Need access? Ask your contact at {tenant.name} to invite you to the portal.
      </p>
    </AuthCard>
  );
}
