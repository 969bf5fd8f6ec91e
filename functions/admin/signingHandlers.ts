import { apiHandler } from '../http/apiHandler';
import { ok } from '../http/responses';
import { evidenceFileName, signatureEvidenceForStaff } from '../services/documents/signing';
import { callerOf } from './caller';

/** Staff (or the CRM) download an order's signature evidence, with every voided signature. */
export const getSignatureEvidenceAdmin = apiHandler('GET /api/admin/documents/sales-order/{documentId}/signature', async (ctx) => {
  const { tenantId } = callerOf(ctx);
  const body = await signatureEvidenceForStaff(tenantId, ctx.input.path.documentId);
  return ok(body, { 'content-disposition': `attachment; filename="${evidenceFileName(body.evidence)}"` });
});
