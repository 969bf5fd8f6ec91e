import type { ApiLambda } from '../../../functions/routes';

export type PoolKind = 'portal' | 'staff';

/** What one API Lambda may touch beyond the table and the bus, which every Lambda gets. */
export interface LambdaAccess {
  /** Read and write objects in the files bucket (PDFs, attachments, uploads). */
  files: boolean;
  /** Cognito admin actions, granted on these pools only. */
  cognito?: { pools: PoolKind[]; actions: string[] };
  /** Read the Stripe platform key and webhook secret (one Secrets Manager secret, through the Parameters and Secrets extension). */
  stripe?: boolean;
  /** Default 256 MB; set from the measured peak once `npm run bench` reports it. */
  memorySize?: number;
  /** Default 10 s; longer for a Lambda that waits on a third party (Stripe). API Gateway gives up at 30 s. */
  timeoutSeconds?: number;
}

/**
 * The admin calls of the auth routes, on the portal pool only: create a login when an
 * invitation is accepted (or bring an earlier, unfinished one's email up to date) and
 * set passwords (acceptance, reset). Sign-in, refresh and sign-out use InitiateAuth and
 * RevokeToken of the app client, public Cognito APIs that need no IAM; staff only sign in.
 */
const SIGN_IN_ACTIONS = ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminSetUserPassword'];

/**
 * The admin routes' calls, on the portal pool only: keep a login's Cognito email in step
 * with its contact. (Deactivation is Portico's own status, checked on every request.) Invitations create
 * no Cognito user (acceptance does), and no route manages staff yet (the operator CLI
 * does, with the operator's own credentials).
 */
const USER_ADMIN_ACTIONS = ['cognito-idp:AdminUpdateUserAttributes'];

/**
 * Least privilege per Lambda. Typed over every Lambda of functions/routes.ts, so a
 * new Lambda does not compile until someone decides what it may do.
 */
export const LAMBDA_ACCESS: Record<ApiLambda, LambdaAccess> = {
  public: { files: false },
  auth: { files: false, cognito: { pools: ['portal'], actions: SIGN_IN_ACTIONS } },
  portal: { files: false },
  admin: { files: false, cognito: { pools: ['portal'], actions: USER_ADMIN_ACTIONS } },
  // PDFs, uploads, attachment links and threads: the only Lambda that reads and writes the bucket.
  files: { files: true },
  // Stripe calls time out after 6 s and are retried twice (functions/payments/stripe.ts).
  payments: { files: false, stripe: true, timeoutSeconds: 25 },
};
