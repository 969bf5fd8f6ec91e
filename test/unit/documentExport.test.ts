import { MAX_EXPORT_ROWS } from '../../shared/api/documentExports';
import type { PortalCaller } from '../../functions/core/callers';
import { Problem } from '../../functions/core/problems';
import { documentRepository, type DocumentSummaryRecord } from '../../functions/documents/documentRepository';
import { EXPORT_PAGE, exportDocuments } from '../../functions/documents/exports/documentExport';

/**
 * The export's bound: however long the list, one request reads at most
 * MAX_EXPORT_ROWS / EXPORT_PAGE + 1 pages, and a longer list is a 422 asking for a
 * filter, not a file cut short.
 */
const caller = { tenantId: 't1', companyId: 'c1' } as PortalCaller;
const row = (n: number): DocumentSummaryRecord => ({
  tenantId: 't1',
  type: 'invoice',
  documentId: `d${n}`,
  companyId: 'c1',
  number: `INV-${n}`,
  status: 'outstanding',
  statusGroup: 'outstanding',
  issueDate: '2026-01-01',
  currency: 'GBP',
  totals: { subtotal: 100, tax: 20, total: 120 },
  balance: 120,
  version: 1,
});

afterEach(() => jest.restoreAllMocks());

it('refuses an endless list with 422 naming query.status after a bounded number of Queries', async () => {
  let n = 0;
  const list = jest.spyOn(documentRepository, 'list').mockImplementation(async (_t, _c, _type, _spec, options) => ({
    items: Array.from({ length: options.limit ?? 25 }, () => row(n++)),
    cursor: 'more',
  }));
  const refused = await exportDocuments(caller, 'invoice', {}).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(Problem);
  expect(refused).toMatchObject({ status: 422, errors: [{ name: 'query.status' }] });
  expect(list).toHaveBeenCalledTimes(MAX_EXPORT_ROWS / EXPORT_PAGE + 1);
  expect(list.mock.calls.every(([, companyId, , , options]) => companyId === 'c1' && options.limit === EXPORT_PAGE)).toBe(true);
});

it('exports a list of exactly the limit whole', async () => {
  let n = 0;
  jest.spyOn(documentRepository, 'list').mockImplementation(async (_t, _c, _type, _spec, options) => {
    const items = Array.from({ length: Math.min(options.limit ?? 25, MAX_EXPORT_ROWS - n) }, () => row(n++));
    return { items, ...(n < MAX_EXPORT_ROWS ? { cursor: 'more' } : {}) };
  });
  const file = await exportDocuments(caller, 'invoice', { status: 'outstanding' });
  expect(file.rows).toBe(MAX_EXPORT_ROWS);
  expect(file.csv.split('\r\n').filter(Boolean)).toHaveLength(MAX_EXPORT_ROWS + 1);
});
