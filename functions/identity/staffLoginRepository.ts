import { getItem, putItem, queryPage, toItem, type Keys } from '../table/db';

/** (tenant, email) → a staff member's Cognito username in the staff pool. */
export type StaffLogin = {
  tenantId: string;
  email: string;
  staffId: string;
  name: string;
  cognitoUsername: string;
  status: 'active' | 'deactivated';
};

const ENTITY = 'staffLogin';
const FIELDS = ['tenantId', 'email', 'staffId', 'name', 'cognitoUsername', 'status'] as const;
const primaryKey = (tenantId: string, email: string): Keys => ({ pk: `TENANT#${tenantId}#STAFF-LOGIN#${email}`, sk: 'STAFF-LOGIN' });

export const staffLoginRepository = {
  async getByEmail(tenantId: string, email: string): Promise<StaffLogin | undefined> {
    return getItem<StaffLogin>(primaryKey(tenantId, email.toLowerCase()), FIELDS);
  },

  async getByStaffId(tenantId: string, staffId: string): Promise<StaffLogin | undefined> {
    const { items } = await queryPage<StaffLogin>({ index: 'gsi1', partition: `TENANT#${tenantId}#STAFF#${staffId}`, sortPrefix: 'STAFF', limit: 1 }, FIELDS);
    return items[0];
  },

  async put(login: Omit<StaffLogin, 'status'> & { status?: StaffLogin['status'] }): Promise<void> {
    const record: StaffLogin = { ...login, status: login.status ?? 'active', email: login.email.toLowerCase() };
    const keys = { ...primaryKey(login.tenantId, record.email), gsi1pk: `TENANT#${login.tenantId}#STAFF#${login.staffId}`, gsi1sk: 'STAFF' };
    await putItem(toItem(record, FIELDS, keys, ENTITY));
  },
};
