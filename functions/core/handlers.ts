import type * as z from 'zod/mini';
import type { ApiLambda, CallerKind, Room, Route } from '../routes';
import type { AdminCaller, ApiKeyCaller, PortalCaller, PublicCaller, StaffCaller, WebhookCaller } from './callers';
import type { Reply } from './replies';

/**
 * The shape of a route's handler, derived from its row: the caller its caller kind
 * admits and its parsed input. Handlers are plain functions in their room
 * (`functions/<room>/handlers/<lambda>.ts`); the HTTP adapter calls them.
 */
export type CallerOf<C extends CallerKind> = C extends 'portal'
  ? PortalCaller
  : C extends 'staff'
    ? StaffCaller
    : C extends 'api-key'
      ? ApiKeyCaller
      : C extends 'staff-or-api-key'
        ? AdminCaller
        : C extends 'webhook'
          ? WebhookCaller
          : PublicCaller;

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type InputOf<R, Part extends 'path' | 'query' | 'body'> = R extends { input: infer I } ? (I extends Record<Part, infer S> ? Out<S> : undefined) : undefined;

export interface HandlerContext<R extends Route> {
  caller: CallerOf<R['caller']>;
  input: { path: InputOf<R, 'path'>; query: InputOf<R, 'query'>; body: InputOf<R, 'body'> };
}

/** The body a route answers with, as its row's `reply` says (any body for a row that says none). */
export type ReplyBodyOf<R> = R extends { reply: infer T } ? T : unknown;

export type RouteHandler<R extends Route> = (ctx: HandlerContext<R>) => Promise<Reply<ReplyBodyOf<R>>>;

type RoutesOf<Rm extends Room, L extends ApiLambda> = Extract<Route, { room: Rm; lambda: L }>;

/** Every handler one room serves from one Lambda, by the names the route table gives them. */
export type RoomHandlers<Rm extends Room, L extends ApiLambda> = { [R in RoutesOf<Rm, L> as R['handler']]: RouteHandler<R> };

/**
 * A room's handlers for one Lambda, checked against the route table: a missing or extra
 * handler, or one whose input does not match its row, does not compile.
 */
export const roomHandlers = <Rm extends Room, L extends ApiLambda>(_room: Rm, _lambda: L, handlers: NoInfer<RoomHandlers<Rm, L>>): RoomHandlers<Rm, L> =>
  handlers;

/** Rooms that answer at least one route of a Lambda. */
export type RoomsOf<L extends ApiLambda> = Extract<Route, { lambda: L }>['room'];
