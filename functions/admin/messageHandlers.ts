import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const listMessagesAdmin = notYetBuilt;
export const postStaffMessage = notYetBuilt;
