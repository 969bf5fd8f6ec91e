import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PROBLEM_TYPES } from '../../shared/problem';
import { cognito, poolIds } from '../aws/cognito';
import { logger } from '../aws/logger';
import type { PoolKind } from '../core/callers';
import { badRequest, tooMany } from '../core/problems';

/**
 * The Cognito calls Portico makes for people, with Cognito's errors turned into the
 * API's problems. Sign-in uses the public InitiateAuth of an app client without a
 * secret (no IAM needed); creating logins and setting passwords are admin calls on the
 * portal pool only.
 */

export interface CognitoTokens {
  idToken: string;
  refreshToken?: string;
}

const errorName = (err: unknown): string => (err as { name?: string })?.name ?? '';

/** Cognito's own throttling (or its threat protection) answered: tell the caller to wait. */
const THROTTLED = new Set(['TooManyRequestsException', 'LimitExceededException', 'TooManyFailedAttemptsException']);
const throttled = () => tooMany('Too many requests', 'Too many attempts right now. Wait a minute and try again.', 60, PROBLEM_TYPES.loginLocked);

/**
 * Failures of a username/password check that all mean "wrong credentials". cognito-local
 * answers a wrong password with InvalidPasswordException where Cognito says
 * NotAuthorizedException; an unknown user is UserNotFoundException unless the client
 * prevents user-existence errors. All of them are the same answer to the caller.
 */
const REJECTED = new Set([
  'NotAuthorizedException',
  'InvalidPasswordException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'PasswordResetRequiredException',
]);

/** Checks a password; `undefined` when Cognito says no (for whatever reason it gives). */
export async function passwordAuth(pool: PoolKind, username: string, password: string): Promise<CognitoTokens | undefined> {
  try {
    const result = await cognito().send(
      new InitiateAuthCommand({ ClientId: poolIds(pool).clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
    );
    const auth = result.AuthenticationResult;
    // A challenge (MFA, new password) is not a session Portico can issue yet.
    if (!auth?.IdToken) {
      logger.warn('sign-in answered with a challenge Portico does not handle', { pool, challenge: result.ChallengeName });
      return undefined;
    }
    return { idToken: auth.IdToken, refreshToken: auth.RefreshToken };
  } catch (err) {
    if (THROTTLED.has(errorName(err))) throw throttled();
    if (REJECTED.has(errorName(err))) return undefined;
    throw err;
  }
}

/** A new ID token from a refresh token; `undefined` when the refresh token is revoked, expired or unknown. */
export async function refreshAuth(pool: PoolKind, refreshToken: string): Promise<string | undefined> {
  try {
    const result = await cognito().send(
      new InitiateAuthCommand({ ClientId: poolIds(pool).clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    return result.AuthenticationResult?.IdToken;
  } catch (err) {
    if (THROTTLED.has(errorName(err))) throw throttled();
    if (REJECTED.has(errorName(err)) || errorName(err) === 'InvalidParameterException') return undefined;
    throw err;
  }
}

/** Revokes a refresh token (and the tokens issued from it). Best effort: signing out must not fail on it. */
export async function revokeRefreshToken(pool: PoolKind, refreshToken: string): Promise<void> {
  try {
    await cognito().send(new RevokeTokenCommand({ ClientId: poolIds(pool).clientId, Token: refreshToken }));
  } catch (err) {
    logger.info('refresh token not revoked', { pool, reason: errorName(err) });
  }
}

/**
 * Creates a portal user's Cognito account (no Cognito email: Portico sends its own).
 * An account left by an earlier, failed acceptance is reused, with its email brought
 * up to date. `custom:tenantId` is set here once; it is immutable afterwards.
 */
export async function ensurePortalAccount(username: string, email: string, tenantId: string): Promise<void> {
  const { userPoolId } = poolIds('portal');
  const attributes = [
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
  ];
  try {
    await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [...attributes, { Name: 'custom:tenantId', Value: tenantId }],
      }),
    );
  } catch (err) {
    if (errorName(err) !== 'UsernameExistsException') throw err;
    await cognito().send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: username, UserAttributes: attributes }));
  }
}

/** Sets a permanent password; a password the pool's policy refuses is a 400 naming `body.password`. */
export async function setPassword(pool: PoolKind, username: string, password: string): Promise<void> {
  try {
    await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: poolIds(pool).userPoolId, Username: username, Password: password, Permanent: true }));
  } catch (err) {
    if (errorName(err) === 'InvalidPasswordException') {
      const reason = (err as Error).message?.replace(/^Password does not conform to policy:\s*/i, '') || 'does not meet the password policy';
      throw badRequest([{ name: 'body.password', reason }], 'Choose a stronger password.');
    }
    if (THROTTLED.has(errorName(err))) throw throttled();
    throw err;
  }
}

/**
 * Staff actions on a portal user's Cognito identity. A user who has not accepted their
 * invitation has no Cognito user yet (it is created on acceptance), so "no such user"
 * means there is nothing to change, not a failure.
 */
const isUserNotFound = (err: unknown) => (err as { name?: string })?.name === 'UserNotFoundException';

async function onPortalUser(send: (userPoolId: string) => Promise<unknown>): Promise<'done' | 'no-user'> {
  try {
    await send(poolIds('portal').userPoolId);
    return 'done';
  } catch (err) {
    if (isUserNotFound(err)) return 'no-user';
    throw err;
  }
}

/** Keeps the Cognito email (where Cognito's own messages would go) the same as the login's. */
export const updatePortalEmail = (username: string, email: string) =>
  onPortalUser((UserPoolId) =>
    cognito().send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: email },
          // Staff (or the CRM) vouch for the address, as they did when inviting.
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    ),
  );
