/**
 * Cognito groups of the staff pool; they arrive in tokens as `cognito:groups`. One list
 * for the auth stack (which creates them in the cloud), the local pools (created the
 * same) and the operator CLI (which puts the first staff user in `tenant-admin`).
 */
export const STAFF_GROUPS = {
  'tenant-admin': "Configures the tenant's portal, its companies, teams and staff",
  'tenant-staff': 'Publishes documents, answers messages and tickets',
} as const;

export type StaffGroup = keyof typeof STAFF_GROUPS;
