import { createHash } from 'node:crypto';
import { COOKIES } from '../../shared/api/access';
import type { PoolKind, PresentedCredentials, SessionKind } from '../core/callers';
import type { SessionChange } from '../core/replies';
import { viewerHost } from '../customers/tenantHosts';
import type { ApiEvent } from './types';

/** API Gateway v2 hands cookies as an array of `name=value`; headers may carry them too locally. */
export function readCookie(cookies: string[] | undefined, cookieHeader: string | undefined, name: string): string | undefined {
  const all = [...(cookies ?? []), ...(cookieHeader ? cookieHeader.split(';') : [])];
  for (const entry of all) {
    const eq = entry.indexOf('=');
    if (eq > 0 && entry.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(entry.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export const cookieOf = (event: ApiEvent, name: string): string | undefined => readCookie(event.cookies, event.headers?.cookie, name) || undefined;

interface CookieAttributes {
  path: string;
  /** Seconds; 0 clears the cookie. */
  maxAge: number;
  httpOnly: boolean;
  sameSite: 'Lax' | 'Strict';
}

/**
 * Cookies are `Secure` everywhere except plain http to a `*.localhost` host (the local
 * runtime, where browsers would drop them). Decided from the request itself, so the
 * same code behaves the same whichever runtime serves it.
 */
export function allowsInsecureCookies(event: ApiEvent): boolean {
  const proto = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  const host = viewerHost(event.headers)?.trim().toLowerCase().replace(/:\d+$/, '');
  return proto === 'http' && !!host && (host === 'localhost' || host.endsWith('.localhost'));
}

/**
 * The origin the viewer is on, scheme, host and port, as a browser's `Origin` names it:
 * https everywhere except where cookies may be insecure (plain http to `*.localhost`).
 */
export function viewerOrigin(event: ApiEvent): string | undefined {
  const host = viewerHost(event.headers)?.trim().toLowerCase();
  return host ? `${allowsInsecureCookies(event) ? 'http' : 'https'}://${host}` : undefined;
}

export function serializeCookie(event: ApiEvent, name: string, value: string, a: CookieAttributes): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${a.path}`,
    `Max-Age=${Math.max(0, Math.floor(a.maxAge))}`,
    ...(a.httpOnly ? ['HttpOnly'] : []),
    ...(allowsInsecureCookies(event) ? [] : ['Secure']),
    `SameSite=${a.sameSite}`,
  ].join('; ');
}

/** Where each cookie of a session is sent: the refresh token only to the routes that renew or end it. */
const PATHS: Record<PoolKind, { idToken: string; refreshToken: string; session: string }> = {
  portal: { idToken: '/', refreshToken: '/api/auth', session: '/' },
  staff: { idToken: '/', refreshToken: '/api/auth/staff', session: '/' },
};

/** The cookies of a session as the browser presents them. */
export function presentedSession(event: ApiEvent, pool: PoolKind): { idToken?: string; refreshToken?: string; session?: string } {
  const names = COOKIES[pool];
  return { idToken: cookieOf(event, names.idToken), refreshToken: cookieOf(event, names.refreshToken), session: cookieOf(event, names.session) };
}

/** Every session credential the browser presents, as callers carry them. */
export const presentedCredentials = (event: ApiEvent): PresentedCredentials => ({
  portal: presentedSession(event, 'portal'),
  staff: presentedSession(event, 'staff'),
  link: presentedLinkSession(event),
});

export function idTokenCookie(event: ApiEvent, pool: PoolKind, idToken: string, expiresAt: Date): string {
  const maxAge = (expiresAt.getTime() - Date.now()) / 1000;
  return serializeCookie(event, COOKIES[pool].idToken, idToken, { path: PATHS[pool].idToken, maxAge, httpOnly: true, sameSite: 'Lax' });
}

/**
 * All cookies of a new session: ID token (as long as the token lives), refresh token
 * and session id (as long as the session), and the CSRF cookie, the one cookie the site
 * can read (SameSite=Strict: never sent on a cross-site request).
 */
export function sessionCookies(
  event: ApiEvent,
  s: { pool: PoolKind; idToken: string; idTokenExpiresAt: Date; refreshToken?: string; sessionCookie: string; expiresAt: Date },
): string[] {
  const maxAge = (s.expiresAt.getTime() - Date.now()) / 1000;
  const names = COOKIES[s.pool];
  return [
    idTokenCookie(event, s.pool, s.idToken, s.idTokenExpiresAt),
    ...(s.refreshToken
      ? [serializeCookie(event, names.refreshToken, s.refreshToken, { path: PATHS[s.pool].refreshToken, maxAge, httpOnly: true, sameSite: 'Lax' })]
      : []),
    serializeCookie(event, names.session, s.sessionCookie, { path: PATHS[s.pool].session, maxAge, httpOnly: true, sameSite: 'Lax' }),
    csrfCookieFor(event, s.pool, s.sessionCookie, maxAge),
  ];
}

/**
 * A session's CSRF token, derived from its session cookie: only the browser holding that
 * HttpOnly cookie, and Portico, can know it. A cookie another site plants (a sibling
 * subdomain can set one for the parent domain) cannot carry it, and no token of one
 * session serves another; nothing is stored and nothing read to check it.
 */
export const csrfTokenOf = (sessionCookie: string): string => createHash('sha256').update(`csrf:${sessionCookie}`).digest('base64url');

/** The session cookie each kind of session presents. */
const SESSION_COOKIES: Record<SessionKind, string> = { portal: COOKIES.portal.session, staff: COOKIES.staff.session, link: COOKIES.directLink };

/** The session cookie a request of this kind of session presents. */
export const presentedSessionCookie = (event: ApiEvent, kind: SessionKind): string | undefined => cookieOf(event, SESSION_COOKIES[kind]);

/**
 * The CSRF cookie once a response is taken: the token of every session the browser then
 * holds (`kind`'s own replaced by `sessionCookie` when it is new), joined by dots, so a
 * portal sign-in, a staff sign-in and a direct link in one browser all keep working; the
 * site echoes the whole value and the check looks for the caller's own session's token.
 * It lives as long as the session, or the longest session when it carries others' too.
 */
function csrfCookieFor(event: ApiEvent, kind: SessionKind, sessionCookie: string | undefined, maxAge: number): string {
  const held = (Object.keys(SESSION_COOKIES) as SessionKind[]).map((k) =>
    k === kind ? (sessionCookie ?? presentedSessionCookie(event, k)) : presentedSessionCookie(event, k),
  );
  const tokens = held.filter((c): c is string => !!c).map(csrfTokenOf);
  return csrfCookie(event, tokens.join('.'), tokens.length > 1 ? Math.max(maxAge, LONGEST_SESSION_SECONDS) : maxAge);
}

function csrfCookie(event: ApiEvent, value: string, maxAge: number): string {
  return serializeCookie(event, COOKIES.csrf, value, { path: '/', maxAge, httpOnly: false, sameSite: 'Strict' });
}

/**
 * Cookies that clear a session (Max-Age=0, same paths). The CSRF cookie is shared by
 * both pools (and direct-link sessions), so it stays while the browser still holds
 * another session.
 */
export function clearedSessionCookies(event: ApiEvent, pool: PoolKind): string[] {
  const names = COOKIES[pool];
  const other: PoolKind = pool === 'portal' ? 'staff' : 'portal';
  // Signing out of the portal also ends a direct-link visit in the same browser: "sign out" leaves nothing signed in.
  const endsLink = pool === 'portal' && !!cookieOf(event, COOKIES.directLink);
  const keepCsrf = !!cookieOf(event, COOKIES[other].session) || (!endsLink && !!cookieOf(event, COOKIES.directLink));
  return [
    serializeCookie(event, names.idToken, '', { path: PATHS[pool].idToken, maxAge: 0, httpOnly: true, sameSite: 'Lax' }),
    serializeCookie(event, names.refreshToken, '', { path: PATHS[pool].refreshToken, maxAge: 0, httpOnly: true, sameSite: 'Lax' }),
    serializeCookie(event, names.session, '', { path: PATHS[pool].session, maxAge: 0, httpOnly: true, sameSite: 'Lax' }),
    ...(endsLink ? [clearedLinkSessionCookie(event)] : []),
    ...(keepCsrf ? [] : [csrfCookie(event, '', 0)]),
  ];
}

/**
 * A direct-link session: one HttpOnly cookie of its own name (never a real sign-in's,
 * so the two never mix) that lives as long as the session, and the CSRF cookie. No
 * Cognito tokens: the link session authenticates by this cookie alone.
 */
export function linkSessionCookies(event: ApiEvent, sessionCookie: string, expiresAt: Date): string[] {
  const maxAge = (expiresAt.getTime() - Date.now()) / 1000;
  return [
    serializeCookie(event, COOKIES.directLink, sessionCookie, { path: '/', maxAge, httpOnly: true, sameSite: 'Lax' }),
    // Shared with any real sign-in of this browser: never shortened by a link that ends sooner.
    csrfCookieFor(event, 'link', sessionCookie, Math.max(maxAge, LONGEST_SESSION_SECONDS)),
  ];
}

/** As long as the longest real session (the portal's, 30 days): see identity/sessions. */
const LONGEST_SESSION_SECONDS = 30 * 86_400;

/** The direct-link session cookie as the browser presents it. */
export const presentedLinkSession = (event: ApiEvent): string | undefined => cookieOf(event, COOKIES.directLink);

/** Clears a direct-link session that no longer works (the CSRF cookie stays: a real sign-in may use it). */
export const clearedLinkSessionCookie = (event: ApiEvent): string =>
  serializeCookie(event, COOKIES.directLink, '', { path: '/', maxAge: 0, httpOnly: true, sameSite: 'Lax' });

/**
 * The Set-Cookie values of a handler's session change. Every change that keeps or opens
 * a session re-issues the CSRF cookie from the session cookies themselves (a new session
 * has a new token; a renewal's is the same, re-issued to live as long as the session),
 * so whatever CSRF cookie the browser held before is never adopted.
 */
export function sessionChangeCookies(event: ApiEvent, change: SessionChange): string[] {
  switch (change.kind) {
    case 'signed-in':
      return sessionCookies(event, change.session);
    case 'renewed': {
      const sessionSeconds = (change.sessionExpiresAt.getTime() - Date.now()) / 1000;
      return [idTokenCookie(event, change.pool, change.idToken, change.idTokenExpiresAt), csrfCookieFor(event, change.pool, undefined, sessionSeconds)];
    }
    case 'signed-out':
      return clearedSessionCookies(event, change.pool);
    case 'link-opened':
      return linkSessionCookies(event, change.sessionCookie, change.expiresAt);
  }
}

/** The cookies that clear a session a refusal ended, so the browser stops presenting it. */
export const endedSessionCookies = (event: ApiEvent, ended: SessionKind): string[] =>
  ended === 'link' ? [clearedLinkSessionCookie(event)] : clearedSessionCookies(event, ended);
