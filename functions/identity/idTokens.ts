import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { env } from '../aws/env';
import { fetchJwks } from './jwksFetcher';

import type { PoolKind } from '../core/callers';

/** Claims Portico relies on from a Cognito ID token. */
export interface VerifiedIdentity {
  pool: PoolKind;
  sub: string;
  username: string;
  tenantId: string;
  email?: string;
  groups: string[];
  issuedAt: number;
  /** Expiry, in epoch seconds (the cookie holding the token lives exactly as long). */
  expiresAt: number;
}

const POOL_ENV = {
  portal: { pool: 'PORTAL_USER_POOL_ID', client: 'PORTAL_USER_POOL_CLIENT_ID' },
  staff: { pool: 'STAFF_USER_POOL_ID', client: 'STAFF_USER_POOL_CLIENT_ID' },
} as const;

/** JWKS come through Node's http(s) client (jwksFetcher), https in the cloud and cognito-local's http issuer alike. */
const jwksCache = new SimpleJwksCache({ fetcher: { fetch: fetchJwks } });

const verifiers = new Map<PoolKind, ReturnType<typeof createVerifier>>();

function createVerifier(pool: PoolKind) {
  const poolId = env(POOL_ENV[pool].pool);
  const issuer = `${env('COGNITO_ISSUER_BASE')}/${poolId}`;
  return JwtRsaVerifier.create(
    {
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      audience: env(POOL_ENV[pool].client),
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Error('not an ID token');
        if (typeof payload['custom:tenantId'] !== 'string') throw new Error('token names no tenant');
      },
    },
    { jwksCache },
  );
}

/**
 * Verifies a Cognito ID token of the given pool: signature, issuer, audience (the
 * pool's app client), expiry and use. The ID token is the one that carries the
 * immutable `custom:tenantId`, which app clients cannot write.
 */
export async function verifyIdToken(pool: PoolKind, token: string): Promise<VerifiedIdentity | undefined> {
  let verifier = verifiers.get(pool);
  if (!verifier) {
    verifier = createVerifier(pool);
    verifiers.set(pool, verifier);
  }
  try {
    const payload = await verifier.verify(token);
    return {
      pool,
      sub: String(payload.sub),
      username: String(payload['cognito:username'] ?? payload.sub),
      tenantId: String(payload['custom:tenantId']),
      email: typeof payload.email === 'string' ? payload.email : undefined,
      groups: Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'].map(String) : [],
      issuedAt: Number(payload.iat ?? 0),
      expiresAt: Number(payload.exp ?? 0),
    };
  } catch {
    return undefined;
  }
}
