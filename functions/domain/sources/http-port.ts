/**
 * What the domain needs from the network, and the failures it tells apart. The implementation (the
 * bounded, allowlisted client) is an adapter: functions/adapters/http-client.ts.
 */

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

/** The one operation readers and the article step use, plus the allowlist check for links found in lists. */
export interface HttpPort {
  request(req: HttpRequest): Promise<HttpResponse>;
  isAllowed(url: string): boolean;
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
    /** The answer's headers: a challenge page is told apart from a plain refusal by them. */
    readonly headers?: Headers,
  ) {
    super(`HTTP ${status} from ${url}`);
    this.name = 'HttpStatusError';
  }
}

/** A failure worth another attempt: connection trouble or a timeout. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The body is larger than the cap: retrying would not help. */
export class ResponseTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseTooLargeError';
  }
}

/*
 * Checks by name as well as by class: a client built from another copy of this module (a bundler or a
 * test runner's module registry can load two) throws errors the `instanceof` of this copy misses.
 */
export function isHttpStatusError(err: unknown): err is HttpStatusError {
  return (
    err instanceof HttpStatusError ||
    (err instanceof Error && err.name === 'HttpStatusError' && 'status' in err)
  );
}

export function isNetworkError(err: unknown): err is NetworkError {
  return err instanceof NetworkError || (err instanceof Error && err.name === 'NetworkError' && 'url' in err);
}
