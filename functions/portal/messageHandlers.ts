import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const listMessages = notYetBuilt;
export const postMessage = notYetBuilt;
