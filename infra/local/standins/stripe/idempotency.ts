import { idempotencyError, invalidRequest, type StripeApiError } from './errors';

/** A response kept for its idempotency key. */
export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

/** A key held by a running request: saved with its response, or released if it never executed. */
export interface Claim {
  save(response: SavedResponse): void;
  release(): void;
}

interface Entry {
  endpoint: string;
  params: string;
  response?: SavedResponse;
}

/**
 * Stripe's `Idempotency-Key` on POST: keys are scoped to the API key and connected
 * account; the same key with the same endpoint and parameters replays the first response
 * (header `Idempotent-Replayed: true`), with different parameters or another endpoint it
 * is refused with a 400 `idempotency_error`, and while the first request is still running
 * a second one gets a 409. Only requests that got as far as executing are kept: a request
 * refused for its parameters can be retried with the same key, as on Stripe.
 */
export class IdempotencyKeys {
  private readonly entries = new Map<string, Entry>();

  /** Claims the key for this request, or says what to answer instead. */
  begin(scope: string, key: string, endpoint: string, params: string): { replay: SavedResponse } | { refuse: StripeApiError } | { claim: Claim } {
    if (key.length > 255) return { refuse: invalidRequest(`Invalid Idempotency-Key: must be at most 255 characters long.`) };
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry) {
      if (entry.endpoint !== endpoint) {
        return {
          refuse: idempotencyError(
            `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.endpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (entry.params !== params) {
        return {
          refuse: idempotencyError(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        };
      }
      if (!entry.response) {
        return {
          refuse: idempotencyError(
            `There is currently another in-progress request using this Stripe API key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
            409,
          ),
        };
      }
      return { replay: entry.response };
    }
    const claimed: Entry = { endpoint, params };
    this.entries.set(id, claimed);
    return {
      claim: {
        save: (response) => {
          claimed.response = response;
        },
        release: () => {
          if (this.entries.get(id) === claimed) this.entries.delete(id);
        },
      },
    };
  }

  reset(): void {
    this.entries.clear();
  }
}
