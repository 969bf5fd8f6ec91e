import { Entity, type EntityItem } from 'electrodb';
import { PERMISSIONS, type Permission } from '../../shared/permissions';
import { entityConfig } from './db';
import { isConditionFailure } from './companyRepository';

/** A team of portal users and the permissions its members get. All of a tenant's teams share one partition: one Query reads them. */
const teamEntity = () =>
  new Entity(
    {
      model: { entity: 'team', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true, readOnly: true },
        teamId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true },
        permissions: { type: 'set', items: [...PERMISSIONS] as string[], required: true },
        updatedAt: { type: 'string', required: true, watch: '*', set: () => new Date().toISOString(), default: () => new Date().toISOString() },
      },
      indexes: {
        byTenant: {
          pk: { field: 'pk', composite: ['tenantId'], template: 'TENANT#${tenantId}#TEAMS', casing: 'none' },
          sk: { field: 'sk', composite: ['teamId'], template: 'TEAM#${teamId}', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

type TeamItem = EntityItem<ReturnType<typeof teamEntity>>;
export type Team = Omit<TeamItem, 'permissions'> & { permissions: Permission[] };

const fromItem = (item: TeamItem): Team => ({ ...item, permissions: [...(item.permissions ?? [])] as Permission[] });

/** The two teams every tenant starts with (the names the CRMs' portals use). */
export const DEFAULT_TEAMS: Array<Pick<Team, 'teamId' | 'name' | 'permissions'>> = [
  {
    teamId: 'customer-portal-users',
    name: 'Customer Portal Users',
    permissions: ['quotes:read', 'quotes:accept', 'orders:read', 'orders:sign', 'orders:place', 'invoices:read', 'invoices:pay', 'jobs:read', 'artwork:approve', 'messages:write', 'catalog:read', 'catalog:prices', 'quote-requests:write', 'tickets:read', 'tickets:write', 'knowledge-base:read', 'projects:read', 'profile:write'],
  },
  {
    teamId: 'customer-portal-supplier-users',
    name: 'Customer Portal Supplier Users',
    permissions: ['purchase-orders:read', 'purchase-orders:acknowledge', 'supplier-bills:read', 'messages:write', 'profile:write'],
  },
];

export const teamRepository = {
  async list(tenantId: string): Promise<Team[]> {
    const { data } = await teamEntity().query.byTenant({ tenantId }).go({ pages: 'all' });
    return data.map(fromItem);
  },

  /** Creates the default teams that are missing; leaves edited ones alone. */
  async ensureDefaults(tenantId: string): Promise<void> {
    for (const team of DEFAULT_TEAMS) {
      try {
        await teamEntity().create({ tenantId, ...team }).go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    }
  },

  async update(tenantId: string, teamId: string, changes: { name?: string; permissions?: Permission[] }): Promise<Team | undefined> {
    try {
      const { data } = await teamEntity().patch({ tenantId, teamId }).set(changes).go({ response: 'all_new' });
      return fromItem(data as TeamItem);
    } catch (err) {
      if (isConditionFailure(err)) return undefined;
      throw err;
    }
  },
};
