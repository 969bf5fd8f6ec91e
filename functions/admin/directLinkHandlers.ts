import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { createDirectLink as create, listDirectLinks as list, revokeContactDirectLinks as revokeAll, revokeDirectLink as revoke } from '../services/documents/directLinks';
import { callerOf } from './caller';

/** Direct links: email a contact a link to one document, list a document's links, revoke one or all of a contact's. */

export const createDirectLink = apiHandler('POST /api/admin/documents/{type}/{documentId}/direct-links', async (ctx) =>
  created(await create(callerOf(ctx), ctx.input.path.type, ctx.input.path.documentId, ctx.input.body)),
);

export const listDirectLinks = apiHandler('GET /api/admin/documents/{type}/{documentId}/direct-links', async (ctx) =>
  ok(await list(callerOf(ctx), ctx.input.path.type, ctx.input.path.documentId)),
);

export const revokeDirectLink = apiHandler('DELETE /api/admin/direct-links/{linkId}', async (ctx) => ok(await revoke(callerOf(ctx), ctx.input.path.linkId)));

export const revokeContactDirectLinks = apiHandler('POST /api/admin/contacts/{contactId}/direct-links/revoke', async (ctx) =>
  ok(await revokeAll(callerOf(ctx), ctx.input.path.contactId)),
);
