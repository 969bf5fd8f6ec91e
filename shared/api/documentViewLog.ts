import * as z from 'zod/mini';
import { lazily, pageQueryFields } from './common';

/**
 * A document's view log (issue 11): every time a contact or a direct-link visitor opened
 * the document or got its PDF. Staff and the CRM read it through the admin API.
 */
export interface DocumentViewEntry {
  viewId: string;
  at: string;
  /** What was opened: the document's page (GET of the document) or its PDF. */
  what: 'document' | 'pdf';
  /** The document's version at the time. */
  version: number;
  /** Signed in (`login`) or through a direct link (`link`, with its id). */
  via: 'login' | 'link';
  /** The contact who opened it: the signed-in user's contact, or the link's recipient. */
  contactId: string;
  /** The portal login's email, when signed in (the contact's record may change; this is who it was then). */
  email?: string;
  linkId?: string;
  ip?: string;
  userAgent?: string;
}

export interface DocumentViewLogPage {
  items: DocumentViewEntry[];
  cursor?: string;
}

export const documentViewsQuery = lazily(() => z.strictObject(pageQueryFields()));
