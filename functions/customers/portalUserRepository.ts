import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { USER_STATUSES } from '../../shared/api/access';
import { and, dynamo, exists, Expr, getItem, queryPage, tableName, toItem, updateItem, type Condition, type Keys } from '../table/db';
import { isConflict } from '../table/conflicts';
import { DEFAULT_PAGE_SIZE, type Page } from '../table/pagination';

/**
 * A contact's portal login. `userId` is the contact's id: one login per contact. The
 * Cognito username is Portico's own (`<tenantId>.<userId>`), never the email, since an
 * email may sign in to several tenants.
 */
export type PortalUser = {
  tenantId: string;
  userId: string;
  companyId: string;
  email: string;
  cognitoUsername: string;
  status: (typeof USER_STATUSES)[number];
  teams: string[];
  /** Hash of the one invitation link that is valid now; a resend replaces it. */
  invitationHash?: string;
  invitationExpiresAt?: string;
  invitedAt?: string;
  activatedAt?: string;
  deactivatedAt?: string;
  lastSignInAt?: string;
  createdAt: string;
  updatedAt: string;
};
export type PortalUserChanges = Partial<Omit<PortalUser, 'tenantId' | 'userId' | 'companyId' | 'cognitoUsername' | 'createdAt' | 'updatedAt'>>;

const ENTITY = 'portalUser';
const FIELDS = [
  'tenantId',
  'userId',
  'companyId',
  'email',
  'cognitoUsername',
  'status',
  'teams',
  'invitationHash',
  'invitationExpiresAt',
  'invitedAt',
  'activatedAt',
  'deactivatedAt',
  'lastSignInAt',
  'createdAt',
  'updatedAt',
] as const;
const primaryKey = (tenantId: string, userId: string): Keys => ({ pk: `TENANT#${tenantId}#USER#${userId}`, sk: 'USER' });
const tenantPartition = (tenantId: string) => `TENANT#${tenantId}#USERS`;

/** (tenant, email) → portal user: makes a login email unique within a tenant, not across tenants. */
const LOGIN_ENTITY = 'loginEmail';
const LOGIN_FIELDS = ['tenantId', 'email', 'userId'] as const;
const loginKey = (tenantId: string, email: string): Keys => ({ pk: `TENANT#${tenantId}#LOGIN#${email}`, sk: 'LOGIN' });

export const cognitoUsernameFor = (tenantId: string, userId: string) => `${tenantId}.${userId}`;

export class LoginEmailTakenError extends Error {
  override name = 'LoginEmailTakenError';
}

/** A conditional save found the user changed since it was read (e.g. deactivated or accepted meanwhile). */
export class PortalUserChangedError extends Error {
  override name = 'PortalUserChangedError';
}

const statusIs =
  (status: PortalUser['status']): Condition =>
  (x) =>
    `${x.name('status')} = ${x.value(status)}`;

/** One conditional write of a transaction. */
function conditional(condition: Condition | undefined) {
  if (!condition) return {};
  const x = new Expr();
  return { ConditionExpression: condition(x), ...x.params() };
}

export const portalUserRepository = {
  /** `consistent` for the auth check: a deactivation must apply to the very next request. */
  async get(tenantId: string, userId: string, options: { consistent?: boolean } = {}): Promise<PortalUser | undefined> {
    return getItem<PortalUser>(primaryKey(tenantId, userId), FIELDS, options.consistent ?? false);
  },

  async userIdForEmail(tenantId: string, email: string): Promise<string | undefined> {
    const login = await getItem<{ userId: string }>(loginKey(tenantId, email.toLowerCase()), LOGIN_FIELDS);
    return login?.userId;
  },

  /**
   * Writes a user and claims its login email in one transaction: a second contact of
   * the same tenant cannot take an email already used for a login. A user whose email
   * changed releases the old one in the same transaction. With `ifUpdatedAt`, the write
   * happens only if the stored user is still the version that was read.
   */
  async save(user: Omit<PortalUser, 'createdAt' | 'updatedAt'>, previousEmail?: string, options: { ifUpdatedAt?: string } = {}): Promise<void> {
    const email = user.email.toLowerCase();
    const now = new Date().toISOString();
    // A put replaces the item: a createdAt the caller carries along is kept, otherwise it is now.
    const record = { ...user, email, createdAt: (user as Partial<PortalUser>).createdAt ?? now, updatedAt: now };
    const keys = { ...primaryKey(user.tenantId, user.userId), gsi1pk: tenantPartition(user.tenantId), gsi1sk: `COMPANY#${user.companyId}#USER#${user.userId}` };
    const ifUpdatedAt = options.ifUpdatedAt;
    const ownedByUser: Condition = (x) => `${x.name('userId')} = ${x.value(user.userId)}`;
    const TableName = tableName();
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: toItem(record, FIELDS, keys, ENTITY),
                ...conditional(ifUpdatedAt ? (x) => `${x.name('updatedAt')} = ${x.value(ifUpdatedAt)}` : undefined),
              },
            },
            {
              Put: {
                TableName,
                Item: toItem({ tenantId: user.tenantId, email, userId: user.userId }, LOGIN_FIELDS, loginKey(user.tenantId, email), LOGIN_ENTITY),
                ...conditional((x) => `attribute_not_exists(${x.name('email')}) OR ${ownedByUser(x)}`),
              },
            },
            ...(previousEmail && previousEmail.toLowerCase() !== email
              ? [{ Delete: { TableName, Key: loginKey(user.tenantId, previousEmail.toLowerCase()), ...conditional(ownedByUser) } }]
              : []),
          ],
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'TransactionCanceledException') throw err;
      const reasons = ((err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code);
      if (reasons[0] === 'ConditionalCheckFailed') throw new PortalUserChangedError(user.userId);
      if (reasons[1] === 'ConditionalCheckFailed') throw new LoginEmailTakenError(email);
      throw new Error(`saving portal user failed: ${reasons.join(',')}`);
    }
  },

  async update(tenantId: string, userId: string, changes: PortalUserChanges, expectedStatus?: PortalUser['status']): Promise<PortalUser | undefined> {
    try {
      return await updateItem<PortalUser>(
        primaryKey(tenantId, userId),
        { set: { ...changes, updatedAt: new Date().toISOString() } },
        FIELDS,
        and(exists, expectedStatus && statusIs(expectedStatus)),
      );
    } catch (err) {
      if (isConflict(err)) return undefined;
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
      return await updateItem<PortalUser>(
        primaryKey(tenantId, userId),
        { set: { status: 'active', activatedAt: at.toISOString(), updatedAt: new Date().toISOString() }, remove: ['invitationHash', 'invitationExpiresAt'] },
        FIELDS,
        // Only with the link that is valid now: a resend in the meantime wins.
        and(exists, statusIs('invited'), (x) => `${x.name('invitationHash')} = ${x.value(invitationHash)}`),
      );
    } catch (err) {
      if (isConflict(err)) return undefined;
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
      return await updateItem<PortalUser>(
        primaryKey(tenantId, userId),
        { set: { ...set, updatedAt: new Date().toISOString() }, remove },
        FIELDS,
        and(exists, statusIs(from)),
      );
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },

  async list(tenantId: string, options: { companyId?: string; status?: PortalUser['status']; limit?: number; cursor?: string }): Promise<Page<PortalUser>> {
    const partition = tenantPartition(tenantId);
    const { items, cursor: next } = await queryPage<PortalUser>(
      {
        index: 'gsi1',
        partition,
        sortPrefix: options.companyId ? `COMPANY#${options.companyId}#USER#` : 'COMPANY#',
        filter: options.status ? statusIs(options.status) : undefined,
        cursor: options.cursor,
        limit: options.limit ?? DEFAULT_PAGE_SIZE,
      },
      FIELDS,
    );
    return { items, ...(next ? { cursor: next } : {}) };
  },
};
