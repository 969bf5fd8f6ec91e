import type { PoolKind } from '../core/callers';

/**
 * How long each pool's tokens live, in seconds. One source for the auth stack's app
 * clients, the local pools' clients (cognito-local would otherwise issue 24-hour tokens)
 * and the server-side sessions, so expiry and refresh behave the same in both runtimes.
 */
export const TOKEN_LIFETIMES: Record<PoolKind, { access: number; id: number; refresh: number }> = {
  portal: { access: 3_600, id: 3_600, refresh: 30 * 86_400 },
  staff: { access: 3_600, id: 3_600, refresh: 12 * 3_600 },
};
