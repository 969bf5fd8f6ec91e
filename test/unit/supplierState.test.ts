import type { DocumentLine } from '../../shared/api/documents';
import type { DateProposal, StoredDocument } from '../../functions/documents/documentRepository';
import { supplierAfterPublish, supplierState, supplierView } from '../../functions/documents/purchaseOrders/supplierState';

/**
 * A purchase order's supplier side, on hand-made orders: its state, what a publish does to
 * an acknowledgement and an open proposal, and what each side's view shows.
 */

const AT = '2026-11-01T09:00:00.000Z';
const line = (description: string, deliveryDate?: string): DocumentLine => ({
  description,
  quantity: 1,
  unitPrice: 1000,
  discount: 0,
  tax: 0,
  total: 1000,
  ...(deliveryDate ? { deliveryDate } : {}),
});

function order(overrides: Partial<StoredDocument> = {}): StoredDocument {
  return {
    tenantId: 't',
    type: 'purchase-order',
    documentId: 'po-1',
    companyId: 'c',
    number: 'PO-1',
    status: 'open',
    statusGroup: 'open',
    issueDate: '2026-11-01',
    currency: 'USD',
    lines: [line('Cartons', '2026-12-01'), line('Labels', '2026-12-08')],
    totals: { subtotal: 2000, tax: 0, total: 2000 },
    version: 1,
    revision: 1,
    bodyHash: 'b',
    contentHash: 'h1',
    publishedAt: AT,
    updatedAt: AT,
    history: [],
    ...overrides,
  };
}

const acknowledgement = { at: AT, by: 'Sam', userId: 'u', version: 1, contentHash: 'h1', ip: '203.0.113.9', userAgent: 'Firefox' };
const proposal: DateProposal = {
  at: AT,
  by: 'Sam',
  userId: 'u',
  version: 1,
  contentHash: 'h1',
  note: 'Back-ordered',
  status: 'open',
  lines: [
    { line: 0, previousDate: '2026-12-01', proposedDate: '2026-12-05' },
    { line: 1, previousDate: '2026-12-08', proposedDate: '2026-12-20' },
  ],
};

describe('supplierState', () => {
  it('awaits acknowledgement while open; changes proposed while a proposal is open; acknowledged once acknowledged; else not open', () => {
    expect(supplierState(order())).toBe('awaiting-acknowledgement');
    expect(supplierState(order({ dateProposal: proposal }))).toBe('changes-proposed');
    expect(supplierState(order({ dateProposal: { ...proposal, status: 'answered' } }))).toBe('awaiting-acknowledgement');
    expect(supplierState(order({ acknowledgement }))).toBe('acknowledged');
    expect(supplierState(order({ status: 'received', acknowledgement }))).toBe('acknowledged');
    expect(supplierState(order({ status: 'closed' }))).toBe('not-open');
  });
});

describe('supplierAfterPublish', () => {
  it('leaves both as they are when only the status changed', () => {
    const existing = order({ acknowledgement, dateProposal: proposal });
    const after = supplierAfterPublish(existing, existing.lines, false, 2, AT);
    expect(after).toEqual({ acknowledgement, dateProposal: proposal, voidedAcknowledgement: false, history: [] });
  });

  it('voids the acknowledgement on a new content, saying so in the history', () => {
    const after = supplierAfterPublish(order({ acknowledgement }), [line('Cartons', '2026-12-02')], true, 2, AT);
    expect(after.acknowledgement).toBeUndefined();
    expect(after.voidedAcknowledgement).toBe(true);
    expect(after.history).toEqual([expect.objectContaining({ action: 'acknowledgement-voided', version: 2 })]);
  });

  it('answers an open proposal line by line: accepted where the new version carries the proposed date', () => {
    const lines = [line('Cartons', '2026-12-05'), line('Labels', '2026-12-10')];
    const after = supplierAfterPublish(order({ dateProposal: proposal }), lines, true, 2, AT);
    expect(after.dateProposal).toMatchObject({
      status: 'answered',
      answeredVersion: 2,
      lines: [
        { line: 0, accepted: true },
        { line: 1, accepted: false },
      ],
    });
    expect(after.history).toEqual([expect.objectContaining({ action: 'dates-answered', detail: '1 of 2 proposed delivery dates accepted in version 2.' })]);
  });

  it('leaves a withdrawn or answered proposal alone, and does nothing to other types', () => {
    const withdrawn = { ...proposal, status: 'withdrawn' as const };
    expect(supplierAfterPublish(order({ dateProposal: withdrawn }), [], true, 2, AT).dateProposal).toBe(withdrawn);
    expect(supplierAfterPublish(order({ type: 'quote', acknowledgement }), [], true, 2, AT).voidedAcknowledgement).toBe(false);
  });
});

describe('supplierView', () => {
  it('shows the evidence to staff only, names the proposed lines, and leaves other types without one', () => {
    const doc = order({ acknowledgement, dateProposal: { ...proposal, status: 'withdrawn' } });
    const portal = supplierView(doc)!;
    expect(portal.acknowledgement).toEqual({ at: AT, by: 'Sam', version: 1 });
    expect(portal.proposal?.lines[1]).toEqual({ line: 1, description: 'Labels', previousDate: '2026-12-08', proposedDate: '2026-12-20' });
    expect(supplierView(doc, true)!.acknowledgement).toMatchObject({ ip: '203.0.113.9', userAgent: 'Firefox', userId: 'u' });
    expect(supplierView(order({ type: 'quote' }))).toBeUndefined();
  });
});
