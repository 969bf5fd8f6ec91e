import type { DocumentLine } from '../../shared/api/documents';
import { compareLines, compareVersions, lineKey, type ComparedVersion } from '../../functions/documents/versions/versionComparison';

/**
 * What changed between two versions: lines carry no id, so they are matched by SKU, else by
 * description (case and spacing folded), the n-th of a key with the other's n-th.
 */

const line = (description: string, unitPrice: number, extra: Partial<DocumentLine> = {}): DocumentLine => ({
  description,
  quantity: 1,
  unitPrice,
  discount: 0,
  tax: Math.round(unitPrice * 0.2),
  total: unitPrice + Math.round(unitPrice * 0.2),
  ...extra,
});
const sign = line('Aluminium sign', 48_500);
const fitting = line('Installation (hours)', 15_000);
const survey = line('Site survey', 9_000);
const changes = (lines: ReturnType<typeof compareLines>) => lines.map((l) => [l.change, l.key, ...(l.fields ? [l.fields] : [])]);

describe('lineKey', () => {
  it('is the SKU when a line has one, whatever its description', () => {
    expect(lineKey({ sku: ' ab-12 ', description: 'One' })).toBe(lineKey({ sku: 'AB-12', description: 'Two' }));
  });
  it('is the description otherwise, trimmed, with case and spacing folded', () => {
    expect(lineKey({ description: ' Installation  (HOURS) ' })).toBe(lineKey({ description: 'installation (hours)' }));
    expect(lineKey({ description: 'Installation' })).not.toBe(lineKey({ description: 'Installation (hours)' }));
  });
});

describe('compareLines', () => {
  it('finds nothing changed between equal versions', () => {
    expect(changes(compareLines([sign, fitting], [sign, fitting]))).toEqual([
      ['unchanged', 'text:aluminium sign'],
      ['unchanged', 'text:installation (hours)'],
    ]);
  });

  it('reports a changed line with the fields that changed', () => {
    const dearer = line('Aluminium sign', 52_000, { quantity: 1 });
    const [first] = compareLines([sign, fitting], [dearer, fitting]);
    expect(first).toEqual({ change: 'changed', key: 'text:aluminium sign', before: sign, after: dearer, fields: ['unitPrice', 'tax', 'total'] });
  });

  it('reports lines added and removed, a removed line where it stood', () => {
    expect(changes(compareLines([sign, survey, fitting], [sign, fitting, line('Permit', 2_500)]))).toEqual([
      ['unchanged', 'text:aluminium sign'],
      ['removed', 'text:site survey'],
      ['unchanged', 'text:installation (hours)'],
      ['added', 'text:permit'],
    ]);
  });

  it('matches by SKU, so a SKU line whose description changed is changed, not removed and added', () => {
    const before = line('Vinyl, 1 m', 1_000, { sku: 'VIN-1' });
    const after = line('Vinyl (matt), 1 m', 1_000, { sku: 'VIN-1' });
    expect(changes(compareLines([before], [after]))).toEqual([['changed', 'sku:VIN-1', ['description']]]);
  });

  it('treats a line without a SKU whose description changed as removed and added', () => {
    expect(changes(compareLines([survey], [line('Site survey and report', 9_000)]))).toEqual([
      ['removed', 'text:site survey'],
      ['added', 'text:site survey and report'],
    ]);
  });

  it('matches repeated lines in order, and counts an extra one as added', () => {
    const hour = line('Labour', 5_000);
    const result = compareLines([hour, hour], [hour, line('Labour', 6_000), hour]);
    expect(changes(result)).toEqual([
      ['unchanged', 'text:labour'],
      ['changed', 'text:labour#2', ['unitPrice', 'tax', 'total']],
      ['added', 'text:labour#3'],
    ]);
  });

  it('follows the newer order when lines are reordered, without calling them changed', () => {
    expect(changes(compareLines([sign, fitting], [fitting, sign]))).toEqual([
      ['unchanged', 'text:installation (hours)'],
      ['unchanged', 'text:aluminium sign'],
    ]);
  });

  it('handles empty versions', () => {
    expect(changes(compareLines([], [sign]))).toEqual([['added', 'text:aluminium sign']]);
    expect(changes(compareLines([sign], []))).toEqual([['removed', 'text:aluminium sign']]);
  });
});

describe('compareVersions', () => {
  const totals = (lines: DocumentLine[]) => {
    const subtotal = lines.reduce((s, l) => s + l.total - l.tax, 0);
    const tax = lines.reduce((s, l) => s + l.tax, 0);
    return { subtotal, tax, total: subtotal + tax };
  };
  const version = (n: number, lines: DocumentLine[], extra: Partial<ComparedVersion> = {}) => {
    const v = { lines, totals: totals(lines), status: 'open', issueDate: '2026-11-01', currency: 'GBP', ...extra };
    return { ...v, header: { version: n, current: false, publishedAt: '2026-11-01T10:00:00.000Z', status: v.status, currency: v.currency, totals: v.totals } };
  };

  it('gives the totals before and after and their difference, the counts, and the other fields that changed', () => {
    const result = compareVersions(version(1, [sign, fitting]), version(2, [line('Aluminium sign', 52_000), fitting, survey], { notes: 'Now with a survey' }));
    expect(result.counts).toEqual({ added: 1, removed: 0, changed: 1, unchanged: 1 });
    expect(result.totals.before).toEqual(totals([sign, fitting]));
    expect(result.totals.difference).toEqual({ subtotal: 3_500 + 9_000, tax: 700 + 1_800, total: 4_200 + 10_800 });
    expect(result.fields).toEqual([{ field: 'notes', after: 'Now with a survey' }]);
    expect([result.from.version, result.to.version]).toEqual([1, 2]);
  });

  it('reports a status-only change as no line changed', () => {
    const result = compareVersions(version(1, [sign]), version(2, [sign], { status: 'accepted' }));
    expect(result.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 1 });
    expect(result.totals.difference).toEqual({ subtotal: 0, tax: 0, total: 0 });
    expect(result.fields).toEqual([{ field: 'status', before: 'open', after: 'accepted' }]);
  });
});
