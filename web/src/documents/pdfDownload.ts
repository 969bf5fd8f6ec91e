import type { DocumentPdfReply, DownloadLink } from '../../../shared/api/documents';

/** How long the site waits for a PDF being rendered before it says to try again later. */
const PATIENCE_MS = 60_000;

/**
 * Asks for a document's PDF until the link is there: while the PDF of the current version
 * is rendered the API answers 202 `preparing`, and the site asks again after the seconds it
 * was told (`onPreparing` lets the page say so).
 */
export async function untilPdfReady(ask: () => Promise<DocumentPdfReply>, onPreparing?: () => void): Promise<DownloadLink> {
  const giveUpAt = Date.now() + PATIENCE_MS;
  for (;;) {
    const reply = await ask();
    if (!('status' in reply)) return reply;
    if (Date.now() > giveUpAt) throw new Error('The PDF is taking longer than usual to prepare. Please try again in a minute.');
    onPreparing?.();
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, reply.retryAfterSeconds) * 1000));
  }
}
