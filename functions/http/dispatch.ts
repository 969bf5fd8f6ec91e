import type { Context } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE } from '../../shared/problem';
import { routes, routeKey, type RouteGroup } from '../routes';
import type { ApiEvent, ApiResult, LambdaHandler } from './types';

/**
 * The Lambda entry of a route group: API Gateway (or the local gateway) names the
 * matched route in `routeKey`, and the table says which export of the group serves it.
 */
export function groupLambda(group: RouteGroup, handlers: Record<string, LambdaHandler>) {
  const byKey = new Map<string, LambdaHandler>();
  for (const route of routes) {
    if (route.group !== group) continue;
    const handler = handlers[route.handler];
    if (!handler) throw new Error(`Route ${routeKey(route)} names ${group}.${route.handler}, which is not exported`);
    byKey.set(routeKey(route), handler);
  }
  return async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const handler = byKey.get(event.routeKey);
    if (handler) return handler(event, context);
    return {
      statusCode: 404,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      body: JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${event.routeKey}` }),
    };
  };
}
