import type { AdminRequestPage, AdminRequestView, RequestKind, RequestStatus } from '../../../shared/api/commerceRequests';
import { auditWrites } from '../../audit/audit';
import type { AdminCaller } from '../../core/callers';
import { conflict, notFound, unknownReference } from '../../core/problems';
import { DEFAULT_PAGE_SIZE } from '../../table/pagination';
import { isConflict, UnitOfWork } from '../../table/unitOfWork';
import { requestRepository, type StoredRequest } from './requestRepository';
import { toRequestView } from './requests';

/** Staff and the CRM: the tenant's requests, one of them, declining one; and answering one by publishing its quote or job. */

const toAdminView = (r: StoredRequest): AdminRequestView => ({ ...toRequestView(r), companyId: r.companyId });

export async function adminRequest(caller: AdminCaller, requestId: string): Promise<StoredRequest> {
  const request = await requestRepository.get(caller.tenantId, requestId);
  if (!request) throw notFound('No request with this id.');
  return request;
}

export const getRequestAdmin = async (caller: AdminCaller, requestId: string) => toAdminView(await adminRequest(caller, requestId));

/** A page of the tenant's requests (or one company's), newest first: one Query. */
export async function listRequestsAdmin(
  caller: AdminCaller,
  query: { status?: RequestStatus; kind?: RequestKind; companyId?: string; limit?: number; cursor?: string },
): Promise<AdminRequestPage> {
  const filter = { status: query.status, kind: query.kind };
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const page = query.companyId
    ? await requestRepository.pageOfCompany(caller.tenantId, query.companyId, filter, limit, query.cursor)
    : await requestRepository.pageOfTenant(caller.tenantId, filter, limit, query.cursor);
  return { items: page.items.map(toAdminView), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Declines an open request with a reason the customer sees; declining it again with the same reason changes nothing. */
export async function declineRequest(caller: AdminCaller, requestId: string, reason: string): Promise<AdminRequestView> {
  const request = await adminRequest(caller, requestId);
  if (request.status === 'declined' && request.declineReason === reason) return toAdminView(request);
  if (request.status !== 'requested') throw conflict(`This request is ${request.status} already.`);
  const at = new Date().toISOString();
  try {
    await new UnitOfWork()
      .write({ Update: requestRepository.declineUpdate(caller.tenantId, requestId, reason, caller.actor, at) })
      .write(...auditWrites(caller, { action: 'request.declined', subjects: [`company:${request.companyId}`], details: { requestId, kind: request.kind } }))
      .commit();
  } catch (err) {
    if (isConflict(err)) throw conflict('This request was answered or declined meanwhile.');
    throw err;
  }
  return toAdminView({ ...request, status: 'declined', declineReason: reason, declinedBy: caller.actor, declinedAt: at, updatedAt: at });
}

/**
 * The Update answering a request with a quote or job being published (for the publish's
 * transaction), after checking it can: a request of this tenant, of the document's company
 * and kind, open or already answered by this same document. 422 naming `body.requestId`
 * otherwise, so the CRM learns its link is wrong instead of the customer never seeing it.
 */
export async function answerRequestUpdate(
  tenantId: string,
  requestId: string,
  doc: { type: string; documentId: string; number: string; companyId: string },
  at: string,
) {
  const request = await requestRepository.get(tenantId, requestId, true);
  if (!request) throw unknownReference('body.requestId', 'is not a request of this tenant');
  if (request.kind !== doc.type) throw unknownReference('body.requestId', `is a ${request.kind} request; answer it with a ${request.kind}`);
  if (request.companyId !== doc.companyId) throw unknownReference('body.requestId', "is another company's request");
  if (request.status === 'declined') throw unknownReference('body.requestId', 'was declined');
  if (request.status === 'answered' && request.answer?.documentId !== doc.documentId) {
    throw unknownReference('body.requestId', `is answered already by ${request.answer?.type} ${request.answer?.number}`);
  }
  return requestRepository.answerUpdate(request, { type: request.kind, documentId: doc.documentId, number: doc.number }, at);
}
