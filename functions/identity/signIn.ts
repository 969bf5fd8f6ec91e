import { PROBLEM_TYPES } from '../../shared/problem';
import { Problem, unauthorized } from '../core/problems';
import { newLinkToken } from '../core/secrets';
import type { PoolKind, RequestOrigin } from '../core/callers';
import type { IssuedSession } from '../core/replies';
import { companyRepository } from '../customers/companyRepository';
import { loginThrottleRepository } from './loginThrottleRepository';
import { portalUserRepository } from '../customers/portalUserRepository';
import { staffLoginRepository } from './staffLoginRepository';
import type { Tenant } from '../customers/tenantRepository';
import { accountDeactivated, assertPortalAccess, portalDisabled } from '../customers/access';
import { recordAudit } from '../audit/audit';
import { passwordAuth, revokeRefreshToken, type CognitoTokens } from './cognitoAccounts';
import { clearFailures, lockedUntil, loginLocked, recordFailure, slowDown, type ThrottleKey } from './loginThrottle';
import { openSession } from './sessions';

/**
 * Password sign-in for portal users and staff. One answer for every wrong credential —
 * unknown email, wrong password, an invitation not accepted yet — with comparable work
 * behind it: Cognito is asked in every case, with a username that cannot exist when
 * Portico knows no login for the email. Only after the password proved right does the
 * caller learn that the account is deactivated or the company not let in.
 */

export const invalidCredentials = () => unauthorized('The email or password is not right.', PROBLEM_TYPES.invalidCredentials);

/** A Cognito username no account has: Portico's usernames are `<tenant>.<id>`, and ids never hold a '~'. */
const decoyUsername = (tenantId: string) => `${tenantId}.~${newLinkToken()}`;

interface Attempt {
  tenant: Tenant;
  email: string;
  password: string;
  origin: RequestOrigin;
}

/** The account a sign-in found, as the shared flow needs it. */
interface Account {
  userId: string;
  username: string;
  /** Audit subjects: the user (and their company). */
  subjects: string[];
  actor: string;
  companyId?: string;
  /** False for an account that cannot sign in with a password yet (an invitation not accepted). */
  canSignIn: boolean;
  /** Throws the 403 that keeps a known account out (checked only after the password proved right). */
  admit(): Promise<void>;
}

export async function signInPortalUser(attempt: Attempt): Promise<IssuedSession> {
  const { tenant } = attempt;
  // A tenant-wide switch: saying so reveals nothing about any login.
  if (!tenant.portalEnabled) throw portalDisabled();
  return signIn(
    attempt,
    'portal',
    async () => {
      const userId = await portalUserRepository.userIdForEmail(tenant.tenantId, attempt.email);
      // Read even for an unknown email (an id that cannot exist), so both cost the same.
      const user = await portalUserRepository.get(tenant.tenantId, userId ?? '~', { consistent: true });
      if (!user) return undefined;
      return {
        userId: user.userId,
        username: user.cognitoUsername,
        subjects: [`user:${user.userId}`, `company:${user.companyId}`],
        actor: `portal:${user.userId}`,
        companyId: user.companyId,
        // An invited user has no password (nor Cognito account) until they accept.
        canSignIn: user.status !== 'invited',
        admit: async () => assertPortalAccess(tenant, user, await companyRepository.get(tenant.tenantId, user.companyId)),
      };
    },
    async (session) => {
      await portalUserRepository.update(tenant.tenantId, session.userId, { lastSignInAt: new Date().toISOString() });
    },
  );
}

export async function signInStaff(attempt: Attempt): Promise<IssuedSession> {
  const { tenant } = attempt;
  return signIn(attempt, 'staff', async () => {
    const login = await staffLoginRepository.getByEmail(tenant.tenantId, attempt.email);
    if (!login) return undefined;
    return {
      userId: login.staffId,
      username: login.cognitoUsername,
      subjects: [`staff:${login.staffId}`],
      actor: `staff:${login.staffId}`,
      canSignIn: true,
      admit: async () => {
        if (login.status !== 'active') throw accountDeactivated();
      },
    };
  });
}

async function signIn(
  attempt: Attempt,
  pool: PoolKind,
  findAccount: () => Promise<Account | undefined>,
  afterSignIn?: (session: IssuedSession) => Promise<void>,
): Promise<IssuedSession> {
  const { tenant, email, password, origin } = attempt;
  const tenantId = tenant.tenantId;
  const key: ThrottleKey = { tenantId, pool, email };
  const [throttle, account] = await Promise.all([loginThrottleRepository.get(key), findAccount()]);
  const audit = (action: 'sign-in.succeeded' | 'sign-in.failed' | 'sign-in.locked', details: Record<string, unknown>) =>
    recordAudit(
      { tenantId, actor: action === 'sign-in.succeeded' && account ? account.actor : 'anonymous', origin },
      { action, subjects: account?.subjects ?? [`tenant:${tenantId}`], details: { pool, email, ...details } },
    );

  const locked = lockedUntil(throttle);
  if (locked) {
    await audit('sign-in.locked', { reason: 'locked' });
    throw loginLocked(locked);
  }

  const username = account?.canSignIn ? account.username : decoyUsername(tenantId);
  const tokens: CognitoTokens | undefined = await passwordAuth(pool, username, password);

  if (!tokens || !account?.canSignIn) {
    const outcome = await recordFailure(key, throttle);
    await audit('sign-in.failed', {
      reason: !account ? 'unknown-email' : !account.canSignIn ? 'invitation-not-accepted' : 'wrong-password',
      failures: outcome.failures,
    });
    if (outcome.lockedUntil) {
      await audit('sign-in.locked', { reason: 'too-many-failures' });
      throw loginLocked(outcome.lockedUntil);
    }
    await slowDown(outcome.failures);
    throw invalidCredentials();
  }

  try {
    await account.admit();
  } catch (refusal) {
    // The password was right, but this account may not come in: leave no usable token behind.
    if (tokens.refreshToken) await revokeRefreshToken(pool, tokens.refreshToken);
    if (refusal instanceof Problem) await audit('sign-in.failed', { reason: refusal.type.split('/').pop() });
    throw refusal;
  }

  const session = await openSession({ tenantId, pool, userId: account.userId, companyId: account.companyId, tokens, origin });
  await Promise.all([throttle ? clearFailures(key) : undefined, audit('sign-in.succeeded', {}), afterSignIn?.(session)]);
  return session;
}
