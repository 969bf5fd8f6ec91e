import { DOCUMENT_KINDS, THREAD_PAGE_MAX, type MessageThread, type MessageView } from '../../../shared/api/documents';
import { fileInfo } from '../../aws/files';
import { newId } from '../../core/ids';
import { conflict, notFound, unprocessable, type FieldError } from '../../core/problems';
import { updateWrite } from '../../table/db';
import { failedAt, retryOnConflict, UnitOfWork } from '../../table/unitOfWork';
import { activityRepository } from '../activityRepository';
import type { DocumentSide } from '../documentAccess';
import { documentKey, documentRepository, type StoredDocument } from '../documentRepository';
import { inboxRepository } from '../inboxRepository';
import { messageRepository, type StoredMessage } from './messageRepository';
import { dropPending, keepUpload } from './pendingUploads';
import { uploadRepository, type Upload } from './uploadRepository';

/**
 * A thread per document, both sides posting. A post is one transaction: the message, the
 * document's counters (messages, unread for the other side), the company's inbox counter,
 * an activity line and the claim of each attached upload; then `message.posted`.
 * Reading the thread marks it read for the reader's side, conditionally on the count
 * read, so two concurrent reads take the count off the inbox once.
 */

/** A thread page holds its messages oldest first, this many unless the caller asks for fewer. */
export const THREAD_PAGE = THREAD_PAGE_MAX;
/** The excerpt in `message.posted` (what notification emails quote). */
export const EXCERPT_LENGTH = 200;

type Counter = 'unreadForCustomer' | 'unreadForStaff';
const counterOf = (side: DocumentSide['side']): Counter => (side === 'customer' ? 'unreadForCustomer' : 'unreadForStaff');
const otherSide = (side: DocumentSide['side']): DocumentSide['side'] => (side === 'customer' ? 'staff' : 'customer');

export function toMessageView(message: StoredMessage): MessageView {
  return {
    messageId: message.messageId,
    at: message.at,
    // The CRM writes as the business: to the customer that is staff.
    author: { kind: message.author.kind === 'customer' ? 'customer' : 'staff', name: message.author.name },
    body: message.body,
    attachments: message.attachments.map(({ attachmentId, name, contentType, size }) => ({ attachmentId, name, contentType, size })),
  };
}

/**
 * A page of the thread as `reader` sees it: the newest messages, or with `cursor` those
 * before the page it came from. The newest page marks the thread read for the reader's
 * side first (so what was marked is in what is shown); an older page changes nothing.
 */
export async function readThread(doc: StoredDocument, reader: DocumentSide['side'], page: { limit?: number; cursor?: string } = {}): Promise<MessageThread> {
  if (!page.cursor) await markRead(doc, reader);
  const { items, cursor } = await messageRepository.page(doc.tenantId, doc.type, doc.documentId, page.limit ?? THREAD_PAGE, page.cursor);
  return { items: items.map(toMessageView), ...(cursor ? { truncated: true, cursor } : {}) };
}

/**
 * Sets the reader's unread count on the document to 0 and takes the same amount off the
 * company's inbox, only if the count is still the one read: of two concurrent reads one
 * writes, the other finds 0 on its retry. A message arriving in between makes the
 * condition fail too, and the retry takes it along.
 */
export async function markRead(doc: StoredDocument, reader: DocumentSide['side']): Promise<void> {
  const counter = counterOf(reader);
  let current: StoredDocument | undefined = doc;
  await retryOnConflict(
    async (attempt) => {
      if (attempt) current = await documentRepository.get(doc.tenantId, doc.type, doc.documentId, true);
      const unread = current?.[counter] ?? 0;
      if (!current || unread <= 0) return;
      const companyId = current.companyId;
      await new UnitOfWork()
        .write(
          updateWrite(
            documentKey(doc.tenantId, doc.type, doc.documentId),
            { set: { [counter]: 0 } },
            (x) => `${x.name(counter)} = ${x.value(unread)} AND ${x.name('companyId')} = ${x.value(companyId)}`,
          ),
          { Update: inboxRepository.addUpdate(doc.tenantId, companyId, { [counter]: -unread }) },
        )
        .commit();
    },
    // Readers racing this one took the count off; what is left shows as unread until the next read.
    { exhausted: () => new ReadRaced() },
  ).catch((err) => {
    if (!(err instanceof ReadRaced)) throw err;
  });
}

class ReadRaced extends Error {}

/** 422 naming each attachment that cannot be attached, as `body.attachmentIds.N`. */
const unusableAttachments = (errors: FieldError[]) => unprocessable('Unprocessable request', 'Some attachments cannot be attached to this message.', errors);

/**
 * Each id must be an upload made for this document by this same caller, not attached yet,
 * not expired, and its file must really be in the bucket with the size and type declared
 * when the upload was asked for.
 */
async function checkAttachments(doc: StoredDocument, author: DocumentSide, ids: string[], now: Date): Promise<Upload[]> {
  const errors: FieldError[] = [];
  const uploads: Upload[] = [];
  const seen = new Set<string>();
  await Promise.all(
    ids.map(async (id, i) => {
      const name = `body.attachmentIds.${i}`;
      if (seen.has(id)) return void errors.push({ name, reason: 'names the same upload twice' });
      seen.add(id);
      const upload = await uploadRepository.get(doc.tenantId, doc.type, doc.documentId, id, true);
      if (!upload || upload.uploader !== author.uploader) return void errors.push({ name, reason: 'is not an upload of yours for this document' });
      if (upload.messageId) return void errors.push({ name, reason: 'is already attached to a message' });
      if (upload.expiresAt && Date.parse(upload.expiresAt) < now.getTime()) return void errors.push({ name, reason: 'has expired: upload the file again' });
      const info = await fileInfo(upload.key);
      if (!info) return void errors.push({ name, reason: 'has no file yet: upload it to the URL given first' });
      if (info.size !== upload.size || info.contentType !== upload.contentType) {
        return void errors.push({ name, reason: `is not the file declared (${upload.contentType}, ${upload.size} bytes)` });
      }
      uploads[i] = upload;
    }),
  );
  if (errors.length) throw unusableAttachments(errors.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })));
  return uploads;
}

export function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}\u2026`;
}

/** Posts on the document's thread as `author`; the other side's unread counts go up by one. */
export async function postMessage(doc: StoredDocument, author: DocumentSide, input: { body: string; attachmentIds?: string[] }): Promise<MessageView> {
  if (doc.withdrawnAt) throw conflict(`${DOCUMENT_KINDS[doc.type].label} ${doc.number} has been withdrawn from the portal.`);
  const now = new Date();
  const ids = input.attachmentIds ?? [];
  const uploads = ids.length ? await checkAttachments(doc, author, ids, now) : [];
  // Out of the pending prefix before the claim commits, so a claimed file is never one the lifecycle rule deletes.
  const keptKeys = await Promise.all(uploads.map(keepUpload));
  const at = now.toISOString();
  const message: StoredMessage = {
    tenantId: doc.tenantId,
    type: doc.type,
    documentId: doc.documentId,
    companyId: doc.companyId,
    messageId: newId('msg'),
    at,
    author: author.author,
    body: input.body,
    attachments: uploads.map((u) => ({ attachmentId: u.attachmentId, name: u.fileName, contentType: u.contentType, size: u.size })),
  };
  const unread = counterOf(otherSide(author.side));
  const label = DOCUMENT_KINDS[doc.type].label.toLowerCase();
  const activity = activityRepository.item({
    tenantId: doc.tenantId,
    companyId: doc.companyId,
    at,
    type: doc.type,
    documentId: doc.documentId,
    number: doc.number,
    action: 'message.posted',
    actor: author.author.name,
    summary:
      author.side === 'customer' ? `${author.author.name} wrote about ${label} ${doc.number}` : `${author.author.name} replied on ${label} ${doc.number}`,
  });
  const FIRST_UPLOAD = 4;
  const work = new UnitOfWork()
    .write(
      { Put: { ...messageRepository.putItem(message) } },
      // The document is still there, still in the portal and still this company's.
      updateWrite(
        documentKey(doc.tenantId, doc.type, doc.documentId),
        { add: { messageCount: 1, [unread]: 1 } },
        (x) => `attribute_exists(${x.name('pk')}) AND attribute_not_exists(${x.name('withdrawnAt')}) AND ${x.name('companyId')} = ${x.value(doc.companyId)}`,
      ),
      { Update: inboxRepository.addUpdate(doc.tenantId, doc.companyId, { [unread]: 1 }) },
      { Put: { Item: activity } },
      ...uploads.map((u, i) => ({ Update: uploadRepository.claimUpdate(u, message.messageId, at, keptKeys[i]!) })),
    )
    .announce('message.posted', {
      tenantId: doc.tenantId,
      type: doc.type,
      documentId: doc.documentId,
      number: doc.number,
      companyId: doc.companyId,
      ...(doc.contactId ? { contactId: doc.contactId } : {}),
      version: doc.version,
      actor: author.author,
      messageId: message.messageId,
      excerpt: excerptOf(message.body),
      attachments: message.attachments.length,
    });

  await retryOnConflict(
    async () => {
      try {
        await work.commit(documentKey(doc.tenantId, doc.type, doc.documentId));
      } catch (err) {
        if (failedAt(err, 1)) throw notFound(`No ${label} with this id.`);
        const claimed = uploads.flatMap((_, i) =>
          failedAt(err, FIRST_UPLOAD + i) ? [{ name: `body.attachmentIds.${i}`, reason: 'is already attached to a message' }] : [],
        );
        if (claimed.length) throw unusableAttachments(claimed);
        // Only a transaction conflict (a concurrent write to one of the same items): nothing was written; go again.
        throw err;
      }
    },
    { exhausted: () => conflict('The document is busy right now. Try again.') },
  );

  await Promise.all(uploads.map(dropPending));
  return toMessageView(message);
}
