import { DeliveryError } from '../domain/delivery/retry-policy';
import type { WebhookTransport } from '../domain/ports';
import { FetchRefusedError, HttpClient, HttpStatusError, NetworkError, isLoopback } from './http-client';

export interface WebhookClientOptions {
  /** Plain http and loopback receivers allowed: local runs and tests only. */
  allowLocal?: boolean;
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

/**
 * The address rules of the fetcher, applied to a subscriber's webhook: https only (plain http only to
 * a loopback receiver in local runs), no credentials in the URL, no private, link-local or metadata
 * address, neither written in the URL nor behind a name (checked again when the name is resolved).
 * Throws with the reason.
 */
export function checkWebhookUrl(url: string, options: { allowLocal?: boolean } = {}): URL {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    throw new Error(`webhook refused: not a valid URL: ${url}`);
  }
  try {
    return new HttpClient({
      allowedHosts: [host.replace(/^\[|\]$/g, '')],
      allowInsecureLocal: options.allowLocal,
    }).assertAllowed(url);
  } catch (err) {
    throw new Error(`webhook refused: ${(err as Error).message}`);
  }
}

/** POSTs alerts to webhooks, one bounded attempt per call (the delivery's retry policy decides on more). */
export class WebhookClient implements WebhookTransport {
  constructor(private readonly options: WebhookClientOptions = {}) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
    let target: URL;
    try {
      target = checkWebhookUrl(url, this.options);
    } catch (err) {
      throw new DeliveryError((err as Error).message, false);
    }
    const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const http = new HttpClient({
      allowedHosts: [host],
      allowInsecureLocal: this.options.allowLocal && isLoopback(host),
      maxAttempts: 1,
      // A receiver that redirects is misconfigured: following a POST elsewhere is never right.
      maxRedirects: 0,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 3_000,
      maxBytes: 64 * 1024,
    });
    try {
      const res = await http.request({
        url,
        method: 'POST',
        headers: { accept: 'application/json, */*', ...headers },
        body,
      });
      return { status: res.status };
    } catch (err) {
      throw toDeliveryError(err, url);
    }
  }
}

function toDeliveryError(err: unknown, url: string): DeliveryError {
  const origin = safeOrigin(url);
  if (err instanceof FetchRefusedError) return new DeliveryError(`webhook refused: ${err.message}`, false);
  if (err instanceof HttpStatusError) {
    const retryable = err.status >= 500 || err.status === 429 || err.status === 408;
    return new DeliveryError(`webhook ${origin} answered HTTP ${err.status}`, retryable, err.retryAfterMs);
  }
  if (err instanceof NetworkError) return new DeliveryError(`webhook ${origin}: ${err.message}`, true);
  const message = (err as Error).message ?? String(err);
  if (/redirect/.test(message)) {
    return new DeliveryError(
      `webhook ${origin} answered with a redirect; give the receiver's final URL`,
      false,
    );
  }
  return new DeliveryError(`webhook ${origin}: ${message}`, true);
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
