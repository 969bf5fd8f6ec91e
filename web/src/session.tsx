import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { MeResponse } from '../../shared/api/access';
import type { ProblemDetails } from '../../shared/problem';
import { ApiError, call, isRefusal, problemSlug, setSessionListener } from './api';
import { BootSkeleton } from './components/BootSkeleton';
import { forgetEarly, readEarly } from './early';
import { AccessRefusedPage, SessionErrorPage } from './pages/PortalStatusPages';
import { useTenant } from './tenant';

/** What `GET /api/me` tells the site about the signed-in portal user. */
export type Me = MeResponse;

/** Why there is no session: never signed in, signed out just now, or the session ran out. */
export type SignedOutReason = 'none' | 'signed-out' | 'sign-out-failed' | 'expired';

export type SessionState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out'; reason: SignedOutReason }
  /** The API refuses this user as a whole: deactivated, company not allowed, portal switched off. */
  | { status: 'refused'; problem: ProblemDetails }
  | { status: 'error'; error: unknown };

interface SessionApi {
  state: SessionState;
  /** The page load's first check of the session (RequireAuth): may take the answer routeStart.ts started early. */
  check(): Promise<SessionState>;
  /** Ask the API who is signed in (again), showing the loading state meanwhile. */
  refresh(): Promise<SessionState>;
  /** Ask again in the background: picks up changed details, teams, or a deactivation. */
  revalidate(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The signed-in user, for pages below <RequireAuth> (which guarantees one). */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe outside a signed-in page');
  return state.me;
}

/** 401 means no (valid) session. */
const meansSignedOut = (err: unknown) => err instanceof ApiError && (err.status === 401 || err.status === 404);

async function fetchMe(early = false): Promise<SessionState> {
  try {
    const me: Me = early ? await readEarly('GET /api/me', {}) : await call('GET /api/me', {});
    return { status: 'signed-in', me };
  } catch (error) {
    if (isRefusal(problemSlug(error))) return { status: 'refused', problem: (error as ApiError).problem };
    return meansSignedOut(error) ? { status: 'signed-out', reason: 'none' } : { status: 'error', error };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setStateRaw] = useState<SessionState>({ status: 'idle' });
  const current = useRef(state);
  const generation = useRef(0);
  const setState = useCallback((next: SessionState) => {
    current.current = next;
    setStateRaw(next);
  }, []);

  const load = useCallback(
    async (early: boolean): Promise<SessionState> => {
      const mine = ++generation.current;
      setState({ status: 'loading' });
      const next = await fetchMe(early);
      if (mine === generation.current) startTransition(() => setState(next));
      return next;
    },
    [setState],
  );
  const check = useCallback(() => load(true), [load]);
  // Asked again after signing in (or accepting an invitation, resetting a password): what was
  // read early belonged to the session before.
  const refresh = useCallback(() => {
    forgetEarly();
    return load(false);
  }, [load]);

  const revalidate = useCallback(async () => {
    if (current.current.status !== 'signed-in') return;
    const mine = ++generation.current;
    const next = await fetchMe();
    if (mine !== generation.current || current.current.status !== 'signed-in') return;
    // A passing network hiccup is not a reason to throw the user out of the page they are on.
    if (next.status === 'error') return;
    if (next.status === 'signed-out') setState({ status: 'signed-out', reason: 'expired' });
    else setState(next);
  }, [setState]);

  const signOut = useCallback(async () => {
    generation.current++;
    forgetEarly();
    let reason: SignedOutReason = 'signed-out';
    try {
      await call('POST /api/auth/logout', {});
    } catch {
      // The page cannot clear HttpOnly cookies itself: leave the portal, but say so honestly.
      reason = 'sign-out-failed';
    }
    setState({ status: 'signed-out', reason });
  }, [setState]);

  // Any API call may find the session expired or the user refused.
  useEffect(() => {
    setSessionListener((event) => {
      const status = current.current.status;
      if (event.kind === 'expired') {
        if (status === 'signed-in') {
          generation.current++;
          setState({ status: 'signed-out', reason: 'expired' });
        }
      } else if (status !== 'refused') {
        generation.current++;
        setState({ status: 'refused', problem: event.problem });
      }
    });
    return () => setSessionListener(undefined);
  }, [setState]);

  // A refused user's cookies are of no more use: end the session quietly.
  useEffect(() => {
    if (state.status === 'refused') void call('POST /api/auth/logout', {}).catch(() => undefined);
  }, [state.status]);

  const value = useMemo(() => ({ state, check, refresh, revalidate, signOut }), [state, check, refresh, revalidate, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** `/login`, with `?next=` naming the page to come back to (left out for the home page). */
export function loginPath(from: string): string {
  return from && from !== '/' ? `/login?next=${encodeURIComponent(from)}` : '/login';
}

/** Renders its children for a signed-in user; sends anyone else to /login (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, check, refresh } = useSession();
  const location = useLocation();
  const tenant = useTenant();

  useEffect(() => {
    if (state.status === 'idle') void check();
  }, [state.status, check]);

  switch (state.status) {
    case 'idle':
    case 'loading':
      return <BootSkeleton label="Checking your sign-in…" variant="shell" tenant={tenant} />;
    case 'signed-out': {
      if (state.reason === 'signed-out') return <Navigate to="/login" replace state={{ signedOut: true }} />;
      if (state.reason === 'sign-out-failed') return <Navigate to="/login" replace state={{ signOutFailed: true }} />;
      const from = location.pathname + location.search + location.hash;
      return <Navigate to={loginPath(from)} replace state={state.reason === 'expired' ? { expired: true } : undefined} />;
    }
    case 'refused':
      return <AccessRefusedPage problem={state.problem} tenant={tenant} />;
    case 'error':
      return <SessionErrorPage error={state.error} onRetry={() => void refresh()} tenant={tenant} />;
    case 'signed-in':
      return <>{children}</>;
  }
}

/** A friendly name to greet the signed-in user with. */
export function displayName(me: Partial<Me>): string {
  return me.user?.firstName || me.user?.email || 'there';
}

/** The user's full name, for the account menu. */
export function fullName(me: Partial<Me>): string {
  const name = [me.user?.firstName, me.user?.lastName].filter(Boolean).join(' ');
  return name || me.user?.email || 'Your account';
}
