import { apiHandler } from '../http/apiHandler';
import { ok } from '../http/responses';
import * as notifications from '../services/notificationSettings';
import { callerOf } from './caller';

/** Who among staff is emailed about each document event (see services/notificationSettings). */
export const getNotificationSettings = apiHandler('GET /api/admin/notifications', async (ctx) => ok(await notifications.getNotificationSettings(callerOf(ctx))));

export const setNotificationSettings = apiHandler('PUT /api/admin/notifications', async (ctx) =>
  ok(await notifications.setNotificationSettings(callerOf(ctx), ctx.input.body)),
);
