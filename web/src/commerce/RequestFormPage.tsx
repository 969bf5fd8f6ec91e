import { useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { REQUEST_LIMITS, type RequestKind } from '../../../shared/api/commerceRequests';
import { ApiError, call, problemMessage } from '../api';
import { PaperclipIcon, XIcon } from '../components/Icons';
import { contentTypeOf, fileProblem, putFile } from '../documents/MessagesPanel';
import { formatBytes } from '../documents/format';
import { useSubmit } from '../forms/useSubmit';
import { usePageTitle, useTenant } from '../tenant';
import { useShop } from './shop';
import { newClientId, SHOP } from './parts';
import './requests.css';

interface Pending {
  key: string;
  file: File;
  state: 'ready' | 'uploading' | 'done' | 'error';
  progress: number;
  attachmentId?: string;
  error?: string;
}

const COPY: Record<RequestKind, { title: string; lead: (tenant: string) => string; titleLabel: string; descriptionLabel: string; hint: string }> = {
  quote: {
    title: 'Request a quote',
    lead: (t) => `Tell ${t} what you need and we will send you a quote, usually within one working day.`,
    titleLabel: 'What do you need a quote for?',
    descriptionLabel: 'Details',
    hint: 'Sizes, quantities, materials, deadlines: anything that helps us price it.',
  },
  job: {
    title: 'Request a job',
    lead: (t) => `Ask ${t} to carry out a job: an installation, a repair or a visit.`,
    titleLabel: 'What is the job?',
    descriptionLabel: 'Details',
    hint: 'Where, when, access, and what you would like done.',
  },
};

/** A free-form quote or job request, with files uploaded straight to the file store first (as a message's are). */
export function RequestFormPage() {
  const shop = useShop();
  const tenant = useTenant();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const asked = params.get('kind') === 'job' ? 'job' : 'quote';
  const kind: RequestKind = asked === 'job' && shop.mayRequestJob ? 'job' : shop.mayRequestQuote ? 'quote' : 'job';
  const copy = COPY[kind];
  usePageTitle(copy.title);
  const product = params.get('product');
  const [title, setTitle] = useState(product ? `Quote for ${product}` : '');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<Pending[]>([]);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const [clientRequestId] = useState(newClientId);
  const submit = useSubmit();
  const ids = { title: useId(), description: useId(), files: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const allowed = kind === 'job' ? shop.mayRequestJob : shop.mayRequestQuote;

  if (!allowed) {
    return (
      <div className="card empty-state">
        <h1>{copy.title}</h1>
        <p>Your account cannot send requests. Ask {tenant.name} if you need to.</p>
      </div>
    );
  }

  const patch = (key: string, change: Partial<Pending>) => setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...change } : f)));

  function addFiles(list: FileList | null) {
    if (!list) return;
    const errors: string[] = [];
    const next: Pending[] = [];
    for (const file of Array.from(list)) {
      const problem = fileProblem(file);
      if (problem) errors.push(problem);
      else next.push({ key: `${file.name}-${file.size}-${Math.random()}`, file, state: 'ready', progress: 0 });
    }
    const room = REQUEST_LIMITS.attachments - files.length;
    if (next.length > room) errors.push(`You can attach up to ${REQUEST_LIMITS.attachments} files.`);
    setFiles((fs) => [...fs, ...next.slice(0, Math.max(0, room))]);
    setFileErrors(errors);
    if (fileInput.current) fileInput.current.value = '';
  }

  async function send() {
    await submit.run(
      async () => {
        const attachmentIds: string[] = [];
        for (const pending of files) {
          if (pending.state === 'done' && pending.attachmentId) {
            attachmentIds.push(pending.attachmentId);
            continue;
          }
          patch(pending.key, { state: 'uploading', progress: 0, error: undefined });
          try {
            const ticket = await call('POST /api/requests/uploads', {
              body: { fileName: pending.file.name, contentType: contentTypeOf(pending.file)!, size: pending.file.size },
            });
            await putFile(ticket, pending.file, (progress) => patch(pending.key, { progress }));
            patch(pending.key, { state: 'done', progress: 1, attachmentId: ticket.attachmentId });
            attachmentIds.push(ticket.attachmentId);
          } catch (err) {
            const reason = err instanceof Error && !('problem' in err) ? err.message : problemMessage(err);
            patch(pending.key, { state: 'error', error: reason });
            throw new Error(`“${pending.file.name}” could not be uploaded, so your request has not been sent. ${reason}`);
          }
        }
        await call('POST /api/requests', { body: { kind, clientRequestId, title: title.trim(), description: description.trim(), attachmentIds } });
        navigate(`${SHOP}/requests?sent=${kind}`);
      },
      {
        // An upload's own sentence (which file, why) rather than a generic one.
        failureOf: (err) => (err instanceof Error && !(err instanceof ApiError) ? err.message : problemMessage(err)),
      },
    );
  }

  return (
    <>
      <Link to={`${SHOP}/requests`} className="back-link">
        My requests
      </Link>
      <div className="page-head">
        <h1>{copy.title}</h1>
        <p className="lead">{copy.lead(tenant.name)}</p>
      </div>
      <form
        className="card request-form"
        aria-busy={submit.busy}
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="field">
          <label htmlFor={ids.title}>{copy.titleLabel}</label>
          <input id={ids.title} required maxLength={REQUEST_LIMITS.title} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{copy.descriptionLabel}</label>
          <p className="field-hint" id={`${ids.description}-hint`}>
            {copy.hint}
          </p>
          <textarea
            id={ids.description}
            required
            rows={6}
            maxLength={REQUEST_LIMITS.description}
            value={description}
            aria-describedby={`${ids.description}-hint`}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="field">
          <span className="field-label" id={`${ids.files}-label`}>
            Files (optional)
          </span>
          <p className="field-hint">Drawings, photos or a brief: PDF, images, text, CSV or ZIP, up to {REQUEST_LIMITS.attachments} files.</p>
          <label className="btn btn-secondary btn-small file-pick">
            <PaperclipIcon /> Attach files
            <input
              ref={fileInput}
              type="file"
              multiple
              className="visually-hidden"
              aria-labelledby={`${ids.files}-label`}
              onChange={(e) => addFiles(e.target.files)}
            />
          </label>
          {fileErrors.length > 0 ? (
            <ul className="inline-error" role="alert">
              {fileErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
          {files.length > 0 ? (
            <ul className="request-files">
              {files.map((f) => (
                <li key={f.key} className={`request-file is-${f.state}`}>
                  <span className="request-file-name">{f.file.name}</span>
                  <span className="muted small">{formatBytes(f.file.size)}</span>
                  {f.state === 'uploading' ? <progress max={1} value={f.progress} aria-label={`Uploading ${f.file.name}`} /> : null}
                  {f.state === 'done' ? <span className="small request-file-done">Uploaded</span> : null}
                  {f.state === 'error' ? <span className="small inline-error">Not uploaded</span> : null}
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove ${f.file.name}`}
                    disabled={submit.busy}
                    onClick={() => setFiles((fs) => fs.filter((x) => x.key !== f.key))}
                  >
                    <XIcon />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        {submit.failure ? (
          <p className="banner banner-danger" role="alert">
            {submit.failure}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {submit.busy ? 'Sending…' : `Send ${kind} request`}
          </button>
        </div>
      </form>
    </>
  );
}
