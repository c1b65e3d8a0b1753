/**
 * How a delivery to a Telegram chat or a webhook is retried inside one attempt window: the channel's
 * own `retry_after` when it gives one (Telegram's 429), else exponential backoff with full jitter. A
 * failure the channel will repeat whatever we do (a blocked bot, a 404 webhook, a refused address) is
 * not retried at all.
 */

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Another attempt may succeed (network trouble, 5xx, 429). */
    readonly retryable: boolean,
    /** The channel asked us to wait this long before the next attempt. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface RetryPolicy {
  /** Attempts within one window (one Lambda invocation or one local cycle). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A retry_after longer than this ends the window; the delivery is tried again later, not dropped. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** Claims of one delivery across windows before it becomes a dead letter. */
export const MAX_DELIVERY_CLAIMS = 5;

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Milliseconds before the next attempt, or null when this failure ends the window. */
export function nextDelay(
  err: unknown,
  attempt: number,
  policy: RetryPolicy,
  random = Math.random,
): number | null {
  const failure =
    err instanceof DeliveryError ? err : new DeliveryError(String((err as Error)?.message ?? err), true);
  if (!failure.retryable || attempt >= policy.maxAttempts) return null;
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : null;
  }
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)));
}

/** Runs `send` until it succeeds or the policy says stop; the last error is thrown. */
export async function withRetries<T>(
  send: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(attempt);
    } catch (err) {
      const delay = nextDelay(err, attempt, policy, deps.random);
      if (delay === null) throw err;
      await deps.sleep(delay);
    }
  }
}

export function isPermanent(err: unknown): boolean {
  return err instanceof DeliveryError && !err.retryable;
}
