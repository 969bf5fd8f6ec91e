import { notYetBuilt } from '../http/notYetBuilt';

// Replaced by the feature's own handlers.
export const getDocumentPdfAdmin = notYetBuilt;
export const createUploadAdmin = notYetBuilt;
export const getAttachmentAdmin = notYetBuilt;
