import type { ReactNode } from 'react';
import type { Explanation } from '../accessMessages';
import type { LinkProblem } from '../linkMessages';
import type { RefusalSlug } from '../api';
import { AuthCard } from './AuthCard';
import { usePageTitle } from '../tenant';
import { BuildingIcon, CheckCircleIcon, ClockIcon, LinkOffIcon, PauseIcon, UserOffIcon } from './Icons';
import '../styles/signed-out.css';

/** The shape of an emailed link's token (32 random bytes, base64url): anything else cannot work. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A whole-card explanation in the signed-out layout: icon, title, what happened, what to do, actions. */
export function ExplanationCard({ icon, message, children }: { icon: ReactNode; message: Explanation; children?: ReactNode }) {
  usePageTitle(message.title);
  return (
    <AuthCard title={message.title} icon={icon}>
      <p className="lead">{message.lead}</p>
      <p>{message.next}</p>
      {children ? <div className="actions actions-stack">{children}</div> : null}
    </AuthCard>
  );
}

export function linkIcon(problem: LinkProblem): ReactNode {
  if (problem === 'expired') return <ClockIcon />;
  if (problem === 'used') return <CheckCircleIcon />;
  return <LinkOffIcon />;
}

export function refusalIcon(slug: RefusalSlug): ReactNode {
  if (slug === 'portal-disabled') return <PauseIcon />;
  if (slug === 'company-not-allowed') return <BuildingIcon />;
  return <UserOffIcon />;
}

/** A card-sized loading placeholder with an accessible name. */
export function LoadingCard({ label }: { label: string }) {
  usePageTitle(label);
  return (
    <section className="card auth-card" aria-busy="true" aria-labelledby="page-title">
      <h1 id="page-title" className="visually-hidden">
        {label}
      </h1>
      <p className="visually-hidden" role="status">
        {label}
      </p>
      <div className="card-skeleton" aria-hidden="true">
        <div className="skeleton skeleton-logo" />
        <div className="skeleton skeleton-line skeleton-w60" />
        <div className="skeleton skeleton-line skeleton-w80" />
        <div className="skeleton skeleton-input" />
        <div className="skeleton skeleton-input" />
        <div className="skeleton skeleton-button" />
      </div>
    </section>
  );
}
