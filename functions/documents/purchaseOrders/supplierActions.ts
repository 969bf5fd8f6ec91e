import { DOCUMENT_KINDS } from '../../../shared/api/documents';
import type { DocumentView } from '../../../shared/api/documents';
import type { PortalCaller } from '../../core/callers';
import { conflict, unprocessable, type FieldError } from '../../core/problems';
import { decide } from '../decisions';
import type { DateProposal, StoredDocument } from '../documentRepository';
import { today } from '../documentState';

/**
 * A supplier acknowledges a purchase order, or proposes other delivery dates for some of
 * its lines. Both go through `decide` as a customer's decision does: conditional on the
 * document's revision (two clicks give one and a 409), with their activity line, audit
 * entry and event in one unit of work, and bound to the version and content read.
 */

const label = (doc: StoredDocument) => `${DOCUMENT_KINDS[doc.type].label} ${doc.number}`;

/** Why a supplier action is refused now, in the supplier's words. */
function refusal(doc: StoredDocument, action: 'acknowledge' | 'propose-dates') {
  if (doc.acknowledgement) return conflict(`${label(doc)} was already acknowledged (version ${doc.acknowledgement.version}).`);
  if (action === 'propose-dates' && doc.dateProposal?.status === 'open')
    return conflict(`New dates for ${label(doc)} were already proposed; the answer comes as a new version of the order.`);
  return conflict(`${label(doc)} is ${doc.status}: it asks for nothing more.`);
}

/** Acknowledges the order as it stands; an open proposal of other dates is withdrawn by it. */
export function acknowledgePurchaseOrder(caller: PortalCaller, documentId: string): Promise<DocumentView> {
  const evidence = { ...(caller.origin.ip ? { ip: caller.origin.ip } : {}), ...(caller.origin.userAgent ? { userAgent: caller.origin.userAgent } : {}) };
  return decide(caller, 'purchase-order', documentId, {
    action: 'acknowledge',
    unavailable: (doc) => refusal(doc, 'acknowledge'),
    apply: (doc, actor, at) => ({
      acknowledgement: { at, by: actor.name, userId: actor.id, version: doc.version, contentHash: doc.contentHash, ...evidence },
      ...(doc.dateProposal?.status === 'open' ? { dateProposal: { ...doc.dateProposal, status: 'withdrawn' as const } } : {}),
    }),
    history: () => ({ action: 'acknowledged' }),
    summary: (doc, actor) => `${actor.name} acknowledged purchase order ${doc.number}`,
    event: { type: 'purchase-order.acknowledged', detail: { evidence } },
  });
}

/**
 * Proposes a delivery date for some lines, with a note for the whole proposal. Each line
 * must be on the order, the date a real change and not in the past (a day's grace for
 * time zones west of UTC).
 */
export function proposeDeliveryDates(
  caller: PortalCaller,
  documentId: string,
  body: { note: string; lines: Array<{ line: number; deliveryDate: string }> },
): Promise<DocumentView> {
  const earliest = today(new Date(Date.now() - 86_400_000));
  const proposed = (doc: StoredDocument): DateProposal['lines'] =>
    body.lines.map((l) => ({
      line: l.line,
      ...(doc.lines[l.line]?.deliveryDate ? { previousDate: doc.lines[l.line]!.deliveryDate } : {}),
      proposedDate: l.deliveryDate,
    }));
  return decide(caller, 'purchase-order', documentId, {
    action: 'propose-dates',
    unavailable: (doc) => refusal(doc, 'propose-dates'),
    check(doc) {
      const errors: FieldError[] = [];
      body.lines.forEach((l, i) => {
        const line = doc.lines[l.line];
        if (!line) errors.push({ name: `body.lines.${i}.line`, reason: `is not a line of the order (it has ${doc.lines.length})` });
        else if (line.deliveryDate === l.deliveryDate) errors.push({ name: `body.lines.${i}.deliveryDate`, reason: 'is already the line’s delivery date' });
        else if (l.deliveryDate < earliest) errors.push({ name: `body.lines.${i}.deliveryDate`, reason: 'must not be in the past' });
      });
      if (errors.length) throw unprocessable('Unprocessable proposal', 'Some proposed dates cannot be proposed.', errors);
    },
    apply: (doc, actor, at) => ({
      dateProposal: {
        at,
        by: actor.name,
        userId: actor.id,
        version: doc.version,
        contentHash: doc.contentHash,
        note: body.note,
        status: 'open',
        lines: proposed(doc),
      },
    }),
    history: () => ({ action: 'dates-proposed', detail: `${body.lines.length} line${body.lines.length === 1 ? '' : 's'}: ${body.note}` }),
    summary: (doc, actor) => `${actor.name} proposed new delivery dates for purchase order ${doc.number}`,
    event: {
      type: 'purchase-order.dates-proposed',
      detail: (doc) => ({
        note: body.note,
        lines: proposed(doc).map((l) => ({ ...l, description: doc.lines[l.line]!.description.slice(0, 200) })),
      }),
    },
  });
}
