import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/api/documents';
import { logger } from '../aws/logger';
import type { Caller, PortalCaller, RequestOrigin } from '../core/callers';
import { forbidden, notFound } from '../core/problems';
import type { Reply } from '../core/replies';
import { type HostTenant, tenantForHost } from '../customers/tenantHosts';
import { readPermission } from '../documents/documentState';
import { routeKey, type RouteDefinition } from '../routes';
import { assertAdminAccess } from './adminAccess';
import { authenticate } from './authenticate';
import { presentedCredentials, sessionChangeCookies, viewerOrigin } from './cookies';
import { checkCsrf } from './csrf';
import { checkedViewerHost } from './hosts';
import { checkOrigin } from './originSecret';
import { problemDetails } from './problemDetails';
import type { ApiEvent, ApiResult, LambdaHandler } from './types';
import { parseInput, readRawBody } from './validateInput';

/** A route's handler as the adapter calls it: the caller and the parsed input in, a reply out. */
export type AnyHandler = (ctx: { caller: Caller; input: { path: unknown; query: unknown; body: unknown } }) => Promise<Reply>;

type DocumentPathInput = { type?: DocumentType; documentId?: string } | undefined;

/**
 * Routes about one document type need that type's read permission; a direct-link
 * visitor reaches only the document of their link (another answers 404, as a document
 * of another company does).
 */
function assertDocumentScope(route: RouteDefinition, caller: PortalCaller, path: DocumentPathInput): void {
  const type = path?.type ?? documentTypeOfPath(route.path);
  if (route.readsDocumentType && type && !caller.permissions.includes(readPermission(type))) throw forbidden();
  // Routes about no document (GET /api/me) have nothing to compare; the route flag already admitted them.
  if (caller.link && route.path.startsWith('/api/documents/') && (type !== caller.link.type || path?.documentId !== caller.link.documentId)) {
    throw notFound('No document with this id.');
  }
}

/** The type fixed in a route's path (`/api/documents/quote/{documentId}/accept` → quote). */
function documentTypeOfPath(path: string): DocumentType | undefined {
  const segment = /^\/api\/documents\/([a-z-]+)\//.exec(path)?.[1];
  return (DOCUMENT_TYPES as readonly string[]).includes(segment ?? '') ? (segment as DocumentType) : undefined;
}

/** Where the request came from: the gateway's view of the client, and the tenant's site the viewer is on. */
function originOf(event: ApiEvent, host: HostTenant | undefined): RequestOrigin {
  const http = event.requestContext?.http;
  const site = viewerOrigin(event);
  return {
    ...(http?.sourceIp ? { ip: http.sourceIp } : {}),
    ...(http?.userAgent ? { userAgent: http.userAgent.slice(0, 512) } : {}),
    ...(host && site ? { site } : {}),
  };
}

/** A caller without credentials: a webhook's sender, or a visitor of the Host's tenant (if any). */
async function anonymousCaller(event: ApiEvent, route: RouteDefinition, host: HostTenant | undefined, origin: RequestOrigin): Promise<Caller> {
  if (route.caller === 'webhook') return { kind: 'webhook', headers: event.headers ?? {}, origin };
  const tenant = await host?.record();
  return { kind: 'anonymous', ...(tenant ? { tenant } : {}), presented: presentedCredentials(event), origin };
}

/** A handler's reply as API Gateway's result: JSON (or a file as it is), never cached unless the handler says so, the session's cookies. */
function toResult(event: ApiEvent, reply: Reply): ApiResult {
  const cookies = reply.session ? sessionChangeCookies(event, reply.session) : [];
  return {
    statusCode: reply.status,
    headers: {
      ...(reply.body !== undefined ? { 'content-type': reply.contentType ?? 'application/json; charset=utf-8' } : {}),
      'cache-control': 'no-store',
      ...reply.headers,
    },
    ...(reply.body !== undefined ? { body: reply.contentType ? String(reply.body) : JSON.stringify(reply.body) } : {}),
    ...(cookies.length ? { cookies } : {}),
  };
}

/**
 * Builds a route's Lambda handler from its row in the route table: caller kind,
 * permission and input schemas all live in that one row. The handler it wraps only sees
 * the verified caller and the parsed input, and answers with a reply.
 */
export function apiHandler(route: RouteDefinition, handler: AnyHandler): LambdaHandler {
  const key = routeKey(route);
  const schemas = route.input ?? {};

  return middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .handler(async (event) => {
      logger.appendKeys({ requestId: event.requestContext?.requestId ?? 'local', route: key });
      checkOrigin(event);
      // The Host's tenant id, from a cached lookup; its record is read beside the caller's own records.
      const host = await tenantForHost(checkedViewerHost(event));
      const origin = originOf(event, host);
      const identity = await authenticate(event, route.caller, host, origin);
      const caller: Caller = identity.kind !== 'anonymous' ? identity : await anonymousCaller(event, route, host, origin);
      checkCsrf(event, route.method, caller);
      const tenantId = 'tenantId' in caller ? caller.tenantId : host?.tenantId;
      if (tenantId) logger.appendKeys({ tenantId });
      if (caller.kind === 'portal' && caller.link && !route.directLink)
        throw forbidden('A direct link opens its one document only. Sign in to see the rest of the portal.');
      if (route.permission && (caller.kind !== 'portal' || !caller.permissions.includes(route.permission))) throw forbidden();
      // Staff by their role, API keys by their scope: the row's `role` and `scope`.
      assertAdminAccess(route, caller);
      // A webhook's body is its signed payload: handed over as the exact bytes, never parsed or re-encoded here.
      if (caller.kind === 'webhook') caller.payload = readRawBody(event);
      const input = parseInput(caller.kind === 'webhook' ? { ...event, body: undefined, isBase64Encoded: false } : event, schemas, route.maxBodyBytes);
      if (caller.kind === 'portal') assertDocumentScope(route, caller, input.path as DocumentPathInput);
      return toResult(event, await handler({ caller, input }));
    }) as unknown as LambdaHandler;
}
