import { progressEvery } from '../../functions/documents/zips/zipBuilder';
import { ZipEntryNames } from '../../functions/documents/zips/zipEntries';

describe('names inside a ZIP', () => {
  it('keeps each PDF file name, numbering repeats as a desktop does, whatever their case', () => {
    const names = new ZipEntryNames();
    expect(
      ['Invoice-INV-1.pdf', 'Invoice-INV-2.pdf', 'Invoice-INV-1.pdf', 'invoice-inv-1.pdf', 'Invoice-INV-1 (2).pdf', 'README'].map((n) => names.take(n)),
    ).toEqual(['Invoice-INV-1.pdf', 'Invoice-INV-2.pdf', 'Invoice-INV-1 (2).pdf', 'invoice-inv-1 (3).pdf', 'Invoice-INV-1 (2) (2).pdf', 'README']);
  });
});

describe('progress writes', () => {
  it('are bounded: about twenty for a large ZIP, every five documents for a small one', () => {
    expect(progressEvery(3)).toBe(5);
    expect(progressEvery(100)).toBe(5);
    expect(progressEvery(1_000)).toBe(50);
    expect(Math.ceil(1_000 / progressEvery(1_000))).toBe(20);
  });
});
