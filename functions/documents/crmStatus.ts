import type { DocumentType } from '../../shared/api/documents';
import { approvalPending } from './documentState';
import type { StoredDocument } from './documentRepository';

/**
 * Which status a publish stores: the CRM's, unless it would stand in for the customer's
 * own decision on content they have not seen.
 *
 * The CRM may send two kinds of status. Some the business decides alone — a quote
 * `expired`, an order or job `cancelled`, a job `completed`, an invoice `paid` or `void` —
 * and those always stand. Others only echo what the customer did in the portal — a quote
 * `accepted` or `rejected`, an order `completed` (signed), a job `in-progress` after its
 * artwork was approved. A change of content voids the customer's decision, and such a
 * status sent with the new content is the CRM's record of the old one, not a decision
 * on the new: the document goes back to awaiting the customer (`open`, or a job's
 * `awaiting-approval`) and the CRM's status is kept aside as `crmStatus`. The CRM sending
 * that same status again later (a resync of the same content) changes nothing; a
 * different status from the CRM about the content now published (say, an acceptance
 * taken on the phone) stands, as on a first publish.
 */

/** Statuses that only echo the customer's decision, per type that asks for one. */
const ECHOES: Partial<Record<DocumentType, readonly string[]>> = {
  quote: ['accepted', 'rejected'],
  'sales-order': ['completed'],
  job: ['in-progress', 'awaiting-approval'],
};
/** The status of a document awaiting the customer, per type. */
const AWAITING: Partial<Record<DocumentType, string>> = { quote: 'open', 'sales-order': 'open', job: 'awaiting-approval' };

export type StoredStatus = { status: string; crmStatus?: string };

export function storedStatus(
  type: DocumentType,
  sent: string,
  existing:
    | Pick<StoredDocument, 'type' | 'status' | 'crmStatus' | 'decision' | 'approval' | 'signature' | 'approvalRequired' | 'balance' | 'totals'>
    | undefined,
  contentChanged: boolean,
): StoredStatus {
  const awaiting = AWAITING[type];
  if (!existing || !awaiting || !ECHOES[type]?.includes(sent)) return { status: sent };
  // A job that never needed the customer's approval has nothing to ask again.
  if (type === 'job' && !existing.approval && !approvalPending(existing)) return { status: sent };
  if (contentChanged) return sent === awaiting ? { status: sent } : { status: awaiting, crmStatus: sent };
  if (existing.crmStatus === sent) return { status: existing.status, crmStatus: sent };
  return { status: sent };
}
