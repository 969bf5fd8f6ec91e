import { randomUUID } from 'node:crypto';
import { AdminRemoveUserFromGroupCommand } from '@aws-sdk/client-cognito-identity-provider';
import { cognito, poolIds } from '../../functions/aws/cognito';
import { createStaffMember } from '../../functions/customers/tenants';
import type { StaffGroup } from '../../functions/identity/staffGroups';
import { demoApiKey } from '../../infra/local/seed';
import { signIn } from './callers';
import type { TestStack } from './stack';

/** A JSON call to the admin API through the local gateway, on a tenant's host, with a credential. */
export interface AdminCall {
  status: number;
  headers: Headers;
  body: any;
}

export type AdminClient = (method: string, path: string, body?: unknown) => Promise<AdminCall>;

/**
 * A client for one credential on one tenant's host: an API key (bearer), or the headers
 * of a signed-in browser (session cookies and CSRF header). By default the tenant's
 * seeded demo CRM key on its own host.
 */
export function adminClient(stack: TestStack, slug: string, credential: string | Record<string, string> = demoApiKey(slug).key): AdminClient {
  const auth = typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : credential;
  return async (method, path, body) => {
    const headers: Record<string, string> = { ...auth };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await stack.api(slug, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/**
 * A new staff member of the tenant (a tenant admin unless another group, or `null` for none, is named), made as the operator CLI makes one (with a password
 * set at once instead of an emailed temporary one), signed in through the staff login
 * route: the headers of their browser.
 */
export async function staffBrowser(
  stack: TestStack,
  slug: string,
  tenantId = slug,
  group: StaffGroup | null = 'tenant-admin',
): Promise<{ headers: Record<string, string>; email: string; staffId: string }> {
  const email = uniqueEmail('staff');
  const password = `Staff-${randomUUID()}-9a`;
  const { staffId, username } = await createStaffMember({ tenantId, email, name: 'Test Staff', group: group ?? 'tenant-staff', permanentPassword: password });
  // `null`: a login in no group at all (the CLI never makes one; taken out of its group, as an operator could).
  if (!group)
    await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolIds('staff').userPoolId, Username: username, GroupName: 'tenant-staff' }));
  const caller = await signIn(stack, slug, email, password, 'staff');
  return { headers: caller.headers, email, staffId };
}

export { mailTo, type StoredMail } from './mailbox';

/** A unique address, so mails of one test never mix with another's. */
export const uniqueEmail = (label = 'contact') => `${label}-${randomUUID().slice(0, 12)}@example.com`;
