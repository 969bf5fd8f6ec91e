import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const createDirectLink = notYetBuilt;
export const listDirectLinks = notYetBuilt;
export const revokeDirectLink = notYetBuilt;
export const revokeContactDirectLinks = notYetBuilt;
