import { created } from '../../../core/replies';
import { ok } from '../../../core/replies';
import { adminRequest } from '../../requests/staffRequests';
import { createFormRequest, createRequestUpload as newUpload, requestFileLink, toRequestView, visibleRequest } from '../../requests/requests';
import type { HandlerOf } from '../routeHandler';

/** What touches the files bucket for requests: uploads, the request that claims them, links to its files. */
export const createRequestUpload: HandlerOf<'POST', '/api/requests/uploads'> = async ({ caller, input }) => created(await newUpload(caller, input.body));
/** 201 the first time, 200 with the same request when the submission is sent again. */
export const createRequest: HandlerOf<'POST', '/api/requests'> = async ({ caller, input }) => {
  const { request, created: isNew } = await createFormRequest(caller, input.body);
  return { status: isNew ? 201 : 200, body: toRequestView(request) };
};
export const getRequestAttachment: HandlerOf<'GET', '/api/requests/{requestId}/attachments/{attachmentId}'> = async ({ caller, input }) =>
  ok(await requestFileLink(await visibleRequest(caller, input.path.requestId), input.path.attachmentId));
export const getRequestAttachmentAdmin: HandlerOf<'GET', '/api/admin/requests/{requestId}/attachments/{attachmentId}'> = async ({ caller, input }) =>
  ok(await requestFileLink(await adminRequest(caller, input.path.requestId), input.path.attachmentId));
