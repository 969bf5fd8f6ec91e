import type { Context } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE } from '../../shared/problem';
import type { RoomHandlers, RoomsOf } from '../core/handlers';
import { routeKey, routes, type ApiLambda } from '../routes';
import { apiHandler, type AnyHandler } from './apiHandler';
import type { ApiEvent, ApiResult, LambdaHandler } from './types';

/** Every room a Lambda serves routes of, with its handlers for that Lambda. */
export type LambdaRooms<L extends ApiLambda> = { [R in RoomsOf<L>]: RoomHandlers<R, L> };

/**
 * The Lambda entry of an API Lambda: API Gateway (or the local gateway) names the matched
 * route in `routeKey`; the route table says which room's handler answers it. Refuses to
 * load when a row names a handler its room does not export (the types refuse to compile
 * it first).
 */
export function lambdaEntry<L extends ApiLambda>(lambda: L, rooms: LambdaRooms<L>): LambdaHandler {
  const byRoom = rooms as unknown as Record<string, Record<string, AnyHandler>>;
  const served = new Map(
    routes
      .filter((r) => r.lambda === lambda)
      .map((route) => {
        const fn = byRoom[route.room]?.[route.handler];
        if (!fn)
          throw new Error(`Route ${routeKey(route)} names ${route.room}.${route.handler}, which functions/${route.room}/handlers/${lambda}.ts does not export`);
        return [routeKey(route), { route, fn }] as const;
      }),
  );
  // Each route's middleware chain is built when it is first called.
  const handlers = new Map<string, LambdaHandler>();

  return async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const match = served.get(event.routeKey);
    if (match) {
      let handler = handlers.get(event.routeKey);
      if (!handler) {
        handler = apiHandler(match.route, match.fn);
        handlers.set(event.routeKey, handler);
      }
      return handler(event, context);
    }
    return {
      statusCode: 404,
      headers: { 'content-type': PROBLEM_CONTENT_TYPE },
      body: JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: `No route ${event.routeKey}` }),
    };
  };
}
