import { apiHandler } from '../http/apiHandler';
import { ok } from '../http/responses';
import { evidenceFileName, signatureEvidence, signOrder as sign } from '../services/documents/signing';
import { portalPrincipal } from './principal';

/** E-signing: sign a sales order with name and PIN, download the evidence (the PIN is set in the auth group, beside the password checks). */

export const signOrder = apiHandler('POST /api/documents/sales-order/{documentId}/sign', async ({ principal, input, event }) =>
  ok(await sign(portalPrincipal(principal), input.path.documentId, input.body, event)),
);

/** The evidence record as a JSON download. */
export const getSignatureEvidence = apiHandler('GET /api/documents/sales-order/{documentId}/signature', async ({ principal, input }) => {
  const evidence = await signatureEvidence(portalPrincipal(principal), input.path.documentId);
  return ok(evidence, { 'content-disposition': `attachment; filename="${evidenceFileName(evidence)}"` });
});
