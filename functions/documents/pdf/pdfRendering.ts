import * as z from 'zod/mini';
import { eventCatalogue, type EventEnvelope } from '../../../events/catalogue';
import type { PdfTarget } from '../../../events/rules';
import { fileInfo, putFile } from '../../aws/files';
import { logger } from '../../aws/logger';
import { companyRepository } from '../../customers/companyRepository';
import { contactRepository } from '../../customers/contactRepository';
import { tenantRepository } from '../../customers/tenantRepository';
import { documentPortalUrl } from '../documentEmails';
import { documentRepository, type StoredDocument } from '../documentRepository';
import { renderRequestedStatement } from '../statements/statementPdfRendering';
import { toView } from '../documentViews';
import { renderDocumentPdf } from './documentPdf';
import { pdfKey } from './documentPdfs';
import { buildDocumentZip } from '../zips/zipBuilder';

/**
 * The `pdf` Lambda's work: render a document's current version and store it where the
 * PDF routes look (`pdfKey`). Whatever the event says, the version rendered is the one in
 * the table now, so a late or repeated event never stores a stale PDF under a newer key;
 * a PDF that is already there is left alone (one HEAD), so EventBridge's redelivery and a
 * customer's polling cost nothing twice.
 */
export async function ensurePdf(doc: StoredDocument): Promise<string> {
  const key = pdfKey(doc);
  if (await fileInfo(key)) return key;
  const [tenant, company, contact] = await Promise.all([
    tenantRepository.get(doc.tenantId),
    companyRepository.get(doc.tenantId, doc.companyId),
    doc.contactId ? contactRepository.get(doc.tenantId, doc.contactId) : undefined,
  ]);
  const started = performance.now();
  const bytes = await renderDocumentPdf(
    toView(doc, []),
    {
      name: tenant?.name ?? '',
      branding: tenant?.branding ?? { primaryColour: '#1f2937', accentColour: '#2563eb' },
      ...(tenant?.contactDetails ? { contact: tenant.contactDetails } : {}),
    },
    {
      ...(company ? { company: { name: company.name, ...(company.address ? { address: company.address } : {}) } } : {}),
      ...(contact ? { contactName: `${contact.firstName} ${contact.lastName}`.trim() } : {}),
      ...(tenant ? { portalLink: documentPortalUrl(tenant.slug, doc.type, doc.documentId) } : {}),
    },
  );
  await putFile(key, bytes, { contentType: 'application/pdf' });
  logger.info('pdf rendered', {
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    version: doc.version,
    lines: doc.lines.length,
    bytes: bytes.length,
    ms: Math.round(performance.now() - started),
  });
  return key;
}

const RENDERED_ON = ['document.published', 'document.pdf-requested'] as const;

/** Event targets of the `pdf` Lambda, named by the rule table. */
export const pdfTargets: Record<PdfTarget, (event: EventEnvelope) => Promise<void>> = {
  async renderDocumentPdf(event) {
    const type = event['detail-type'];
    if (!(RENDERED_ON as readonly string[]).includes(type)) throw new Error(`renderDocumentPdf does not take ${type}`);
    const detail = z.parse(eventCatalogue[type as (typeof RENDERED_ON)[number]] as z.ZodMiniType, event.detail) as {
      tenantId: string;
      type: StoredDocument['type'];
      documentId: string;
    };
    const doc = await documentRepository.get(detail.tenantId, detail.type, detail.documentId, true);
    if (!doc) return logger.info('no such document: nothing to render', { ...detail });
    await ensurePdf(doc);
  },
  async renderStatementPdf(event) {
    if (event['detail-type'] !== 'statement.pdf-requested') throw new Error(`renderStatementPdf does not take ${event['detail-type']}`);
    await renderRequestedStatement(z.parse(eventCatalogue['statement.pdf-requested'], event.detail));
  },
  /** Selected documents' PDFs as one ZIP (`zips/zipBuilder.ts`), each PDF made here first if it is not yet. */
  buildDocumentZip: (event) => buildDocumentZip(event, ensurePdf),
};
