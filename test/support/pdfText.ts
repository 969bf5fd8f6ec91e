import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Reads a PDF with PDF.js (pdfjs-dist's legacy build, for Node), as a reader would.
 * PDF.js ships ES modules only and jest runs tests as CommonJS, so it runs in a child
 * `node` process that takes the bytes on stdin and answers JSON on stdout.
 */

export interface PdfContents {
  /** Each page's text: one line per baseline, its items joined by a space unless they touch. */
  pages: string[];
  /** The document information dictionary as PDF.js reads it. */
  info: { Title?: string; Author?: string; Subject?: string; Creator?: string; Producer?: string; CreationDate?: string };
}

const PDFJS = pathToFileURL(join(__dirname, '../../node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href;

const SCRIPT = `
import { getDocument, VerbosityLevel } from ${JSON.stringify(PDFJS)};
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));
const pdf = await getDocument({ data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const { items } = await page.getTextContent();
  let text = '';
  let last;
  for (const item of items) {
    if (!('str' in item) || (!item.str && !item.width)) continue;
    const y = Math.round(item.transform[5]);
    const left = item.transform[4];
    const right = left + item.width;
    if (last) {
      // Runs that touch (a change of font or direction within a line) join as they are; others are cells or words apart.
      const touching = Math.abs(left - last.right) < 0.5 || Math.abs(right - last.left) < 0.5;
      text += y !== last.y ? '\\n' : touching ? '' : ' ';
    }
    text += item.str;
    last = { y, left, right };
  }
  pages.push(text);
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, info }));
await pdf.destroy();
`;

export function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`PDF.js could not read the PDF (exit ${code}): ${Buffer.concat(err).toString()}`));
      resolve(JSON.parse(Buffer.concat(out).toString()) as PdfContents);
    });
    child.stdin.end(Buffer.from(bytes));
  });
}

/** All the text of a PDF, pages separated by a blank line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).pages.join('\n\n');
}
