import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { adminDocument, adminSide } from '../services/documents/documentAccess';
import { postMessage, readThread } from '../services/documents/messages';
import { callerOf, documentCallerOf } from '../admin/caller';

/** A document's thread for staff and the CRM: reading it marks it read for the staff side; a reply is emailed to the contact. */

export const listMessagesAdmin = apiHandler('GET /api/admin/documents/{type}/{documentId}/messages', async (ctx) =>
  ok(await readThread(await adminDocument(callerOf(ctx).tenantId, ctx.input.path.type, ctx.input.path.documentId, true), 'staff')),
);

export const postStaffMessage = apiHandler('POST /api/admin/documents/{type}/{documentId}/messages', async (ctx) => {
  const caller = await documentCallerOf(ctx);
  const doc = await adminDocument(caller.tenantId, ctx.input.path.type, ctx.input.path.documentId, true);
  return created(await postMessage(doc, await adminSide(ctx.principal, caller.actorInfo), ctx.input.body));
});
