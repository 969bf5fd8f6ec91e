import { randomUUID } from 'node:crypto';
import { COOKIES, CSRF_HEADER } from '../../shared/api/access';
import { hashToken, newLinkToken } from '../../functions/core/secrets';
import { companyRepository } from '../../functions/customers/companyRepository';
import { contactRepository } from '../../functions/customers/contactRepository';
import { emailedLinkRepository } from '../../functions/identity/emailedLinkRepository';
import { cognitoUsernameFor, portalUserRepository } from '../../functions/customers/portalUserRepository';
import { sessionRepository } from '../../functions/identity/sessionRepository';
import { tenantRepository } from '../../functions/customers/tenantRepository';
import { teamRepository } from '../../functions/customers/teamRepository';
import type { TestStack } from './stack';

/**
 * Portal users for the access tests, made through the repositories the way the admin
 * side makes them (a PortalUser `invited`, a EmailedLink whose hash is also the user's
 * `invitationHash`), so these tests need nothing of the admin routes.
 */

export const PASSWORD = 'Correct-Horse-9-Battery!';

export interface InvitedUser {
  tenantId: string;
  companyId: string;
  userId: string;
  email: string;
  /** The token of the (newest) invitation link. */
  token: string;
}

const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

export async function invitePortalUser(
  tenantId: string,
  options: { allowPortal?: boolean; teams?: string[]; moduleOverrides?: Record<string, boolean>; email?: string; expiresAt?: Date } = {},
): Promise<InvitedUser> {
  const companyId = id('co');
  const userId = id('ct');
  const email = options.email ?? `${userId}@example.com`;
  await companyRepository.create({
    tenantId,
    companyId,
    name: `Company ${companyId}`,
    kind: 'both',
    allowPortal: options.allowPortal ?? true,
    portalDiscountBps: 0,
    ...(options.moduleOverrides ? { moduleOverrides: options.moduleOverrides } : {}),
  });
  await contactRepository.create({ tenantId, contactId: userId, companyId, firstName: 'Robin', lastName: 'Tester', email });
  const token = newLinkToken();
  const expiresAt = (options.expiresAt ?? new Date(Date.now() + 7 * 86_400_000)).toISOString();
  await emailedLinkRepository.create({ tenantId, tokenHash: hashToken(token), purpose: 'invitation', userId, pool: 'portal', expiresAt });
  await portalUserRepository.save({
    tenantId,
    userId,
    companyId,
    email,
    cognitoUsername: cognitoUsernameFor(tenantId, userId),
    status: 'invited',
    teams: options.teams ?? ['customer-portal-users'],
    invitationHash: hashToken(token),
    invitationExpiresAt: expiresAt,
    invitedAt: new Date().toISOString(),
  });
  return { tenantId, companyId, userId, email, token };
}

/** A resend: a new link, which becomes the only valid one. */
export async function resendInvitation(user: InvitedUser): Promise<string> {
  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await emailedLinkRepository.create({
    tenantId: user.tenantId,
    tokenHash: hashToken(token),
    purpose: 'invitation',
    userId: user.userId,
    pool: 'portal',
    expiresAt,
  });
  await portalUserRepository.update(user.tenantId, user.userId, { invitationHash: hashToken(token), invitationExpiresAt: expiresAt });
  return token;
}

/** Deactivation as staff do it: the status, and every session revoked. */
export async function deactivate(tenantId: string, userId: string): Promise<void> {
  await portalUserRepository.update(tenantId, userId, { status: 'deactivated', deactivatedAt: new Date().toISOString() });
  await sessionRepository.revokeAllOf(tenantId, 'portal', userId);
}

/** A tenant of its own (at `<slug>.localhost`), for tests that flip tenant-wide switches. */
export async function createTenant(options: { modules?: string[]; portalEnabled?: boolean } = {}): Promise<string> {
  const slug = `t${randomUUID().slice(0, 8)}`;
  await tenantRepository.put({
    tenantId: slug,
    slug,
    name: `Tenant ${slug}`,
    portalEnabled: options.portalEnabled ?? true,
    modules: options.modules ?? ['quotes', 'orders', 'invoices'],
    branding: { primaryColour: '#123456', accentColour: '#654321' },
  });
  await tenantRepository.claimHost(`sub:${slug}`, slug, true);
  await teamRepository.ensureDefaults(slug);
  return slug;
}

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names in lower case → value (`true` for flags). */
  attributes: Record<string, string | true>;
}

export function setCookiesOf(res: Response): SetCookie[] {
  return res.headers.getSetCookie().map((line) => {
    const [pair, ...attrs] = line.split(';').map((p) => p.trim());
    const eq = pair!.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const a of attrs) {
      const i = a.indexOf('=');
      if (i < 0) attributes[a.toLowerCase()] = true;
      else attributes[a.slice(0, i).toLowerCase()] = a.slice(i + 1);
    }
    return { name: pair!.slice(0, eq), value: decodeURIComponent(pair!.slice(eq + 1)), attributes };
  });
}

/** A browser's cookie jar, enough for these tests: Max-Age=0 deletes, paths are ignored. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(res: Response): this {
    for (const c of setCookiesOf(res)) {
      if (c.attributes['max-age'] === '0') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Headers a same-origin page would send: the cookies, and the CSRF header the site adds. */
  headers(options: { csrf?: boolean } = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    const csrf = this.cookies.get(COOKIES.csrf);
    return { ...(cookie ? { cookie } : {}), ...(options.csrf !== false && csrf ? { [CSRF_HEADER]: csrf } : {}) };
  }

  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }
}

export const jsonRequest = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export interface SignedInUser extends InvitedUser {
  jar: CookieJar;
}

/** An invited user who accepted through the API (password {@link PASSWORD}), signed in. */
export async function activePortalUser(stack: TestStack, slug: string, options: Parameters<typeof invitePortalUser>[1] = {}): Promise<SignedInUser> {
  const invited = await invitePortalUser(slug, options);
  const res = await stack.api(slug, `/api/auth/invitations/${invited.token}/accept`, jsonRequest('POST', { password: PASSWORD }));
  if (res.status !== 200) throw new Error(`accepting the invitation failed: ${res.status} ${await res.text()}`);
  return { ...invited, jar: new CookieJar().take(res) };
}

export async function signInAs(stack: TestStack, slug: string, email: string, password = PASSWORD, path = '/api/auth/login'): Promise<CookieJar> {
  const res = await stack.api(slug, path, jsonRequest('POST', { email, password }));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return new CookieJar().take(res);
}

export { mailTo } from './mailbox';
