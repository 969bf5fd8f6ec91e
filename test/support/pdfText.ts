import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Reads a PDF with PDF.js (pdfjs-dist's legacy build, for Node), as a reader would.
 * PDF.js ships ES modules only and jest runs tests as CommonJS, so it runs in a child
 * `node` process, started once per test file and kept (loading PDF.js costs more than
 * reading a document): it takes each PDF over IPC and answers its text, or the error.
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
async function read(data) {
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
  await pdf.destroy();
  return { pages, info };
}
process.on('disconnect', () => process.exit(0));
process.on('message', ({ id, base64 }) => {
  read(new Uint8Array(Buffer.from(base64, 'base64'))).then(
    (contents) => process.send({ id, contents }),
    (err) => process.send({ id, error: String(err && err.stack || err) }),
  );
});
`;

let reader: ChildProcess | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve(contents: PdfContents): void; reject(err: Error): void }>();

function pdfReader(): ChildProcess {
  if (reader?.connected) return reader;
  const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (message: { id: number; contents?: PdfContents; error?: string }) => {
    const run = waiting.get(message.id);
    waiting.delete(message.id);
    if (waiting.size === 0) idleUntilStopped(child);
    if (message.error !== undefined) run?.reject(new Error(`PDF.js could not read the PDF: ${message.error}`));
    else run?.resolve(message.contents!);
  });
  child.on('exit', (code) => {
    if (reader !== child) return; // stopped when idle, with nothing out
    reader = undefined;
    for (const run of waiting.values()) run.reject(new Error(`PDF.js's process exited (${code})`));
    waiting.clear();
  });
  // It never keeps the test's process alive; it exits when that process does (its IPC channel closes).
  child.unref();
  child.channel?.unref();
  reader = child;
  return child;
}

/** A reader idle for a while is stopped: a test file's reads come together, and jest runs the next file in the same process. */
let idleTimer: NodeJS.Timeout | undefined;
function idleUntilStopped(child: ChildProcess): void {
  child.channel?.unref();
  idleTimer = setTimeout(() => {
    if (reader === child) reader = undefined;
    child.kill();
  }, 2000);
  idleTimer.unref();
}

export function readPdf(bytes: Uint8Array): Promise<PdfContents> {
  clearTimeout(idleTimer);
  const child = pdfReader();
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    child.channel?.ref();
    child.send({ id, base64: Buffer.from(bytes).toString('base64') }, (err) => {
      if (!err) return;
      waiting.delete(id);
      reject(err);
    });
  });
}

/** All the text of a PDF, pages separated by a blank line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).pages.join('\n\n');
}
