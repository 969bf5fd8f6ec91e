import { UnitOfWork } from '../../table/unitOfWork';
import { documentRepository } from '../documentRepository';
import { deadline } from '../documentState';
import { readForWrite, withDocumentRetry } from '../documentWrites';

/**
 * Invoices published before the ledger existed are not in it. The rule: such an invoice
 * enters its company's ledger at its next write (publish, payment, withdrawal), whole — its
 * total on its issue date, what it has been paid on the day of that write (documentRepository.save,
 * `ledgered`). This walks a company's invoices and gives each one not yet in the ledger
 * that write now (nothing else changes but its revision), one conditional transaction each,
 * so it is safe beside live traffic and safe to run again: an invoice already in the ledger
 * is skipped, and a concurrent write of the same invoice either enters it first (then this
 * skips it) or makes this read again. Withdrawn invoices add nothing and are not listed.
 */
export async function backfillCompanyLedger(tenantId: string, companyId: string): Promise<{ scanned: number; entered: number }> {
  let cursor: string | undefined;
  let scanned = 0;
  let entered = 0;
  do {
    const page = await documentRepository.list(tenantId, companyId, 'invoice', { by: 'all' }, { limit: 100, cursor });
    for (const summary of page.items) {
      scanned++;
      const done = await withDocumentRetry(async () => {
        const doc = await readForWrite(tenantId, 'invoice', summary.documentId);
        if (!doc || doc.ledgered || doc.withdrawnAt) return false;
        const next = { ...doc, revision: doc.revision + 1, updatedAt: new Date().toISOString() };
        await documentRepository.save(new UnitOfWork(), next, deadline(next), doc).commit();
        return true;
      });
      if (done) entered++;
    }
    cursor = page.cursor;
  } while (cursor);
  return { scanned, entered };
}
