import { createHash } from 'node:crypto';
import { DOCUMENT_KINDS, isBilling, isCreditNote, type DocumentType, type PublishDocumentBody } from '../../shared/api/documents';
import type { FieldError } from '../core/problems';

/**
 * The published body's arithmetic and fingerprints. Totals are checked, not trusted:
 * a CRM whose totals disagree with its lines would show the customer one amount on the
 * page and bill another.
 */

/** round(quantity × unitPrice) in minor units, half away from zero; quantities have at most three decimals. */
export const lineNet = (line: { quantity: number; unitPrice: number; discount: number }): number => {
  const milli = Math.round(line.quantity * 1000);
  const gross = (milli * line.unitPrice) / 1000;
  return Math.sign(gross) * Math.round(Math.abs(gross)) - line.discount;
};

/** Every way the body's totals disagree with its lines, each naming its field. */
export function totalsErrors(body: Pick<PublishDocumentBody, 'lines' | 'totals' | 'amountPaid'>): FieldError[] {
  const errors: FieldError[] = [];
  let subtotal = 0;
  let tax = 0;
  body.lines.forEach((line, i) => {
    const net = lineNet(line);
    subtotal += net;
    tax += line.tax;
    if (line.total !== net + line.tax)
      errors.push({ name: `body.lines.${i}.total`, reason: `must be ${net + line.tax}: round(quantity × unitPrice) − discount + tax` });
  });
  if (body.totals.subtotal !== subtotal) errors.push({ name: 'body.totals.subtotal', reason: `must be ${subtotal}, the sum of the lines' net amounts` });
  if (body.totals.tax !== tax) errors.push({ name: 'body.totals.tax', reason: `must be ${tax}, the sum of the lines' tax` });
  if (body.totals.total !== body.totals.subtotal + body.totals.tax)
    errors.push({ name: 'body.totals.total', reason: `must be ${body.totals.subtotal + body.totals.tax}, subtotal + tax` });
  return errors;
}

/** Rules that depend on the type: statuses it has, fields only some types carry. */
export function typeErrors(type: DocumentType, body: PublishDocumentBody): FieldError[] {
  const errors: FieldError[] = [];
  const statuses: readonly string[] = DOCUMENT_KINDS[type].statuses;
  if (!statuses.includes(body.status))
    errors.push({ name: 'body.status', reason: `must be one of ${statuses.join(', ')} for a ${DOCUMENT_KINDS[type].label.toLowerCase()}` });
  const billing = isBilling(type);
  // Discount and return lines may be negative anywhere; a negative total is money owed to the customer, which only a credit note says.
  if (!billing && body.totals.total < 0)
    errors.push({
      name: 'body.totals.total',
      reason: `must not be negative for a ${DOCUMENT_KINDS[type].label.toLowerCase()}: negative lines are fine, but money owed to the customer is a credit note, published as an invoice (or supplier bill) with a negative total`,
    });
  if (body.amountPaid !== undefined && !billing) errors.push({ name: 'body.amountPaid', reason: 'applies to invoices and supplier bills only' });
  if (billing && body.amountPaid !== undefined) {
    if (isCreditNote({ type, totals: body.totals })) {
      if (body.amountPaid > -body.totals.total)
        errors.push({
          name: 'body.amountPaid',
          reason: `must not exceed the credit of ${-body.totals.total}: on a credit note it is the part of the credit used (applied or refunded)`,
        });
    } else if (body.amountPaid > body.totals.total) errors.push({ name: 'body.amountPaid', reason: 'must not exceed the total' });
  }
  if (body.approvalRequired !== undefined && type !== 'job') errors.push({ name: 'body.approvalRequired', reason: 'applies to jobs only' });
  if (body.dueDate && body.dueDate < body.issueDate) errors.push({ name: 'body.dueDate', reason: 'must not be before the issue date' });
  if (body.expiryDate && body.expiryDate < body.issueDate) errors.push({ name: 'body.expiryDate', reason: 'must not be before the issue date' });
  const ids = new Set<string>();
  (body.attachments ?? []).forEach((a, i) => {
    if (ids.has(a.attachmentId)) errors.push({ name: `body.attachments.${i}.attachmentId`, reason: 'is used by another attachment of this document' });
    ids.add(a.attachmentId);
  });
  return errors;
}

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The whole body as published (but the delivery switch): unchanged hash = nothing to do. */
export const bodyHash = (type: DocumentType, body: PublishDocumentBody): string => {
  const { notifyContact: _n, ...rest } = body;
  return sha256(canonicalJson({ type, ...rest }));
};

/**
 * The commercial content: what the customer agrees to when they accept or sign. Status
 * and payments are left out, so the CRM syncing back "accepted" or a payment does not
 * void the customer's own acceptance.
 */
export const contentHash = (type: DocumentType, body: PublishDocumentBody): string => {
  // The request a quote or job answers is a link, not content: setting it later voids no acceptance.
  const { notifyContact: _n, status: _s, amountPaid: _p, requestId: _r, ...content } = body;
  return sha256(canonicalJson({ type, ...content }));
};
