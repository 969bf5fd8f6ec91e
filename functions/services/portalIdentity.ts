import { AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, poolIds } from '../lib/cognito';

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
