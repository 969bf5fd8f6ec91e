/**
 * The commerce room's files-Lambda handlers (rows of functions/routes.ts with `room: 'commerce', lambda: 'files'`).
 * Each part of the room keeps its handlers in a module of its own, re-exported here.
 */
export * from './files/requests';
