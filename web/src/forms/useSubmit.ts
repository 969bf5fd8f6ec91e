import { useRef, useState } from 'react';
import { problemMessage } from '../api';

/**
 * The state every form that sends one request keeps: `busy` while it runs (the page
 * disables its buttons and marks the form `aria-busy`), and `failure`, the sentence the
 * form's alert shows when it fails. A second submit while one runs is dropped, even one
 * made before React re-renders with `busy` (a double click), so a request is sent once.
 */
export interface Submit<F = string> {
  busy: boolean;
  /** The failure: a sentence, or what a form that shows more than a sentence keeps (`F`); '' for none. */
  failure: F | '';
  /** Clears the failure: a new attempt, or a check in the page that found a problem itself. */
  clear(): void;
  /**
   * Runs `work` (which on success closes or resets what it belongs to) once at a time.
   * When it throws, `onError` sees the error first (to show the API's field errors by
   * their fields), then the failure is `failureOf(err)`: by default the problem's message
   * (a form with another kind of failure gives its own).
   */
  run(work: () => Promise<void>, options?: SubmitOptions<F>): Promise<void>;
}

interface SubmitOptions<F> {
  onError?(err: unknown): void;
  failureOf?(err: unknown): F | '';
}

export function useSubmit<F = string>(): Submit<F> {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<F | ''>('');
  const running = useRef(false);

  async function run(work: () => Promise<void>, options: SubmitOptions<F> = {}) {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setFailure('');
    try {
      await work();
    } catch (err) {
      options.onError?.(err);
      // Without its own failureOf a form's failure is a sentence (F is string).
      setFailure((options.failureOf ?? (problemMessage as (err: unknown) => F | ''))(err));
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return { busy, failure, clear: () => setFailure(''), run };
}

/** A failure that is no problem from the API (an upload refused by S3) says so itself; a problem says its message. */
export const ownOrProblemMessage = (err: unknown): string => (err instanceof Error && !('problem' in err) ? err.message : problemMessage(err));
