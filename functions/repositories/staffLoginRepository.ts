import { Entity, type EntityItem } from 'electrodb';
import { entityConfig } from './db';

/** (tenant, email) → a staff member's Cognito username in the staff pool. */
const staffLoginEntity = () =>
  new Entity(
    {
      model: { entity: 'staffLogin', version: '1', service: 'portico' },
      attributes: {
        tenantId: { type: 'string', required: true },
        email: { type: 'string', required: true },
        staffId: { type: 'string', required: true },
        name: { type: 'string', required: true },
        cognitoUsername: { type: 'string', required: true },
        status: { type: ['active', 'deactivated'] as const, required: true, default: 'active' },
      },
      indexes: {
        byEmail: {
          pk: { field: 'pk', composite: ['tenantId', 'email'], template: 'TENANT#${tenantId}#STAFF-LOGIN#${email}', casing: 'none' },
          sk: { field: 'sk', composite: [], template: 'STAFF-LOGIN', casing: 'none' },
        },
        byStaffId: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['tenantId', 'staffId'], template: 'TENANT#${tenantId}#STAFF#${staffId}', casing: 'none' },
          sk: { field: 'gsi1sk', composite: [], template: 'STAFF', casing: 'none' },
        },
      },
    },
    entityConfig(),
  );

export type StaffLogin = EntityItem<ReturnType<typeof staffLoginEntity>>;

export const staffLoginRepository = {
  async getByEmail(tenantId: string, email: string): Promise<StaffLogin | undefined> {
    const { data } = await staffLoginEntity().get({ tenantId, email: email.toLowerCase() }).go();
    return data ?? undefined;
  },

  async getByStaffId(tenantId: string, staffId: string): Promise<StaffLogin | undefined> {
    const { data } = await staffLoginEntity().query.byStaffId({ tenantId, staffId }).go({ limit: 1 });
    return data[0];
  },

  async put(login: StaffLogin): Promise<void> {
    await staffLoginEntity().put({ ...login, email: login.email.toLowerCase() }).go();
  },
};
