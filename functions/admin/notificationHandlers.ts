import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const getNotificationSettings = notYetBuilt;
export const setNotificationSettings = notYetBuilt;
