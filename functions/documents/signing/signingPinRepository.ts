import { isConflict } from '../../table/conflicts';
import { and, exists, getItem, marker, putItem, updateItem, type Condition, type Keys } from '../../table/db';

/**
 * A portal user's e-signing PIN: only a slow salted hash of it (scrypt, see
 * documents/signing/signingPin), and the count of wrong PINs typed, kept beside the
 * user in the user's own partition. Its own item, so rewrites of the user record (a
 * changed email, teams) never touch it.
 */
export type SigningPin = {
  tenantId: string;
  userId: string;
  /** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url). */
  pinHash: string;
  setAt: string;
  /** Wrong PINs within the window that started at `windowStartedAt`. */
  failures?: number;
  windowStartedAt?: string;
  lockedUntil?: string;
  updatedAt?: string;
};

const ENTITY = 'signingPin';
const FIELDS = ['tenantId', 'userId', 'pinHash', 'setAt', 'failures', 'windowStartedAt', 'lockedUntil', 'updatedAt'] as const;
const primaryKey = (tenantId: string, userId: string): Keys => ({ pk: `TENANT#${tenantId}#USER#${userId}`, sk: 'SIGNING-PIN' });

/** Not locked at `now`: no lock, or one that has run out. (`and` puts each condition in parentheses.) */
const notLocked =
  (now: string): Condition =>
  (x) =>
    `attribute_not_exists(${x.name('lockedUntil')}) OR ${x.name('lockedUntil')} <= ${x.value(now)}`;
/** Still the PIN that was checked (a PIN changed meanwhile starts from nothing). */
const samePin =
  (pinHash: string): Condition =>
  (x) =>
    `${x.name('pinHash')} = ${x.value(pinHash)}`;

export const signingPinRepository = {
  /** Strongly consistent: a lock must hold from the very next attempt. */
  async get(tenantId: string, userId: string): Promise<SigningPin | undefined> {
    return getItem<SigningPin>(primaryKey(tenantId, userId), FIELDS, true);
  },

  /** Sets (or replaces) the PIN; a new PIN starts with no failures and no lock. */
  async set(tenantId: string, userId: string, pinHash: string, now = new Date()): Promise<void> {
    const at = now.toISOString();
    await putItem({ ...primaryKey(tenantId, userId), ...marker(ENTITY), tenantId, userId, pinHash, setAt: at, updatedAt: at });
  },

  /**
   * Counts one wrong PIN, atomically, and only while the PIN is not locked and is still
   * the one checked: returns the count in the window, or undefined when the condition
   * failed (locked or changed meanwhile).
   */
  async addFailure(tenantId: string, userId: string, options: { pinHash: string; resetWindow: boolean; now: Date }): Promise<number | undefined> {
    const at = options.now.toISOString();
    try {
      const item = options.resetWindow
        ? await updateItem<SigningPin>(
            primaryKey(tenantId, userId),
            { set: { failures: 1, windowStartedAt: at, updatedAt: at }, remove: ['lockedUntil'] },
            FIELDS,
            and(exists, notLocked(at), samePin(options.pinHash)),
          )
        : await updateItem<SigningPin>(
            primaryKey(tenantId, userId),
            { set: { updatedAt: at }, add: { failures: 1 } },
            FIELDS,
            and(exists, notLocked(at), samePin(options.pinHash)),
          );
      return item.failures ?? 0;
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  async lock(tenantId: string, userId: string, until: Date): Promise<void> {
    await updateItem(primaryKey(tenantId, userId), { set: { lockedUntil: until.toISOString(), updatedAt: new Date().toISOString() } }, FIELDS, exists);
  },

  /** The right PIN: the count starts again. Only while the PIN is not locked (a lock holds even against the right PIN). */
  async clearFailures(tenantId: string, userId: string, pinHash: string, now = new Date()): Promise<boolean> {
    try {
      await updateItem(
        primaryKey(tenantId, userId),
        { set: { updatedAt: now.toISOString() }, remove: ['failures', 'windowStartedAt', 'lockedUntil'] },
        FIELDS,
        and(exists, notLocked(now.toISOString()), samePin(pinHash)),
      );
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  },
};

/** Whether the user has a signing PIN (for GET /api/me). */
export async function hasSigningPin(tenantId: string, userId: string): Promise<boolean> {
  return !!(await signingPinRepository.get(tenantId, userId));
}
