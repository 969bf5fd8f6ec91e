import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PROBLEM_TYPES, type ProblemDetails } from '../../../shared/problem';
import { recordAudit } from '../../audit/audit';
import type { PortalCaller } from '../../core/callers';
import { Problem, tooMany } from '../../core/problems';
import { signingPinRepository, type SigningPin } from './signingPinRepository';
/**
 * The e-signing PIN: a second factor a signer types with their name. Stored only as a
 * slow salted hash (scrypt), checked in constant time, with wrong PINs counted per user
 * by conditional writes: five within 15 minutes lock signing for 15 minutes, during
 * which even the right PIN is refused; the right PIN starts the count again.
 */
export const PIN_THROTTLE = { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 } as const;

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds per check). */
const SCRYPT = { log2N: 15, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const;

function scrypt(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(secret, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const scryptOptions = (log2N: number, r: number, p: number): ScryptOptions => ({ N: 2 ** log2N, r, p, maxmem: 256 * 2 ** log2N * r });

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`: the parameters travel with the hash, so they can be raised later. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await scrypt(pin, salt, SCRYPT.keyLength, scryptOptions(SCRYPT.log2N, SCRYPT.r, SCRYPT.p));
  return ['scrypt', SCRYPT.log2N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(pin, Buffer.from(salt, 'base64url'), expected.length, scryptOptions(Number(log2N), Number(r), Number(p)));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** 403 `pin-incorrect`, with how many attempts are left before signing locks. */
export class PinIncorrect extends Problem {
  constructor(readonly attemptsRemaining: number) {
    super(
      403,
      'Signing PIN not right',
      `That signing PIN is not right. ${attemptsRemaining} attempt${attemptsRemaining === 1 ? '' : 's'} left before signing is locked for ${PIN_THROTTLE.lockSeconds / 60} minutes.`,
      undefined,
      PROBLEM_TYPES.pinIncorrect,
    );
  }

  override toBody(instance?: string, requestId?: string): ProblemDetails & { attemptsRemaining: number } {
    return { ...super.toBody(instance, requestId), attemptsRemaining: this.attemptsRemaining };
  }
}

export function pinLocked(until: Date, now = new Date()): Problem {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return tooMany(
    'Signing locked',
    `Signing is locked after too many wrong PINs. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    seconds,
    PROBLEM_TYPES.pinLocked,
  );
}

export function pinNotSet(viaDirectLink: boolean): Problem {
  const detail = viaDirectLink
    ? 'Signing needs your signing PIN, which you set in the portal after signing in. Sign in to the portal, set a PIN on your My details page, then sign this order there. If you have no portal login, ask the business for one.'
    : 'Set a signing PIN on your My details page first, then sign this order.';
  return new Problem(409, 'No signing PIN', detail, undefined, PROBLEM_TYPES.pinNotSet);
}

const lockedAt = (record: Pick<SigningPin, 'lockedUntil'>, now: Date): Date | undefined =>
  record.lockedUntil && record.lockedUntil > now.toISOString() ? new Date(record.lockedUntil) : undefined;

/**
 * Checks the PIN a portal user (or direct-link recipient: the same contact) typed, and
 * returns when it is right. Throws `pin-not-set` (409), `pin-locked` (429, Retry-After)
 * or `pin-incorrect` (403, attemptsRemaining). Every wrong PIN is audited.
 */
export async function checkSigningPin(caller: PortalCaller, pin: string, now = new Date()): Promise<void> {
  const { tenantId, userId } = caller;
  const record = await signingPinRepository.get(tenantId, userId);
  if (!record) throw pinNotSet(!!caller.link);
  const locked = lockedAt(record, now);
  if (locked) throw pinLocked(locked, now);

  if (await pinMatches(pin, record.pinHash)) {
    // A lock set by a concurrent wrong PIN holds even now.
    if (record.failures || record.lockedUntil) {
      if (!(await signingPinRepository.clearFailures(tenantId, userId, record.pinHash, now))) {
        const again = await signingPinRepository.get(tenantId, userId);
        const lockedNow = again && lockedAt(again, now);
        if (lockedNow) throw pinLocked(lockedNow, now);
      }
    }
    return;
  }

  const windowStart = record.windowStartedAt ? new Date(record.windowStartedAt).getTime() : 0;
  const resetWindow = !record.failures || !!record.lockedUntil || now.getTime() - windowStart > PIN_THROTTLE.windowSeconds * 1000;
  const failures = await signingPinRepository.addFailure(tenantId, userId, { pinHash: record.pinHash, resetWindow, now });
  const audit = (details: Record<string, unknown>) =>
    recordAudit(caller, {
      action: 'signing-pin.failed',
      subjects: [`user:${userId}`, `company:${caller.companyId}`],
      details: { ...(caller.link ? { viaDirectLink: caller.link.linkId } : {}), ...details },
    });
  if (failures === undefined) {
    // Locked (or the PIN replaced) between the read and the write.
    const again = await signingPinRepository.get(tenantId, userId);
    const lockedNow = again && lockedAt(again, now);
    await audit({ reason: lockedNow ? 'locked' : 'changed' });
    if (lockedNow) throw pinLocked(lockedNow, now);
    throw new PinIncorrect(PIN_THROTTLE.maxFailures);
  }
  if (failures >= PIN_THROTTLE.maxFailures) {
    const until = new Date(now.getTime() + PIN_THROTTLE.lockSeconds * 1000);
    await signingPinRepository.lock(tenantId, userId, until);
    await audit({ reason: 'wrong-pin', failures, lockedUntil: until.toISOString() });
    throw pinLocked(until, now);
  }
  await audit({ reason: 'wrong-pin', failures });
  throw new PinIncorrect(PIN_THROTTLE.maxFailures - failures);
}
