import type { RouteGroup } from '../../../functions/routes';

export type PoolKind = 'portal' | 'staff';

/** What one route group's Lambda may touch beyond the table and the bus, which every group gets. */
export interface GroupAccess {
  /** Read and write objects in the files bucket (PDFs, attachments, uploads). */
  files: boolean;
  /** Cognito admin actions, granted on these pools only. */
  cognito?: { pools: PoolKind[]; actions: string[] };
  /** Default 256 MB; set from the measured peak once `npm run bench` reports it. */
  memorySize?: number;
}

/** Sign in, refresh, set and reset passwords, sign out, on behalf of the site (`/api/auth/*`). */
const SIGN_IN_ACTIONS = [
  'cognito-idp:AdminInitiateAuth',
  'cognito-idp:AdminRespondToAuthChallenge',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminListGroupsForUser',
];

/** Invite, deactivate and reactivate contacts; manage staff and their groups. */
const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminUserGlobalSignOut',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
];

/**
 * Least privilege per route group. Typed over every group of functions/routes.ts, so a
 * new group does not compile until someone decides what it may do.
 */
export const GROUP_ACCESS: Record<RouteGroup, GroupAccess> = {
  public: { files: false },
  auth: { files: false, cognito: { pools: ['portal', 'staff'], actions: SIGN_IN_ACTIONS } },
  portal: { files: true },
  admin: { files: true, cognito: { pools: ['portal', 'staff'], actions: USER_ADMIN_ACTIONS } },
  payments: { files: true },
};
