/**
 * When a failed fetch is tried again, and after how long. Kept apart from the client's wire work so
 * the rule a source owner asks about ("why did it give up?") reads in one place.
 */
import { HttpStatusError, NetworkError } from '../domain/sources/http-port';
import { isCloudflareChallenge } from '../domain/sources/source-failure';

export interface RetrySettings {
  /** Attempts per request (1 = no retries). */
  maxAttempts: number;
  /** Retries the client may spend in total, so a cycle against a failing site stays bounded. */
  retryBudget: number;
  /** First backoff delay; doubled per attempt, with full jitter. */
  backoffBaseMs: number;
  /** A Retry-After longer than this is not waited for: the request fails and says so. */
  maxRetryAfterMs: number;
  random: () => number;
}

/** One client's retry budget and backoff; the budget is shared by every request the client makes. */
export class RetryPolicy {
  private retriesLeft: number;

  constructor(private readonly settings: RetrySettings) {
    this.retriesLeft = settings.retryBudget;
  }

  /** Milliseconds to wait before the next attempt, or null when this failure is final. */
  delayBefore(err: Error, attempt: number): number | null {
    // A challenge page answers the same way every time: retrying only walks further into it.
    const challenged =
      err instanceof HttpStatusError && isCloudflareChallenge(err.status, err.headers, err.bodyText);
    const retryable =
      err instanceof NetworkError ||
      (err instanceof HttpStatusError && !challenged && (err.status >= 500 || err.status === 429));
    if (!retryable || attempt >= this.settings.maxAttempts || this.retriesLeft <= 0) return null;
    const { maxRetryAfterMs } = this.settings;
    if (err instanceof HttpStatusError && err.retryAfterMs !== undefined) {
      if (err.retryAfterMs > maxRetryAfterMs) {
        err.message = `${err.message} (asked to retry after ${Math.round(err.retryAfterMs / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s this monitor waits)`;
        return null;
      }
      return err.retryAfterMs;
    }
    // Full jitter: spreads retries of many sources hitting one site at once.
    return Math.round(this.settings.random() * this.settings.backoffBaseMs * 2 ** (attempt - 1));
  }

  /** A retry is about to be made: it comes out of the client's budget. */
  spend(): void {
    this.retriesLeft--;
  }
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from now. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}
