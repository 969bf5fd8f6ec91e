import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { portalSide } from '../services/documents/documentAccess';
import { postMessage as post, readThread } from '../services/documents/messages';
import { visibleDocument } from '../services/documents/portalDocuments';
import { portalPrincipal } from '../portal/principal';

/** A document's thread in the portal: reading it marks it read for the customer's side. */

export const listMessages = apiHandler('GET /api/documents/{type}/{documentId}/messages', async ({ principal, input }) =>
  ok(await readThread(await visibleDocument(portalPrincipal(principal), input.path.type, input.path.documentId, true), 'customer')),
);

export const postMessage = apiHandler('POST /api/documents/{type}/{documentId}/messages', async ({ principal, input }) => {
  const portal = portalPrincipal(principal);
  const [doc, side] = await Promise.all([visibleDocument(portal, input.path.type, input.path.documentId, true), portalSide(portal)]);
  return created(await post(doc, side, input.body));
});
