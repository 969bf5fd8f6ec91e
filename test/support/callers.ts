import { randomUUID } from 'node:crypto';
import { demoApiKey } from '../../infra/local/seed';
import { waitForMail } from './mailbox';
import { CookieJar, jsonRequest, PASSWORD } from './portalAccess';
import type { TestStack } from './stack';

/** A caller of the API in tests: the headers it sends, as a browser or the CRM would. */
export interface Caller {
  label: string;
  headers: Record<string, string>;
}

export const apiKeyCaller = (slug: string): Caller => ({ label: `${slug} CRM key`, headers: { authorization: `Bearer ${demoApiKey(slug).key}` } });

/** Signs in through the API and returns the browser's cookie headers. */
export async function signIn(stack: TestStack, slug: string, email: string, password: string, pool: 'portal' | 'staff' = 'portal'): Promise<Caller> {
  const res = await stack.api(slug, pool === 'portal' ? '/api/auth/login' : '/api/auth/staff/login', jsonRequest('POST', { email, password }));
  if (!res.ok) throw new Error(`sign-in of ${email} on ${slug} failed: ${res.status} ${await res.text()}`);
  return { label: `${pool} user ${email}`, headers: new CookieJar().take(res).headers() };
}

export interface PortalUserFixture {
  slug: string;
  companyId: string;
  companyName: string;
  contactId: string;
  userId: string;
  email: string;
  caller: Caller;
}

/**
 * A company, a contact and an active portal user of tenant `slug`, made end to end the way
 * staff and the CRM do it (admin API with the CRM key, the emailed invitation, the accept route),
 * then signed in.
 */
export async function portalUserViaAdminApi(
  stack: TestStack,
  slug: string,
  options: { teams?: string[]; companyName?: string; moduleOverrides?: Record<string, boolean> } = {},
): Promise<PortalUserFixture> {
  const crm = apiKeyCaller(slug).headers;
  const post = async (path: string, body: unknown) => {
    const res = await stack.api(slug, path, { method: 'POST', headers: { ...crm, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const companyName = options.companyName ?? `Company ${randomUUID().slice(0, 8)}`;
  const company = await post('/api/admin/companies', {
    name: companyName,
    kind: 'both',
    allowPortal: true,
    ...(options.moduleOverrides ? { moduleOverrides: options.moduleOverrides } : {}),
  });
  const email = `user-${randomUUID()}@example.com`;
  const contact = await post('/api/admin/contacts', { companyId: company.companyId, firstName: 'Test', lastName: 'User', email });
  await post(`/api/admin/contacts/${contact.contactId}/portal-login`, { teams: options.teams ?? ['customer-portal-users'] });
  const mail = await waitForMail(stack, email);
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? mail.body.html ?? '')?.[1];
  if (!token) throw new Error('no invitation link in the email');
  const accepted = await stack.api(slug, `/api/auth/invitations/${token}/accept`, jsonRequest('POST', { password: PASSWORD }));
  if (!accepted.ok) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  return {
    slug,
    companyId: company.companyId,
    companyName,
    contactId: contact.contactId,
    userId: contact.contactId,
    email,
    caller: { label: `portal user of ${companyName}`, headers: new CookieJar().take(accepted).headers() },
  };
}
