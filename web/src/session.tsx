import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiError } from './api';
import { BootSkeleton } from './components/BootSkeleton';
import { SessionErrorPage } from './pages/PortalStatusPages';
import { useTenant } from './tenant';

/**
 * What `GET /api/me` tells the site about the signed-in portal user. Read loosely: the
 * shell only needs something to greet the user with; pages read more when they exist.
 */
export interface Me {
  email?: string;
  name?: string;
  givenName?: string;
  company?: { name?: string };
  permissions?: string[];
  [key: string]: unknown;
}

export type SessionState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'signed-in'; me: Me }
  | { status: 'signed-out' }
  | { status: 'error'; error: unknown };

interface SessionApi {
  state: SessionState;
  /** Ask the API who is signed in (again). */
  refresh(): Promise<SessionState>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** 401 means no (valid) session. Until `/api/me` exists the API answers 404: same meaning. */
const meansSignedOut = (err: unknown) => err instanceof ApiError && (err.status === 401 || err.status === 404);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'idle' });
  const generation = useRef(0);

  const refresh = useCallback(async (): Promise<SessionState> => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    let next: SessionState;
    try {
      const me = (await api.get<Me | undefined>('/api/me')) ?? {};
      next = { status: 'signed-in', me };
    } catch (error) {
      next = meansSignedOut(error) ? { status: 'signed-out' } : { status: 'error', error };
    }
    if (mine === generation.current) setState(next);
    return next;
  }, []);

  const signOut = useCallback(async () => {
    generation.current++;
    try {
      await api.post('/api/auth/logout', {});
    } catch {
      // Signing out must always work from the user's point of view; the cookies expire anyway.
    }
    setState({ status: 'signed-out' });
  }, []);

  const value = useMemo(() => ({ state, refresh, signOut }), [state, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Renders its children for a signed-in user; sends anyone else to /login (and back afterwards). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  const tenant = useTenant();

  useEffect(() => {
    if (state.status === 'idle') void refresh();
  }, [state.status, refresh]);

  switch (state.status) {
    case 'idle':
    case 'loading':
      return <BootSkeleton label="Checking your sign-in…" variant="shell" />;
    case 'signed-out':
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search + location.hash }} />;
    case 'error':
      return <SessionErrorPage error={state.error} onRetry={() => void refresh()} tenant={tenant} />;
    case 'signed-in':
      return <>{children}</>;
  }
}

/** A friendly name for the signed-in user. */
export function displayName(me: Me): string {
  return me.givenName ?? me.name ?? me.email ?? 'there';
}
