import { createHash } from 'node:crypto';
import type { DownloadLink } from '../../../shared/api/documents';
import type { StatementView } from '../../../shared/api/statements';
import { fileInfo, presignDownload, putFile } from '../../aws/files';
import { tenantRepository } from '../../customers/tenantRepository';
import { DOWNLOAD_SECONDS } from '../threads/uploads';
import { renderStatementPdf } from './statementPdf';

/**
 * A statement's PDF, stored under a key that names its content (a hash of the statement
 * view and the tenant's name and colour), so the same statement renders once and a changed
 * one — a payment since, a new period — gets a new file; served by a short-lived presigned
 * GET like the document PDFs.
 */
export async function statementPdfLink(tenantId: string, statement: StatementView): Promise<DownloadLink> {
  const tenant = await tenantRepository.get(tenantId);
  const look = { name: tenant?.name ?? '', primaryColour: tenant?.branding?.primaryColour };
  const hash = createHash('sha256')
    .update(JSON.stringify([statement, look]))
    .digest('hex')
    .slice(0, 32);
  const key = `tenants/${tenantId}/statements/${statement.company.companyId}/${hash}.pdf`;
  if (!(await fileInfo(key))) await putFile(key, renderStatementPdf(statement, look), { contentType: 'application/pdf' });
  const fileName = `Statement-${statement.currency ?? 'none'}-${statement.from}-to-${statement.to}.pdf`;
  return presignDownload(key, { fileName, contentType: 'application/pdf', expiresInSeconds: DOWNLOAD_SECONDS });
}
