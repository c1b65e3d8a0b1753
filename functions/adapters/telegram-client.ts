import { DeliveryError } from '../domain/delivery/retry-policy';
import type { TelegramTransport } from '../domain/ports';
import { FetchRefusedError, HttpClient, HttpStatusError, NetworkError, isLoopback } from './http-client';

export const TELEGRAM_API_BASE = 'https://api.telegram.org';

export interface TelegramClientOptions {
  token: string;
  /** The Bot API's base URL; a fake one on 127.0.0.1 in local runs and tests. */
  apiBase?: string;
  timeoutMs?: number;
}

interface BotApiAnswer {
  ok?: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
  result?: { message_id?: number };
}

/**
 * The Bot API's sendMessage, one attempt per call. A 429 carries `parameters.retry_after` (seconds),
 * handed on to the retry policy. The token is part of the URL, so it is cut out of every error.
 */
export class TelegramClient implements TelegramTransport {
  private readonly http: HttpClient;
  private readonly endpoint: string;

  constructor(private readonly options: TelegramClientOptions) {
    const base = new URL(options.apiBase ?? TELEGRAM_API_BASE);
    const host = base.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    this.http = new HttpClient({
      allowedHosts: [host],
      allowInsecureLocal: isLoopback(host),
      maxAttempts: 1,
      maxRedirects: 0,
      timeoutMs: options.timeoutMs ?? 10_000,
      connectTimeoutMs: 3_000,
      maxBytes: 256 * 1024,
    });
    this.endpoint = `${base.toString().replace(/\/$/, '')}/bot${options.token}/sendMessage`;
  }

  async sendMessage(body: Parameters<TelegramTransport['sendMessage']>[0]): Promise<{ messageId: string }> {
    let text: string;
    try {
      const res = await this.http.request({
        url: this.endpoint,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
      });
      text = res.body.toString('utf8');
    } catch (err) {
      throw this.toDeliveryError(err);
    }
    const answer = parse(text);
    if (!answer?.ok) throw this.answerError(answer, 200);
    return { messageId: String(answer.result?.message_id ?? '?') };
  }

  private toDeliveryError(err: unknown): DeliveryError {
    if (err instanceof HttpStatusError)
      return this.answerError(parse(err.bodyText), err.status, err.retryAfterMs);
    if (err instanceof FetchRefusedError)
      return new DeliveryError(`Telegram API refused: ${this.redact(err.message)}`, false);
    // Network trouble, timeouts and anything unexpected may pass on another attempt.
    const message = err instanceof NetworkError ? err.message : ((err as Error).message ?? String(err));
    return new DeliveryError(`Telegram API: ${this.redact(message)}`, true);
  }

  private answerError(
    answer: BotApiAnswer | undefined,
    status: number,
    headerRetryMs?: number,
  ): DeliveryError {
    const code = answer?.error_code ?? status;
    const what = `Telegram API error ${code}: ${this.redact(answer?.description ?? 'no description')}`;
    if (code === 429) {
      const seconds = answer?.parameters?.retry_after;
      return new DeliveryError(what, true, seconds !== undefined ? seconds * 1000 : (headerRetryMs ?? 1000));
    }
    // 400 (bad chat id, bad markup) and 403 (bot blocked or not in the chat) repeat whatever we do; a
    // 401 is the operator's token, fixed once for everyone, and server errors may pass.
    return new DeliveryError(what, code >= 500 || code === 401);
  }

  private redact(text: string): string {
    return this.options.token ? text.split(this.options.token).join('<token>') : text;
  }
}

function parse(text: string): BotApiAnswer | undefined {
  try {
    return JSON.parse(text) as BotApiAnswer;
  } catch {
    return undefined;
  }
}
