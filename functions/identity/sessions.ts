import { hashToken, newLinkToken } from '../core/secrets';
import type { PoolKind } from '../core/callers';
import { verifyIdToken } from './idTokens';
import { sessionRepository, type Session } from './sessionRepository';
import type { RequestOrigin } from '../core/callers';
import type { IssuedSession } from '../core/replies';
import type { CognitoTokens } from './cognitoAccounts';
import { TOKEN_LIFETIMES } from './tokenLifetimes';

/**
 * Server-side sessions: the half of a sign-in that Portico controls. A request needs a
 * valid ID token *and* a live session, so logging out, deactivation and password resets
 * take effect at once, not when the (one-hour) ID token expires.
 *
 * The session cookie holds a random secret; the table holds only its SHA-256, so a copy
 * of the table cannot be turned into cookies. For portal users the cookie also names
 * their company (`<secret>.<companyId>`): the auth context then reads the company in
 * parallel with the user and the session, and checks it against both.
 */

/** As long as the pools' refresh tokens live (tokenLifetimes.ts): 30 days for the portal, 12 hours for staff. */
export const SESSION_LIFETIME_SECONDS: Record<PoolKind, number> = { portal: TOKEN_LIFETIMES.portal.refresh, staff: TOKEN_LIFETIMES.staff.refresh };

const SECRET = /^[A-Za-z0-9_-]{43}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The stored session id and the company a session cookie names; undefined for anything malformed. */
export function parseSessionCookie(value: string | undefined): { sessionId: string; companyId?: string } | undefined {
  if (!value) return undefined;
  const [secret, companyId, ...rest] = value.split('.');
  if (rest.length || !secret || !SECRET.test(secret) || (companyId !== undefined && !ID.test(companyId))) return undefined;
  return { sessionId: hashToken(secret), ...(companyId ? { companyId } : {}) };
}

export const isLive = (session: Pick<Session, 'revokedAt' | 'expiresAt'>, now = new Date()): boolean =>
  !session.revokedAt && session.expiresAt > now.toISOString();

/**
 * Opens a session for tokens Cognito just issued. The ID token is verified like any
 * presented one, which also proves it names the tenant the sign-in was for.
 */
export async function openSession(args: {
  tenantId: string;
  pool: PoolKind;
  userId: string;
  companyId?: string;
  tokens: CognitoTokens;
  origin: RequestOrigin;
}): Promise<IssuedSession> {
  const identity = await verifyIdToken(args.pool, args.tokens.idToken);
  if (!identity) throw new Error('Cognito issued an ID token that does not verify');
  if (identity.tenantId !== args.tenantId) throw new Error(`ID token of tenant ${identity.tenantId} issued for a sign-in to ${args.tenantId}`);
  const secret = newLinkToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_SECONDS[args.pool] * 1000);
  const { origin } = args;
  await sessionRepository.create({
    tenantId: args.tenantId,
    sessionId: hashToken(secret),
    pool: args.pool,
    userId: args.userId,
    sub: identity.sub,
    ...(args.companyId ? { companyId: args.companyId } : {}),
    ...(origin.ip ? { ip: origin.ip } : {}),
    ...(origin.userAgent ? { userAgent: origin.userAgent } : {}),
    expiresAt: expiresAt.toISOString(),
  });
  return {
    pool: args.pool,
    userId: args.userId,
    idToken: args.tokens.idToken,
    idTokenExpiresAt: new Date(identity.expiresAt * 1000),
    refreshToken: args.tokens.refreshToken,
    sessionCookie: args.companyId ? `${secret}.${args.companyId}` : secret,
    expiresAt,
  };
}

/** The live session a cookie names, of the given pool; undefined for anything else. */
export async function liveSession(tenantId: string, pool: PoolKind, cookie: string | undefined): Promise<Session | undefined> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) return undefined;
  const session = await sessionRepository.get(tenantId, parsed.sessionId, { consistent: true });
  if (!session || session.pool !== pool || !isLive(session)) return undefined;
  if (parsed.companyId !== session.companyId) return undefined;
  return session;
}

/** Ends the session a cookie names, if it is live; returns it (for the audit trail). */
export async function closeSession(tenantId: string, pool: PoolKind, cookie: string | undefined): Promise<Session | undefined> {
  const session = await liveSession(tenantId, pool, cookie);
  if (session) await sessionRepository.revoke(tenantId, session.sessionId);
  return session;
}
