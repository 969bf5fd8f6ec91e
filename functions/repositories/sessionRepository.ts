import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';

/**
 * A signed-in session: the server-side half of the session cookie. Logging out,
 * deactivation and password resets revoke sessions here, so an ID token issued before
 * stops working at once, not when it expires.
 */
const sessionEntity = () =>
  new Entity(
    {
      model: { entity: 'session', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        sessionId: { type: 'string', required: true, readOnly: true },
        pool: { type: ['portal', 'staff'] as const, required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        /** The Cognito `sub` whose ID tokens this session accepts. */
        sub: { type: 'string', required: true, readOnly: true },
        companyId: { type: 'string' },
        ip: { type: 'string' },
        userAgent: { type: 'string' },
        createdAt: { type: 'string', readOnly: true, default: () => new Date().toISOString() },
        expiresAt: { type: 'string', required: true },
        revokedAt: { type: 'string' },
        ttl: { type: 'number', field: 'expiresAtEpoch' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'sessionId'], template: 'TENANT#${tenantId}#SESSION#${sessionId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'SESSION', casing: 'none' },
        },
        byUser: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'pool', 'userId'], template: 'TENANT#${tenantId}#${pool}#USER#${userId}#SESSIONS', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['sessionId'], template: 'SESSION#${sessionId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type Session = EntityItem<ReturnType<typeof sessionEntity>>;

export const sessionRepository = {
  async create(session: Omit<Session, 'createdAt' | 'revokedAt' | 'ttl'>): Promise<void> {
    const ttl = Math.floor(new Date(session.expiresAt).getTime() / 1000) + 86_400;
    await sessionEntity().create({ ...session, ttl }).go();
  },

  /** `consistent` for the auth check: a revocation must apply to the very next request. */
  async get(tenantId: string, sessionId: string, options: { consistent?: boolean } = {}): Promise<Session | undefined> {
    const { data } = await sessionEntity().get({ tenantId, sessionId }).go({ consistent: options.consistent ?? false });
    return data ?? undefined;
  },

  async revoke(tenantId: string, sessionId: string): Promise<void> {
    await sessionEntity().patch({ tenantId, sessionId }).set({ revokedAt: new Date().toISOString() }).go().catch(() => undefined);
  },

  /** Revokes every live session of a user (deactivation, password reset). */
  async revokeAllOf(tenantId: string, pool: Session['pool'], userId: string): Promise<number> {
    const { data } = await sessionEntity().query.byUser({ tenantId, pool, userId }).go({ pages: 'all' });
    const live = data.filter((s) => !s.revokedAt);
    const now = new Date().toISOString();
    await Promise.all(live.map((s) => sessionEntity().patch({ tenantId, sessionId: s.sessionId }).set({ revokedAt: now }).go()));
    return live.length;
  },
};
