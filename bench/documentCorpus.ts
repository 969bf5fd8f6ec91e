/**
 * Tenants full of documents, for the scale bench (`bench/documents.ts`) and its test
 * (`test/integration/documentScale.test.ts`), which run against a local stack in this
 * process: one portal company with the same ten documents in every tenant, the rest of
 * the tenant's documents spread over other companies and all six types; and what a list
 * page or the dashboard reads for that company, measured with the read meter.
 */
import type { ApiKeyCaller } from '../functions/core/callers';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_TYPES, type DocumentType, type PublishDocumentBody } from '../shared/api/documents';
import { dynamo, tableName, toItem } from '../functions/table/db';
import { companyRepository } from '../functions/customers/companyRepository';
import { contactRepository } from '../functions/customers/contactRepository';
import { DOCUMENT_FIELDS, documentKey, indexKeys, type StoredDocument } from '../functions/documents/documentRepository';
import { cognitoUsernameFor, portalUserRepository } from '../functions/customers/portalUserRepository';
import { teamRepository } from '../functions/customers/teamRepository';
import { tenantRepository } from '../functions/customers/tenantRepository';
import { ensurePortalAccount, setPassword } from '../functions/identity/cognitoAccounts';
import { bodyHash, contentHash, lineNet } from '../functions/documents/documentContent';
import { deadline, statusGroup } from '../functions/documents/documentState';
import { publishDocument } from '../functions/documents/publishing';
import { backfillCompanyLedger } from '../functions/documents/statements/ledgerBackfill';
import { viewLogRepository } from '../functions/documents/viewLog/viewLogRepository';
import { messageRepository } from '../functions/documents/threads/messageRepository';
import { ZIP_KEEP_SECONDS, zipObjectKey, zipRepository } from '../functions/documents/zips/zipRepository';
import { issueApiKey } from '../functions/identity/apiKeyCredentials';
import type { ReadMeter, ReadTotals } from './readMeter';
import { send } from './send';

const PASSWORD = 'Bench-Portal-2026!';
const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

export interface PortalCompany {
  companyId: string;
  contactId: string;
  email: string;
}

export interface CorpusTenant {
  tenantId: string;
  /** Every document of the tenant. */
  documents: number;
  /** The company with the same ten documents in every tenant. */
  measured: PortalCompany;
  /** A company holding `bigCompanyDocuments` of the tenant's documents, if asked for. */
  big?: PortalCompany;
  /** The tenant's CRM key (admin scope), for the admin routes measured. */
  crmKey: string;
  /** Wall time of the bulk writes, and of the whole build. */
  bulkWriteMs: number;
  buildMs: number;
}

/** The routes measured: list pages of the company (all, a date filter, a number search, another type) and the dashboard. */
/** The measured user's ZIP job (issue 11, item 6), seeded ready. */
const MEASURED_ZIP = 'm-zip-1';
export const MEASURED_ROUTES = [
  '/api/documents/invoice',
  '/api/documents/invoice?status=overdue',
  '/api/documents/invoice?q=INV-10',
  '/api/documents/quote?status=open',
  '/api/dashboard',
  // A quote's versions (three, the measured company's own): the list page, and what changed in the current one since the last.
  '/api/documents/quote/m-q-1/versions',
  '/api/documents/quote/m-q-1/versions/3/changes',
  // A finished ZIP job of the measured user's (seeded): its progress and link, one item whatever the tenant holds.
  `/api/document-zips/invoice/${MEASURED_ZIP}`,
] as const;
/** The big company's: its lists and dashboard (the versions and the ZIP job measured are the measured company's). */
export const BIG_COMPANY_ROUTES = MEASURED_ROUTES.filter((route) => !route.includes('/versions') && !route.includes('/document-zips'));

/** The statement of account: this month, and the last three months (from the first of the month two months back). */
const threeMonthsBack = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
})();
export const STATEMENT_ROUTES = ['/api/statement?currency=GBP', `/api/statement?currency=GBP&from=${threeMonthsBack}`] as const;
/**
 * A page of the measured quote's thread, which holds as many messages as its tenant has
 * documents (10; 1,000 or 10,000): a page is one Query of `limit + 1` messages whatever
 * the thread's length. The page is 5, under the smallest thread, so the reads compare.
 */
export const THREAD_PAGE_MEASURED = 5;
export const THREAD_ROUTES = [`/api/documents/quote/m-q-1/messages?limit=${THREAD_PAGE_MEASURED}`] as const;
/** What the bench measures: the list pages, the dashboard, the statement and a thread page. */
export const BENCH_ROUTES = [...MEASURED_ROUTES, ...STATEMENT_ROUTES, ...THREAD_ROUTES] as const;

/** Admin routes measured with the CRM's key: the view log of the measured company's open quote, which holds `MEASURED_VIEWS` views. */
export const MEASURED_ADMIN_ROUTES = ['/api/admin/documents/quote/m-q-1/views'] as const;
export const MEASURED_VIEWS = 30;
/** The big company's first invoice has as many views as the company has invoices: its view log still reads one page. */
export const BIG_ADMIN_ROUTES = ['/api/admin/documents/invoice/f-big-0/views'] as const;

type Line = { description: string; quantity: number; unitPrice: number };
function priced(lines: Line[]): Pick<PublishDocumentBody, 'lines' | 'totals'> {
  const out = lines.map((l) => {
    const net = lineNet({ ...l, discount: 0 });
    const tax = Math.round(net * 0.2);
    return { ...l, discount: 0, tax, taxRateBps: 2000, total: net + tax };
  });
  const subtotal = out.reduce((s, l) => s + l.total - l.tax, 0);
  const tax = out.reduce((s, l) => s + l.tax, 0);
  return { lines: out, totals: { subtotal, tax, total: subtotal + tax } };
}

/** The measured company's ten documents, the same in every tenant: a mix of states every filter has something of. */
function measuredDocuments(party: { companyId: string; contactId: string }): Array<{ type: DocumentType; documentId: string; body: PublishDocumentBody }> {
  const base = (number: string, issue: number, lines: Line[]) => ({
    ...party,
    number,
    issueDate: dayFrom(issue),
    currency: 'GBP',
    notifyContact: false,
    ...priced(lines),
  });
  const sign = [
    { description: 'Aluminium composite sign 2400 × 600 mm', quantity: 1, unitPrice: 48_500 },
    { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
  ];
  const doc = (type: DocumentType, documentId: string, body: PublishDocumentBody) => ({ type, documentId, body });
  return [
    doc('quote', 'm-q-1', { ...base('Q-1001', -3, sign), status: 'open', expiryDate: dayFrom(27) }),
    doc('quote', 'm-q-2', { ...base('Q-1002', -60, sign), status: 'open', expiryDate: dayFrom(-30) }),
    doc('quote', 'm-q-3', { ...base('Q-1003', -20, sign), status: 'accepted', expiryDate: dayFrom(10) }),
    doc('sales-order', 'm-so-1', { ...base('SO-1001', -2, sign), status: 'open' }),
    doc('invoice', 'm-inv-1', { ...base('INV-1001', -5, sign), status: 'outstanding', dueDate: dayFrom(25) }),
    doc('invoice', 'm-inv-2', { ...base('INV-1002', -45, sign), status: 'outstanding', dueDate: dayFrom(-15) }),
    doc('invoice', 'm-inv-3', { ...base('INV-1003', -70, sign), status: 'paid', dueDate: dayFrom(-40), amountPaid: priced(sign).totals.total }),
    doc('invoice', 'm-inv-4', { ...base('INV-1004', -20, sign), status: 'outstanding', dueDate: dayFrom(10), amountPaid: 10_000 }),
    doc('job', 'm-job-1', { ...base('JOB-1001', -1, sign), status: 'awaiting-approval', approvalRequired: true }),
    doc('purchase-order', 'm-po-1', { ...base('PO-1001', -4, sign), status: 'open' }),
  ];
}

const STATUS_CYCLE: Record<DocumentType, Array<{ status: string; paid?: boolean }>> = {
  quote: [{ status: 'open' }, { status: 'accepted' }, { status: 'rejected' }, { status: 'expired' }],
  'sales-order': [{ status: 'open' }, { status: 'completed' }, { status: 'cancelled' }],
  invoice: [{ status: 'outstanding' }, { status: 'paid', paid: true }, { status: 'outstanding' }, { status: 'void' }],
  job: [{ status: 'in-progress' }, { status: 'awaiting-approval' }, { status: 'completed' }],
  'purchase-order': [{ status: 'open' }, { status: 'received' }, { status: 'closed' }],
  'supplier-bill': [{ status: 'outstanding' }, { status: 'paid', paid: true }],
};
const PREFIX: Record<DocumentType, string> = { quote: 'Q', 'sales-order': 'SO', invoice: 'INV', job: 'JOB', 'purchase-order': 'PO', 'supplier-bill': 'BILL' };

/**
 * The item `documentRepository.save` writes for a newly published document (the same
 * fields, hashes, status group and index keys as `publishDocument` makes), for writing
 * thousands with BatchWriteItem instead of one transaction each.
 */
export function publishedItem(tenantId: string, type: DocumentType, documentId: string, body: PublishDocumentBody, at: string): Record<string, unknown> {
  const payable = type === 'invoice' || type === 'supplier-bill';
  const doc: StoredDocument = {
    tenantId,
    type,
    documentId,
    companyId: body.companyId,
    contactId: body.contactId,
    number: body.number,
    title: body.title,
    status: body.status,
    statusGroup: '',
    issueDate: body.issueDate,
    dueDate: body.dueDate,
    expiryDate: body.expiryDate,
    currency: body.currency,
    lines: body.lines,
    totals: body.totals,
    amountPaid: payable ? (body.amountPaid ?? 0) : undefined,
    balance: payable ? body.totals.total - (body.amountPaid ?? 0) : undefined,
    notes: body.notes,
    terms: body.terms,
    approvalRequired: body.approvalRequired,
    version: 1,
    revision: 1,
    bodyHash: bodyHash(type, body),
    contentHash: contentHash(type, body),
    publishedAt: at,
    updatedAt: at,
    history: [{ at, action: 'published', by: 'CRM', version: 1 }],
  };
  doc.statusGroup = statusGroup(doc);
  // 'document' is the repository's entity marker.
  return toItem(doc, DOCUMENT_FIELDS, { ...documentKey(tenantId, type, documentId), ...indexKeys(doc, deadline(doc)) } as never, 'document');
}

/** The n-th filler document of a company: types in turn, statuses in turn, dates over two years, numbers in one sequence per type. */
function fillerDocument(n: number, companyId: string, typeOverride?: DocumentType): { type: DocumentType; documentId: string; body: PublishDocumentBody } {
  const type = typeOverride ?? DOCUMENT_TYPES[n % DOCUMENT_TYPES.length]!;
  const cycle = STATUS_CYCLE[type];
  const pick = cycle[Math.floor(n / DOCUMENT_TYPES.length) % cycle.length]!;
  const issue = -((n * 37) % 730);
  const lines = priced([
    { description: `Item ${n % 97}`, quantity: 1 + (n % 5), unitPrice: 1_000 + ((n * 131) % 90_000) },
    { description: 'Delivery', quantity: 1, unitPrice: 2_500 },
  ]);
  const body: PublishDocumentBody = {
    companyId,
    number: `${PREFIX[type]}-${1000 + n}`,
    status: pick.status,
    issueDate: dayFrom(issue),
    currency: n % 7 ? 'GBP' : 'EUR',
    ...lines,
    ...(type === 'quote' ? { expiryDate: dayFrom(issue + 30) } : {}),
    ...(type === 'invoice' || type === 'supplier-bill' ? { dueDate: dayFrom(issue + 30), ...(pick.paid ? { amountPaid: lines.totals.total } : {}) } : {}),
    ...(type === 'job' && pick.status === 'awaiting-approval' ? { approvalRequired: true } : {}),
  };
  return { type, documentId: `f-${companyId}-${n}`, body };
}

/** BatchWriteItem, 25 items a call, `concurrency` calls at once, unprocessed items retried. */
export async function batchWrite(items: Record<string, unknown>[], concurrency = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: pending } }));
        pending = (out.UnprocessedItems?.[tableName()] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A company let into the portal, with a contact who has an active portal login (customer and supplier teams). */
export async function portalCompany(tenantId: string, companyId: string, name: string): Promise<PortalCompany> {
  const contactId = `${companyId}-contact`;
  const email = `${contactId}@${tenantId}.example`;
  await companyRepository.create({ tenantId, companyId, name, kind: 'both', allowPortal: true, portalDiscountBps: 0 });
  await contactRepository.create({ tenantId, contactId, companyId, firstName: 'Bench', lastName: 'Reader', email });
  const username = cognitoUsernameFor(tenantId, contactId);
  await ensurePortalAccount(username, email, tenantId);
  await setPassword('portal', username, PASSWORD);
  const now = new Date().toISOString();
  await portalUserRepository.save({
    tenantId,
    userId: contactId,
    companyId,
    email,
    cognitoUsername: username,
    status: 'active',
    teams: ['customer-portal-users', 'customer-portal-supplier-users'],
    invitedAt: now,
    activatedAt: now,
  });
  return { companyId, contactId, email };
}

/**
 * A tenant with `documents` documents: the measured company's ten through the publishing
 * service (with their activity and events), the rest written in bulk as the repository
 * would write them, over `fillerCompanies` other companies; `bigCompanyDocuments` of
 * them (all invoices) belong to one more portal company.
 */
export async function buildTenant(options: {
  tenantId: string;
  documents: number;
  fillerCompanies?: number;
  bigCompanyDocuments?: number;
}): Promise<CorpusTenant> {
  const started = Date.now();
  const { tenantId } = options;
  await tenantRepository.put({
    tenantId,
    slug: tenantId,
    name: `Bench ${tenantId}`,
    portalEnabled: true,
    modules: ['quotes', 'orders', 'invoices', 'jobs', 'purchase-orders', 'supplier-bills'],
    branding: { primaryColour: '#1d4ed8', accentColour: '#f59e0b' },
  });
  await tenantRepository.claimHost(`sub:${tenantId}`, tenantId, true);
  await teamRepository.ensureDefaults(tenantId);
  const measured = await portalCompany(tenantId, 'measured', 'Measured Ltd');
  const caller: ApiKeyCaller = { kind: 'api-key', tenantId, keyId: 'bench', scopes: ['admin'], actor: 'api-key:bench', origin: {} };
  const mine = measuredDocuments(measured);
  for (const d of mine) await publishDocument(caller, d.type, d.documentId, d.body);
  // The first quote is changed twice (a line dearer, then a note): three versions, two kept beside it.
  const quote = mine.find((d) => d.documentId === 'm-q-1')!;
  const dearer = priced([
    { description: 'Aluminium composite sign 2400 × 600 mm', quantity: 1, unitPrice: 52_000 },
    { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
  ]);
  await publishDocument(caller, quote.type, quote.documentId, { ...quote.body, ...dearer });
  await publishDocument(caller, quote.type, quote.documentId, { ...quote.body, ...dearer, notes: 'Fitting on the 14th.' });

  const filler = Math.max(0, options.documents - mine.length);
  const bigCount = Math.min(filler, options.bigCompanyDocuments ?? 0);
  const big = bigCount ? await portalCompany(tenantId, 'big', 'Big Buyer plc') : undefined;
  const companies = Math.max(1, options.fillerCompanies ?? Math.ceil((filler - bigCount) / 100));
  const companyIds = Array.from({ length: companies }, (_, i) => `co-${String(i).padStart(4, '0')}`);
  await Promise.all(
    companyIds.map((companyId) =>
      companyRepository.create({ tenantId, companyId, name: `Company ${companyId}`, kind: 'both', allowPortal: true, portalDiscountBps: 0 }),
    ),
  );

  const at = new Date().toISOString();
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < bigCount; n++) {
    const d = fillerDocument(n, 'big', 'invoice');
    // Written (and paid, for the paid ones) on its issue day: the ledger's backfill dates what was paid by it.
    items.push(publishedItem(tenantId, d.type, d.documentId, d.body, `${d.body.issueDate}T09:00:00.000Z`));
  }
  for (let n = 0; n < filler - bigCount; n++) {
    const d = fillerDocument(n, companyIds[n % companies]!);
    items.push(publishedItem(tenantId, d.type, d.documentId, d.body, at));
  }
  items.push(...viewItems(tenantId, 'quote', 'm-q-1', measured, MEASURED_VIEWS));
  items.push(...messageItems(tenantId, 'm-q-1', measured, mine.length + filler));
  items.push(readyZip(tenantId, measured));
  if (big) items.push(...viewItems(tenantId, 'invoice', 'f-big-0', big, bigCount));
  const bulkStarted = Date.now();
  await batchWrite(items);
  const bulkWriteMs = Date.now() - bulkStarted;
  // Bulk-written invoices are as if published before the ledger: the big company's are entered as the backfill does.
  if (big) await backfillCompanyLedger(tenantId, big.companyId);
  const crmKey = await issueApiKey(tenantId, 'Bench CRM', ['admin']);
  return { tenantId, documents: mine.length + filler, measured, ...(big ? { big } : {}), crmKey, bulkWriteMs, buildMs: Date.now() - started };
}

/** A finished ZIP of the measured company's four invoices, as the pdf Lambda leaves its job. */
function readyZip(tenantId: string, company: PortalCompany): Record<string, unknown> {
  const owner = { tenantId, companyId: company.companyId, userId: company.contactId };
  const now = new Date();
  const ttl = Math.floor(now.getTime() / 1000) + ZIP_KEEP_SECONDS;
  return zipRepository.jobItem({
    ...owner,
    zipId: MEASURED_ZIP,
    type: 'invoice',
    status: 'ready',
    total: 4,
    done: 4,
    skipped: 0,
    fileName: 'invoices-4-pdfs.zip',
    key: zipObjectKey(owner, MEASURED_ZIP),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(ttl * 1000).toISOString(),
    ttl,
  });
}

/** `count` views of a document by the company's contact, a minute apart, as the view log writes them. */
function viewItems(tenantId: string, type: DocumentType, documentId: string, company: PortalCompany, count: number): Record<string, unknown>[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    viewLogRepository.item({
      tenantId,
      type,
      documentId,
      viewId: `bench-view-${i}`,
      at: new Date(now - i * 60_000).toISOString(),
      what: i % 3 ? 'document' : 'pdf',
      version: 1,
      via: 'login',
      contactId: company.contactId,
      email: company.email,
      ip: '192.0.2.10',
      userAgent: 'Bench/1.0',
    }),
  );
}

/** `count` messages on the measured company's quote, a second apart, both sides by turns, as a post writes them (the counters aside). */
function messageItems(tenantId: string, documentId: string, company: PortalCompany, count: number): Record<string, unknown>[] {
  const now = Date.now();
  return Array.from(
    { length: count },
    (_, i) =>
      messageRepository.putItem({
        tenantId,
        type: 'quote',
        documentId,
        companyId: company.companyId,
        messageId: `bench-msg-${i}`,
        at: new Date(now - i * 1_000).toISOString(),
        author: i % 2 ? { kind: 'staff', id: 'bench', name: 'Bench Staff' } : { kind: 'customer', id: company.contactId, name: 'Bench Contact' },
        body: `Message ${i} about the measured quote.`,
        attachments: [],
      }).Item,
  );
}

/** GET on the tenant's host, over loopback, as the portal's browser would. */
export function get(
  port: number,
  slug: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; setCookies: string[] }> {
  return send(port, `${slug}.localhost:${port}`, 'GET', path, headers);
}

/** Signs the company's portal user in; the cookie header for its GETs. */
export async function signInCookies(port: number, slug: string, company: PortalCompany): Promise<Record<string, string>> {
  const res = await send(port, `${slug}.localhost:${port}`, 'POST', '/api/auth/login', {}, JSON.stringify({ email: company.email, password: PASSWORD }));
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`);
  return { cookie: res.setCookies.map((c) => c.split(';')[0]).join('; ') };
}

export interface RouteReads {
  route: string;
  status: number;
  /** Items on the page (list routes). */
  items?: number;
  totals: ReadTotals;
}

/**
 * What each route reads for the company, measured on its second call (the first warms
 * the Lambda entry and the host → tenant cache, as a warm Lambda would have them).
 */
export async function measureRoutes(
  meter: ReadMeter,
  port: number,
  slug: string,
  cookies: Record<string, string>,
  routes: readonly string[] = MEASURED_ROUTES,
): Promise<RouteReads[]> {
  const out: RouteReads[] = [];
  for (const route of routes) {
    await get(port, slug, route, cookies);
    const { result, totals } = await meter.measure(() => get(port, slug, route, cookies));
    if (result.status !== 200) throw new Error(`${route} answered ${result.status}: ${result.body}`);
    const parsed = JSON.parse(result.body) as { items?: unknown[]; entries?: unknown[] };
    const listed = parsed.items ?? parsed.entries;
    out.push({ route, status: result.status, ...(listed ? { items: listed.length } : {}), totals });
  }
  return out;
}
