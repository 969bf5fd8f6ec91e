import { lambdaEntry } from '../http/lambdaEntry';
import identity from '../identity/handlers/auth';
import documents from '../documents/handlers/auth';

/** Sign-in, sessions, invitations, password resets, direct links opened, the signing PIN: the routes that hold the Cognito client. */
export const handler = lambdaEntry('auth', {
  identity,
  documents,
});
