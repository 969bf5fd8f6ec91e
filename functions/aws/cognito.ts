import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { clientConfig } from './clientConfig';
import { env } from './env';
import type { PoolKind } from '../core/callers';

let client: CognitoIdentityProviderClient | undefined;

/** One Cognito client per process (cognito-local locally, through COGNITO_ENDPOINT). */
export function cognito(): CognitoIdentityProviderClient {
  client ??= new CognitoIdentityProviderClient(clientConfig('cognito'));
  return client;
}

export const poolIds = (pool: PoolKind): { userPoolId: string; clientId: string } =>
  pool === 'portal'
    ? { userPoolId: env('PORTAL_USER_POOL_ID'), clientId: env('PORTAL_USER_POOL_CLIENT_ID') }
    : { userPoolId: env('STAFF_USER_POOL_ID'), clientId: env('STAFF_USER_POOL_CLIENT_ID') };
