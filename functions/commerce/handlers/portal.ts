/**
 * The commerce room's portal-Lambda handlers (rows of functions/routes.ts with `room: 'commerce', lambda: 'portal'`).
 * Each part of the room keeps its handlers in a module of its own, re-exported here.
 */
export * from './portal/requests';
