import { PENDING_UPLOADS_PREFIX } from '../functions/documents/threads/pendingUploads';

/**
 * What the files bucket deletes by itself, by key prefix and age: one table for the data
 * stack's lifecycle rules and the local runtime's housekeeping (s3rver has no lifecycle).
 */
export const FILES_EXPIRY = [
  // A ZIP of selected PDFs is a download of the moment; its job record is gone by then too.
  { id: 'ExpireDocumentZips', prefix: 'zips/', days: 1 },
  // An upload never attached to a message or bill (functions/documents/threads/pendingUploads.ts).
  { id: 'ExpirePendingUploads', prefix: PENDING_UPLOADS_PREFIX, days: 1 },
] as const;
