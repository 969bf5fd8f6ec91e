import type { DocumentView } from '../../../shared/api/documents';
import { formatDate, formatDateTime, formatMoney, formatQuantity, formatRate, humanize } from './format';
import type { DocumentType } from './kinds';
import './table.css';
import './DocumentParts.css';

/** The dates a document of each type shows beside its issue date. */
export function keyDates(doc: Pick<DocumentView, 'type' | 'issueDate' | 'dueDate' | 'expiryDate'>): Array<{ label: string; value: string }> {
  const out = [{ label: doc.type === 'purchase-order' ? 'Ordered' : 'Issued', value: formatDate(doc.issueDate) }];
  const due: Partial<Record<DocumentType, string>> = {
    invoice: 'Due',
    'supplier-bill': 'Due',
    job: 'Due',
    'purchase-order': 'Delivery due',
    'sales-order': 'Due',
  };
  if (doc.expiryDate) out.push({ label: doc.type === 'quote' ? 'Valid until' : 'Expires', value: formatDate(doc.expiryDate) });
  if (doc.dueDate) out.push({ label: due[doc.type] ?? 'Due', value: formatDate(doc.dueDate) });
  return out;
}

/** The lines: a table on wide screens and in print, stacked cards on a phone. */
export function Lines({ doc, forPrint = false }: { doc: DocumentView; forPrint?: boolean }) {
  const money = (minor: number) => formatMoney(minor, doc.currency);
  const hasDiscount = doc.lines.some((l) => l.discount > 0);
  const hasTax = doc.lines.some((l) => l.tax !== 0 || l.taxRateBps !== undefined);
  if (doc.lines.length === 0) return <p className="muted-text">This {doc.type.replace('-', ' ')} has no lines.</p>;
  return (
    <>
      <div
        className={`table-wrap lines-table${forPrint ? ' is-print' : ''}`}
        // A table wider than the screen scrolls sideways: keyboard users can scroll it too.
        {...(forPrint ? {} : { tabIndex: 0, role: 'region', 'aria-label': `Items of ${doc.number}` })}
      >
        <table className="table">
          <caption className="visually-hidden">Lines of {doc.number}</caption>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              {hasDiscount ? (
                <th scope="col" className="num">
                  Discount
                </th>
              ) : null}
              {hasTax ? (
                <th scope="col" className="num">
                  Tax
                </th>
              ) : null}
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.lines.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a document's lines have no id of their own and come in the order the business set
              <tr key={i}>
                <td className="line-desc">
                  <span className="pre-line">{line.description}</span>
                  {line.sku ? <span className="line-sku">SKU {line.sku}</span> : null}
                  {line.deliveryDate ? <span className="line-sku">Delivery {formatDate(line.deliveryDate)}</span> : null}
                </td>
                <td className="num">{formatQuantity(line.quantity)}</td>
                <td className="num">{money(line.unitPrice)}</td>
                {hasDiscount ? <td className="num">{line.discount > 0 ? `−${money(line.discount)}` : '—'}</td> : null}
                {hasTax ? (
                  <td className="num">
                    {money(line.tax)}
                    {line.taxRateBps !== undefined ? <span className="line-rate"> ({formatRate(line.taxRateBps)})</span> : null}
                  </td>
                ) : null}
                <td className="num strong">{money(line.total - line.tax)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {forPrint ? null : (
        <ul className="line-cards" aria-label={`Lines of ${doc.number}`}>
          {doc.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a document's lines have no id of their own and come in the order the business set
            <li key={i} className="line-card">
              <p className="line-card-desc pre-line">{line.description}</p>
              {line.sku ? <p className="line-sku">SKU {line.sku}</p> : null}
              {line.deliveryDate ? <p className="line-sku">Delivery {formatDate(line.deliveryDate)}</p> : null}
              <div className="line-card-figures">
                <span>
                  {formatQuantity(line.quantity)} × {money(line.unitPrice)}
                  {line.discount > 0 ? ` − ${money(line.discount)}` : ''}
                  {hasTax ? ` · tax ${money(line.tax)}${line.taxRateBps !== undefined ? ` (${formatRate(line.taxRateBps)})` : ''}` : ''}
                </span>
                <strong>{money(line.total - line.tax)}</strong>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Totals({ doc }: { doc: DocumentView }) {
  const money = (minor: number) => formatMoney(minor, doc.currency);
  const paid = doc.amountPaid ?? 0;
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{money(doc.totals.subtotal)}</dd>
      </div>
      <div>
        <dt>Tax</dt>
        <dd>{money(doc.totals.tax)}</dd>
      </div>
      <div className="totals-grand">
        <dt>Total ({doc.currency})</dt>
        <dd>{money(doc.totals.total)}</dd>
      </div>
      {doc.credit !== undefined ? (
        <>
          {paid > 0 ? (
            <div>
              <dt>Credit used</dt>
              <dd>{money(paid)}</dd>
            </div>
          ) : null}
          <div className="totals-balance">
            <dt>Credit remaining</dt>
            <dd>{money(doc.credit)}</dd>
          </div>
        </>
      ) : null}
      {doc.credit === undefined && doc.amountPaid !== undefined && paid > 0 ? (
        <div>
          <dt>Paid</dt>
          <dd>−{money(paid)}</dd>
        </div>
      ) : null}
      {doc.balance !== undefined && (doc.type === 'invoice' || doc.type === 'supplier-bill') ? (
        <div className="totals-balance">
          <dt>Balance due</dt>
          <dd>{money(doc.balance)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** What a history entry's action says in words: `quote.accepted` → "Accepted". */
export function historyLabel(action: string): string {
  const known: Record<string, string> = {
    published: 'Published',
    'document.published': 'Published',
    updated: 'Updated',
    republished: 'Updated',
    accepted: 'Accepted',
    'quote.accepted': 'Accepted',
    rejected: 'Rejected',
    'quote.rejected': 'Rejected',
    approved: 'Approved',
    'artwork.approved': 'Approved',
    'changes-requested': 'Changes requested',
    'artwork.changes-requested': 'Changes requested',
    signed: 'Signed',
    'order.signed': 'Signed',
    'signature-voided': 'Signature voided by a change',
    'decision-voided': 'Decision voided by a change',
    'approval-voided': 'Approval voided by a change',
    'acknowledgement-voided': 'Acknowledgement voided by a change',
    'dates-proposed': 'New delivery dates proposed',
    'dates-answered': 'Proposed dates answered',
    withdrawn: 'Withdrawn',
    'direct-link.opened': 'Opened from an emailed link',
    'message.posted': 'Message posted',
  };
  return known[action] ?? humanize(action.includes('.') ? (action.split('.').pop() ?? action) : action);
}

export function History({ doc }: { doc: DocumentView }) {
  if (doc.history.length === 0) return <p className="muted-text">Nothing has happened to this document yet.</p>;
  const entries = [...doc.history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline">
      {entries.map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two entries may share a moment; the history only grows, so the order holds
        <li key={`${h.at}-${i}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <p className="timeline-title">
            {historyLabel(h.action)}
            {h.by ? <span className="timeline-by"> by {h.by}</span> : null}
          </p>
          {h.detail ? <p className="timeline-detail">{h.detail}</p> : null}
          <p className="timeline-meta">
            <time dateTime={h.at}>{formatDateTime(h.at)}</time> · version {h.version}
          </p>
        </li>
      ))}
    </ol>
  );
}
