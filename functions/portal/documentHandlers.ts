import { apiHandler } from '../http/apiHandler';
import { portalRecordsOf } from '../http/authenticate';
import { ok } from '../http/responses';
import { getDashboard as dashboard } from '../services/documents/dashboard';
import { acceptQuote as accept, approveArtwork as approve, rejectQuote as reject, requestArtworkChanges as requestChanges } from '../services/documents/decisions';
import { getDocument as read, listDocuments as list } from '../services/documents/portalDocuments';
import { portalPrincipal } from './principal';

export const getDashboard = apiHandler('GET /api/dashboard', async ({ principal }) => ok(await dashboard(portalPrincipal(principal))));

export const listDocuments = apiHandler('GET /api/documents/{type}', async ({ principal, input }) => ok(await list(portalPrincipal(principal), input.path.type, input.query)));

export const getDocument = apiHandler('GET /api/documents/{type}/{documentId}', async ({ principal, input, event }) =>
  ok(await read(portalPrincipal(principal), input.path.type, input.path.documentId, portalRecordsOf(event).company)),
);

export const acceptQuote = apiHandler('POST /api/documents/quote/{documentId}/accept', async ({ principal, input, event }) =>
  ok(await accept(portalPrincipal(principal), input.path.documentId, input.body, event)),
);

export const rejectQuote = apiHandler('POST /api/documents/quote/{documentId}/reject', async ({ principal, input, event }) =>
  ok(await reject(portalPrincipal(principal), input.path.documentId, input.body, event)),
);

export const approveArtwork = apiHandler('POST /api/documents/job/{documentId}/approve', async ({ principal, input, event }) =>
  ok(await approve(portalPrincipal(principal), input.path.documentId, input.body, event)),
);

export const requestArtworkChanges = apiHandler('POST /api/documents/job/{documentId}/request-changes', async ({ principal, input, event }) =>
  ok(await requestChanges(portalPrincipal(principal), input.path.documentId, input.body, event)),
);
