import { apiHandler } from '../http/apiHandler';
import { created, ok } from '../http/responses';
import { notFoundIn } from '../services/adminSupport';
import { recordAudit } from '../services/audit';
import { toStaffView } from '../services/documents/documentViews';
import { publishDocument as publish, withdrawDocument as withdraw } from '../services/documents/publishing';
import { documentRepository } from '../repositories/documentRepository';
import { callerOf, documentCallerOf } from './caller';

/** Documents from the CRM (or staff): publish by the CRM's id, read back, withdraw. */

export const publishDocument = apiHandler('PUT /api/admin/documents/{type}/{documentId}', async (ctx) => {
  const { type, documentId } = ctx.input.path;
  const { outcome, document } = await publish(await documentCallerOf(ctx), type, documentId, ctx.input.body);
  const body = { outcome, document: toStaffView(document) };
  return outcome === 'created' ? created(body, { location: `/api/admin/documents/${type}/${documentId}` }) : ok(body);
});

export const getDocumentAdmin = apiHandler('GET /api/admin/documents/{type}/{documentId}', async (ctx) => {
  const { tenantId } = callerOf(ctx);
  const doc = await documentRepository.get(tenantId, ctx.input.path.type, ctx.input.path.documentId);
  if (!doc) throw notFoundIn('document');
  return ok(toStaffView(doc));
});

export const withdrawDocument = apiHandler('POST /api/admin/documents/{type}/{documentId}/withdraw', async (ctx) => {
  const caller = await documentCallerOf(ctx);
  const doc = await withdraw(caller, ctx.input.path.type, ctx.input.path.documentId);
  await recordAudit({ tenantId: caller.tenantId, action: 'document.withdrawn', actor: caller.actor, subjects: [`company:${doc.companyId}`], event: ctx.event, details: { type: doc.type, documentId: doc.documentId, number: doc.number } });
  return ok(toStaffView(doc));
});
