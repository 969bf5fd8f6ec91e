import { PROBLEM_TYPES } from '../../../shared/problem';
import { recordAudit } from '../../audit/audit';
import type { PortalCaller } from '../../core/callers';
import { forbidden } from '../../core/problems';
import { passwordAuth, revokeRefreshToken } from '../../identity/cognitoAccounts';
import { loginThrottleRepository } from '../../identity/loginThrottleRepository';
import { clearFailures, lockedUntil as loginLockedUntil, loginLocked, recordFailure, slowDown, type ThrottleKey } from '../../identity/loginThrottle';
import { hashPin } from './signingPin';
import { signingPinRepository } from './signingPinRepository';

/**
 * Setting the signing PIN: it checks the account password against Cognito, so it is
 * served by the auth Lambda, which has the Cognito client already (the portal Lambda,
 * which checks PINs when orders are signed, stays without it).
 */

/** 403, not 401: the caller is signed in; a 401 would send the site to refresh the session. */
const wrongPassword = () => forbidden('The password is not right.', PROBLEM_TYPES.invalidCredentials);

/**
 * PUT /api/me/signing-pin: sets or changes the PIN, after the current password proves
 * it is the user (checked against Cognito as sign-in does, without opening a session;
 * the refresh token that check yields is revoked at once). A wrong password counts
 * toward the sign-in throttle of the user's email and locks it alike.
 */
export async function setSigningPin(caller: PortalCaller, body: { pin: string; currentPassword: string }): Promise<{ signingPinSet: true }> {
  const user = caller.user;
  if (!user) throw forbidden('Sign in to the portal to set a signing PIN.');
  const { tenantId, userId } = caller;
  const key: ThrottleKey = { tenantId, pool: 'portal', email: user.email };
  const throttle = await loginThrottleRepository.get(key);
  const auditFailure = (details: Record<string, unknown>) =>
    recordAudit(caller, {
      action: 'sign-in.failed',
      subjects: [`user:${userId}`, `company:${caller.companyId}`],
      details: { pool: 'portal', email: user.email, during: 'signing-pin', ...details },
    });

  const locked = loginLockedUntil(throttle);
  if (locked) throw loginLocked(locked);

  const tokens = await passwordAuth('portal', user.cognitoUsername, body.currentPassword);
  if (!tokens) {
    const outcome = await recordFailure(key, throttle);
    await auditFailure({ reason: 'wrong-password', failures: outcome.failures });
    if (outcome.lockedUntil) throw loginLocked(outcome.lockedUntil);
    await slowDown(outcome.failures);
    throw wrongPassword();
  }
  // The password was only a proof: no session comes of it.
  await Promise.all([tokens.refreshToken ? revokeRefreshToken('portal', tokens.refreshToken) : undefined, throttle ? clearFailures(key) : undefined]);

  const existing = await signingPinRepository.get(tenantId, userId);
  await signingPinRepository.set(tenantId, userId, await hashPin(body.pin));
  await recordAudit(caller, {
    action: 'signing-pin.set',
    subjects: [`user:${userId}`, `company:${caller.companyId}`],
    details: { change: existing ? 'changed' : 'set' },
  });
  return { signingPinSet: true };
}
