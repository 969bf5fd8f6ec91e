import { Route, Routes } from 'react-router';
import { MODULES } from '../../shared/permissions';
import { Shell } from './layouts/Shell';
import { SignedOutLayout } from './layouts/SignedOutLayout';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { ModulePage } from './pages/ModulePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireAuth, SessionProvider } from './session';
import { TenantGate } from './tenant';

/**
 * Routes. Module paths (`/quotes/*`, …) need a session, so an emailed deep link goes via
 * /login and back; any other unknown path is "page not found" without signing in.
 */
export function App() {
  return (
    <TenantGate>
      <SessionProvider>
        <Routes>
          <Route element={<SignedOutLayout />}>
            <Route path="login" element={<LoginPage />} />
            <Route path="forgot-password" element={<ForgotPasswordPage />} />
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
            {MODULES.map((m) => (
              <Route key={m} path={`${m}/*`} element={<ModulePage module={m} />} />
            ))}
          </Route>
        </Routes>
      </SessionProvider>
    </TenantGate>
  );
}
