import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { refusalMessage } from '../accessMessages';
import { linkProblemOf, resetLinkMessage, type LinkProblem } from '../linkMessages';
import { call, ApiError, errorSentence, fieldErrors, isRefusal, problemMessage, problemSlug, type RefusalSlug } from '../api';
import { ExplanationCard, LINK_TOKEN, linkIcon, refusalIcon } from '../components/Explanation';
import { ArrowLeftIcon } from '../components/Icons';
import { NewPassword, validateNewPassword } from '../components/NewPassword';
import { AuthCard } from '../components/AuthCard';
import { useSession } from '../session';
import { usePageTitle, useTenant } from '../tenant';

type Outcome = { status: 'form' } | { status: 'link'; problem: LinkProblem } | { status: 'refused'; slug: RefusalSlug };

/** `/reset-password?token=…`: choose a new password from an emailed reset link. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const tenant = useTenant();
  const [outcome, setOutcome] = useState<Outcome>(() => (LINK_TOKEN.test(token) ? { status: 'form' } : { status: 'link', problem: 'invalid' }));

  if (outcome.status === 'refused') return <ExplanationCard icon={refusalIcon(outcome.slug)} message={refusalMessage(outcome.slug, tenant.name)} />;
  if (outcome.status === 'link') {
    return (
      <ExplanationCard icon={linkIcon(outcome.problem)} message={resetLinkMessage(outcome.problem)}>
        <Link className="btn btn-primary btn-block" to="/forgot-password">
          Request a new link
        </Link>
        <Link className="text-link" to="/login">
          Back to sign in
        </Link>
      </ExplanationCard>
    );
  }
  return <ResetForm token={token} onOutcome={setOutcome} />;
}

function ResetForm({ token, onOutcome }: { token: string; onOutcome(outcome: Outcome): void }) {
  usePageTitle('Choose a new password');
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const found = validateNewPassword(password, confirm);
    setErrors(found);
    setFormError('');
    if (found.password) return passwordInput.current?.focus();
    if (found.confirm) return confirmInput.current?.focus();
    setSubmitting(true);
    try {
      await call('POST /api/auth/reset-password', { body: { token, password } });
      // A reset signs the user in (the session is in cookies); if it did not, they sign in now.
      const next = await session.refresh();
      if (next.status === 'signed-in') {
        navigate('/', { replace: true, state: { notice: 'Your password has been changed and you are signed in.' } });
      } else {
        navigate('/login', { replace: true, state: { passwordChanged: true } });
      }
    } catch (err) {
      const slug = problemSlug(err);
      if (isRefusal(slug)) return onOutcome({ status: 'refused', slug });
      const byField = fieldErrors(err);
      const link = byField.token ? 'invalid' : linkProblemOf(slug, err instanceof ApiError ? err.status : undefined);
      if (link && !byField.password) return onOutcome({ status: 'link', problem: link });
      if (byField.password) {
        setErrors({ password: errorSentence('The password', byField.password) });
        passwordInput.current?.focus();
      }
      setFormError(problemMessage(err));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard title="Choose a new password" intro={<p>Pick a new password for your account. You will use it the next time you sign in.</p>}>
      <div className="form-error" aria-live="assertive" aria-atomic="true">
        {formError ? (
          <p>
            <strong>Your password was not changed.</strong> {formError}
          </p>
        ) : null}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={submitting}>
        <NewPassword
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={errors}
          passwordRef={passwordInput}
          confirmRef={confirmInput}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save new password'}
        </button>
      </form>
      <p className="auth-back">
        <Link className="text-link" to="/login">
          <ArrowLeftIcon /> Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
