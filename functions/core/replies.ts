import type { PoolKind } from './callers';

/**
 * What a handler answers: a status and a JSON body, with headers where a route needs
 * them, and the change it makes to the browser's session. The HTTP adapter turns this
 * into the response (JSON, `cache-control: no-store` unless set, the session's cookies).
 */

/** A sign-in Portico just made: Cognito's tokens and the server-side session's cookie value. */
export interface IssuedSession {
  pool: PoolKind;
  userId: string;
  idToken: string;
  idTokenExpiresAt: Date;
  refreshToken?: string;
  /** The session cookie's value. */
  sessionCookie: string;
  expiresAt: Date;
}

export type SessionChange =
  | { kind: 'signed-in'; session: IssuedSession }
  | { kind: 'renewed'; pool: PoolKind; idToken: string; idTokenExpiresAt: Date; sessionExpiresAt: Date }
  | { kind: 'signed-out'; pool: PoolKind }
  | { kind: 'link-opened'; sessionCookie: string; expiresAt: Date };

export interface Reply<B = unknown> {
  status: number;
  body?: B;
  /** The body's type when it is a file, not JSON (a CSV export): the body is then a string, sent as it is. */
  contentType?: string;
  headers?: Record<string, string>;
  session?: SessionChange;
}

const reply = <B>(status: number, body: B, headers?: Record<string, string>): Reply<B> => ({ status, body, ...(headers ? { headers } : {}) });

export const ok = <B>(body: B, headers?: Record<string, string>) => reply(200, body, headers);
export const created = <B>(body: B, headers?: Record<string, string>) => reply(201, body, headers);
export const accepted = <B>(body: B) => reply(202, body);
export const noContent = (): Reply<undefined> => ({ status: 204 });

/** A text file the browser downloads as `fileName` (a CSV export): the body is sent as it is. */
export const textFile = (text: string, contentType: string, fileName: string): Reply<string> => ({
  status: 200,
  body: text,
  contentType,
  headers: { 'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"` },
});
