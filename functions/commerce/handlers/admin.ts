/**
 * The commerce room's admin-Lambda handlers (rows of functions/routes.ts with `room: 'commerce', lambda: 'admin'`).
 * Each part of the room keeps its handlers in a module of its own, re-exported here.
 */
export * from './admin/requests';
