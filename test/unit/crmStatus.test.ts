import { storedStatus } from '../../functions/documents/crmStatus';
import type { StoredDocument } from '../../functions/documents/documentRepository';

/** The rule of issue 11's defect, case by case: which status a publish stores. */
type Existing = Parameters<typeof storedStatus>[2];
const doc = (over: Partial<StoredDocument>): Existing => ({ type: 'quote', status: 'open', totals: { subtotal: 0, tax: 0, total: 0 }, ...over }) as Existing;
const decision = { kind: 'accepted', at: '', by: '', userId: '', version: 1, contentHash: 'h' } as const;
const approval = { kind: 'approved', at: '', by: '', userId: '', version: 1, contentHash: 'h' } as const;

describe('storedStatus', () => {
  it('takes the CRM status on a first publish, even a decided one (an acceptance taken by phone)', () => {
    expect(storedStatus('quote', 'accepted', undefined, false)).toEqual({ status: 'accepted' });
  });

  it.each([
    ['quote', 'accepted', 'open'],
    ['quote', 'rejected', 'open'],
    ['sales-order', 'completed', 'open'],
  ] as const)('sets a %s’s echoed %s aside when the content changes: %s', (type, sent, awaiting) => {
    expect(storedStatus(type, sent, doc({ type, status: sent, decision }), true)).toEqual({ status: awaiting, crmStatus: sent });
  });

  it('sets an approved job’s in-progress aside when its content changes; a job that never needed approval keeps it', () => {
    expect(storedStatus('job', 'in-progress', doc({ type: 'job', status: 'in-progress', approval }), true)).toEqual({
      status: 'awaiting-approval',
      crmStatus: 'in-progress',
    });
    expect(storedStatus('job', 'in-progress', doc({ type: 'job', status: 'in-progress' }), true)).toEqual({ status: 'in-progress' });
  });

  it.each([
    ['quote', 'expired'],
    ['sales-order', 'cancelled'],
    ['job', 'completed'],
    ['job', 'cancelled'],
    ['invoice', 'paid'],
    ['invoice', 'void'],
  ] as const)('lets the business’s own %s status %s stand with changed content', (type, sent) => {
    expect(storedStatus(type, sent, doc({ type, status: 'open', decision, approval }), true)).toEqual({ status: sent });
  });

  it('keeps the status set aside when the CRM sends it again on the same content, and takes a new one', () => {
    const setAside = doc({ status: 'open', crmStatus: 'accepted' });
    expect(storedStatus('quote', 'accepted', setAside, false)).toEqual({ status: 'open', crmStatus: 'accepted' });
    expect(storedStatus('quote', 'rejected', setAside, false)).toEqual({ status: 'rejected' });
    expect(storedStatus('quote', 'accepted', doc({ status: 'open' }), false)).toEqual({ status: 'accepted' });
  });
});
