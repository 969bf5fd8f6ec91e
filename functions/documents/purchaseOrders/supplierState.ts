import { MAX_BILLS_PER_PURCHASE_ORDER, type PurchaseOrderSupplierView, type SupplierState } from '../../../shared/api/purchaseOrders';
import type { DocumentLine } from '../../../shared/api/documents';
import type { Acknowledgement, DateProposal, HistoryEntry, StoredDocument } from '../documentRepository';

/**
 * Where a purchase order stands with its supplier, in one place so the actions, the two
 * views and publishing agree (docs/architecture.md, "Supplier actions on purchase orders"):
 * - only an `open` order asks the supplier for anything: it awaits acknowledgement;
 * - proposing other dates makes it `changes-proposed` until the business answers by
 *   publishing a new version (the proposal is then `answered`, line by line), or the
 *   supplier acknowledges it as it stands (the proposal is `withdrawn`);
 * - an acknowledgement is of one version's content: a change of content asks again, a
 *   status synced back by the CRM does not;
 * - bills may be submitted against any order not cancelled, each number once per supplier.
 */

type SupplierInput = Pick<StoredDocument, 'type' | 'status' | 'acknowledgement' | 'dateProposal' | 'submittedBills'>;

export function supplierState(doc: SupplierInput): SupplierState {
  if (doc.acknowledgement) return 'acknowledged';
  if (doc.dateProposal?.status === 'open') return 'changes-proposed';
  return doc.status === 'open' ? 'awaiting-acknowledgement' : 'not-open';
}

export type SupplierAction = 'acknowledge' | 'propose-dates' | 'submit-bill';

/** What a holder of `purchase-orders:acknowledge` may do with the order now. */
export function supplierActions(doc: SupplierInput): SupplierAction[] {
  if (doc.type !== 'purchase-order') return [];
  const actions: SupplierAction[] = [];
  if (doc.status === 'open' && !doc.acknowledgement) actions.push('acknowledge');
  // One open proposal at a time; once acknowledged, the supplier has committed to this version (a message says more).
  if (doc.status === 'open' && !doc.acknowledgement && doc.dateProposal?.status !== 'open') actions.push('propose-dates');
  if (doc.status !== 'cancelled' && (doc.submittedBills?.length ?? 0) < MAX_BILLS_PER_PURCHASE_ORDER) actions.push('submit-bill');
  return actions;
}

/** The supplier side of a purchase order's view; staff also see the acknowledgement's evidence. */
export function supplierView(doc: StoredDocument, forStaff = false): (PurchaseOrderSupplierView & { acknowledgement?: Partial<Acknowledgement> }) | undefined {
  if (doc.type !== 'purchase-order') return undefined;
  const ack = doc.acknowledgement;
  const proposal = doc.dateProposal;
  return {
    state: supplierState(doc),
    ...(ack
      ? {
          acknowledgement: {
            at: ack.at,
            by: ack.by,
            version: ack.version,
            ...(forStaff ? { userId: ack.userId, contentHash: ack.contentHash, ip: ack.ip, userAgent: ack.userAgent } : {}),
          },
        }
      : {}),
    ...(proposal
      ? {
          proposal: {
            at: proposal.at,
            by: proposal.by,
            version: proposal.version,
            note: proposal.note,
            status: proposal.status,
            ...(proposal.answeredVersion ? { answeredVersion: proposal.answeredVersion } : {}),
            lines: proposal.lines.map((l) => ({
              line: l.line,
              ...(doc.lines[l.line] ? { description: doc.lines[l.line]!.description } : {}),
              ...(l.previousDate ? { previousDate: l.previousDate } : {}),
              proposedDate: l.proposedDate,
              ...(l.accepted !== undefined ? { accepted: l.accepted } : {}),
            })),
          },
        }
      : {}),
    bills: (doc.submittedBills ?? []).map(({ userId: _userId, ...bill }) => bill),
  };
}

/**
 * What a publish does to the supplier side. A new content voids the acknowledgement and
 * answers an open proposal: each proposed line is accepted when the new version's line
 * carries the proposed date. A status-only publish (the CRM syncing `received`) leaves both.
 */
export function supplierAfterPublish(
  existing: StoredDocument | undefined,
  lines: DocumentLine[],
  contentChanged: boolean,
  version: number,
  now: string,
): { acknowledgement?: Acknowledgement; dateProposal?: DateProposal; voidedAcknowledgement: boolean; history: HistoryEntry[] } {
  const history: HistoryEntry[] = [];
  let acknowledgement = existing?.acknowledgement;
  let dateProposal = existing?.dateProposal;
  if (existing?.type !== 'purchase-order' || !contentChanged) return { acknowledgement, dateProposal, voidedAcknowledgement: false, history };
  const voidedAcknowledgement = !!acknowledgement;
  if (acknowledgement) {
    history.push({
      at: now,
      action: 'acknowledgement-voided',
      version,
      detail: `The order changed after ${acknowledgement.by} acknowledged version ${acknowledgement.version}; it needs acknowledging again.`,
    });
    acknowledgement = undefined;
  }
  if (dateProposal?.status === 'open') {
    const answered = dateProposal.lines.map((l) => ({ ...l, accepted: lines[l.line]?.deliveryDate === l.proposedDate }));
    const accepted = answered.filter((l) => l.accepted).length;
    dateProposal = { ...dateProposal, status: 'answered', answeredVersion: version, answeredAt: now, lines: answered };
    history.push({
      at: now,
      action: 'dates-answered',
      version,
      detail: `${accepted} of ${answered.length} proposed delivery dates accepted in version ${version}.`,
    });
  }
  return { acknowledgement, dateProposal, voidedAcknowledgement, history };
}
