/**
 * Conditional writes that lose to concurrent ones: how to tell, and how to try again.
 * Kept apart from the unit of work, which holds events (and so the EventBridge client):
 * a repository that only needs `isConflict` does not bring it into a Lambda.
 */

/**
 * A conditional write that lost to a concurrent one: the condition failed, or the
 * transaction was cancelled because one of its conditions failed or another transaction
 * touched the same item.
 */
export function isConflict(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string }; CancellationReasons?: Array<{ Code?: string }> };
  // Also when wrapped (lib-dynamodb keeps the service's error as the cause).
  if (e?.name === 'ConditionalCheckFailedException' || e?.cause?.name === 'ConditionalCheckFailedException') return true;
  if (e?.name === 'TransactionCanceledException')
    return (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  return false;
}

/** Whether a cancelled transaction failed on the write at `index` (its own condition, not a conflict elsewhere). */
export function failedAt(err: unknown, index: number): boolean {
  return (err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
}

/** Thrown by an attempt that read state it must not write over (a settings item changed since read): try again. */
export class StaleRead extends Error {
  override name = 'StaleRead';
}

/**
 * Runs `attempt` (read, decide, conditional write) until it is not beaten by a concurrent
 * write: a conflict (or a `StaleRead`) starts the next attempt from a fresh read. After
 * `attempts` losses, the `exhausted` error (a 409 for people, a retryable error for
 * Stripe) is thrown.
 */
export async function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  options: { exhausted: () => Error; attempts?: number; pause?: (n: number) => number },
): Promise<T> {
  const attempts = options.attempts ?? 4;
  for (let n = 0; n < attempts; n++) {
    if (n && options.pause) await new Promise((resolve) => setTimeout(resolve, options.pause!(n)));
    try {
      return await attempt(n);
    } catch (err) {
      if (!isConflict(err) && !(err instanceof StaleRead)) throw err;
    }
  }
  throw options.exhausted();
}
