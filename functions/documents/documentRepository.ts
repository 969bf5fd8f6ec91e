import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentLine, DocumentType } from '../../shared/api/documents';
import { dynamo, Expr, getItem, queryPage, tableName, toItem, updateWrite, type Changes, type Keys, type Write } from '../table/db';
import type { UnitOfWork } from '../table/unitOfWork';
import { DEFAULT_PAGE_SIZE, type Page } from '../table/pagination';
import { inboxRepository } from './inboxRepository';
import { ledgerWrites } from './statements/ledgerRepository';

export type HistoryEntry = { at: string; action: string; by?: string; version: number; detail?: string };
export type Decision = {
  kind: 'accepted' | 'rejected';
  at: string;
  by: string;
  userId: string;
  purchaseOrderReference?: string;
  reason?: string;
  version: number;
  contentHash: string;
};
export type Approval = {
  kind: 'approved' | 'changes-requested';
  at: string;
  by: string;
  userId: string;
  comment?: string;
  version: number;
  contentHash: string;
};
export type Signature = { signerName: string; at: string; userId: string; version: number; contentHash: string; evidenceId: string };
/** Purchase orders: the supplier's acknowledgement of one version's content, with where it came from. */
export type Acknowledgement = { at: string; by: string; userId: string; version: number; contentHash: string; ip?: string; userAgent?: string };
/** Purchase orders: the supplier's proposal of other delivery dates (documents/purchaseOrders/supplierState). */
export type DateProposal = {
  at: string;
  by: string;
  userId: string;
  version: number;
  contentHash: string;
  note: string;
  status: 'open' | 'answered' | 'withdrawn';
  answeredVersion?: number;
  answeredAt?: string;
  lines: Array<{ line: number; previousDate?: string; proposedDate: string; accepted?: boolean }>;
};
/** Purchase orders: a bill the supplier submitted against it (the record itself is `SubmittedBill` in purchaseOrders/billRepository). */
export type SubmittedBillEntry = {
  billId: string;
  number: string;
  issueDate: string;
  amount: number;
  currency: string;
  at: string;
  by: string;
  userId: string;
  attachmentId: string;
  fileName: string;
  size: number;
};
export type OpenPayment = { paymentId: string; contactId: string; amount: number; version: number; expiresAt: string };
export type StoredAttachment = { attachmentId: string; name: string; contentType: string; size: number; url: string; proof?: boolean };

/** A business document as stored: the CRM's content plus what happened to it in the portal. */
export type StoredDocument = {
  tenantId: string;
  type: DocumentType;
  documentId: string;
  companyId: string;
  contactId?: string;
  projectId?: string;
  /** Quotes and jobs: the portal request this answers (commerce/requests). */
  requestId?: string;
  number: string;
  title?: string;
  /** The status the CRM published, or awaiting the customer when the CRM's only echoed a decision on earlier content (documents/crmStatus). */
  status: string;
  /** The CRM's status when it was set aside for `status` (documents/crmStatus). */
  crmStatus?: string;
  /** The list it is in (status folded with the portal's own decisions): see documents/documentState. */
  statusGroup: string;
  issueDate: string;
  dueDate?: string;
  expiryDate?: string;
  currency: string;
  lines: DocumentLine[];
  totals: { subtotal: number; tax: number; total: number };
  /** Invoices and bills: paid outside Portico, as the CRM publishes it. */
  amountPaid?: number;
  /** Invoices: paid online through Portico, net of refunds and disputes (kept by the payment service). balance = total − amountPaid − portalPaid. */
  portalPaid?: number;
  /** Invoices: the one Checkout Session that may take money for it now (payments/startPayment). */
  openPayment?: OpenPayment;
  balance?: number;
  notes?: string;
  terms?: string;
  attachments?: StoredAttachment[];
  approvalRequired?: boolean;
  /** Raised by every change of the published body. */
  version: number;
  /** Raised by every write of content or portal state: the optimistic lock of those writes. */
  revision: number;
  /** sha256 of the whole published body: an identical publish is a no-op. */
  bodyHash: string;
  /** sha256 of the commercial content (all but status and payments): what a signature or acceptance is of. */
  contentHash: string;
  publishedAt: string;
  updatedAt: string;
  withdrawnAt?: string;
  decision?: Decision;
  approval?: Approval;
  signature?: Signature;
  acknowledgement?: Acknowledgement;
  dateProposal?: DateProposal;
  submittedBills?: SubmittedBillEntry[];
  history: HistoryEntry[];
  /** Messages on the thread, and those the other side has not read yet (kept by the message service). */
  messageCount?: number;
  unreadForCustomer?: number;
  unreadForStaff?: number;
  /** Invoices written since the company ledger exists: their movements are in it (statements/ledgerRepository). */
  ledgered?: boolean;
};

const ENTITY = 'document';
export const DOCUMENT_FIELDS = [
  'tenantId',
  'type',
  'documentId',
  'companyId',
  'contactId',
  'projectId',
  'requestId',
  'number',
  'title',
  'status',
  'crmStatus',
  'statusGroup',
  'issueDate',
  'dueDate',
  'expiryDate',
  'currency',
  'lines',
  'totals',
  'amountPaid',
  'portalPaid',
  'openPayment',
  'balance',
  'notes',
  'terms',
  'attachments',
  'approvalRequired',
  'version',
  'revision',
  'bodyHash',
  'contentHash',
  'publishedAt',
  'updatedAt',
  'withdrawnAt',
  'decision',
  'approval',
  'signature',
  'acknowledgement',
  'dateProposal',
  'submittedBills',
  'history',
  'messageCount',
  'unreadForCustomer',
  'unreadForStaff',
  'ledgered',
] as const;
/**
 * What an update of a stored document writes: all but its key parts and the message
 * counters, which belong to the message service (an update leaves them as they are).
 */
const UNREAD_COUNTERS = ['unreadForCustomer', 'unreadForStaff'] as const;
const UPDATED_FIELDS = DOCUMENT_FIELDS.filter((f) => !['tenantId', 'type', 'documentId', 'messageCount', 'unreadForCustomer', 'unreadForStaff'].includes(f));
/** What a list row needs: the lines, terms and history stay behind. */
const SUMMARY_FIELDS = [
  'tenantId',
  'type',
  'documentId',
  'companyId',
  'number',
  'title',
  'status',
  'statusGroup',
  'issueDate',
  'dueDate',
  'expiryDate',
  'currency',
  'totals',
  'balance',
  'version',
  'unreadForCustomer',
  'approvalRequired',
  'decision',
  'approval',
  'signature',
] as const;
export type DocumentSummaryRecord = Pick<StoredDocument, (typeof SUMMARY_FIELDS)[number]>;

/** The deadline index's end for documents without a date: after every real date. */
export const NO_DEADLINE = '9999-12-31';

export type CompanyBalances = {
  outstanding: Array<{ currency: string; balance: number; count: number }>;
  credits: Array<{ currency: string; credit: number; count: number }>;
};

export const documentKey = (tenantId: string, type: DocumentType, documentId: string): Keys => ({
  pk: `TENANT#${tenantId}#DOC#${type}#${documentId}`,
  sk: 'DOC',
});
const listPartition = (tenantId: string, companyId: string, type: DocumentType) => `TENANT#${tenantId}#COMPANY#${companyId}#DOCS#${type}`;
const groupPartition = (tenantId: string, companyId: string, type: DocumentType, group: string) => `${listPartition(tenantId, companyId, type)}#${group}`;
const deadlinePartition = (tenantId: string, companyId: string, type: DocumentType) => `${listPartition(tenantId, companyId, type)}#DEADLINE`;
/** Number search is by prefix, case-insensitive. */
export const numberKey = (number: string) => number.trim().toUpperCase();

/**
 * The index keys of a document, one list per access pattern, so every list page is one
 * Query of one company's partition whatever the tenant's size:
 * - gsi1: all of a type, by issue date;  gsi2: one status group, by issue date;
 * - gsi3: by number, for prefix search;
 * - gsi4 (sparse): documents with a deadline that matters (open quotes, outstanding
 *   invoices and bills), by that date: "overdue" and "expired" are ranges of it.
 * A withdrawn document has none of them, so it leaves every list at once.
 */
export function indexKeys(
  doc: Pick<StoredDocument, 'tenantId' | 'companyId' | 'type' | 'documentId' | 'issueDate' | 'number' | 'statusGroup'>,
  deadline: string | undefined,
): Partial<Keys> {
  const byDate = `D#${doc.issueDate}#${doc.documentId}`;
  return {
    gsi1pk: listPartition(doc.tenantId, doc.companyId, doc.type),
    gsi1sk: byDate,
    gsi2pk: groupPartition(doc.tenantId, doc.companyId, doc.type, doc.statusGroup),
    gsi2sk: byDate,
    gsi3pk: listPartition(doc.tenantId, doc.companyId, doc.type),
    gsi3sk: `N#${numberKey(doc.number)}#${doc.documentId}`,
    ...(deadline ? { gsi4pk: deadlinePartition(doc.tenantId, doc.companyId, doc.type), gsi4sk: `${deadline}#${doc.documentId}` } : {}),
  };
}
const INDEX_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk'] as const;

export type ListSpec = { by: 'all' } | { by: 'group'; group: string } | { by: 'deadline'; from?: string; before?: string } | { by: 'number'; prefix: string };

export const documentRepository = {
  async get(tenantId: string, type: DocumentType, documentId: string, consistent = false): Promise<StoredDocument | undefined> {
    return getItem<StoredDocument>(documentKey(tenantId, type, documentId), DOCUMENT_FIELDS, consistent);
  },

  /**
   * Adds to `work` a new document or a new state of one, with its index keys, as its first
   * write. `previous` is the document as read (undefined = must not exist yet): its
   * revision must still be the stored one (a concurrent write cancels the transaction,
   * which the caller retries or reports), and the company's outstanding balance moves by
   * the difference between the two (written last, so the caller's writes keep their positions).
   */
  save(work: UnitOfWork, doc: StoredDocument, deadline: string | undefined, previous: StoredDocument | undefined): UnitOfWork {
    // An invoice enters its company's ledger with this write (one published before the ledger, as if new).
    if (doc.type === 'invoice') doc.ledgered = true;
    const expectedRevision = previous?.revision;
    const keys = documentKey(doc.tenantId, doc.type, doc.documentId);
    const index = doc.withdrawnAt ? {} : indexKeys(doc, deadline);
    let write: Write;
    if (expectedRevision === undefined) {
      const x = new Expr();
      const condition = `attribute_not_exists(${x.name('pk')})`;
      write = { Put: { Item: toItem(doc, DOCUMENT_FIELDS, { ...keys, ...index } as Keys, ENTITY), ConditionExpression: condition, ...x.params() } };
    } else {
      const values = doc as Record<string, unknown>;
      const set = Object.fromEntries(UPDATED_FIELDS.filter((f) => values[f] !== undefined).map((f) => [f, values[f]]));
      const unset = [...UPDATED_FIELDS.filter((f) => values[f] === undefined), ...INDEX_ATTRIBUTES.filter((a) => !(a in index))];
      const changes: Changes = { set: { ...set, ...index }, remove: unset };
      // Moved to another company: its unread counts go with it, as read here (a message posted
      // meanwhile changes them without a new revision, so they are part of the condition).
      const moved = previous && previous.companyId !== doc.companyId;
      write = updateWrite(keys, changes, (x) =>
        [
          `${x.name('revision')} = ${x.value(expectedRevision)}`,
          ...(moved
            ? UNREAD_COUNTERS.map((c) => {
                const n = previous[c] ?? 0;
                return n ? `${x.name(c)} = ${x.value(n)}` : `(attribute_not_exists(${x.name(c)}) OR ${x.name(c)} = ${x.value(0)})`;
              })
            : []),
        ].join(' AND '),
      );
    }
    return work.write(write).writeLast(
      ...(previous
        ? inboxRepository.moveWrites(doc.tenantId, previous.companyId, doc.companyId, {
            unreadForCustomer: previous.unreadForCustomer,
            unreadForStaff: previous.unreadForStaff,
          })
        : []),
      ...outstandingBalanceUpdates(previous, doc),
      ...(doc.type === 'invoice' ? ledgerWrites(doc.tenantId, previous, doc, doc.updatedAt.slice(0, 10), doc.updatedAt) : []),
    );
  },

  /**
   * A company's running totals per currency, kept by `save`, in one read: what it owes on
   * outstanding invoices (Σ balance, how many) and the credit left on its credit notes
   * (Σ credit, how many with some left).
   */
  async balances(tenantId: string, companyId: string): Promise<CompanyBalances> {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: balancesKey(tenantId, companyId) }));
    const outstanding = new Map<string, { currency: string; balance: number; count: number }>();
    const credits = new Map<string, { currency: string; credit: number; count: number }>();
    for (const [attribute, value] of Object.entries(Item ?? {})) {
      const match = /^(balance|count|credit|credits)_([A-Z]{3})$/.exec(attribute);
      if (!match || typeof value !== 'number') continue;
      const currency = match[2]!;
      if (match[1] === 'balance' || match[1] === 'count') {
        const entry = outstanding.get(currency) ?? { currency, balance: 0, count: 0 };
        entry[match[1]] = value;
        outstanding.set(currency, entry);
      } else {
        const entry = credits.get(currency) ?? { currency, credit: 0, count: 0 };
        if (match[1] === 'credit') entry.credit = value;
        else entry.count = value;
        credits.set(currency, entry);
      }
    }
    const byCurrency = (a: { currency: string }, b: { currency: string }) => a.currency.localeCompare(b.currency);
    return {
      outstanding: [...outstanding.values()].filter((e) => e.count > 0).sort(byCurrency),
      credits: [...credits.values()].filter((e) => e.count > 0).sort(byCurrency),
    };
  },

  /** One page of a company's documents of one type. */
  async list(
    tenantId: string,
    companyId: string,
    type: DocumentType,
    spec: ListSpec,
    options: { limit?: number; cursor?: string; descending?: boolean },
  ): Promise<Page<DocumentSummaryRecord>> {
    const base = { limit: options.limit ?? DEFAULT_PAGE_SIZE, descending: options.descending };
    let query: Parameters<typeof queryPage>[0];
    switch (spec.by) {
      case 'all':
        query = { index: 'gsi1', partition: listPartition(tenantId, companyId, type), sortPrefix: 'D#', ...base };
        break;
      case 'group':
        query = { index: 'gsi2', partition: groupPartition(tenantId, companyId, type, spec.group), sortPrefix: 'D#', ...base };
        break;
      case 'deadline':
        query = {
          index: 'gsi4',
          partition: deadlinePartition(tenantId, companyId, type),
          sortPrefix: '',
          sortRange: { from: spec.from, before: spec.before },
          ...base,
        };
        break;
      case 'number':
        query = { index: 'gsi3', partition: listPartition(tenantId, companyId, type), sortPrefix: `N#${numberKey(spec.prefix)}`, ...base };
        break;
    }
    const { items, cursor: next } = await queryPage<DocumentSummaryRecord>({ ...query, cursor: options.cursor }, SUMMARY_FIELDS);
    return { items, ...(next ? { cursor: next } : {}) };
  },
};

const balancesKey = (tenantId: string, companyId: string): Keys => ({ pk: `TENANT#${tenantId}#COMPANY#${companyId}#BALANCES`, sk: 'BALANCES' });

/**
 * What an invoice adds to its company's outstanding balance: its balance while outstanding
 * and in the portal. A credit note (status group `credit`) adds nothing and takes nothing
 * off: the business applies a credit by booking it against an invoice (that invoice's
 * `amountPaid`), so subtracting it here too would count it twice.
 */
function contribution(doc: StoredDocument | undefined): { companyId: string; currency: string; balance: number } | undefined {
  if (doc?.type !== 'invoice' || doc.withdrawnAt || doc.statusGroup !== 'outstanding') return undefined;
  return { companyId: doc.companyId, currency: doc.currency, balance: doc.balance ?? 0 };
}

/** What a credit note adds to its company's credit: the credit left on it (minus its balance), while it has some and is in the portal. */
function creditContribution(doc: StoredDocument | undefined): { companyId: string; currency: string; credit: number } | undefined {
  if (doc?.type !== 'invoice' || doc.withdrawnAt || doc.statusGroup !== 'credit' || (doc.balance ?? 0) >= 0) return undefined;
  return { companyId: doc.companyId, currency: doc.currency, credit: -(doc.balance ?? 0) };
}

/**
 * The dashboard's outstanding balance and credit are running totals per company and currency, moved
 * in the same transaction as every invoice write by the difference it makes, so reading
 * it is one GetItem however many invoices the company has. One update per company item
 * (a transaction may touch an item once).
 */
function outstandingBalanceUpdates(previous: StoredDocument | undefined, next: StoredDocument): Write[] {
  const deltas = new Map<string, Record<string, number>>();
  const add = (c: { companyId: string; currency: string } | undefined, amount: 'balance' | 'credit', value: number, sign: 1 | -1) => {
    if (!c) return;
    const adds = deltas.get(c.companyId) ?? {};
    const counter = amount === 'balance' ? 'count' : 'credits';
    adds[`${amount}_${c.currency}`] = (adds[`${amount}_${c.currency}`] ?? 0) + sign * value;
    adds[`${counter}_${c.currency}`] = (adds[`${counter}_${c.currency}`] ?? 0) + sign;
    deltas.set(c.companyId, adds);
  };
  for (const [doc, sign] of [
    [previous, -1],
    [next, 1],
  ] as const) {
    const owed = contribution(doc);
    add(owed, 'balance', owed?.balance ?? 0, sign);
    const credit = creditContribution(doc);
    add(credit, 'credit', credit?.credit ?? 0, sign);
  }
  return [...deltas]
    .map(([companyId, adds]) => [companyId, Object.fromEntries(Object.entries(adds).filter(([, v]) => v !== 0))] as const)
    .filter(([, adds]) => Object.keys(adds).length > 0)
    .map(([companyId, adds]) => updateWrite(balancesKey(next.tenantId, companyId), { add: adds }));
}
