import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type { DirectLinkSession } from '../../../shared/api/documents';
import { anySlug, call, ApiError, problemMessage } from '../api';
import { LINK_TOKEN } from '../components/Explanation';
import { AlertIcon, ClockIcon, LinkOffIcon } from '../components/Icons';
import { SiteFooter } from '../components/SiteFooter';
import { TenantLogo } from '../components/TenantLogo';
import { usePageTitle, useTenant } from '../tenant';
import { DocumentDetail } from './DocumentDetail';
import { formatDate } from './format';
import '../layouts/Shell.css';
import './DirectLinkPage.css';

type LinkProblem = 'invalid' | 'expired' | 'revoked' | 'ended';

type OpenState =
  | { status: 'opening' }
  | { status: 'open'; session: DirectLinkSession }
  | { status: 'problem'; problem: LinkProblem }
  | { status: 'error'; error: unknown };

function linkProblem(err: unknown): LinkProblem | undefined {
  const slug = anySlug(err);
  if (slug === 'link-expired') return 'expired';
  if (slug === 'link-revoked') return 'revoked';
  if (slug === 'link-invalid') return 'invalid';
  if (err instanceof ApiError && (err.status === 404 || (err.status === 400 && slug === 'invalid-request'))) return 'invalid';
  return undefined;
}

const MESSAGES: Record<LinkProblem, (tenant: string) => { title: string; lead: string; next: string }> = {
  expired: (t) => ({
    title: 'This link has expired',
    lead: `Links to documents from ${t} only work for a limited time, and this one has run out.`,
    next: `Please ask ${t} to send you a new link. If you have an account with the portal, you can also sign in to see your documents.`,
  }),
  revoked: (t) => ({
    title: 'This link no longer works',
    lead: `${t} has switched this link off, so it cannot open the document any more.`,
    next: `If you still need the document, please ask ${t} to send you a new link.`,
  }),
  ended: (t) => ({
    title: 'Open your link again',
    lead: 'This browser no longer has the document open: the visit from your link has ended.',
    next: `Open the link from the email again to see the document. If it no longer works, please ask ${t} to send you a new one.`,
  }),
  invalid: (t) => ({
    title: 'This link is not valid',
    lead: 'The link may be incomplete or mistyped. Check that you opened the whole link from the email.',
    next: `If it still does not work, please ask ${t} to send you a new link.`,
  }),
};

/** The minimal branded frame of a direct link: the tenant's name and logo, no navigation. */
function DirectShell({ children, banner }: { children: ReactNode; banner?: ReactNode }) {
  const tenant = useTenant();
  return (
    <div className="shell direct-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="topbar">
          <div className="container topbar-inner">
            <span className="brand-link">
              <TenantLogo tenant={tenant} size={36} decorative />
              <span className="brand-link-name">{tenant.name}</span>
            </span>
          </div>
        </div>
        {banner}
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        <div className="container">{children}</div>
      </main>
      <SiteFooter tenantName={tenant.name} framed />
    </div>
  );
}

function ProblemCard({ icon, title, lead, next, children }: { icon: ReactNode; title: string; lead: string; next: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page">
      <div className="card empty-state direct-problem">
        <div className="status-icon">{icon}</div>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
        <p>{next}</p>
        {children ? <div className="actions">{children}</div> : null}
      </div>
    </div>
  );
}

/**
 * `/d/<token>`: a direct link from an email. Opens a session limited to the one document
 * (no sign-in), then shows that document and only what the link allows on it.
 */
export function DirectLinkPage() {
  const { token = '' } = useParams();
  const tenant = useTenant();
  const [state, setState] = useState<OpenState>(() => (LINK_TOKEN.test(token) ? { status: 'opening' } : { status: 'problem', problem: 'invalid' }));
  const [attempt, setAttempt] = useState(0);
  const opened = useRef<string | null>(null);

  useEffect(() => {
    if (!LINK_TOKEN.test(token)) return;
    const key = `${token}#${attempt}`;
    if (opened.current === key) return;
    opened.current = key;
    setState({ status: 'opening' });
    call('POST /api/direct/{token}/session', { path: { token }, body: {} }).then(
      (session) => setState({ status: 'open', session }),
      (error: unknown) => {
        const problem = linkProblem(error);
        setState(problem ? { status: 'problem', problem } : { status: 'error', error });
      },
    );
  }, [token, attempt]);

  if (state.status === 'opening') {
    return (
      <DirectShell>
        <OpeningCard />
      </DirectShell>
    );
  }
  if (state.status === 'problem') {
    const m = MESSAGES[state.problem](tenant.name);
    return (
      <DirectShell>
        <ProblemCard icon={state.problem === 'expired' ? <ClockIcon /> : <LinkOffIcon />} {...m}>
          <a className="btn btn-secondary" href="/login">
            Sign in to the portal
          </a>
        </ProblemCard>
      </DirectShell>
    );
  }
  if (state.status === 'error') {
    return (
      <DirectShell>
        <ProblemCard
          icon={<AlertIcon />}
          title="We couldn't open this link"
          lead={problemMessage(state.error)}
          next="This is usually temporary. Please try again in a moment."
        >
          <button type="button" className="btn btn-primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </ProblemCard>
      </DirectShell>
    );
  }
  return <OpenLink session={state.session} />;
}

/**
 * `/d`: where the payment provider sends a link visitor back. Its address carries no
 * token (it would open the document for anyone who read it at the provider): the link
 * session this browser holds says which document to show again.
 */
export function DirectLinkReturnPage() {
  const tenant = useTenant();
  const [state, setState] = useState<OpenState>({ status: 'opening' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger of a retry
  useEffect(() => {
    let live = true;
    setState({ status: 'opening' });
    call('GET /api/me', {}).then(
      (me) => {
        if (!live) return;
        const link = me.directLink;
        if (!link) return setState({ status: 'problem', problem: 'ended' });
        const recipientName = `${me.user.firstName} ${me.user.lastName}`.trim() || me.user.email;
        setState({ status: 'open', session: { type: link.type, documentId: link.documentId, expiresAt: link.expiresAt, recipientName } });
      },
      (error: unknown) => {
        if (!live) return;
        const ended = error instanceof ApiError && (error.status === 401 || error.status === 403);
        setState(
          ended
            ? { status: 'problem', problem: 'ended' }
            : linkProblem(error)
              ? { status: 'problem', problem: linkProblem(error)! }
              : { status: 'error', error },
        );
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  if (state.status === 'opening') {
    return (
      <DirectShell>
        <OpeningCard />
      </DirectShell>
    );
  }
  if (state.status === 'problem') {
    const m = MESSAGES[state.problem](tenant.name);
    return (
      <DirectShell>
        <ProblemCard icon={state.problem === 'expired' || state.problem === 'ended' ? <ClockIcon /> : <LinkOffIcon />} {...m}>
          <a className="btn btn-secondary" href="/login">
            Sign in to the portal
          </a>
        </ProblemCard>
      </DirectShell>
    );
  }
  if (state.status === 'error') {
    return (
      <DirectShell>
        <ProblemCard
          icon={<AlertIcon />}
          title="We couldn't open your document"
          lead={problemMessage(state.error)}
          next="This is usually temporary. Please try again in a moment."
        >
          <button type="button" className="btn btn-primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </ProblemCard>
      </DirectShell>
    );
  }
  return <OpenLink session={state.session} />;
}

/** The document a link opened, in the link's frame. */
function OpenLink({ session }: { session: DirectLinkSession }) {
  const tenant = useTenant();
  return (
    <DirectShell
      banner={
        <div className="direct-banner">
          <div className="container direct-banner-inner">
            <p>
              Shared with <strong>{session.recipientName}</strong> by {tenant.name}. This link works until {formatDate(session.expiresAt)}.
            </p>
          </div>
        </div>
      }
    >
      <Suspense fallback={<OpeningCard />}>
        <DocumentDetail type={session.type} documentId={session.documentId} mode="direct" />
      </Suspense>
    </DirectShell>
  );
}

function OpeningCard() {
  usePageTitle('Opening your document');
  return (
    <div className="page loading-fill" aria-busy="true">
      <h1 className="visually-hidden">Opening your document</h1>
      <p className="visually-hidden" role="status">
        Opening your document…
      </p>
      <div className="card doc-head" aria-hidden="true">
        <div className="skeleton skeleton-line skeleton-w20" />
        <div className="skeleton skeleton-w40" />
      </div>
      <div className="skeleton skeleton-block" aria-hidden="true" />
    </div>
  );
}
