import { startTransition, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DocumentView, MessageView, UploadTicket } from '../../../shared/api/documents';
import { call, problemMessage } from '../api';
import { initials } from '../branding';
import { AlertIcon, FileIcon, MessageIcon, PaperclipIcon, SendIcon, XIcon } from '../components/Icons';
import { FormFailure } from '../forms/FormFailure';
import { useSubmit } from '../forms/useSubmit';
import { readEarly } from '../early';
import { useTenant } from '../tenant';
import { attachmentDownload, openDownload } from './downloads';
import { count, formatBytes, formatWhen } from './format';
import { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, documentArgs, noun } from './kinds';
import '../styles/forms.css';
import './MessagesPanel.css';
import { LIMITS } from '../../../shared/limits';

type ContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];
const MAX_BODY = LIMITS.messageBody;

/** File types by extension, for files the operating system gave no type (CSV on Windows, often). */
const BY_EXTENSION: Record<string, ContentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};
const ACCEPT = [...ATTACHMENT_CONTENT_TYPES, ...Object.keys(BY_EXTENSION).map((e) => `.${e}`)].join(',');
const ALLOWED_WORDS = 'PDF, PNG, JPEG, GIF, WebP, text, CSV or ZIP';

/** The contract's content type of a file, if it may be attached. */
export function contentTypeOf(file: { name: string; type: string }): ContentType | undefined {
  const type = file.type.toLowerCase();
  if ((ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type)) return type as ContentType;
  if (type === 'application/x-zip-compressed') return 'application/zip';
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return type === '' || type === 'application/octet-stream' || type === 'application/vnd.ms-excel' ? BY_EXTENSION[ext] : undefined;
}

/** Why a file cannot be attached, in a sentence; undefined when it can. */
export function fileProblem(file: { name: string; type: string; size: number }): string | undefined {
  if (!contentTypeOf(file)) return `“${file.name}” can't be attached: only ${ALLOWED_WORDS} files can.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_ATTACHMENT_BYTES) return `“${file.name}” is ${formatBytes(file.size)}: files can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`;
  return undefined;
}

interface Pending {
  key: string;
  file: File;
  state: 'ready' | 'uploading' | 'done' | 'error';
  progress: number;
  attachmentId?: string;
  error?: string;
}

/** Headers a page may not set itself; the browser sends them (with the right values) anyway. */
const FORBIDDEN = new Set(['content-length', 'host', 'connection', 'expect', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * PUTs a file to its presigned S3 URL with exactly the ticket's headers, reporting
 * progress. No cookies and no CSRF header: S3 is another origin and needs neither.
 */
export function putFile(ticket: UploadTicket, file: File, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', ticket.url);
    for (const [name, value] of Object.entries(ticket.headers)) {
      if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`The file store refused the upload (HTTP ${xhr.status}). Please try again.`));
    xhr.onerror = () => reject(new Error('The upload did not get through. Check your connection and try again.'));
    xhr.send(file);
  });
}

function AttachmentChip({ doc, attachment }: { doc: DocumentView; attachment: MessageView['attachments'][number] }) {
  const [state, setState] = useState<{ busy: boolean; error?: string; url?: string }>({ busy: false });
  async function open() {
    setState({ busy: true });
    try {
      const link = await openDownload(attachmentDownload(doc.type, doc.documentId, attachment.attachmentId));
      setState({ busy: false, url: link.url });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <li className="file-chip-item">
      <button type="button" className="file-chip" onClick={() => void open()} aria-busy={state.busy}>
        <FileIcon />
        <span className="visually-hidden">Download </span>
        <span className="file-chip-name">{attachment.name}</span>
        <span className="file-chip-size">{formatBytes(attachment.size)}</span>
      </button>
      <span role="status" className="file-chip-status">
        {state.error ? <span className="inline-error">{state.error}</span> : null}
        {state.url ? (
          <a href={state.url} target="_blank" rel="noopener noreferrer" className="small">
            Opened in a new tab. Not there? Open {attachment.name}
          </a>
        ) : null}
      </span>
    </li>
  );
}

function Message({ doc, message }: { doc: DocumentView; message: MessageView }) {
  const tenant = useTenant();
  const staff = message.author.kind === 'staff';
  return (
    <li className={`message${staff ? ' is-staff' : ' is-customer'}`}>
      <span className="message-avatar" aria-hidden="true">
        {initials(message.author.name)}
      </span>
      <div className="message-main">
        <p className="message-meta">
          <strong className="message-author">{message.author.name}</strong>
          {staff ? <span className="message-org">{tenant.name}</span> : null}
          <time dateTime={message.at} className="message-time">
            {formatWhen(message.at)}
          </time>
        </p>
        <div className="message-body">{message.body}</div>
        {message.attachments.length > 0 ? (
          <ul className="file-chips" aria-label={`Files attached to ${message.author.name}'s message`}>
            {message.attachments.map((a) => (
              <AttachmentChip key={a.attachmentId} doc={doc} attachment={a} />
            ))}
          </ul>
        ) : null}
      </div>
    </li>
  );
}

/** A document's message thread: both sides' messages (oldest first) and, when allowed, a composer with attachments. */
export function MessagesPanel({ doc, canPost }: { doc: DocumentView; canPost: boolean }) {
  const tenant = useTenant();
  const id = useId();
  const { type, documentId } = doc;
  // `older`: the cursor of the page before the earliest message shown, while there is one.
  const [thread, setThread] = useState<{ status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; items: MessageView[]; older?: string }>(
    {
      status: 'loading',
    },
  );
  const [earlier, setEarlier] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [attempt, setAttempt] = useState(0);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<Pending[]>([]);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [bodyError, setBodyError] = useState('');
  const { busy: sending, failure, clear, run } = useSubmit();
  const [announcement, setAnnouncement] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const seq = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button's: a change loads again
  useEffect(() => {
    const controller = new AbortController();
    setThread({ status: 'loading' });
    readEarly('GET /api/documents/{type}/{documentId}/messages', documentArgs(type, documentId), controller.signal).then(
      (r) => !controller.signal.aborted && startTransition(() => setThread({ status: 'ready', items: r.items, older: r.cursor })),
      (error: unknown) => !controller.signal.aborted && setThread({ status: 'error', error }),
    );
    return () => controller.abort();
  }, [type, documentId, attempt]);

  function addFiles(list: FileList | null) {
    if (!list) return;
    const problems: string[] = [];
    const next = [...files];
    for (const file of Array.from(list)) {
      const problem = fileProblem(file);
      if (problem) problems.push(problem);
      else if (next.length >= MAX_ATTACHMENTS_PER_MESSAGE)
        problems.push(`“${file.name}” was not added: one message can carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} files.`);
      else next.push({ key: `f${++seq.current}`, file, state: 'ready', progress: 0 });
    }
    setFiles(next);
    setFileErrors(problems);
    const added = next.length - files.length;
    setAnnouncement([added > 0 ? `${count(added, 'file')} added.` : '', ...problems].filter(Boolean).join(' '));
    if (picker.current) picker.current.value = '';
  }

  function removeFile(key: string) {
    const removed = files.find((f) => f.key === key);
    setFiles(files.filter((f) => f.key !== key));
    if (removed) setAnnouncement(`${removed.file.name} removed.`);
    textarea.current?.focus();
  }

  const patch = (key: string, change: Partial<Pending>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));

  async function send(e?: FormEvent) {
    e?.preventDefault();
    if (sending) return;
    clear();
    const text = body.trim();
    if (!text) {
      setBodyError(files.length > 0 ? 'Write a few words to go with your files' : 'Write your message first');
      textarea.current?.focus();
      return;
    }
    if (text.length > MAX_BODY) {
      setBodyError(`Messages can be at most ${MAX_BODY.toLocaleString()} characters`);
      textarea.current?.focus();
      return;
    }
    setBodyError('');
    const ids: string[] = [];
    await run(
      async () => {
        for (const pending of files) {
          if (pending.state === 'done' && pending.attachmentId) {
            ids.push(pending.attachmentId);
            continue;
          }
          const contentType = contentTypeOf(pending.file) as ContentType;
          patch(pending.key, { state: 'uploading', progress: 0, error: undefined });
          setAnnouncement(`Uploading ${pending.file.name}…`);
          try {
            const ticket = await call('POST /api/documents/{type}/{documentId}/uploads', {
              ...documentArgs(type, documentId),
              body: { fileName: pending.file.name, contentType, size: pending.file.size },
            });
            await putFile(ticket, pending.file, (progress) => patch(pending.key, { progress }));
            patch(pending.key, { state: 'done', progress: 1, attachmentId: ticket.attachmentId });
            ids.push(ticket.attachmentId);
          } catch (err) {
            const reason = err instanceof Error && !('problem' in err) ? err.message : problemMessage(err);
            patch(pending.key, { state: 'error', error: reason });
            throw new Error(`“${pending.file.name}” could not be uploaded, so your message has not been sent. ${reason}`);
          }
        }
        const message = await call('POST /api/documents/{type}/{documentId}/messages', {
          ...documentArgs(type, documentId),
          body: ids.length > 0 ? { body: text, attachmentIds: ids } : { body: text },
        });
        setThread((t) => (t.status === 'ready' ? { ...t, items: [...t.items, message] } : { status: 'ready', items: [message] }));
        setBody('');
        setFiles([]);
        setFileErrors([]);
        setAnnouncement('Your message has been sent.');
        requestAnimationFrame(() => list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' }));
      },
      {
        onError: () => setAnnouncement(''),
        failureOf: (err) => (err instanceof Error && !('problem' in err) ? err.message : `Your message has not been sent. ${problemMessage(err)}`),
      },
    );
  }

  /** The page of messages before the earliest shown, added above it; the thread keeps its place on screen. */
  async function showEarlier() {
    if (thread.status !== 'ready' || !thread.older || earlier.busy) return;
    setEarlier({ busy: true });
    try {
      const page = await call('GET /api/documents/{type}/{documentId}/messages', { ...documentArgs(type, documentId), query: { cursor: thread.older } });
      const box = list.current;
      const before = box ? box.scrollHeight - box.scrollTop : 0;
      setThread((t) => (t.status === 'ready' ? { status: 'ready', items: [...page.items, ...t.items], older: page.cursor } : t));
      setEarlier({ busy: false });
      setAnnouncement(`${count(page.items.length, 'earlier message')} shown${page.cursor ? '' : ': this is the start of the conversation'}.`);
      requestAnimationFrame(() => {
        if (box) box.scrollTop = box.scrollHeight - before;
      });
    } catch (err) {
      setEarlier({ busy: false, error: `The earlier messages could not be loaded. ${problemMessage(err)}` });
    }
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const headingId = `${id}-heading`;
  const items = thread.status === 'ready' ? thread.items : [];
  const older = thread.status === 'ready' ? thread.older : undefined;
  return (
    <section className="card messages" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId} className="with-icon">
          <span className="dash-icon" aria-hidden="true">
            <MessageIcon />
          </span>
          Messages
        </h2>
        {items.length > 0 ? (
          <span className="muted small">
            {count(items.length, 'message')}
            {older ? ' shown' : ''}
          </span>
        ) : null}
      </div>
      {thread.status === 'loading' ? (
        <div aria-busy="true">
          <p className="visually-hidden">Loading messages…</p>
          <div className="skeleton skeleton-line" aria-hidden="true" />
          <div className="skeleton skeleton-line skeleton-w60 left" aria-hidden="true" />
        </div>
      ) : thread.status === 'error' ? (
        <div className="inline-problem" role="alert">
          <AlertIcon />
          <p>
            The messages could not be loaded. {problemMessage(thread.error)}{' '}
            <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </p>
        </div>
      ) : items.length === 0 ? (
        <p className="messages-empty">
          No messages yet. {canPost ? `Questions about this ${noun(doc.type)}? Write to ${tenant.name} here and they'll reply on this page.` : ''}
        </p>
      ) : (
        <>
          {older ? (
            <div className="thread-earlier no-print">
              <button type="button" className="btn btn-secondary btn-small" onClick={() => void showEarlier()} disabled={earlier.busy} aria-busy={earlier.busy}>
                {earlier.busy ? 'Loading earlier messages…' : 'Show earlier messages'}
              </button>
              {earlier.error ? (
                <p className="inline-error" role="alert">
                  {earlier.error}
                </p>
              ) : null}
            </div>
          ) : null}
          {/* A long thread scrolls inside its box: focusable, so a keyboard can scroll it too. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <ol className="thread" ref={list} aria-label="Message thread" tabIndex={0}>
            {items.map((m) => (
              <Message key={m.messageId} doc={doc} message={m} />
            ))}
          </ol>
        </>
      )}
      {canPost ? (
        <form className="composer no-print" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-composer`} noValidate>
          <h3 id={`${id}-composer`} className="visually-hidden">
            Write a message
          </h3>
          <div className={`field${bodyError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${id}-body`}>Your message</label>
            <textarea
              ref={textarea}
              id={`${id}-body`}
              name="message"
              rows={3}
              value={body}
              maxLength={MAX_BODY}
              onChange={(e) => {
                setBody(e.target.value);
                if (bodyError) setBodyError('');
              }}
              onKeyDown={onKey}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={`${id}-hint${bodyError ? ` ${id}-body-error` : ''}`}
              placeholder={`Write to ${tenant.name}…`}
            />
            <p className="field-hint" id={`${id}-hint`}>
              Press Ctrl+Enter (⌘+Enter on a Mac) to send. Files: {ALLOWED_WORDS}, up to {formatBytes(MAX_ATTACHMENT_BYTES)} each.
            </p>
            {bodyError ? (
              <p className="field-error" id={`${id}-body-error`}>
                <span aria-hidden="true" className="field-error-icon">
                  !
                </span>
                {bodyError}
              </p>
            ) : null}
          </div>
          {files.length > 0 ? (
            <ul className="pending-files" aria-label="Files to send">
              {files.map((f) => (
                <li key={f.key} className={`pending-file is-${f.state}`}>
                  <FileIcon />
                  <span className="pending-name">{f.file.name}</span>
                  <span className="pending-size">{formatBytes(f.file.size)}</span>
                  {f.state === 'uploading' ? (
                    <progress className="pending-progress" max={1} value={f.progress} aria-label={`Uploading ${f.file.name}`} />
                  ) : f.state === 'done' ? (
                    <span className="pending-done">Uploaded</span>
                  ) : null}
                  <button type="button" className="icon-button" aria-label={`Remove ${f.file.name}`} onClick={() => removeFile(f.key)} disabled={sending}>
                    <XIcon />
                  </button>
                  {f.error ? <p className="pending-error">{f.error}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {fileErrors.length > 0 ? (
            <ul className="file-errors" aria-label="Files not added">
              {fileErrors.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          <FormFailure text={failure} />
          <div className="composer-bar">
            <input
              ref={picker}
              id={`${id}-files`}
              type="file"
              multiple
              accept={ACCEPT}
              className="file-input"
              onChange={(e) => addFiles(e.target.files)}
              disabled={sending}
            />
            <label htmlFor={`${id}-files`} className={`btn btn-ghost${sending ? ' is-disabled' : ''}`}>
              <PaperclipIcon /> Attach files
            </label>
            <button type="submit" className="btn btn-primary" disabled={sending}>
              <SendIcon /> {sending ? 'Sending…' : 'Send message'}
            </button>
          </div>
        </form>
      ) : null}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
