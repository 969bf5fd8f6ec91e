import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const openDirectLink = notYetBuilt;
