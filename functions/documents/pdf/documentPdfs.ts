import { DOCUMENT_KINDS, type DocumentPdfReply } from '../../../shared/api/documents';
import { fileInfo, presignDownload } from '../../aws/files';
import { publishEvent } from '../../aws/eventBus';
import type { StoredDocument } from '../documentRepository';
import { DOWNLOAD_SECONDS } from '../threads/uploads';
import { renderRequestRepository } from './renderRequestRepository';

/**
 * A document's PDF on the request path (the `files` Lambda): a short-lived link to the PDF
 * of the document's current version once it exists, else "being prepared".
 *
 * PDFs are rendered off the request path, by the `pdf` Lambda (`pdfRendering.ts`), which
 * bundles pdf-lib, fontkit and the fonts that the request path's 600 KB budget cannot
 * hold: on every publish (rule `render-document-pdf`: `document.published`), so a PDF is
 * normally there before anyone asks; and on request, for a version that has none (published
 * before PDFs were rendered on publish, or its render failed and is still being retried):
 * this answers 202 with `Retry-After` and puts `document.pdf-requested` on the bus (once a
 * minute at most per PDF however often the client polls: `renderRequestRepository`).
 *
 * The key names the version (and the layout), so a new version gets a new PDF and an old
 * one is never served for it: a PDF is either the current version's or absent.
 */

/** Bumped when what a PDF shows changes, so PDFs drawn by an earlier layout are drawn again. */
export const PDF_LAYOUT = 2;

/** How long a client waits before asking again while a PDF is rendered. */
export const PDF_RETRY_SECONDS = 2;

export const pdfKey = (doc: Pick<StoredDocument, 'tenantId' | 'type' | 'documentId' | 'version'>) =>
  `tenants/${doc.tenantId}/documents/${doc.type}/${doc.documentId}/v${doc.version}-l${PDF_LAYOUT}.pdf`;

/** `Quote-Q-1001.pdf`, `Sales-order-SO-7.pdf`: label and number, safe as a file name anywhere. */
export function pdfFileName(doc: Pick<StoredDocument, 'type' | 'number'>): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${part(DOCUMENT_KINDS[doc.type].label)}-${part(doc.number) || 'document'}.pdf`;
}

/** One HEAD; a link if the current version's PDF is there, else a render is asked for. */
export async function pdfLink(doc: StoredDocument): Promise<DocumentPdfReply> {
  const key = pdfKey(doc);
  if (await fileInfo(key)) {
    return presignDownload(key, { fileName: pdfFileName(doc), contentType: 'application/pdf', expiresInSeconds: DOWNLOAD_SECONDS });
  }
  // One event per render, not per poll: only the poll that takes the marker asks (again once it is a minute old).
  if (await renderRequestRepository.claim(doc.tenantId, key))
    await publishEvent('document.pdf-requested', { tenantId: doc.tenantId, type: doc.type, documentId: doc.documentId, version: doc.version });
  return { status: 'preparing', retryAfterSeconds: PDF_RETRY_SECONDS };
}
