import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Reads a PDF with PDF.js (pdfjs-dist's legacy build, for Node), as a reader would.
 * PDF.js ships ES modules only and jest runs tests as CommonJS, so it runs in a child
 * `node` process that takes the bytes on stdin and answers JSON on stdout.
 */

export interface PdfContents {
  /** Each page's text: items on one baseline joined by spaces, one line per baseline. */
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
  let lastY;
  for (const item of items) {
    if (!('str' in item)) continue;
    const y = Math.round(item.transform[5]);
    if (lastY !== undefined) text += y === lastY ? ' ' : '\\n';
    text += item.str;
    lastY = y;
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
