import type { DocumentLine } from '../../../shared/api/documents';
import {
  COMPARED_DOCUMENT_FIELDS,
  COMPARED_LINE_FIELDS,
  type ComparedLineField,
  type LineChange,
  type Totals,
  type VersionComparison,
} from '../../../shared/api/documentVersions';

/** What a comparison needs of each version. */
export interface ComparedVersion {
  lines: DocumentLine[];
  totals: Totals;
  title?: string;
  status: string;
  issueDate: string;
  dueDate?: string;
  expiryDate?: string;
  currency: string;
  notes?: string;
  terms?: string;
}

/**
 * The key a line is matched by across versions. Lines carry no id of their own, so the
 * SKU is the stable key when there is one; otherwise the description, trimmed, with case
 * and runs of spaces folded (a CRM re-saving "Installation  (hours)" is not a new line).
 */
export function lineKey(line: Pick<DocumentLine, 'sku' | 'description'>): string {
  if (line.sku?.trim()) return `sku:${line.sku.trim().toUpperCase()}`;
  return `text:${line.description.trim().replace(/\s+/g, ' ').toLowerCase()}`;
}

/** Each line's key with its occurrence: the n-th line of a key matches the other version's n-th. */
function keyed(lines: DocumentLine[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const key = lineKey(line);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

function changedFields(before: DocumentLine, after: DocumentLine): ComparedLineField[] {
  return COMPARED_LINE_FIELDS.filter((f) => (before[f] ?? undefined) !== (after[f] ?? undefined));
}

/**
 * Lines added, removed and changed between two versions, matched by `lineKey`. Why not a
 * sequence diff (jsdiff's `diffArrays`, an LCS): lines are matched by identity, not by
 * position, so a reordered line is the same line, and a line whose price changed is
 * "changed" rather than one removed and one added; a keyed match says that directly in
 * linear time, and keeps a diff library out of the portal and admin bundles.
 *
 * The result follows the newer version's order; a removed line is placed where it stood:
 * before the first kept line that followed it in the older version (and before lines added there).
 */
export function compareLines(before: DocumentLine[], after: DocumentLine[]): LineChange[] {
  const beforeKeys = keyed(before);
  const afterKeys = keyed(after);
  const beforeIndex = new Map(beforeKeys.map((k, i) => [k, i]));
  const kept = new Set(afterKeys.filter((k) => beforeIndex.has(k)));
  const out: LineChange[] = [];
  let nextRemoved = 0;
  const flushRemovedBefore = (limit: number) => {
    for (; nextRemoved < limit; nextRemoved++) {
      const key = beforeKeys[nextRemoved]!;
      if (!kept.has(key)) out.push({ change: 'removed', key, before: before[nextRemoved]! });
    }
  };
  // For each position, where the next kept line stood in the older version: the removed lines before it go first.
  const nextKept: number[] = new Array(afterKeys.length);
  for (let i = afterKeys.length - 1, next = before.length; i >= 0; i--) {
    next = beforeIndex.get(afterKeys[i]!) ?? next;
    nextKept[i] = next;
  }
  afterKeys.forEach((key, i) => {
    const line = after[i]!;
    const j = beforeIndex.get(key);
    if (j === undefined) {
      // A line replaced by another reads as the old one removed, then the new one added.
      flushRemovedBefore(nextKept[i]!);
      out.push({ change: 'added', key, after: line });
      return;
    }
    flushRemovedBefore(j);
    const fields = changedFields(before[j]!, line);
    out.push(
      fields.length ? { change: 'changed', key, before: before[j]!, after: line, fields } : { change: 'unchanged', key, before: before[j]!, after: line },
    );
  });
  flushRemovedBefore(before.length);
  return out;
}

const difference = (a: Totals, b: Totals): Totals => ({ subtotal: b.subtotal - a.subtotal, tax: b.tax - a.tax, total: b.total - a.total });

/** Everything that differs between two versions' content: lines, totals and the other fields. */
export function compareVersions(
  from: ComparedVersion & { header: VersionComparison['from'] },
  to: ComparedVersion & { header: VersionComparison['to'] },
): VersionComparison {
  const lines = compareLines(from.lines, to.lines);
  const count = (c: LineChange['change']) => lines.filter((l) => l.change === c).length;
  return {
    from: from.header,
    to: to.header,
    lines,
    counts: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: count('unchanged') },
    totals: { before: from.totals, after: to.totals, difference: difference(from.totals, to.totals) },
    fields: COMPARED_DOCUMENT_FIELDS.filter((f) => (from[f] ?? undefined) !== (to[f] ?? undefined)).map((field) => ({
      field,
      ...(from[field] !== undefined ? { before: from[field] } : {}),
      ...(to[field] !== undefined ? { after: to[field] } : {}),
    })),
  };
}
