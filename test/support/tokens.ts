import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Tokens an attacker might present, made from a real one: re-signed with cognito-local's
 * own key (the stand-in's static test key, shipped in its package) so only the claim
 * under test is wrong, or altered without re-signing.
 */
const privateJwk = JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')).jwk;
const key = createPrivateKey({ key: privateJwk, format: 'jwk' });

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

/** A correctly signed token with some claims changed (e.g. expired). */
export function resigned(token: string, changes: Record<string, unknown>): string {
  const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
  const body = `${b64(header)}.${b64({ ...claimsOf(token), ...changes })}`;
  return `${body}.${sign('sha256', Buffer.from(body), key).toString('base64url')}`;
}

/** The same token with a claim changed and the original signature kept: a forgery. */
export function tampered(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64({ ...claimsOf(token), ...changes })}.${signature}`;
}

/** Replaces one cookie's value in a `cookie` header. */
export function withCookie(cookieHeader: string, name: string, value: string): string {
  return cookieHeader
    .split('; ')
    .map((pair) => (pair.startsWith(`${name}=`) ? `${name}=${encodeURIComponent(value)}` : pair))
    .join('; ');
}

export function cookieValue(cookieHeader: string, name: string): string {
  const pair = cookieHeader.split('; ').find((p) => p.startsWith(`${name}=`));
  if (!pair) throw new Error(`no ${name} cookie`);
  return decodeURIComponent(pair.slice(name.length + 1));
}
