/**
 * The monitor's only way onto the network: an honest, bounded, allowlisted HTTP client.
 * Every source reader and the article fetcher go through it, so the safeguards hold everywhere.
 *
 * Built on node:http/https rather than fetch because fetch offers no connect timeout, no hook to check
 * the address a name resolves to (a public name pointing at 169.254.169.254 must be refused too) and no
 * way to cap the decompressed size of a body.
 */
import { lookup as dnsLookup } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  FetchRefusedError,
  type HttpPort,
  type HttpRequest,
  type HttpResponse,
  HttpStatusError,
  NetworkError,
} from '../domain/sources/http-port';
import { isLoopback, isPrivateAddress } from './address-policy';
import { RetryPolicy, retryAfterMs } from './http-retry';
import { readResponse } from './http-response';

// Re-exported so callers that build a client also get its errors and the body decoder from one place.
export {
  FetchRefusedError,
  HttpStatusError,
  NetworkError,
  ResponseTooLargeError,
  type HttpPort,
  type HttpRequest,
  type HttpResponse,
} from '../domain/sources/http-port';
export {
  declaredCharsets,
  decodeBody,
  detectCharset,
  InvalidEncodingError,
} from '../domain/sources/text-encoding';
export { isLoopback, isPrivateAddress } from './address-policy';
export { retryAfterMs } from './http-retry';

/**
 * The User-Agent names the project and, when the operator set one, how to reach them: a site's admin who
 * sees our requests should be able to write to a person, and that address belongs to whoever runs the
 * monitor, so it is a setting (KZMON_CONTACT; the deploy's `crawlerContact`), never a value in the code.
 */
export function userAgentFor(contact?: string): string {
  const reach = contact?.trim() ? `; +${contact.trim()}` : '';
  return `kz-news-monitor/0.1 (news monitoring for Kazakhstan-US relations${reach})`;
}

export const USER_AGENT = userAgentFor(process.env.KZMON_CONTACT);

export interface HttpClientOptions {
  /** Host names that may be fetched (exact, lower-case). Redirects and links found in feeds are checked too. */
  allowedHosts: Iterable<string>;
  /** Allow http:// and loopback addresses (tests and the local demo only). */
  allowInsecureLocal?: boolean;
  /** Until the TCP (and TLS) connection is up. */
  connectTimeoutMs?: number;
  /** The whole exchange, headers and body, per attempt. */
  timeoutMs?: number;
  /** Cap on the decompressed body. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Concurrent requests per host; further requests wait their turn. */
  maxPerHost?: number;
  /** Attempts per request (1 = no retries). */
  maxAttempts?: number;
  /** Retries this client may spend in total, so a cycle against a failing site stays bounded. */
  retryBudget?: number;
  /** First backoff delay; doubled per attempt, with full jitter. */
  backoffBaseMs?: number;
  /** A Retry-After longer than this is not waited for: the request fails and says so. */
  maxRetryAfterMs?: number;
  userAgent?: string;
  /** Injected in tests so backoff and Retry-After are observed without waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class HttpClient implements HttpPort {
  private readonly allowed: Set<string>;
  private readonly local: boolean;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly maxPerHost: number;
  private readonly retry: RetryPolicy;
  private readonly userAgent: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly hostSlots = new Map<string, { active: number; waiting: (() => void)[] }>();
  /** Attempts made (each retry and redirect hop counts), for the "unchanged cycle" accounting. */
  readonly counters = { requests: 0, notModified: 0, bytes: 0, retries: 0, refused: 0 };

  constructor(options: HttpClientOptions) {
    this.allowed = new Set([...options.allowedHosts].map((h) => h.toLowerCase()));
    this.local = options.allowInsecureLocal === true;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.maxPerHost = Math.max(1, options.maxPerHost ?? 2);
    this.retry = new RetryPolicy({
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      retryBudget: options.retryBudget ?? Number.POSITIVE_INFINITY,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      random: options.random ?? Math.random,
    });
    this.userAgent = options.userAgent ?? USER_AGENT;
    this.sleep = options.sleep ?? sleepReal;
  }

  /** Whether a URL may be fetched, without throwing. */
  isAllowed(raw: string): boolean {
    try {
      this.assertAllowed(raw);
      return true;
    } catch {
      return false;
    }
  }

  /** Throws FetchRefusedError when the address is not one the monitor may fetch. */
  assertAllowed(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new FetchRefusedError(`not a valid URL: ${raw}`, raw);
    }
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (url.username || url.password)
      throw new FetchRefusedError(`refused URL with credentials: ${url.host}`, raw);
    const plainLocal = this.local && url.protocol === 'http:' && isLoopback(host);
    if (url.protocol !== 'https:' && !plainLocal) {
      throw new FetchRefusedError(`refused ${url.protocol} URL (https only): ${raw}`, raw);
    }
    if (!this.allowed.has(host)) throw new FetchRefusedError(`host ${host} is not on the allowlist`, raw);
    if (isPrivateAddress(host) && !(this.local && isLoopback(host))) {
      throw new FetchRefusedError(`refused private address ${host}`, raw);
    }
    return url;
  }

  /** One logical request: allowlisted redirects, bounded retries with backoff, a per-host slot per attempt. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    try {
      this.assertAllowed(req.url);
    } catch (err) {
      this.counters.refused++;
      throw err;
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.followRedirects(req);
      } catch (err) {
        const delay = this.retry.delayBefore(err as Error, attempt);
        if (delay === null) {
          // The user waited for all of them: say how many and how long, not only the last attempt's limit.
          if (attempt > 1 && err instanceof Error) {
            err.message = `${err.message}, ${attempt} attempts over ${Math.round((Date.now() - started) / 1000)} s`;
          }
          throw err;
        }
        this.retry.spend();
        this.counters.retries++;
        await this.sleep(delay);
      }
    }
  }

  private async followRedirects(req: HttpRequest): Promise<HttpResponse> {
    let current = this.assertAllowed(req.url);
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const res = await this.withHostSlot(current.host, () => this.once(current, method, body, req));
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        if (!location) throw new Error(`redirect without Location from ${current}`);
        const next = new URL(location, current).toString();
        try {
          current = this.assertAllowed(next);
        } catch (err) {
          this.counters.refused++;
          throw new FetchRefusedError(`redirect from ${current} refused: ${(err as Error).message}`, next);
        }
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      if (res.status === 304) {
        this.counters.notModified++;
        return { ...res, notModified: true };
      }
      if (res.status >= 400) {
        throw new HttpStatusError(
          res.status,
          res.url,
          res.body.toString('utf8').slice(0, 2000),
          retryAfterMs(res.headers),
          res.headers,
        );
      }
      return res;
    }
    throw new Error(`too many redirects from ${req.url}`);
  }

  private async withHostSlot<T>(host: string, fn: () => Promise<T>): Promise<T> {
    let slot = this.hostSlots.get(host);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.hostSlots.set(host, slot);
    }
    const s = slot;
    if (s.active >= this.maxPerHost) await new Promise<void>((resolve) => s.waiting.push(resolve));
    else s.active++;
    try {
      return await fn();
    } finally {
      const next = s.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays counted.
      if (next) next();
      else s.active--;
    }
  }

  /** A single attempt at one address. */
  private once(url: URL, method: string, body: string | undefined, req: HttpRequest): Promise<HttpResponse> {
    this.counters.requests++;
    const headers = this.requestHeaders(body, req);
    const where = url.toString();
    const lib = url.protocol === 'https:' ? https : http;

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        request.destroy();
        reject(err);
      };
      const total = setTimeout(() => fail(this.stalled(where)), this.timeoutMs);
      const connect = setTimeout(() => fail(this.unreachable(url, where)), this.connectTimeoutMs);
      const done = (status: number, out: Headers, buf: Buffer) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        this.counters.bytes += buf.byteLength;
        resolve({ url: where, status, headers: out, body: buf, notModified: false });
      };
      const request = lib.request(
        url,
        { method, headers, lookup: this.checkedLookup(url.hostname), agent: false },
        (res) => readResponse(res, where, this.maxBytes, fail, done),
      );
      request.on('socket', (socket) => {
        const up = () => clearTimeout(connect);
        if (!socket.connecting) up();
        else socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', up);
      });
      request.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof FetchRefusedError) {
          this.counters.refused++;
          return fail(e);
        }
        fail(new NetworkError(`network error fetching ${where}: ${e.code ?? e.message}`, where, e.code));
      });
      request.end(body);
    });
  }

  /** The whole exchange took too long: said as the wait a person saw (the attempts are added by request()). */
  private stalled(where: string): NetworkError {
    return new NetworkError(
      `no answer within ${seconds(this.timeoutMs)} (timed out after ${this.timeoutMs} ms) fetching ${where}`,
      where,
      'ETIMEDOUT',
    );
  }

  private unreachable(url: URL, where: string): NetworkError {
    return new NetworkError(
      `could not connect within ${this.connectTimeoutMs} ms to ${url.host}`,
      where,
      'ECONNECT_TIMEOUT',
    );
  }

  private requestHeaders(body: string | undefined, req: HttpRequest): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      ...req.headers,
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return headers;
  }

  /** Resolves the name and refuses it when it lands on a private address (DNS can point anywhere). */
  private checkedLookup(host: string): LookupFunction {
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const list = addresses as unknown as { address: string; family: number }[];
        const bad = list.find((a) => isPrivateAddress(a.address) && !(this.local && isLoopback(a.address)));
        if (bad) {
          return callback(
            new FetchRefusedError(`refused ${host}: it resolves to private address ${bad.address}`, host),
            '',
            4,
          );
        }
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
        const first = list[0]!;
        callback(null, first.address, first.family);
      });
    };
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
