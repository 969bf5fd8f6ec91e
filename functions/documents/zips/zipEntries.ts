/**
 * File names inside a ZIP: each document's PDF file name (`Invoice-INV-1.pdf`), and when
 * two documents share one (numbers are the CRM's and need not be unique), the later ones
 * get ` (2)`, ` (3)`, … before the extension, as a desktop does. Compared without case,
 * since Windows and macOS would put two such entries in one file when unpacking.
 */
export class ZipEntryNames {
  private readonly used = new Set<string>();

  take(fileName: string): string {
    const dot = fileName.lastIndexOf('.');
    const [base, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
    let name = fileName;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base} (${n})${ext}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}
