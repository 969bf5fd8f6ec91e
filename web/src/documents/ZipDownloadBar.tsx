import { useEffect, useId, useRef, useState } from 'react';
import type { DocumentZipProgress } from '../../../shared/api/documentZips';
import { call, problemMessage } from '../api';
import { DownloadIcon } from '../components/Icons';
import { count } from './format';
import { noun, pluralNoun, type DocumentType } from './kinds';
import { MAX_ZIP_DOCUMENTS, runZipJob, saveZip, wholeListIds } from './zipJob';
import './ZipDownloadBar.css';

type JobState =
  | { phase: 'idle' }
  | { phase: 'working'; progress?: DocumentZipProgress }
  | { phase: 'ready'; progress: DocumentZipProgress }
  | { phase: 'failed'; message: string };

const number = (n: number) => n.toLocaleString('en-GB');

/** What the progress says: "Preparing 120 of 1,000 PDFs…". */
function workingText(progress: DocumentZipProgress | undefined): string {
  if (!progress || progress.status === 'queued') return 'Starting…';
  return `Preparing ${number(progress.done)} of ${number(progress.total)} PDFs…`;
}

function readyText(progress: DocumentZipProgress, type: DocumentType): string {
  const included = progress.total - progress.skipped;
  const skipped = progress.skipped
    ? ` ${count(progress.skipped, noun(type), pluralNoun(type))} ${progress.skipped === 1 ? 'was' : 'were'} left out: no longer available to you.`
    : '';
  return `Your ZIP of ${count(included, 'PDF', 'PDFs')} is downloading.${skipped}`;
}

/**
 * The selection's bar on a list page: how many rows are ticked, "Download PDFs (n)", which
 * starts a ZIP job and follows it (a progress bar, and a polite live region that says how far
 * it is), then downloads the ZIP; a failure is said plainly. Shown while rows are ticked or a
 * job's outcome is on screen.
 */
export function ZipDownloadBar({
  type,
  selected,
  onClear,
  list,
}: {
  type: DocumentType;
  selected: string[];
  onClear(): void;
  /** When every shown row is ticked and the list goes on: "Select all in this list" fetches its ids and ticks them. */
  list?: { query: Parameters<typeof wholeListIds>[0]; onSelect(ids: string[]): void };
}) {
  const [job, setJob] = useState<JobState>({ phase: 'idle' });
  const [listPick, setListPick] = useState<{ busy: boolean; note?: string; error?: string }>({ busy: false });
  const abort = useRef<AbortController | null>(null);
  const labelId = useId();
  useEffect(() => () => abort.current?.abort(), []);

  const n = selected.length;
  const tooMany = n > MAX_ZIP_DOCUMENTS;
  const working = job.phase === 'working';

  async function start() {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setJob({ phase: 'working' });
    try {
      const done = await runZipJob(type, selected, (progress) => setJob({ phase: 'working', progress }), controller.signal);
      if (controller.signal.aborted) return;
      if (done.status === 'ready' && done.link) {
        setJob({ phase: 'ready', progress: done });
        saveZip(done.link.url);
      } else setJob({ phase: 'failed', message: done.reason ?? 'The ZIP could not be made. Please try again.' });
    } catch (err) {
      if (!controller.signal.aborted) setJob({ phase: 'failed', message: err instanceof Error && !('problem' in err) ? err.message : problemMessage(err) });
    }
  }

  async function selectList() {
    if (!list) return;
    setListPick({ busy: true });
    try {
      const { ids, more } = await wholeListIds(list.query);
      list.onSelect(ids);
      setListPick({
        busy: false,
        note: more
          ? `The first ${number(ids.length)} ${pluralNoun(type)} of this list are selected: the most one ZIP holds.`
          : `All ${number(ids.length)} ${pluralNoun(type)} in this list are selected.`,
      });
    } catch (err) {
      setListPick({ busy: false, error: problemMessage(err) });
    }
  }

  /** A fresh short-lived link each time (the first has expired after a few minutes); the ZIP itself is kept a day. */
  async function again(progress: DocumentZipProgress) {
    try {
      const fresh = await call('GET /api/document-zips/{type}/{zipId}', { path: { type, zipId: progress.zipId } });
      if (fresh.link) saveZip(fresh.link.url);
      else setJob({ phase: 'failed', message: fresh.reason ?? 'The ZIP is no longer available. Please make it again.' });
    } catch (err) {
      setJob({ phase: 'failed', message: problemMessage(err) });
    }
  }

  const status =
    job.phase === 'working'
      ? workingText(job.progress)
      : job.phase === 'ready'
        ? readyText(job.progress, type)
        : listPick.note && n > 0
          ? listPick.note
          : n
            ? `${count(n, noun(type), pluralNoun(type))} selected.`
            : '';
  const progress = job.phase === 'working' ? job.progress : undefined;
  return (
    <>
      {n > 0 || job.phase !== 'idle' ? (
        <section className="zip-bar" aria-label="Selected documents">
          <div className="zip-bar-row">
            <p className="zip-bar-count">
              <strong>{number(n)}</strong> selected
            </p>
            <div className="zip-bar-actions">
              <button type="button" className="btn btn-primary zip-bar-button" onClick={() => void start()} disabled={working || n === 0 || tooMany}>
                <DownloadIcon /> {working ? 'Preparing…' : `Download PDFs (${number(n)})`}
              </button>
              {list && !listPick.note ? (
                <button type="button" className="btn btn-secondary zip-bar-clear" onClick={() => void selectList()} disabled={working || listPick.busy}>
                  {listPick.busy ? 'Selecting…' : 'Select all in this list'}
                </button>
              ) : null}
              {n > 0 ? (
                <button
                  type="button"
                  className="btn btn-secondary zip-bar-clear"
                  onClick={() => {
                    setListPick({ busy: false });
                    onClear();
                  }}
                  disabled={working}
                >
                  Clear selection
                </button>
              ) : null}
            </div>
          </div>
          {listPick.note && n > 0 ? <p className="zip-bar-note">{listPick.note}</p> : null}
          {listPick.error ? (
            <p className="inline-error" role="alert">
              The list could not be selected: {listPick.error}
            </p>
          ) : null}
          {tooMany ? (
            <p className="inline-error">
              A ZIP holds at most {number(MAX_ZIP_DOCUMENTS)} documents: untick {number(n - MAX_ZIP_DOCUMENTS)}.
            </p>
          ) : null}
          {job.phase === 'working' ? (
            <div className="zip-progress">
              <span id={labelId} className="zip-progress-label" aria-hidden="true">
                {workingText(progress)}
              </span>
              <progress aria-labelledby={labelId} max={progress?.total ?? n} {...(progress && progress.status !== 'queued' ? { value: progress.done } : {})} />
            </div>
          ) : null}
          {job.phase === 'ready' && job.progress.link ? (
            <p className="zip-bar-done">
              {readyText(job.progress, type)}{' '}
              <button type="button" className="text-link zip-bar-again" onClick={() => void again(job.progress)}>
                Download {job.progress.fileName} again
              </button>
            </p>
          ) : null}
          {job.phase === 'failed' ? (
            <p className="inline-error" role="alert">
              The ZIP could not be made: {job.message}
            </p>
          ) : null}
        </section>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </>
  );
}
