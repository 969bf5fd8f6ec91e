import { PROBLEM_TYPES } from '../../shared/problem';
import { type Problem, tooMany } from '../core/problems';
import type { PoolKind } from '../core/callers';
import { loginThrottleRepository, type LoginThrottle } from './loginThrottleRepository';

/**
 * Brute-force protection that Portico does itself, so it works the same on cognito-local
 * as in the cloud (where Cognito's threat protection adds its own). Failures are counted
 * per (tenant, pool, email) whether or not the email has a login, so neither the answer
 * nor the lock tells a guesser which emails exist.
 */
export const THROTTLE = {
  /** Failures within the window that lock the login. */
  maxFailures: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  /** From this failure on, each wrong answer is slowed a little more… */
  slowFrom: 3,
  slowStepMs: 300,
  /** …up to this. */
  slowMaxMs: 1_500,
} as const;

export type ThrottleKey = { tenantId: string; pool: PoolKind; email: string };

export function loginLocked(until: Date, now = new Date()): Problem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return tooMany(
    'Too many sign-in attempts',
    `Too many failed attempts to sign in with this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
    seconds,
    PROBLEM_TYPES.loginLocked,
  );
}

export const lockedUntil = (record: LoginThrottle | undefined, now = new Date()): Date | undefined =>
  record?.lockedUntil && record.lockedUntil > now.toISOString() ? new Date(record.lockedUntil) : undefined;

/**
 * Counts one failure (atomically) and locks the login when the window holds too many.
 * `current` is the record read before the attempt: it says whether the window is over.
 */
export async function recordFailure(key: ThrottleKey, current: LoginThrottle | undefined, now = new Date()): Promise<{ failures: number; lockedUntil?: Date }> {
  const windowStart = current?.windowStartedAt ? new Date(current.windowStartedAt).getTime() : 0;
  const resetWindow = !current || now.getTime() - windowStart > THROTTLE.windowSeconds * 1000;
  const failures = await loginThrottleRepository.addFailure(key, {
    resetWindow,
    now,
    keepForSeconds: THROTTLE.windowSeconds + THROTTLE.lockSeconds,
  });
  if (failures < THROTTLE.maxFailures) return { failures };
  const until = new Date(now.getTime() + THROTTLE.lockSeconds * 1000);
  await loginThrottleRepository.lock(key, until);
  return { failures, lockedUntil: until };
}

/** Slows repeated wrong answers: cheap for a person who mistyped, costly for a script. */
export async function slowDown(failures: number): Promise<void> {
  if (failures < THROTTLE.slowFrom) return;
  const ms = Math.min(THROTTLE.slowMaxMs, (failures - THROTTLE.slowFrom + 1) * THROTTLE.slowStepMs);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export async function clearFailures(key: ThrottleKey): Promise<void> {
  await loginThrottleRepository.clear(key);
}
