import { Entity, Service, type EntityItem } from 'electrodb';
import { USER_STATUSES } from '../../shared/api/access';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';
import { DEFAULT_PAGE_SIZE, scopedCursor, type Page } from './pagination';

/**
 * A contact's portal login. `userId` is the contact's id: one login per contact. The
 * Cognito username is Portico's own (`<tenantId>.<userId>`), never the email, since an
 * email may sign in to several tenants.
 */
const portalUserEntity = () =>
  new Entity(
    {
      model: { entity: 'portalUser', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        companyId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        cognitoUsername: { type: 'string', required: true, readOnly: true },
        status: { type: USER_STATUSES, required: true },
        teams: { type: 'list', items: { type: 'string' }, required: true },
        /** Hash of the one invitation link that is valid now; a resend replaces it. */
        invitationHash: { type: 'string' },
        invitationExpiresAt: { type: 'string' },
        invitedAt: { type: 'string' },
        activatedAt: { type: 'string' },
        deactivatedAt: { type: 'string' },
        lastSignInAt: { type: 'string' },
        createdAt: { type: 'string', readOnly: true, required: true, default: () => new Date().toISOString() },
        updatedAt: { type: 'string', required: true, watch: '*', set: () => new Date().toISOString(), default: () => new Date().toISOString() },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['tenantId', 'userId'], template: 'TENANT#${tenantId}#USER#${userId}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'USER', casing: 'none' },
        },
        byTenant: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId'], template: 'TENANT#${tenantId}#USERS', casing: 'none' },
          sk: { field: 'gsi1sk', composite: ['companyId', 'userId'], template: 'COMPANY#${companyId}#USER#${userId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

/** (tenant, email) → portal user: makes a login email unique within a tenant, not across tenants. */
const loginEmailEntity = () =>
  new Entity(
    {
      model: { entity: 'loginEmail', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        email: { type: 'string', required: true },
        userId: { type: 'string', required: true },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['tenantId', 'email'], template: 'TENANT#${tenantId}#LOGIN#${email}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'LOGIN', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type PortalUser = EntityItem<ReturnType<typeof portalUserEntity>>;
export type PortalUserChanges = Partial<Omit<PortalUser, 'tenantId' | 'userId' | 'companyId' | 'cognitoUsername' | 'createdAt' | 'updatedAt'>>;

export const cognitoUsernameFor = (tenantId: string, userId: string) => `${tenantId}.${userId}`;

export class LoginEmailTakenError extends Error {
  override name = 'LoginEmailTakenError';
}

/** A conditional save found the user changed since it was read (e.g. deactivated or accepted meanwhile). */
export class PortalUserChangedError extends Error {
  override name = 'PortalUserChangedError';
}

export const portalUserRepository = {
  /** `consistent` for the auth check: a deactivation must apply to the very next request. */
  async get(tenantId: string, userId: string, options: { consistent?: boolean } = {}): Promise<PortalUser | undefined> {
    const { data } = await portalUserEntity().get({ tenantId, userId }).go({ consistent: options.consistent ?? false });
    return data ?? undefined;
  },

  async userIdForEmail(tenantId: string, email: string): Promise<string | undefined> {
    const { data } = await loginEmailEntity().get({ tenantId, email: email.toLowerCase() }).go();
    return data?.userId;
  },

  /**
   * Writes a user and claims its login email in one transaction: a second contact of
   * the same tenant cannot take an email already used for a login. A user whose email
   * changed releases the old one in the same transaction. With `ifUpdatedAt`, the write
   * happens only if the stored user is still the version that was read.
   */
  async save(user: Omit<PortalUser, 'createdAt' | 'updatedAt'>, previousEmail?: string, options: { ifUpdatedAt?: string } = {}): Promise<void> {
    const service = new Service({ user: portalUserEntity(), login: loginEmailEntity() }, entityConfig());
    const email = user.email.toLowerCase();
    const result = await service.transaction
      .write(({ user: users, login }) => [
        options.ifUpdatedAt
          ? users.put({ ...user, email }).where((attr, { eq }) => eq(attr.updatedAt, options.ifUpdatedAt!)).commit()
          : users.put({ ...user, email }).commit(),
        login
          .put({ tenantId: user.tenantId, email, userId: user.userId })
          .where((attr, { notExists, eq }) => `${notExists(attr.email)} OR ${eq(attr.userId, user.userId)}`)
          .commit(),
        ...(previousEmail && previousEmail.toLowerCase() !== email
          ? [login.delete({ tenantId: user.tenantId, email: previousEmail.toLowerCase() }).where((attr, { eq }) => eq(attr.userId, user.userId)).commit()]
          : []),
      ])
      .go();
    if (result.canceled) {
      const reasons = result.data.map((d) => (d as { code?: string }).code);
      if (reasons[0] === 'ConditionalCheckFailed') throw new PortalUserChangedError(user.userId);
      if (reasons[1] === 'ConditionalCheckFailed') throw new LoginEmailTakenError(email);
      throw new Error(`saving portal user failed: ${reasons.join(',')}`);
    }
  },

  async update(tenantId: string, userId: string, changes: PortalUserChanges, expectedStatus?: PortalUser['status']): Promise<PortalUser | undefined> {
    try {
      let op = portalUserEntity().patch({ tenantId, userId }).set(changes);
      if (expectedStatus) op = op.where((attr, { eq }) => eq(attr.status, expectedStatus)) as typeof op;
      const { data } = await op.go({ response: 'all_new' });
      return data as PortalUser;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  /**
   * An invited user accepts: active from now, and no invitation link works any more.
   * Only from `invited` with this very link, so a user deactivated (or re-invited)
   * meanwhile is left as staff left them.
   */
  async activate(tenantId: string, userId: string, invitationHash: string, at = new Date()): Promise<PortalUser | undefined> {
    try {
      const { data } = await portalUserEntity()
        .patch({ tenantId, userId })
        .set({ status: 'active', activatedAt: at.toISOString() })
        .remove(['invitationHash', 'invitationExpiresAt'])
        // Only with the link that is valid now: a resend in the meantime wins.
        .where((attr, { eq }) => `${eq(attr.status, 'invited')} AND ${eq(attr.invitationHash, invitationHash)}`)
        .go({ response: 'all_new' });
      return data as PortalUser;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  /**
   * Moves a user from status `from` (and only from it, so of two racing staff actions
   * one wins and the other sees undefined) while setting and removing other attributes.
   */
  async transition(
    tenantId: string,
    userId: string,
    from: PortalUser['status'],
    set: PortalUserChanges,
    remove: Array<'invitationHash' | 'invitationExpiresAt' | 'deactivatedAt'> = [],
  ): Promise<PortalUser | undefined> {
    try {
      let op = portalUserEntity().patch({ tenantId, userId }).set(set);
      if (remove.length) op = op.remove(remove) as typeof op;
      const { data } = await op.where((attr, { eq }) => eq(attr.status, from)).go({ response: 'all_new' });
      return data as PortalUser;
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },

  async list(tenantId: string, options: { companyId?: string; status?: PortalUser['status']; limit?: number; cursor?: string }): Promise<Page<PortalUser>> {
    const cursor = scopedCursor(options.cursor, 'gsi1pk', `TENANT#${tenantId}#USERS`);
    let query = portalUserEntity().query.byTenant(options.companyId ? { tenantId, companyId: options.companyId } : { tenantId });
    if (options.status) query = query.where((attr, { eq }) => eq(attr.status, options.status!)) as typeof query;
    const { data, cursor: next } = await query.go({ cursor, limit: options.limit ?? DEFAULT_PAGE_SIZE });
    return { items: data, ...(next ? { cursor: next } : {}) };
  },
};
