import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const signOrder = notYetBuilt;
export const getSignatureEvidence = notYetBuilt;
export const setSigningPin = notYetBuilt;
