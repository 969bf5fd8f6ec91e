import { lockedUntil, loginLocked, slowDown, THROTTLE } from '../../functions/identity/loginThrottle';
import { problemType } from '../../shared/problem';

/**
 * The pure half of the sign-in lock (the counting against DynamoDB is test/integration/throttle):
 * when a lock still holds, what the 429 says, and how much each wrong answer is slowed.
 */

const NOW = new Date('2026-11-01T09:00:00.000Z');
const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('lockedUntil', () => {
  const record = (lockedUntil?: string) => ({ tenantId: 't', pool: 'portal' as const, email: 'a@example.com', failures: 5, lockedUntil });

  it('is the lock’s end while it lies ahead, and nothing once it is reached or when there is none', () => {
    expect(lockedUntil(record(later(60).toISOString()), NOW)).toEqual(later(60));
    expect(lockedUntil(record(NOW.toISOString()), NOW)).toBeUndefined();
    expect(lockedUntil(record(later(-1).toISOString()), NOW)).toBeUndefined();
    expect(lockedUntil(record(), NOW)).toBeUndefined();
    expect(lockedUntil(undefined, NOW)).toBeUndefined();
  });
});

describe('loginLocked', () => {
  it('answers 429 login-locked with Retry-After in whole seconds, at least one', () => {
    const problem = loginLocked(later(14 * 60 + 0.2), NOW);
    expect(problem.status).toBe(429);
    expect(problem.type).toBe(problemType('login-locked'));
    expect(problem.headers).toEqual({ 'retry-after': String(14 * 60 + 1) });
    expect(loginLocked(later(-30), NOW).headers).toEqual({ 'retry-after': '1' });
  });

  it('names the wait in whole minutes, rounded up, singular for one', () => {
    expect(loginLocked(later(14 * 60 + 1), NOW).detail).toContain('Try again in 15 minutes,');
    expect(loginLocked(later(59), NOW).detail).toContain('Try again in 1 minute,');
  });
});

describe('slowDown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** How long slowDown(failures) waits, in the fake clock's milliseconds. */
  async function delayOf(failures: number): Promise<number> {
    let done = false;
    const waiting = slowDown(failures).then(() => {
      done = true;
    });
    let waited = 0;
    for (; waited <= 5_000 && !done; waited += 50) {
      await Promise.resolve();
      if (done) break;
      await jest.advanceTimersByTimeAsync(50);
    }
    await waiting;
    return waited;
  }

  it('does not slow the first mistakes, then adds a step per failure up to the cap', async () => {
    expect(THROTTLE.slowFrom).toBe(3);
    expect(await delayOf(0)).toBe(0);
    expect(await delayOf(THROTTLE.slowFrom - 1)).toBe(0);
    expect(await delayOf(THROTTLE.slowFrom)).toBe(THROTTLE.slowStepMs);
    expect(await delayOf(THROTTLE.slowFrom + 1)).toBe(2 * THROTTLE.slowStepMs);
    expect(await delayOf(THROTTLE.slowFrom + 100)).toBe(THROTTLE.slowMaxMs);
  });
});
