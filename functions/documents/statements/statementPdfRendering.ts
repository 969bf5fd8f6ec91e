import type { EventDetail } from '../../../events/catalogue';
import { fileInfo, putFile } from '../../aws/files';
import { logger } from '../../aws/logger';
import { companyRepository } from '../../customers/companyRepository';
import { tenantRepository } from '../../customers/tenantRepository';
import { renderStatementPdf } from './statementPdf';
import { statementLook, statementPdfKey } from './statementPdfs';
import { companyStatement } from './statements';

/**
 * The `pdf` Lambda's side of a statement's PDF: the statement computed from the ledger
 * now, by the service the screen uses (never taken from the event, which names only the
 * company, currency and period the request path authorised), drawn and stored under the
 * key the PDF routes look for. If the statement changed since it was asked for, the PDF
 * of the new one is stored, and that is what the next poll looks for too. A PDF already
 * there is left alone (one HEAD), so redelivery costs nothing twice.
 */
export async function renderRequestedStatement(detail: EventDetail<'statement.pdf-requested'>): Promise<string | undefined> {
  const { tenantId, companyId } = detail;
  const [company, tenant] = await Promise.all([companyRepository.get(tenantId, companyId), tenantRepository.get(tenantId)]);
  if (!company) {
    logger.info('no such company: no statement to render', { tenantId, companyId });
    return undefined;
  }
  const period = { ...(detail.currency ? { currency: detail.currency } : {}), from: detail.from, to: detail.to };
  const statement = await companyStatement(tenantId, { companyId, name: company.name }, period);
  const look = statementLook(tenant, statement);
  const key = statementPdfKey(tenantId, statement, look);
  if (await fileInfo(key)) return key;
  const started = performance.now();
  const bytes = await renderStatementPdf(statement, look);
  await putFile(key, bytes, { contentType: 'application/pdf' });
  logger.info('statement pdf rendered', {
    tenantId,
    companyId,
    currency: statement.currency,
    entries: statement.entries.length,
    bytes: bytes.length,
    ms: Math.round(performance.now() - started),
  });
  return key;
}
