import type { HttpPort, HttpRequest, HttpResponse } from '../domain/sources/http-port';

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spaces the requests to each host: a history walk asks for hundreds of pages, and a news site owes us
 * nothing. `perSecond` requests per second per host at most (1 by default, as `kzmon backfill --rate`).
 */
export class RateLimitedHttp implements HttpPort {
  private readonly gapMs: number;
  private readonly nextSlot = new Map<string, number>();
  /** Requests started per host, for the summary and the tests. */
  readonly perHost = new Map<string, number>();

  constructor(
    private readonly inner: HttpPort,
    perSecond = 1,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: Date.now,
      sleep: sleepReal,
    },
  ) {
    if (!(perSecond > 0))
      throw new Error(`--rate must be a positive number of requests per second (got ${perSecond})`);
    this.gapMs = 1000 / perSecond;
  }

  isAllowed(url: string): boolean {
    return this.inner.isAllowed(url);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let host = req.url;
    try {
      host = new URL(req.url).host;
    } catch {
      // the inner client refuses it with a proper message
    }
    // Reserve the slot before waiting, so concurrent callers queue up instead of all waking at once.
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + this.gapMs);
    if (slot > now) await this.clock.sleep(slot - now);
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    return this.inner.request(req);
  }
}
