import { exists, getItem, notExists, putItem, queryAll, toItem, updateItem, type Keys } from '../table/db';

/**
 * A signed-in session: the server-side half of the session cookie. Logging out,
 * deactivation and password resets revoke sessions here, so an ID token issued before
 * stops working at once, not when it expires.
 */
export type Session = {
  tenantId: string;
  sessionId: string;
  pool: 'portal' | 'staff';
  userId: string;
  /** The Cognito `sub` whose ID tokens this session accepts. */
  sub: string;
  companyId?: string;
  ip?: string;
  userAgent?: string;
  createdAt?: string;
  expiresAt: string;
  revokedAt?: string;
  /** Epoch seconds, stored as the table's TTL attribute `expiresAtEpoch`. */
  ttl?: number;
};

const ENTITY = 'session';
const FIELDS = ['tenantId', 'sessionId', 'pool', 'userId', 'sub', 'companyId', 'ip', 'userAgent', 'createdAt', 'expiresAt', 'revokedAt', 'ttl'] as const;
const primaryKey = (tenantId: string, sessionId: string): Keys => ({ pk: `TENANT#${tenantId}#SESSION#${sessionId}`, sk: 'SESSION' });
const userPartition = (tenantId: string, pool: Session['pool'], userId: string) => `TENANT#${tenantId}#${pool}#USER#${userId}#SESSIONS`;

export const sessionRepository = {
  async create(session: Omit<Session, 'createdAt' | 'revokedAt' | 'ttl'>): Promise<void> {
    const ttl = Math.floor(new Date(session.expiresAt).getTime() / 1000) + 86_400;
    const record: Session = { ...session, ttl, createdAt: new Date().toISOString() };
    const keys = {
      ...primaryKey(session.tenantId, session.sessionId),
      gsi1pk: userPartition(session.tenantId, session.pool, session.userId),
      gsi1sk: `SESSION#${session.sessionId}`,
    };
    await putItem(toItem(record, FIELDS, keys, ENTITY), notExists);
  },

  /** `consistent` for the auth check: a revocation must apply to the very next request. */
  async get(tenantId: string, sessionId: string, options: { consistent?: boolean } = {}): Promise<Session | undefined> {
    return getItem<Session>(primaryKey(tenantId, sessionId), FIELDS, options.consistent ?? false);
  },

  async revoke(tenantId: string, sessionId: string): Promise<void> {
    await updateItem(primaryKey(tenantId, sessionId), { set: { revokedAt: new Date().toISOString() } }, FIELDS, exists).catch(() => undefined);
  },

  /** Revokes every live session of a user (deactivation, password reset). */
  async revokeAllOf(tenantId: string, pool: Session['pool'], userId: string): Promise<number> {
    const sessions = await queryAll<Session>({ index: 'gsi1', partition: userPartition(tenantId, pool, userId), sortPrefix: 'SESSION#' }, FIELDS);
    const live = sessions.filter((s) => !s.revokedAt);
    const now = new Date().toISOString();
    await Promise.all(live.map((s) => updateItem(primaryKey(tenantId, s.sessionId), { set: { revokedAt: now } }, FIELDS, exists)));
    return live.length;
  },
};
