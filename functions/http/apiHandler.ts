import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type * as z from 'zod/mini';
import { logger } from '../lib/logger';
import { routes, routeKey, type Route, type RouteDefinition, type RouteKey } from '../routes';
import { tenantForHost, viewerHost } from '../services/tenantResolver';
import { authenticate } from './authenticate';
import { checkCsrf } from './csrf';
import { problemDetails } from './middlewares/problemDetails';
import { parseInput, readRawBody } from './middlewares/validateInput';
import { forbidden, notFound } from './problem';
import { DOCUMENT_TYPES, type DocumentType } from '../../shared/api/documents';
import { readPermission } from '../services/documents/documentState';
import type { ApiEvent, ApiResult, LambdaHandler, Principal, RequestContext } from './types';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type RouteOf<K extends RouteKey> = Extract<Route, { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;
type InputOf<K extends RouteKey, Part extends 'path' | 'query' | 'body'> = RouteOf<K> extends { input: infer I } ? (I extends Record<Part, infer S> ? Out<S> : undefined) : undefined;

type DocumentPathInput = { type?: DocumentType; documentId?: string } | undefined;

/**
 * Routes about one document type need that type's read permission; a direct-link
 * visitor reaches only the document of their link (another answers 404, as a document
 * of another company does).
 */
function assertDocumentScope(route: RouteDefinition, principal: Extract<Principal, { kind: 'portal' }>, path: DocumentPathInput): void {
  const type = path?.type ?? documentTypeOfPath(route.path);
  if (route.readsDocumentType && type && !principal.permissions.includes(readPermission(type))) throw forbidden();
  // Routes about no document (GET /api/me) have nothing to compare; the route flag already admitted them.
  if (principal.link && route.path.startsWith('/api/documents/') && (type !== principal.link.type || path?.documentId !== principal.link.documentId)) throw notFound('No document with this id.');
}

/** The type fixed in a route's path (`/api/documents/quote/{documentId}/accept` → quote). */
function documentTypeOfPath(path: string): DocumentType | undefined {
  const segment = /^\/api\/documents\/([a-z-]+)\//.exec(path)?.[1];
  return (DOCUMENT_TYPES as readonly string[]).includes(segment ?? '') ? (segment as DocumentType) : undefined;
}

/**
 * Builds a route's Lambda handler from its row in the route table, looked up by route
 * key: caller kind, permission and input schemas all live in that one row. The function
 * it wraps only sees parsed input and a verified principal.
 */
export function apiHandler<K extends RouteKey>(
  key: K,
  fn: (ctx: RequestContext<InputOf<K, 'path'>, InputOf<K, 'query'>, InputOf<K, 'body'>>) => Promise<ApiResult>,
): LambdaHandler {
  const route: RouteDefinition | undefined = routes.find((r) => routeKey(r) === key);
  if (!route) throw new Error(`No route ${key} in the route table`);
  const schemas = route.input ?? {};

  return middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .handler(async (event) => {
      const requestId = event.requestContext?.requestId ?? 'local';
      logger.appendKeys({ requestId, route: key });
      const hostTenant = await tenantForHost(viewerHost(event.headers));
      const principal = await authenticate(event, route.caller, hostTenant);
      checkCsrf(event, route.method, principal);
      if ('tenantId' in principal) logger.appendKeys({ tenantId: principal.tenantId });
      else if (hostTenant) logger.appendKeys({ tenantId: hostTenant.tenantId });
      if (principal.kind === 'portal' && principal.link && !route.directLink) throw forbidden('A direct link opens its one document only. Sign in to see the rest of the portal.');
      if (route.permission && (principal.kind !== 'portal' || !principal.permissions.includes(route.permission))) {
        throw forbidden();
      }
      // A webhook's body is its signed payload: handed over as the exact bytes, never parsed or re-encoded here.
      const rawBody = route.caller === 'webhook' ? readRawBody(event) : undefined;
      const parsed = route.caller === 'webhook' ? { ...event, body: undefined, isBase64Encoded: false } : event;
      const input = parseInput(parsed, schemas) as RequestContext<InputOf<K, 'path'>, InputOf<K, 'query'>, InputOf<K, 'body'>>['input'];
      if (principal.kind === 'portal') assertDocumentScope(route, principal, input.path as DocumentPathInput);
      return fn({ route, event, requestId, hostTenant, principal, input, ...(rawBody ? { rawBody } : {}) });
    }) as unknown as LambdaHandler;
}
