import { createContext, startTransition, useCallback, useContext, useEffect, useLayoutEffect, useState, type ReactNode } from 'react';
import type { PublicTenant } from '../../shared/tenant';
import { ApiError, call } from './api';
import { applyBranding, clearBranding, documentTitle } from './branding';
import { BootSkeleton } from './components/BootSkeleton';
import { PortalNotFoundPage, PortalUnavailablePage, PortalLoadErrorPage } from './pages/PortalStatusPages';
import { parsePublicTenant } from './tenantShape';

type TenantState = { status: 'loading' } | { status: 'ready'; tenant: PublicTenant } | { status: 'not-found' } | { status: 'error'; error: unknown };

const TenantContext = createContext<PublicTenant | null>(null);

/** The tenant whose portal this is. Only usable below <TenantGate>, which guarantees one. */
export function useTenant(): PublicTenant {
  const tenant = useContext(TenantContext);
  if (!tenant) throw new Error('useTenant outside <TenantGate>');
  return tenant;
}

async function loadTenant(signal: AbortSignal): Promise<PublicTenant> {
  // Checked as it arrives: the site trusts no answer's shape (tenantShape.ts).
  const body: unknown = await call('GET /api/public/tenant', {}, signal);
  const tenant = parsePublicTenant(body);
  if (!tenant) {
    throw new ApiError({
      type: 'about:blank',
      title: 'The portal sent an unexpected answer',
      status: 502,
      detail: 'The portal settings could not be read. Please try again in a moment.',
    });
  }
  return tenant;
}

/**
 * Loads the Host's tenant once, brands the document, and renders its children only for
 * a known tenant whose portal is switched on; otherwise a status page.
 */
export function TenantGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TenantState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's: a change loads again
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadTenant(controller.signal).then(
      (tenant) => startTransition(() => setState({ status: 'ready', tenant })),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState(error instanceof ApiError && error.status === 404 ? { status: 'not-found' } : { status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useLayoutEffect(() => {
    if (state.status === 'ready') applyBranding(document, state.tenant);
    else if (state.status === 'not-found') clearBranding(document);
  }, [state]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  switch (state.status) {
    case 'loading':
      return <BootSkeleton label="Loading the portal…" />;
    case 'not-found':
      return <PortalNotFoundPage host={window.location.hostname} />;
    case 'error':
      return <PortalLoadErrorPage error={state.error} onRetry={retry} />;
    case 'ready':
      if (!state.tenant.portalEnabled) return <PortalUnavailablePage tenant={state.tenant} />;
      return <TenantContext.Provider value={state.tenant}>{children}</TenantContext.Provider>;
  }
}

/** Sets `<page> · <tenant>` as the document title while the calling page is shown. */
export function usePageTitle(page: string | undefined, tenantName?: string): void {
  const tenant = useContext(TenantContext);
  const name = tenantName ?? tenant?.name;
  useEffect(() => {
    document.title = documentTitle(page, name);
  }, [page, name]);
}
