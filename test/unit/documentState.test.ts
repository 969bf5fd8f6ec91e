import { DOCUMENT_KINDS } from '../../shared/documentKinds';
import { PERMISSIONS } from '../../shared/permissions';
import {
  approvalPending,
  availableActions,
  balanceOf,
  currentState,
  deadline,
  readPermission,
  statusGroup,
  today,
} from '../../functions/documents/documentState';

/**
 * documentState decides which list a document is in, where it sits in the deadline index,
 * what state the customer sees today and what they may do with it. Pure: every rule here
 * is checked on hand-made documents, with an explicit `now` wherever the date matters.
 */

type StoredDocument = Parameters<typeof availableActions>[0];
type DocumentType = StoredDocument['type'];
type Permission = (typeof PERMISSIONS)[number];

const AT = '2026-11-01T09:00:00.000Z';
/** A type's first status is the one it is published in. */
const publishedStatus = (type: DocumentType): string => DOCUMENT_KINDS[type].statuses[0];

/** A published document of `type` with no portal history; statusGroup is the published status unless given. */
function doc(type: DocumentType, overrides: Partial<StoredDocument> = {}): StoredDocument {
  const status = overrides.status ?? publishedStatus(type);
  const payable = type === 'invoice' || type === 'supplier-bill';
  return {
    tenantId: 'tenant-1',
    type,
    documentId: 'doc-1',
    companyId: 'company-1',
    number: 'N-1',
    status,
    statusGroup: status,
    issueDate: '2026-11-01',
    currency: 'GBP',
    lines: [{ description: 'Window vinyl', quantity: 2, unitPrice: 4500, discount: 0, tax: 1800, total: 10800 }],
    totals: { subtotal: 9000, tax: 1800, total: 10800 },
    ...(payable ? { amountPaid: 0, balance: 10800 } : {}),
    version: 1,
    revision: 1,
    bodyHash: 'body-hash',
    contentHash: 'content-hash',
    publishedAt: AT,
    updatedAt: AT,
    history: [],
    ...overrides,
  };
}

const accepted = { kind: 'accepted', at: AT, by: 'Ann Buyer', userId: 'user-1', version: 1, contentHash: 'content-hash' } as const;
const rejected = { kind: 'rejected', at: AT, by: 'Ann Buyer', userId: 'user-1', reason: 'Too dear', version: 1, contentHash: 'content-hash' } as const;
const approved = { kind: 'approved', at: AT, by: 'Ann Buyer', userId: 'user-1', version: 1, contentHash: 'content-hash' } as const;
const changesRequested = {
  kind: 'changes-requested',
  at: AT,
  by: 'Ann Buyer',
  userId: 'user-1',
  comment: 'Bigger logo',
  version: 1,
  contentHash: 'content-hash',
} as const;
const signature = { signerName: 'Ann Buyer', at: AT, userId: 'user-1', version: 1, contentHash: 'content-hash', evidenceId: 'ev-1' };
const poAcknowledgement = { at: AT, by: 'Sam Supplier', userId: 'user-2', version: 1, contentHash: 'content-hash' };
const poProposal = {
  at: AT,
  by: 'Sam Supplier',
  userId: 'user-2',
  version: 1,
  contentHash: 'content-hash',
  note: 'Later',
  lines: [{ line: 0, proposedDate: '2026-12-30' }],
};
const poBill = {
  billId: 'b',
  number: 'B-1',
  issueDate: '2026-11-20',
  amount: 100,
  currency: 'GBP',
  at: AT,
  by: 'Sam Supplier',
  userId: 'user-2',
  attachmentId: 'at',
  fileName: 'b.pdf',
  size: 1,
};

/** Noon UTC on 23 November 2026: "today" is 2026-11-23 in every test that does not say otherwise. */
const NOW = new Date('2026-11-23T12:00:00.000Z');
const YESTERDAY = '2026-11-22';
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';

const ALL: readonly Permission[] = PERMISSIONS;
/** The two payable types, with how a test title names them. */
const PAYABLE = [
  ['an invoice', 'invoice'],
  ['a supplier bill', 'supplier-bill'],
] as const;
const OTHER_TYPES: DocumentType[] = ['sales-order', 'invoice', 'job', 'purchase-order', 'supplier-bill'];

describe('approvalPending', () => {
  it('is true for a job that requires approval and has none yet', () => {
    expect(approvalPending(doc('job', { approvalRequired: true }))).toBe(true);
  });

  it('is true for a job the CRM published as awaiting approval, even without approvalRequired', () => {
    expect(approvalPending(doc('job', { status: 'awaiting-approval' }))).toBe(true);
    expect(approvalPending(doc('job', { status: 'awaiting-approval', approvalRequired: false }))).toBe(true);
  });

  it('is false once the customer approved or asked for changes', () => {
    expect(approvalPending(doc('job', { approvalRequired: true, approval: approved }))).toBe(false);
    expect(approvalPending(doc('job', { approvalRequired: true, approval: changesRequested }))).toBe(false);
    expect(approvalPending(doc('job', { status: 'awaiting-approval', approval: approved }))).toBe(false);
  });

  it('is false for a completed or cancelled job, whatever it required', () => {
    expect(approvalPending(doc('job', { status: 'completed', approvalRequired: true }))).toBe(false);
    expect(approvalPending(doc('job', { status: 'cancelled', approvalRequired: true }))).toBe(false);
  });

  it('is false for a job in progress that does not require approval', () => {
    expect(approvalPending(doc('job'))).toBe(false);
    expect(approvalPending(doc('job', { approvalRequired: false }))).toBe(false);
  });

  it('is false for every other type, even one flagged as needing approval', () => {
    for (const type of ['quote', 'sales-order', 'invoice', 'purchase-order', 'supplier-bill'] as const) {
      expect(approvalPending(doc(type, { approvalRequired: true }))).toBe(false);
      expect(approvalPending(doc(type, { status: 'awaiting-approval' }))).toBe(false);
    }
  });
});

describe('statusGroup', () => {
  describe('of a quote', () => {
    it('is the published status while the customer has not decided', () => {
      for (const status of ['open', 'accepted', 'rejected', 'expired']) expect(statusGroup(doc('quote', { status }))).toBe(status);
    });

    it("is the customer's decision once made, whatever the published status", () => {
      expect(statusGroup(doc('quote', { status: 'open', decision: accepted }))).toBe('accepted');
      expect(statusGroup(doc('quote', { status: 'expired', decision: accepted }))).toBe('accepted');
      expect(statusGroup(doc('quote', { status: 'open', decision: rejected }))).toBe('rejected');
      expect(statusGroup(doc('quote', { status: 'accepted', decision: rejected }))).toBe('rejected');
    });
  });

  describe('of a sales order', () => {
    it('is the published status while unsigned', () => {
      for (const status of ['open', 'completed', 'cancelled']) expect(statusGroup(doc('sales-order', { status }))).toBe(status);
    });

    it('is completed once signed', () => {
      expect(statusGroup(doc('sales-order', { status: 'open', signature }))).toBe('completed');
      expect(statusGroup(doc('sales-order', { status: 'completed', signature }))).toBe('completed');
    });

    it('stays cancelled when a signed order is cancelled', () => {
      expect(statusGroup(doc('sales-order', { status: 'cancelled', signature }))).toBe('cancelled');
    });
  });

  describe.each(PAYABLE)('of %s', (_label, type) => {
    it('is void when voided, even with a balance left', () => {
      expect(statusGroup(doc(type, { status: 'void', balance: 10800 }))).toBe('void');
      expect(statusGroup(doc(type, { status: 'void', balance: 0 }))).toBe('void');
    });

    it('is paid when published as paid, even with a balance left', () => {
      expect(statusGroup(doc(type, { status: 'paid', balance: 10800 }))).toBe('paid');
    });

    it('is paid when nothing is left to pay: a zero or negative balance', () => {
      expect(statusGroup(doc(type, { status: 'outstanding', balance: 0 }))).toBe('paid');
      expect(statusGroup(doc(type, { status: 'outstanding', balance: -1 }))).toBe('paid');
    });

    it('counts a missing balance as nothing left to pay', () => {
      expect(statusGroup(doc(type, { status: 'outstanding', balance: undefined }))).toBe('paid');
    });

    it('is a credit note, never paid, when its total is negative, whatever the CRM calls it but void', () => {
      const credit = { totals: { subtotal: -8000, tax: -1600, total: -9600 }, balance: -9600 };
      expect(statusGroup(doc(type, { status: 'outstanding', ...credit }))).toBe('credit');
      expect(statusGroup(doc(type, { status: 'paid', ...credit, balance: 0 }))).toBe('credit');
      expect(statusGroup(doc(type, { status: 'void', ...credit }))).toBe('void');
    });

    it('is outstanding while any of the balance is left', () => {
      expect(statusGroup(doc(type, { status: 'outstanding', balance: 1 }))).toBe('outstanding');
      expect(statusGroup(doc(type, { status: 'outstanding', balance: 10800 }))).toBe('outstanding');
    });
  });

  describe('of a job', () => {
    it('is awaiting-approval while approval is pending', () => {
      expect(statusGroup(doc('job', { status: 'in-progress', approvalRequired: true }))).toBe('awaiting-approval');
      expect(statusGroup(doc('job', { status: 'awaiting-approval' }))).toBe('awaiting-approval');
    });

    it('is in-progress once the customer answered a job published as awaiting approval', () => {
      expect(statusGroup(doc('job', { status: 'awaiting-approval', approval: approved }))).toBe('in-progress');
      expect(statusGroup(doc('job', { status: 'awaiting-approval', approval: changesRequested }))).toBe('in-progress');
    });

    it('is the published status otherwise: in progress, completed or cancelled', () => {
      expect(statusGroup(doc('job', { status: 'in-progress' }))).toBe('in-progress');
      expect(statusGroup(doc('job', { status: 'in-progress', approvalRequired: true, approval: approved }))).toBe('in-progress');
      expect(statusGroup(doc('job', { status: 'completed', approvalRequired: true }))).toBe('completed');
      expect(statusGroup(doc('job', { status: 'cancelled', approvalRequired: true }))).toBe('cancelled');
    });
  });

  describe('of a purchase order', () => {
    it('is always the published status', () => {
      for (const status of ['open', 'received', 'closed', 'cancelled']) {
        expect(statusGroup(doc('purchase-order', { status }))).toBe(status);
        expect(statusGroup(doc('purchase-order', { status, decision: accepted, signature, approvalRequired: true, balance: 0 }))).toBe(status);
      }
    });
  });
});

describe('balanceOf', () => {
  const credit = { subtotal: -8000, tax: -1600, total: -9600 };

  it('is total − amountPaid − portalPaid on an invoice or bill, and nothing on other types', () => {
    expect(balanceOf(doc('invoice', { amountPaid: 800, portalPaid: 1000 }))).toBe(9000);
    expect(balanceOf(doc('supplier-bill', { amountPaid: 10800 }))).toBe(0);
    expect(balanceOf(doc('quote'))).toBeUndefined();
  });

  it('is what is left to pay of a sales order once a payment was asked for at purchase, and nothing before', () => {
    const order = doc('sales-order', { status: 'submitted' });
    expect(balanceOf(order)).toBeUndefined();
    expect(balanceOf({ ...order, portalPaid: 0 })).toBe(order.totals.total);
    expect(balanceOf({ ...order, portalPaid: order.totals.total })).toBe(0);
    const paid: StoredDocument = { ...order, portalPaid: order.totals.total, balance: 0 };
    expect(statusGroup(paid)).toBe('submitted');
  });

  it.each(PAYABLE)('is minus the credit left on %s with a negative total: amountPaid is the part used, and paid means all used', (_label, type) => {
    expect(balanceOf(doc(type, { totals: credit, amountPaid: 0 }))).toBe(-9600);
    expect(balanceOf(doc(type, { totals: credit, amountPaid: 1600 }))).toBe(-8000);
    expect(balanceOf(doc(type, { totals: credit, amountPaid: 9600 }))).toBe(0);
    expect(balanceOf(doc(type, { totals: credit, status: 'paid', amountPaid: 0 }))).toBe(0);
    // Money the customer paid online on a credit note is owed back to them too: more credit, not less.
    expect(balanceOf(doc(type, { totals: credit, amountPaid: 1600, portalPaid: 500 }))).toBe(-8500);
  });
});

describe('deadline', () => {
  it("is an open quote's expiry date", () => {
    expect(deadline(doc('quote', { statusGroup: 'open', expiryDate: '2026-12-23' }))).toBe('2026-12-23');
  });

  it('puts an open quote without expiry after every real date', () => {
    expect(deadline(doc('quote', { statusGroup: 'open' }))).toBe('9999-12-31');
  });

  it('puts an expired quote before every real date, whatever its expiry date', () => {
    expect(deadline(doc('quote', { status: 'expired', statusGroup: 'expired', expiryDate: '2026-12-23' }))).toBe('0000-01-01');
    expect(deadline(doc('quote', { status: 'expired', statusGroup: 'expired' }))).toBe('0000-01-01');
  });

  it('is none for a decided quote', () => {
    expect(deadline(doc('quote', { statusGroup: 'accepted', expiryDate: '2026-12-23' }))).toBeUndefined();
    expect(deadline(doc('quote', { statusGroup: 'rejected', expiryDate: '2026-12-23' }))).toBeUndefined();
  });

  it.each(PAYABLE)('is the due date of %s while outstanding, or after every real date without one', (_label, type) => {
    expect(deadline(doc(type, { statusGroup: 'outstanding', dueDate: '2026-12-01' }))).toBe('2026-12-01');
    expect(deadline(doc(type, { statusGroup: 'outstanding' }))).toBe('9999-12-31');
  });

  it.each(PAYABLE)('is none for %s once paid or void, even with a due date', (_label, type) => {
    expect(deadline(doc(type, { statusGroup: 'paid', dueDate: '2026-12-01' }))).toBeUndefined();
    expect(deadline(doc(type, { statusGroup: 'void', dueDate: '2026-12-01' }))).toBeUndefined();
  });

  it('is none for orders, jobs and purchase orders, whatever their group and dates', () => {
    for (const [type, groups] of [
      ['sales-order', ['open', 'completed', 'cancelled']],
      ['job', ['in-progress', 'awaiting-approval', 'completed', 'cancelled']],
      ['purchase-order', ['open', 'received', 'closed', 'cancelled']],
    ] as const) {
      for (const statusGroup of groups) expect(deadline(doc(type, { statusGroup, dueDate: '2026-12-01', expiryDate: '2026-12-23' }))).toBeUndefined();
    }
  });
});

describe('today', () => {
  it('is the UTC calendar date of the moment given', () => {
    expect(today(new Date('2026-11-23T00:00:00.000Z'))).toBe('2026-11-23');
    expect(today(new Date('2026-11-23T23:59:59.999Z'))).toBe('2026-11-23');
    expect(today(new Date('2026-11-24T00:30:00.000+01:00'))).toBe('2026-11-23');
  });
});

describe('currentState', () => {
  describe('of an open quote', () => {
    it('is open until the end of its expiry day, expired from the next', () => {
      expect(currentState(doc('quote', { expiryDate: TOMORROW }), NOW)).toBe('open');
      expect(currentState(doc('quote', { expiryDate: TODAY }), NOW)).toBe('open');
      expect(currentState(doc('quote', { expiryDate: YESTERDAY }), NOW)).toBe('expired');
    });

    it('turns at midnight UTC', () => {
      const quote = doc('quote', { expiryDate: '2026-11-23' });
      expect(currentState(quote, new Date('2026-11-23T23:59:59.999Z'))).toBe('open');
      expect(currentState(quote, new Date('2026-11-24T00:00:00.000Z'))).toBe('expired');
      expect(currentState(quote, new Date('2026-11-24T00:30:00.000+01:00'))).toBe('open');
    });

    it('stays open without an expiry date', () => {
      expect(currentState(doc('quote'), new Date('9000-01-01T00:00:00.000Z'))).toBe('open');
    });
  });

  it('is the stored group of a quote that is not open, even past its expiry', () => {
    for (const statusGroup of ['accepted', 'rejected', 'expired'])
      expect(currentState(doc('quote', { statusGroup, expiryDate: YESTERDAY }), NOW)).toBe(statusGroup);
  });

  describe.each(PAYABLE)('of %s while outstanding', (_label, type) => {
    it('is outstanding up to and on its due date, overdue from the next day', () => {
      expect(currentState(doc(type, { dueDate: TOMORROW }), NOW)).toBe('outstanding');
      expect(currentState(doc(type, { dueDate: TODAY }), NOW)).toBe('outstanding');
      expect(currentState(doc(type, { dueDate: YESTERDAY }), NOW)).toBe('overdue');
    });

    it('turns at midnight UTC', () => {
      const invoice = doc(type, { dueDate: '2026-11-23' });
      expect(currentState(invoice, new Date('2026-11-23T23:59:59.999Z'))).toBe('outstanding');
      expect(currentState(invoice, new Date('2026-11-24T00:00:00.000Z'))).toBe('overdue');
    });

    it('stays outstanding without a due date', () => {
      expect(currentState(doc(type), new Date('9000-01-01T00:00:00.000Z'))).toBe('outstanding');
    });
  });

  it.each(PAYABLE)('is the stored group of %s once paid or void, even past its due date', (_label, type) => {
    expect(currentState(doc(type, { status: 'paid', statusGroup: 'paid', dueDate: YESTERDAY }), NOW)).toBe('paid');
    expect(currentState(doc(type, { status: 'void', statusGroup: 'void', dueDate: YESTERDAY }), NOW)).toBe('void');
  });

  it('is the stored group of every other type, whatever its dates', () => {
    expect(currentState(doc('sales-order', { expiryDate: YESTERDAY, dueDate: YESTERDAY }), NOW)).toBe('open');
    expect(currentState(doc('purchase-order', { expiryDate: YESTERDAY, dueDate: YESTERDAY }), NOW)).toBe('open');
    expect(currentState(doc('job', { statusGroup: 'awaiting-approval', expiryDate: YESTERDAY, dueDate: YESTERDAY }), NOW)).toBe('awaiting-approval');
  });
});

describe('availableActions', () => {
  type Case = [name: string, document: StoredDocument, actions: string[]];
  /** What a holder of the type's action permission may do (messages aside), per type and state. */
  const cases: Array<[label: string, permission: Permission | undefined, states: Case[]]> = [
    [
      'a quote',
      'quotes:accept',
      [
        ['open, expiring tomorrow', doc('quote', { expiryDate: TOMORROW }), ['accept', 'reject']],
        ['open, expiring today', doc('quote', { expiryDate: TODAY }), ['accept', 'reject']],
        ['open, without expiry', doc('quote'), ['accept', 'reject']],
        ['open but past its expiry', doc('quote', { expiryDate: YESTERDAY }), []],
        ['accepted', doc('quote', { statusGroup: 'accepted', decision: accepted, expiryDate: TOMORROW }), []],
        ['rejected', doc('quote', { statusGroup: 'rejected', decision: rejected, expiryDate: TOMORROW }), []],
        ['expired', doc('quote', { status: 'expired', statusGroup: 'expired' }), []],
      ],
    ],
    [
      'a sales order',
      'orders:sign',
      [
        ['open', doc('sales-order'), ['sign']],
        ['signed', doc('sales-order', { statusGroup: 'completed', signature }), []],
        ['completed', doc('sales-order', { status: 'completed' }), []],
        ['cancelled', doc('sales-order', { status: 'cancelled' }), []],
      ],
    ],
    [
      'an invoice',
      'invoices:pay',
      [
        ['outstanding, due tomorrow', doc('invoice', { dueDate: TOMORROW }), ['pay']],
        ['outstanding, overdue', doc('invoice', { dueDate: YESTERDAY }), ['pay']],
        ['outstanding, part paid', doc('invoice', { amountPaid: 10000, balance: 800 }), ['pay']],
        [
          'a credit note (negative total), even if left in the outstanding list',
          doc('invoice', { totals: { subtotal: -9000, tax: -1800, total: -10800 }, balance: -10800 }),
          [],
        ],
        ['outstanding in the list but with no balance left', doc('invoice', { balance: 0 }), []],
        ['outstanding in the list but with no balance recorded', doc('invoice', { balance: undefined }), []],
        ['paid', doc('invoice', { status: 'paid', statusGroup: 'paid', balance: 0 }), []],
        ['void', doc('invoice', { status: 'void', statusGroup: 'void' }), []],
      ],
    ],
    [
      'a job',
      'artwork:approve',
      [
        ['awaiting approval (required)', doc('job', { approvalRequired: true, statusGroup: 'awaiting-approval' }), ['approve', 'request-changes']],
        ['awaiting approval (published so)', doc('job', { status: 'awaiting-approval', statusGroup: 'awaiting-approval' }), ['approve', 'request-changes']],
        ['approved', doc('job', { approvalRequired: true, approval: approved }), []],
        ['changes requested', doc('job', { approvalRequired: true, approval: changesRequested }), []],
        ['in progress, no approval asked', doc('job'), []],
        ['completed', doc('job', { status: 'completed', approvalRequired: true }), []],
        ['cancelled', doc('job', { status: 'cancelled', approvalRequired: true }), []],
      ],
    ],
    [
      'a purchase order',
      'purchase-orders:acknowledge',
      [
        ['open', doc('purchase-order'), ['acknowledge', 'propose-dates', 'submit-bill']],
        ['open, acknowledged', doc('purchase-order', { acknowledgement: poAcknowledgement }), ['submit-bill']],
        ['open, dates proposed', doc('purchase-order', { dateProposal: { ...poProposal, status: 'open' } }), ['acknowledge', 'submit-bill']],
        [
          'open, proposal answered',
          doc('purchase-order', { dateProposal: { ...poProposal, status: 'answered' } }),
          ['acknowledge', 'propose-dates', 'submit-bill'],
        ],
        [
          'open, with as many bills as it takes',
          doc('purchase-order', { submittedBills: Array.from({ length: 20 }, () => poBill) }),
          ['acknowledge', 'propose-dates'],
        ],
        ['received', doc('purchase-order', { status: 'received' }), ['submit-bill']],
        ['closed', doc('purchase-order', { status: 'closed' }), ['submit-bill']],
        ['cancelled', doc('purchase-order', { status: 'cancelled' }), []],
      ],
    ],
    [
      'a supplier bill',
      undefined,
      [
        ['outstanding', doc('supplier-bill', { dueDate: TOMORROW }), []],
        ['overdue', doc('supplier-bill', { dueDate: YESTERDAY }), []],
        ['paid', doc('supplier-bill', { status: 'paid', statusGroup: 'paid', balance: 0 }), []],
        ['void', doc('supplier-bill', { status: 'void', statusGroup: 'void' }), []],
      ],
    ],
  ];

  describe.each(cases)('of %s', (_label, permission, states) => {
    it.each(states)('%s: with every permission, the actions of its state, then message', (_name, document, actions) => {
      expect(availableActions(document, ALL, NOW, { payments: true })).toEqual([...actions, 'message']);
    });

    it.each(states)('%s: with no permission, none', (_name, document) => {
      expect(availableActions(document, [], NOW, { payments: true })).toEqual([]);
    });

    if (permission) {
      it.each(states)(`%s: with ${permission} alone, the actions of its state and no message`, (_name, document, actions) => {
        expect(availableActions(document, [permission], NOW, { payments: true })).toEqual(actions);
      });

      it.each(states)(`%s: with every permission but ${permission}, only message`, (_name, document) => {
        expect(
          availableActions(
            document,
            ALL.filter((p) => p !== permission),
            NOW,
            { payments: true },
          ),
        ).toEqual(['message']);
      });
    }
  });

  it('offers pay only when the tenant takes online payments from the company', () => {
    const invoice = doc('invoice', { dueDate: TOMORROW });
    expect(availableActions(invoice, ['invoices:pay'], NOW, { payments: true })).toEqual(['pay']);
    expect(availableActions(invoice, ['invoices:pay'], NOW, { payments: false })).toEqual([]);
    expect(availableActions(invoice, ['invoices:pay'], NOW, {})).toEqual([]);
    expect(availableActions(invoice, ['invoices:pay'], NOW)).toEqual([]);
  });

  it('never offers pay on a supplier bill, even to a holder of invoices:pay with payments on', () => {
    expect(availableActions(doc('supplier-bill'), ['invoices:pay'], NOW, { payments: true })).toEqual([]);
  });

  it("offers no action on a type with another type's action permission", () => {
    const actionPermissions: Permission[] = ['quotes:accept', 'orders:sign', 'invoices:pay', 'artwork:approve'];
    const pending: Array<[StoredDocument, Permission]> = [
      [doc('quote', { expiryDate: TOMORROW }), 'quotes:accept'],
      [doc('sales-order'), 'orders:sign'],
      [doc('invoice', { dueDate: TOMORROW }), 'invoices:pay'],
      [doc('job', { approvalRequired: true, statusGroup: 'awaiting-approval' }), 'artwork:approve'],
    ];
    for (const [document, own] of pending) {
      expect(
        availableActions(
          document,
          actionPermissions.filter((p) => p !== own),
          NOW,
          { payments: true },
        ),
      ).toEqual([]);
    }
  });

  it('judges a quote by the date of `now`, not by the stored group alone', () => {
    const quote = doc('quote', { expiryDate: '2026-11-23' });
    expect(availableActions(quote, ['quotes:accept'], new Date('2026-11-23T23:59:59.999Z'))).toEqual(['accept', 'reject']);
    expect(availableActions(quote, ['quotes:accept'], new Date('2026-11-24T00:00:00.000Z'))).toEqual([]);
  });

  it('offers message alone to a holder of messages:write, on every type', () => {
    for (const type of ['quote', ...OTHER_TYPES] as const)
      expect(availableActions(doc(type), ['messages:write'], NOW, { payments: true })).toEqual(['message']);
  });
});

describe('readPermission', () => {
  it('is the read permission of each type', () => {
    expect(readPermission('quote')).toBe('quotes:read');
    expect(readPermission('sales-order')).toBe('orders:read');
    expect(readPermission('invoice')).toBe('invoices:read');
    expect(readPermission('job')).toBe('jobs:read');
    expect(readPermission('purchase-order')).toBe('purchase-orders:read');
    expect(readPermission('supplier-bill')).toBe('supplier-bills:read');
  });
});
