import type { RouteHandler } from '../../core/handlers';
import type { Route } from '../../routes';

/** The handler of one route, named by its method and path (the commerce room's handlers are named exports, one module per part). */
export type HandlerOf<M extends Route['method'], P extends Route['path']> = RouteHandler<Extract<Route, { method: M; path: P }>>;
