import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type * as z from 'zod/mini';
import { logger } from '../lib/logger';
import { routes, routeKey, type Route, type RouteDefinition, type RouteKey } from '../routes';
import { tenantForHost, viewerHost } from '../services/tenantResolver';
import { authenticate } from './authenticate';
import { checkCsrf } from './csrf';
import { problemDetails } from './middlewares/problemDetails';
import { parseInput } from './middlewares/validateInput';
import { forbidden } from './problem';
import type { ApiEvent, ApiResult, LambdaHandler, RequestContext } from './types';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type RouteOf<K extends RouteKey> = Extract<Route, { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }>;
type InputOf<K extends RouteKey, Part extends 'path' | 'query' | 'body'> = RouteOf<K> extends { input: infer I } ? (I extends Record<Part, infer S> ? Out<S> : undefined) : undefined;

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
      if (route.permission && (principal.kind !== 'portal' || !principal.permissions.includes(route.permission))) {
        throw forbidden();
      }
      const input = parseInput(event, schemas) as RequestContext<InputOf<K, 'path'>, InputOf<K, 'query'>, InputOf<K, 'body'>>['input'];
      return fn({ route, event, requestId, hostTenant, principal, input });
    }) as unknown as LambdaHandler;
}
