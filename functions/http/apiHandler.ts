import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type * as z from 'zod/mini';
import { logger } from '../lib/logger';
import { routes, routeKey, type RouteDefinition } from '../routes';
import { tenantForHost, viewerHost } from '../services/tenantResolver';
import { authenticate } from './authenticate';
import { problemDetails } from './middlewares/problemDetails';
import { parseInput, type InputSchemas } from './middlewares/validateInput';
import { forbidden } from './problem';
import type { ApiEvent, ApiResult, LambdaHandler, RequestContext } from './types';

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/**
 * Builds a route's Lambda handler from its row in the route table (looked up by route
 * key, so caller kind and permission live in one place) and its input schemas. The
 * function it wraps only sees parsed input and a verified principal.
 */
export function apiHandler<S extends InputSchemas>(
  key: string,
  schemas: S,
  fn: (ctx: RequestContext<Out<S['path']>, Out<S['query']>, Out<S['body']>>) => Promise<ApiResult>,
): LambdaHandler {
  const route: RouteDefinition | undefined = routes.find((r) => routeKey(r) === key);
  if (!route) throw new Error(`No route ${key} in the route table`);

  return middy<ApiEvent, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .handler(async (event) => {
      const requestId = event.requestContext?.requestId ?? 'local';
      logger.appendKeys({ requestId, route: key });
      const hostTenant = await tenantForHost(viewerHost(event.headers));
      const principal = await authenticate(event, route.caller, hostTenant);
      if ('tenantId' in principal) logger.appendKeys({ tenantId: principal.tenantId });
      else if (hostTenant) logger.appendKeys({ tenantId: hostTenant.tenantId });
      if (route.permission && (principal.kind !== 'portal' || !principal.permissions.includes(route.permission))) {
        throw forbidden();
      }
      const input = parseInput(event, schemas) as RequestContext<Out<S['path']>, Out<S['query']>, Out<S['body']>>['input'];
      return fn({ route, event, requestId, hostTenant, principal, input });
    }) as unknown as LambdaHandler;
}
