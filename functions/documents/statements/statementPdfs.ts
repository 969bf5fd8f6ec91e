import { createHash } from 'node:crypto';
import type { StatementPdfReply, StatementView } from '../../../shared/api/statements';
import { publishEvent } from '../../aws/eventBus';
import { fileInfo, presignDownload } from '../../aws/files';
import { portalUrl } from '../../core/portalUrl';
import { type Tenant, tenantRepository } from '../../customers/tenantRepository';
import { PDF_RETRY_SECONDS } from '../pdf/documentPdfs';
import { renderRequestRepository } from '../pdf/renderRequestRepository';
import { DOWNLOAD_SECONDS } from '../threads/uploads';
import type { StatementPdfTenant } from './statementPdf';

/**
 * A statement's PDF on the request path (the `files` Lambda). The statement is computed
 * here anyway (to authorise and to name the file), so its PDF is stored under a key that
 * names its content — a hash of the statement view and of what it shows of the tenant —
 * and the same statement renders once while a changed one (a payment since, a new
 * period, new contact details) gets a new file. The link when that file exists; else 202
 * `preparing` and `statement.pdf-requested` on the bus (once a minute at most, however
 * often the client polls), for the `pdf` Lambda (`statementPdfRendering.ts`), which
 * computes the statement again with the same service and stores it under the same key.
 */

/** Bumped when what a statement PDF shows changes, so PDFs drawn by an earlier layout are drawn again. */
export const STATEMENT_PDF_LAYOUT = 2;

/** What the PDF shows of the tenant, this statement's page on its portal included. */
export function statementLook(tenant: Tenant | undefined, statement: StatementView): StatementPdfTenant {
  if (!tenant) return { name: '' };
  const query = new URLSearchParams({ ...(statement.currency ? { currency: statement.currency } : {}), from: statement.from, to: statement.to });
  return {
    name: tenant.name,
    ...(tenant.branding?.primaryColour ? { primaryColour: tenant.branding.primaryColour } : {}),
    ...(tenant.contactDetails ? { contact: tenant.contactDetails } : {}),
    portalLink: portalUrl(tenant.slug, `/statement?${query}`),
  };
}

export function statementPdfKey(tenantId: string, statement: StatementView, look: StatementPdfTenant): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([STATEMENT_PDF_LAYOUT, statement, look]))
    .digest('hex')
    .slice(0, 32);
  return `tenants/${tenantId}/statements/${statement.company.companyId}/${hash}.pdf`;
}

export const statementPdfFileName = (statement: StatementView): string => `Statement-${statement.currency ?? 'none'}-${statement.from}-to-${statement.to}.pdf`;

/** One tenant read and one HEAD beside the statement's own reads; a link, or a render asked for. */
export async function statementPdfLink(tenantId: string, statement: StatementView): Promise<StatementPdfReply> {
  const key = statementPdfKey(tenantId, statement, statementLook(await tenantRepository.get(tenantId), statement));
  if (await fileInfo(key)) {
    return presignDownload(key, { fileName: statementPdfFileName(statement), contentType: 'application/pdf', expiresInSeconds: DOWNLOAD_SECONDS });
  }
  if (await renderRequestRepository.claim(tenantId, key))
    await publishEvent('statement.pdf-requested', {
      tenantId,
      companyId: statement.company.companyId,
      ...(statement.currency ? { currency: statement.currency } : {}),
      from: statement.from,
      to: statement.to,
    });
  return { status: 'preparing', retryAfterSeconds: PDF_RETRY_SECONDS };
}
