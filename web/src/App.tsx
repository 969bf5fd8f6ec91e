import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { MODULES } from '../../shared/permissions';
import { BootSkeleton } from './components/BootSkeleton';
import { Shell } from './layouts/Shell';
import { SignedOutLayout } from './layouts/SignedOutLayout';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { ModulePage } from './pages/ModulePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireAuth, SessionProvider } from './session';
import { TenantGate, useTenant } from './tenant';

// Pages reached from an email or the account menu load on demand; sign-in, forgot password
// (one click from sign-in) and the dashboard stay in the first load.
const AcceptInvitationPage = lazy(() => import('./pages/AcceptInvitationPage').then((m) => ({ default: m.AcceptInvitationPage })));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })));
const AccountPage = lazy(() => import('./pages/AccountPage').then((m) => ({ default: m.AccountPage })));
const StatementPage = lazy(() => import('./documents/StatementPage'));
const DirectLinkPage = lazy(() => import('./documents/DirectLinkPage').then((m) => ({ default: m.DirectLinkPage })));
const DirectLinkReturnPage = lazy(() => import('./documents/DirectLinkPage').then((m) => ({ default: m.DirectLinkReturnPage })));

function DirectLinkLoading() {
  return <BootSkeleton label="Opening your document…" variant="shell" tenant={useTenant()} />;
}

/**
 * Routes. Module paths (`/quotes/*`, …) and `/account` need a session, so an emailed deep
 * link goes via /login and back; any other unknown path is "page not found" without
 * signing in. `/d/<token>`, a direct link to one document, opens without signing in;
 * `/d` shows it again to the browser that opened it (where payments return).
 */
export function App() {
  return (
    <TenantGate>
      <SessionProvider>
        <Routes>
          <Route
            path="d"
            element={
              <Suspense fallback={<DirectLinkLoading />}>
                <DirectLinkReturnPage />
              </Suspense>
            }
          />
          <Route
            path="d/:token"
            element={
              <Suspense fallback={<DirectLinkLoading />}>
                <DirectLinkPage />
              </Suspense>
            }
          />
          <Route element={<SignedOutLayout />}>
            <Route path="login" element={<LoginPage />} />
            <Route path="forgot-password" element={<ForgotPasswordPage />} />
            <Route path="reset-password" element={<ResetPasswordPage />} />
            <Route path="invitation/:token" element={<AcceptInvitationPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          <Route
            element={
              <RequireAuth>
                <Shell />
              </RequireAuth>
            }
          >
            <Route index element={<DashboardPage />} />
            <Route path="account" element={<AccountPage />} />
            <Route path="statement" element={<StatementPage />} />
            {MODULES.map((m) => (
              <Route key={m} path={`${m}/*`} element={<ModulePage module={m} />} />
            ))}
          </Route>
        </Routes>
      </SessionProvider>
    </TenantGate>
  );
}
