import { HttpClient } from '../../functions/adapters/http-client';
import type { Log } from '../../functions/domain/ports';
import type { HttpRequest, HttpResponse } from '../../functions/domain/sources/http-port';

/**
 * Progress for people at a terminal: drawn on stderr only when it is a terminal and not CI, so pipes,
 * files and CI logs stay plain.
 */
export function interactive(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && process.env.TERM !== 'dumb';
}

const CLEAR_LINE = '\x1b[2K';
const up = (n: number) => (n > 0 ? `\x1b[${n}A` : '');

/** A block of lines redrawn in place; lines written through `print` appear above it. */
export class LiveBlock {
  private drawn = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly render: () => string[],
    private readonly stream: NodeJS.WriteStream = process.stderr,
    /** Nothing is drawn before this, so quick work never flickers. */
    private readonly delayMs = 300,
  ) {}

  start(): this {
    this.timer = setTimeout(() => {
      this.draw();
      this.timer = setInterval(() => this.draw(), 250);
      this.timer.unref();
    }, this.delayMs);
    this.timer.unref();
    return this;
  }

  private erase(): string {
    let out = '';
    for (let i = 0; i < this.drawn; i++) out += `${up(1)}${CLEAR_LINE}`;
    this.drawn = 0;
    return `${out}\r`;
  }

  draw(): void {
    // A terminal that does not say its width (some pseudo-terminals say 0) gets a common one.
    const width = Math.max(40, (this.stream.columns || 100) - 1);
    const lines = this.render().map((l) =>
      [...l].length > width ? `${[...l].slice(0, width - 1).join('')}…` : l,
    );
    this.stream.write(`${this.erase()}${lines.map((l) => `${CLEAR_LINE}${l}\n`).join('')}`);
    this.drawn = lines.length;
  }

  print(line: string): void {
    const visible = this.drawn > 0;
    this.stream.write(`${this.erase()}${line}\n`);
    if (visible) this.draw();
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    if (this.drawn > 0) this.stream.write(this.erase());
  }
}

/** An HTTP client that also tells which requests are in flight and since when. */
export class ObservedHttpClient extends HttpClient {
  readonly inFlight = new Map<number, { url: string; since: number }>();
  private nextId = 0;

  override async request(req: HttpRequest): Promise<HttpResponse> {
    const id = this.nextId++;
    this.inFlight.set(id, { url: req.url, since: Date.now() });
    try {
      return await super.request(req);
    } finally {
      this.inFlight.delete(id);
    }
  }
}

type SourceState = { state: 'reading' } | { state: 'done'; text: string } | { state: 'failed'; text: string };

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * What a monitoring cycle is doing, per source, from the events its steps log: which sources are still
 * being read and for how long, what each found, then how many articles are read.
 */
export class CycleProgress {
  private readonly sources = new Map<string, SourceState>();
  private readonly started = Date.now();
  private queued = 0;
  private relevant = 0;
  private decided = 0;
  private failedItems = 0;
  readonly block: LiveBlock;

  constructor(
    sourceIds: string[],
    private readonly http?: ObservedHttpClient,
  ) {
    for (const id of sourceIds) this.sources.set(id, { state: 'reading' });
    this.block = new LiveBlock(() => this.lines());
  }

  /** Wraps a log: every event passes on, and the ones a cycle's steps log move the display. */
  observe(log: Log): Log {
    const see = (message: string, extra: unknown) =>
      this.event(message, (extra ?? {}) as Record<string, unknown>);
    return {
      info: (m, ...x) => {
        see(m, x[0]);
        log.info(m, ...x);
      },
      debug: (m, ...x) => log.debug?.(m, ...x),
      warn: (m, ...x) => {
        see(m, x[0]);
        log.warn(m, ...x);
      },
      error: (m, ...x) => {
        see(m, x[0]);
        log.error(m, ...x);
      },
    };
  }

  private event(message: string, extra: Record<string, unknown>): void {
    const id = typeof extra.sourceId === 'string' ? extra.sourceId : undefined;
    if (message === 'source read' && id) {
      const fresh = Number(extra.new ?? 0);
      this.queued += fresh;
      const text = extra.notModified ? 'not modified' : `${Number(extra.listed ?? 0)} listed, ${fresh} new`;
      this.sources.set(id, { state: 'done', text });
    } else if ((message === 'source failed' || message === 'source blocked') && id) {
      this.sources.set(id, { state: 'failed', text: String(extra.error ?? message).split('\n')[0]! });
    } else if (message.startsWith('source skipped') && id) {
      this.sources.set(id, { state: 'failed', text: 'skipped: waiting out a challenge' });
    } else if (message === 'item relevant') {
      this.decided++;
      this.relevant++;
    } else if (message === 'item not relevant') {
      this.decided++;
    } else if (message.startsWith('item failed')) {
      this.failedItems++;
    }
  }

  private lines(): string[] {
    const now = Date.now();
    const reading = [...this.sources.values()].filter((s) => s.state === 'reading').length;
    const out = [
      reading > 0
        ? `Reading sources: ${this.sources.size - reading}/${this.sources.size} done (${seconds(now - this.started)})`
        : `Sources read (${seconds(now - this.started)})`,
    ];
    for (const [id, s] of this.sources) {
      const state =
        s.state === 'reading'
          ? `… reading (${seconds(now - this.started)})`
          : s.state === 'done'
            ? `✓ ${s.text}`
            : `✗ ${s.text}`;
      out.push(`  ${id.padEnd(18)} ${state}`);
    }
    if (reading === 0 || this.decided + this.failedItems > 0) {
      out.push(
        `Articles: ${this.decided + this.failedItems}/${this.queued} read, ${this.relevant} relevant${this.failedItems ? `, ${this.failedItems} failed` : ''}`,
      );
    }
    const slowest = [...(this.http?.inFlight.values() ?? [])].sort((a, b) => a.since - b.since)[0];
    if (slowest && now - slowest.since > 2000)
      out.push(`  waiting ${seconds(now - slowest.since)} for ${slowest.url}`);
    return out;
  }
}
