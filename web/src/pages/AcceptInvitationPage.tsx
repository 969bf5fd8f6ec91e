import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationInfo } from '../../../shared/api/access';
import { refusalMessage } from '../accessMessages';
import { invitationMessage, linkProblemOf, type LinkProblem } from '../linkMessages';
import { call, ApiError, errorSentence, fieldErrors, isRefusal, problemMessage, problemSlug, type RefusalSlug } from '../api';
import { ExplanationCard, LINK_TOKEN, LoadingCard, linkIcon, refusalIcon } from '../components/Explanation';
import { AlertIcon } from '../components/Icons';
import { NewPassword, validateNewPassword } from '../components/NewPassword';
import { AuthCard } from '../components/AuthCard';
import type { PasswordPolicy } from '../password';
import { useSession } from '../session';
import { usePageTitle, useTenant } from '../tenant';
import './AcceptInvitationPage.css';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; invitation: InvitationInfo }
  | { status: 'link'; problem: LinkProblem }
  | { status: 'refused'; slug: RefusalSlug }
  | { status: 'error'; error: unknown };

function dateOf(iso: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(d);
}

function policyOf(invitation: InvitationInfo): PasswordPolicy | undefined {
  const rules = invitation.passwordRules;
  if (!rules || typeof rules.minLength !== 'number' || !Array.isArray(rules.requires)) return undefined;
  return { minLength: rules.minLength, requires: rules.requires.filter((r): r is string => typeof r === 'string') };
}

/** `/invitation/:token`: who the invitation is for, the password policy, and setting the password. */
export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const tenant = useTenant();
  const [load, setLoad] = useState<Load>(() => (LINK_TOKEN.test(token) ? { status: 'loading' } : { status: 'link', problem: 'invalid' }));
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's: a change loads again
  useEffect(() => {
    if (!LINK_TOKEN.test(token)) {
      setLoad({ status: 'link', problem: 'invalid' });
      return;
    }
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    call('GET /api/auth/invitations/{token}', { path: { token } }, controller.signal).then(
      (invitation) => setLoad({ status: 'ready', invitation }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad(classify(error));
      },
    );
    return () => controller.abort();
  }, [token, attempt]);

  switch (load.status) {
    case 'loading':
      return <LoadingCard label="Opening your invitation…" />;
    case 'link':
      return <InvitationLinkProblem problem={load.problem} />;
    case 'refused':
      return <ExplanationCard icon={refusalIcon(load.slug)} message={refusalMessage(load.slug, tenant.name)} />;
    case 'error':
      return (
        <ExplanationCard
          icon={<AlertIcon />}
          message={{
            title: 'We could not open your invitation',
            lead: problemMessage(load.error),
            next: 'This is usually temporary. Please try again in a moment.',
          }}
        >
          <button type="button" className="btn btn-primary btn-block" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </ExplanationCard>
      );
    case 'ready':
      return <SetPasswordForm token={token} invitation={load.invitation} onProblem={setLoad} />;
  }
}

function classify(error: unknown): Load {
  const slug = problemSlug(error);
  if (isRefusal(slug)) return { status: 'refused', slug };
  const link = linkProblemOf(slug, error instanceof ApiError ? error.status : undefined);
  if (link) return { status: 'link', problem: link };
  return { status: 'error', error };
}

function InvitationLinkProblem({ problem }: { problem: LinkProblem }) {
  const tenant = useTenant();
  return (
    <ExplanationCard icon={linkIcon(problem)} message={invitationMessage(problem, tenant.name)}>
      {problem === 'used' ? (
        <>
          <Link className="btn btn-primary btn-block" to="/login">
            Sign in
          </Link>
          <Link className="text-link" to="/forgot-password">
            Forgotten your password?
          </Link>
        </>
      ) : (
        <Link className="text-link" to="/login">
          Already set a password? Sign in
        </Link>
      )}
    </ExplanationCard>
  );
}

function SetPasswordForm({ token, invitation, onProblem }: { token: string; invitation: InvitationInfo; onProblem(load: Load): void }) {
  usePageTitle('Set up your account');
  const tenant = useTenant();
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [formError, setFormError] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const policy = policyOf(invitation);
  const expires = dateOf(invitation.expiresAt);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const found = validateNewPassword(password, confirm, policy);
    setErrors(found);
    setFormError('');
    if (found.password) return passwordInput.current?.focus();
    if (found.confirm) return confirmInput.current?.focus();
    setSubmitting(true);
    try {
      await call('POST /api/auth/invitations/{token}/accept', { path: { token }, body: { password } });
      const next = await session.refresh();
      if (next.status === 'signed-in') {
        navigate('/', { replace: true, state: { notice: 'Your password is set and you are signed in. Welcome to the portal!' } });
        return;
      }
      navigate('/login', { replace: true, state: { passwordSet: true } });
    } catch (err) {
      const next = classify(err);
      if (next.status !== 'error') return onProblem(next);
      const byField = fieldErrors(err);
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
    <AuthCard title={`Welcome, ${invitation.firstName}`} intro={<p>Set a password to finish setting up your account on the {tenant.name} portal.</p>}>
      <dl className="invite-summary">
        <div>
          <dt>Name</dt>
          <dd>{invitation.firstName}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd className="break-anywhere">{invitation.email}</dd>
        </div>
        <div>
          <dt>Company</dt>
          <dd>{invitation.companyName}</dd>
        </div>
      </dl>
      <div className="form-error" aria-live="assertive" aria-atomic="true">
        {formError ? (
          <p>
            <strong>Your password was not saved.</strong> {formError}
          </p>
        ) : null}
      </div>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={submitting}>
        <NewPassword
          policy={policy}
          personal={[invitation.firstName, invitation.email]}
          username={invitation.email}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={errors}
          passwordRef={passwordInput}
          confirmRef={confirmInput}
        />
        <button type="submit" className="btn btn-primary btn-block" disabled={submitting}>
          {submitting ? 'Setting your password…' : 'Set password and sign in'}
        </button>
      </form>
      {expires ? <p className="auth-note">This invitation link works until {expires}.</p> : null}
    </AuthCard>
  );
}
