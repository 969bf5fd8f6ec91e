import { DOCUMENT_KINDS, type DownloadLink } from '../../../shared/api/documents';
import { fileInfo, presignDownload, putFile } from '../../aws/files';
import { companyRepository } from '../../customers/companyRepository';
import type { StoredDocument } from '../documentRepository';
import { tenantRepository } from '../../customers/tenantRepository';
import { renderDocumentPdf } from './documentPdf';
import { toView } from '../documentViews';
import { DOWNLOAD_SECONDS } from '../threads/uploads';

/**
 * A document's PDF: rendered by Portico in the tenant's branding from the portal's view
 * of the document, stored once per version and served by a short-lived presigned GET.
 *
 * The key names the version, so a new version gets a new PDF and an old one is never
 * served for it. The first request for a version renders and stores it; the rest find it
 * (one HEAD). Two first requests at once both render and PUT the same key: an S3 PUT
 * replaces the object whole, each request presigns only after its own PUT has succeeded,
 * and both renders are of the same content, so either object is right.
 *
 * What goes in the PDF is content of the version only (lines, totals, amounts paid, notes,
 * terms, attachments' names): nothing that changes without a new version. A change of the
 * tenant's branding shows in the next version's PDF.
 */
export const pdfKey = (doc: Pick<StoredDocument, 'tenantId' | 'type' | 'documentId' | 'version'>) =>
  `tenants/${doc.tenantId}/documents/${doc.type}/${doc.documentId}/v${doc.version}.pdf`;

/** `Quote-Q-1001.pdf`, `Sales-order-SO-7.pdf`: label and number, safe as a file name anywhere. */
export function pdfFileName(doc: Pick<StoredDocument, 'type' | 'number'>): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${part(DOCUMENT_KINDS[doc.type].label)}-${part(doc.number) || 'document'}.pdf`;
}

export async function ensurePdf(doc: StoredDocument): Promise<string> {
  const key = pdfKey(doc);
  if (await fileInfo(key)) return key;
  const [tenant, company] = await Promise.all([tenantRepository.get(doc.tenantId), companyRepository.get(doc.tenantId, doc.companyId)]);
  const bytes = await renderDocumentPdf(
    toView(doc, []),
    { name: tenant?.name ?? '', branding: tenant?.branding ?? { primaryColour: '#1f2937', accentColour: '#2563eb' } },
    company ? { name: company.name, ...(company.address ? { address: company.address } : {}) } : undefined,
  );
  await putFile(key, bytes, { contentType: 'application/pdf' });
  return key;
}

export async function pdfLink(doc: StoredDocument): Promise<DownloadLink> {
  const key = await ensurePdf(doc);
  return presignDownload(key, { fileName: pdfFileName(doc), contentType: 'application/pdf', expiresInSeconds: DOWNLOAD_SECONDS });
}
