import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const getDocumentPdf = notYetBuilt;
export const createUpload = notYetBuilt;
export const getAttachment = notYetBuilt;
