import { notFound } from '../../../core/problems';
import type { HandlerOf } from '../routeHandler';

/** What touches the files bucket for requests: uploads, the request that claims them, links to its files. */
export const createRequestUpload: HandlerOf<'POST', '/api/requests/uploads'> = async () => {
  throw notFound('Not built yet.');
};
export const createRequest: HandlerOf<'POST', '/api/requests'> = async () => {
  throw notFound('Not built yet.');
};
export const getRequestAttachment: HandlerOf<'GET', '/api/requests/{requestId}/attachments/{attachmentId}'> = async () => {
  throw notFound('Not built yet.');
};
export const getRequestAttachmentAdmin: HandlerOf<'GET', '/api/admin/requests/{requestId}/attachments/{attachmentId}'> = async () => {
  throw notFound('Not built yet.');
};
