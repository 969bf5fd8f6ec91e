import { DOCUMENT_KINDS } from '../../shared/documentKinds';
import { randomUUID } from 'node:crypto';
import type { DocumentType, PublishDocumentBody } from '../../shared/api/documents';
import { lineNet } from '../../functions/documents/documentContent';
import { adminClient, type AdminCall } from './adminApi';
import type { TestStack } from './stack';

type LineInput = { description: string; quantity: number; unitPrice: number; discount?: number; taxRateBps?: number };

/** Lines with their tax and totals worked out as a CRM would (tax per line, rounded). */
export function linesOf(inputs: LineInput[]): PublishDocumentBody['lines'] {
  return inputs.map((l) => {
    const discount = l.discount ?? 0;
    const net = lineNet({ quantity: l.quantity, unitPrice: l.unitPrice, discount });
    const tax = Math.round((net * (l.taxRateBps ?? 2000)) / 10_000);
    return { description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discount, tax, taxRateBps: l.taxRateBps ?? 2000, total: net + tax };
  });
}

export function totalsOf(lines: PublishDocumentBody['lines']): PublishDocumentBody['totals'] {
  const subtotal = lines.reduce((s, l) => s + l.total - l.tax, 0);
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  return { subtotal, tax, total: subtotal + tax };
}

/** A type's first status is the one it is published in. */
const publishedStatus = (type: DocumentType): string => DOCUMENT_KINDS[type].statuses[0];

/** A valid publish body for a company: two lines, totals that add up, today's date. */
export function documentBody(
  type: DocumentType,
  companyId: string,
  overrides: Partial<PublishDocumentBody> & { lineInputs?: LineInput[] } = {},
): PublishDocumentBody {
  const { lineInputs, ...rest } = overrides;
  const lines =
    rest.lines ??
    linesOf(
      lineInputs ?? [
        { description: 'Shop-front sign, 2400 × 600 mm, aluminium composite', quantity: 1, unitPrice: 48_500 },
        { description: 'Installation (hours)', quantity: 2.5, unitPrice: 6_000 },
      ],
    );
  return {
    companyId,
    number: `${type.slice(0, 3).toUpperCase()}-${randomUUID().slice(0, 6).toUpperCase()}`,
    status: publishedStatus(type),
    issueDate: new Date().toISOString().slice(0, 10),
    currency: 'GBP',
    lines,
    totals: totalsOf(lines),
    ...rest,
  } as PublishDocumentBody;
}

/** PUT the document through the admin API with the tenant's CRM key. */
export async function publish(stack: TestStack, slug: string, type: DocumentType, documentId: string, body: PublishDocumentBody): Promise<AdminCall> {
  return adminClient(stack, slug)('PUT', `/api/admin/documents/${type}/${documentId}`, body);
}

export const docId = (prefix = 'doc') => `${prefix}-${randomUUID().slice(0, 12)}`;
