import type { Permission } from '../../shared/permissions';
import { exists, notExists, putItem, queryAll, stringSet, toItem, updateItem, type Keys } from '../table/db';
import { isConflict } from '../table/conflicts';

/** A team of portal users and the permissions its members get. All of a tenant's teams share one partition: one Query reads them. */
export type Team = {
  tenantId: string;
  teamId: string;
  name: string;
  /** A DynamoDB string set in the table; an array here. */
  permissions: Permission[];
  updatedAt: string;
};

type TeamItem = Omit<Team, 'permissions'> & { permissions?: Set<string> };

const ENTITY = 'team';
const FIELDS = ['tenantId', 'teamId', 'name', 'permissions', 'updatedAt'] as const;
const primaryKey = (tenantId: string, teamId: string): Keys => ({ pk: `TENANT#${tenantId}#TEAMS`, sk: `TEAM#${teamId}` });

const fromItem = (item: TeamItem): Team => ({ ...item, permissions: [...(item.permissions ?? [])] as Permission[] });

/** The two teams every tenant starts with (the names the CRMs' portals use). */
export const DEFAULT_TEAMS: Array<Pick<Team, 'teamId' | 'name' | 'permissions'>> = [
  {
    teamId: 'customer-portal-users',
    name: 'Customer Portal Users',
    permissions: [
      'quotes:read',
      'quotes:accept',
      'orders:read',
      'orders:sign',
      'orders:place',
      'invoices:read',
      'invoices:pay',
      'jobs:read',
      'artwork:approve',
      'messages:write',
      'catalog:read',
      'catalog:prices',
      'quote-requests:write',
      'job-requests:write',
      'tickets:read',
      'tickets:write',
      'knowledge-base:read',
      'projects:read',
      'profile:write',
    ],
  },
  {
    teamId: 'customer-portal-supplier-users',
    name: 'Customer Portal Supplier Users',
    permissions: ['purchase-orders:read', 'purchase-orders:acknowledge', 'supplier-bills:read', 'messages:write', 'profile:write'],
  },
];

export const teamRepository = {
  async list(tenantId: string): Promise<Team[]> {
    const items = await queryAll<TeamItem>({ partition: `TENANT#${tenantId}#TEAMS`, sortPrefix: 'TEAM#' }, FIELDS);
    return items.map(fromItem);
  },

  /** Creates the default teams that are missing; leaves edited ones alone. */
  async ensureDefaults(tenantId: string): Promise<void> {
    for (const team of DEFAULT_TEAMS) {
      const record = { tenantId, ...team, permissions: stringSet(team.permissions), updatedAt: new Date().toISOString() };
      try {
        await putItem(toItem(record, FIELDS, primaryKey(tenantId, team.teamId), ENTITY), notExists);
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
    }
  },

  async update(tenantId: string, teamId: string, changes: { name?: string; permissions?: Permission[] }): Promise<Team | undefined> {
    try {
      const set = { name: changes.name, permissions: changes.permissions && new Set(changes.permissions), updatedAt: new Date().toISOString() };
      return fromItem(await updateItem<TeamItem>(primaryKey(tenantId, teamId), { set }, FIELDS, exists));
    } catch (err) {
      if (isConflict(err)) return undefined;
      throw err;
    }
  },
};
