import * as z from 'zod/mini';
import { MAX_ATTACHMENT_BYTES } from '../documentKinds';
import { LIMITS } from '../limits';
import { id, lazily, trimmed } from './common';
import { isoDate } from './documents';

/**
 * A supplier's actions on a purchase order the business sent them: acknowledge it,
 * propose other delivery dates for some lines, submit their bill against it. The states
 * they move it through are in docs/architecture.md ("Supplier actions on purchase orders").
 */

/** Submitted bills one purchase order keeps (a part-delivered order is billed a few times, not dozens). */
export const MAX_BILLS_PER_PURCHASE_ORDER = 20;

export const proposeDatesBody = lazily(() =>
  z.strictObject({
    /** Why, for the whole proposal ("Cartons 24" are back-ordered until …"). */
    note: trimmed(LIMITS.decisionText),
    /** The lines whose date changes, by their position on the order (0-based), each at most once. */
    lines: z.array(z.strictObject({ line: z.number().check(z.int(), z.minimum(0), z.maximum(LIMITS.document.lines - 1)), deliveryDate: isoDate })).check(
      z.minLength(1, 'propose a date for at least one line'),
      z.maxLength(LIMITS.document.lines),
      z.refine((lines) => new Set(lines.map((l) => l.line)).size === lines.length, 'names a line more than once'),
    ),
  }),
);

export const billUploadBody = lazily(() =>
  z.strictObject({
    fileName: trimmed(200),
    contentType: z.literal('application/pdf', 'must be application/pdf: a bill is uploaded as a PDF'),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_ATTACHMENT_BYTES, `must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)),
  }),
);

export const submitBillBody = lazily(() =>
  z.strictObject({
    /** The supplier's own bill number: unique per supplier company. */
    number: trimmed(50),
    issueDate: isoDate,
    /** In minor units of the purchase order's currency. */
    amount: z.number().check(z.int('must be whole minor units (e.g. pence)'), z.minimum(1, 'must be more than zero'), z.maximum(1_000_000_000_000)),
    /** The PDF, uploaded with the bill-uploads route. */
    uploadId: id,
  }),
);

/** Where a purchase order stands with its supplier (only an `open` order asks for anything). */
export type SupplierState = 'awaiting-acknowledgement' | 'changes-proposed' | 'acknowledged' | 'not-open';

export interface DateProposalView {
  at: string;
  by: string;
  /** The version the dates were proposed against. */
  version: number;
  note: string;
  /** `open` until the business answers by publishing a new version (`answered`), or the supplier acknowledges as it stands (`withdrawn`). */
  status: 'open' | 'answered' | 'withdrawn';
  answeredVersion?: number;
  lines: Array<{
    line: number;
    description?: string;
    /** The line's date when proposed. */
    previousDate?: string;
    proposedDate: string;
    /** Once answered: whether the new version carries the proposed date. */
    accepted?: boolean;
  }>;
}

export interface SubmittedBillView {
  billId: string;
  number: string;
  issueDate: string;
  amount: number;
  currency: string;
  at: string;
  by: string;
  /** The PDF: GET …/attachments/{attachmentId}. */
  attachmentId: string;
  fileName: string;
  size: number;
}

/** The purchase order's supplier side, on the portal's and the admin API's document view. */
export interface PurchaseOrderSupplierView {
  state: SupplierState;
  acknowledgement?: { at: string; by: string; version: number };
  proposal?: DateProposalView;
  bills: SubmittedBillView[];
}
