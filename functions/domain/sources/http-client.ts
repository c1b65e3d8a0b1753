/**
 * The monitor's only way onto the network: an honest, bounded, allowlisted HTTP client.
 * Every source reader and the article fetcher go through it, so the safeguards hold everywhere.
 */

export const USER_AGENT =
  'kz-news-monitor/0.1 (+https://github.com/kz-news-monitor/kz-news-monitor; news monitoring for Kazakhstan-US relations)';

export interface HttpClientOptions {
  /** Host names that may be fetched (exact, lower-case). Redirects are checked too. */
  allowedHosts: Iterable<string>;
  /** Allow http:// and loopback addresses (tests and the local demo only). */
  allowInsecureLocal?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  fetchImpl?: typeof fetch;
}

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  etag?: string;
  lastModified?: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  notModified: boolean;
}

export class FetchRefusedError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly bodyText: string,
    readonly retryAfterMs?: number,
  ) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpStatusError';
  }
}

const PRIVATE_V4 = [
  /^0\./,
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

export function isPrivateAddress(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.internal')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) return PRIVATE_V4.some((re) => re.test(h));
  if (h.includes(':')) return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80') || h.startsWith('::ffff:');
  return false;
}

export class HttpClient {
  private readonly allowed: Set<string>;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly fetchImpl: typeof fetch;
  /** Requests made, for the "unchanged cycle makes no article requests" accounting. */
  readonly counters = { requests: 0, notModified: 0, bytes: 0 };

  constructor(private readonly options: HttpClientOptions) {
    this.allowed = new Set([...options.allowedHosts].map((h) => h.toLowerCase()));
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /** Throws FetchRefusedError when the address is not one the monitor may fetch. */
  assertAllowed(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchRefusedError(`not a valid URL: ${raw}`, raw);
    }
    const host = url.hostname.toLowerCase();
    const local = this.options.allowInsecureLocal === true;
    if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
      throw new FetchRefusedError(`refused ${url.protocol} URL (https only): ${raw}`, raw);
    }
    if (!this.allowed.has(host)) throw new FetchRefusedError(`host ${host} is not on the allowlist`, raw);
    if (!local && isPrivateAddress(host)) throw new FetchRefusedError(`refused private address ${host}`, raw);
    return url;
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let current = this.assertAllowed(req.url).toString();
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const headers: Record<string, string> = {
        'user-agent': this.userAgent,
        accept: '*/*',
        'accept-encoding': 'gzip, deflate, br',
        ...req.headers,
      };
      if (req.etag) headers['if-none-match'] = req.etag;
      if (req.lastModified) headers['if-modified-since'] = req.lastModified;
      this.counters.requests++;
      const signal = AbortSignal.timeout(this.timeoutMs);
      let res: Response;
      try {
        res = await this.fetchImpl(current, {
          method: req.method ?? 'GET',
          headers,
          body: req.body,
          redirect: 'manual',
          signal,
        });
      } catch (err) {
        const e = err as Error;
        if (e.name === 'TimeoutError' || e.name === 'AbortError') {
          throw new Error(`timed out after ${this.timeoutMs} ms fetching ${current}`);
        }
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(`network error fetching ${current}: ${cause?.code ?? cause?.message ?? e.message}`);
      }
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw new Error(`redirect without Location from ${current}`);
        current = this.assertAllowed(new URL(location, current).toString()).toString();
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        this.counters.notModified++;
        return { url: current, status: 304, headers: res.headers, body: Buffer.alloc(0), notModified: true };
      }
      const body = await this.readCapped(res, current, signal);
      if (res.status >= 400) {
        throw new HttpStatusError(res.status, current, body.toString('utf8').slice(0, 500), retryAfterMs(res.headers));
      }
      return { url: current, status: res.status, headers: res.headers, body, notModified: false };
    }
    throw new Error(`too many redirects from ${req.url}`);
  }

  private async readCapped(res: Response, url: string, signal: AbortSignal): Promise<Buffer> {
    const declared = Number(res.headers.get('content-length') ?? 'NaN');
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await res.body?.cancel();
      throw new Error(`response from ${url} is ${declared} bytes, over the ${this.maxBytes}-byte cap`);
    }
    if (!res.body) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.maxBytes) {
          await reader.cancel();
          throw new Error(`response from ${url} exceeded the ${this.maxBytes}-byte cap`);
        }
        chunks.push(Buffer.from(value));
      }
    } catch (err) {
      if (signal.aborted) throw new Error(`timed out after ${this.timeoutMs} ms reading ${url}`);
      throw err;
    }
    this.counters.bytes += size;
    return Buffer.concat(chunks);
  }
}

function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Decodes a body by the charset named in the header, the XML prolog or a meta tag (UTF-8 otherwise). */
export function decodeBody(body: Buffer, contentType?: string | null): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const charset =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
