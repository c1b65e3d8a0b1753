import type { FeedEntry, SourceHealth } from './model';
import type { ItemQueue, Log, MonitorStore } from './ports';
import type { SourceDefinition } from './sources/definitions';
import type { HttpPort } from './sources/http-port';
import { BLOCKED_WORDING, type Blocker, SourceBlockedError, describeFailure } from './sources/source-failure';
import { readSource, type SourceReadResult } from './sources/source-reader';

/** The first wait after a challenge; doubled per challenged try, up to the cap. */
export const BLOCKED_BACKOFF_BASE_MS = 15 * 60_000;
export const BLOCKED_BACKOFF_MAX_MS = 12 * 3_600_000;

export interface SourceOutcome {
  sourceId: string;
  ok: boolean;
  notModified: boolean;
  listed: number;
  new: number;
  /** How the entries were read: a feed, a list page, a sitemap or an API. */
  via?: 'feed' | 'list' | 'sitemap' | 'api';
  /** The discovery path that yielded the entries (`list https://…`, `gov.kz v1 ticket`). */
  pathUsed?: string;
  note?: string;
  /** The source answered with a challenge page ("blocked by a Cloudflare challenge"), or is waiting one out. */
  blocked?: Blocker;
  /** Not read this cycle: still backing off from a challenge until `nextAttemptAfter`. */
  skipped?: boolean;
  /** Links the source listed that were refused by the allowlist. */
  refusedLinks?: number;
  error?: string;
}

export interface FetchCycleResult {
  sources: SourceOutcome[];
  queued: number;
}

export interface FetchCycleDeps {
  sources: SourceDefinition[];
  http: HttpPort;
  store: MonitorStore;
  queue: ItemQueue;
  log: Log;
  now?: () => Date;
}

/**
 * One pass over every source: read it (conditionally), keep the entries the store has not seen, queue
 * them. A failing source is recorded in its health and never stops the others.
 */
export async function runFetchCycle(deps: FetchCycleDeps): Promise<FetchCycleResult> {
  const now = deps.now ?? (() => new Date());
  const enabled = deps.sources.filter((s) => s.enabled);
  const states = await deps.store.getSourceStates(enabled.map((s) => s.id)).catch((err: Error) => {
    // Without stored state every source is still read, only unconditionally.
    deps.log.error('could not read source states', { error: err.message });
    return new Map<string, SourceHealth>();
  });
  // Sources overlap (a feed and a list page of one site): an item is queued by the first source only.
  const claimed = new Set<string>();
  const outcomes = await Promise.all(
    enabled.map((source) => fetchOne(source, states.get(source.id), deps, now, claimed)),
  );
  return { sources: outcomes, queued: outcomes.reduce((n, o) => n + o.new, 0) };
}

async function fetchOne(
  source: SourceDefinition,
  state: SourceHealth | undefined,
  deps: FetchCycleDeps,
  now: () => Date,
  claimed: Set<string>,
): Promise<SourceOutcome> {
  const previous: SourceHealth = state ?? { sourceId: source.id, consecutiveFailures: 0 };
  const waiting = stillBackingOff(source, previous, deps.log, now);
  if (waiting) return waiting;
  try {
    const read = await readSource(source, { http: deps.http, state: previous, log: deps.log });
    const fresh = read.notModified ? [] : await queueUnseen(read.entries, deps, now, claimed);
    const next = healthAfterRead(source, previous, read, now);
    if (healthChanged(previous, next)) await deps.store.putSourceState(next);
    deps.log.info('source read', {
      sourceId: source.id,
      via: read.via,
      pathUsed: read.pathUsed,
      listed: read.entries.length,
      new: fresh.length,
      notModified: read.notModified,
    });
    return {
      sourceId: source.id,
      ok: true,
      notModified: read.notModified,
      listed: read.entries.length,
      new: fresh.length,
      via: read.via,
      pathUsed: read.pathUsed,
      note: read.note,
      refusedLinks: read.refusedLinks.length,
    };
  } catch (err) {
    return recordFailure(source, previous, err, deps, now);
  }
}

/** A source still waiting out a challenge is not read: asking again would only make the block last longer. */
function stillBackingOff(
  source: SourceDefinition,
  previous: SourceHealth,
  log: Log,
  now: () => Date,
): SourceOutcome | null {
  if (
    previous.blockedBy &&
    previous.nextAttemptAfter &&
    Date.parse(previous.nextAttemptAfter) > now().getTime()
  ) {
    const error = `${BLOCKED_WORDING[previous.blockedBy]} since ${previous.blockedSince ?? '?'}; not read again before ${previous.nextAttemptAfter}`;
    log.info('source skipped: backing off from a challenge', {
      sourceId: source.id,
      nextAttemptAfter: previous.nextAttemptAfter,
    });
    return {
      sourceId: source.id,
      ok: false,
      notModified: false,
      listed: 0,
      new: 0,
      blocked: previous.blockedBy,
      skipped: true,
      error,
    };
  }
  return null;
}

/**
 * Queues the listed entries the store has not seen and no other source of this cycle has queued
 * (sources overlap: a feed and a list page of one site); returns what was queued.
 */
async function queueUnseen(
  entries: FeedEntry[],
  deps: FetchCycleDeps,
  now: () => Date,
  claimed: Set<string>,
): Promise<FeedEntry[]> {
  const byId = new Map(entries.map((e) => [e.itemId, e]));
  const unseen = await deps.store.findUnseen([...byId.keys()], now());
  const fresh = [...byId.values()].filter((e) => unseen.has(e.itemId) && !claimed.has(e.itemId));
  for (const e of fresh) claimed.add(e.itemId);
  if (fresh.length > 0) await deps.queue.send(fresh);
  return fresh;
}

/** A successful read clears the failure count and any challenge; an unchanged list keeps what was known. */
function healthAfterRead(
  source: SourceDefinition,
  previous: SourceHealth,
  read: SourceReadResult,
  now: () => Date,
): SourceHealth {
  return {
    ...previous,
    sourceId: source.id,
    consecutiveFailures: 0,
    lastSuccessAt: now().toISOString(),
    itemsLastSeen: read.notModified ? previous.itemsLastSeen : read.entries.length,
    etag: read.etag,
    lastModified: read.lastModified,
    validatorUrl: read.validatorUrl,
    note: read.notModified ? previous.note : read.note,
    pathUsed: read.pathUsed ?? previous.pathUsed,
    blockedBy: undefined,
    blockedSince: undefined,
    blockedStreak: undefined,
    nextAttemptAfter: undefined,
  };
}

async function recordFailure(
  source: SourceDefinition,
  previous: SourceHealth,
  err: unknown,
  deps: FetchCycleDeps,
  now: () => Date,
): Promise<SourceOutcome> {
  const reason = describeFailure(err);
  const at = now().toISOString();
  const blocked = err instanceof SourceBlockedError ? err.blocker : undefined;
  const streak = blocked ? (previous.blockedStreak ?? 0) + 1 : undefined;
  const waitMs = streak ? Math.min(BLOCKED_BACKOFF_BASE_MS * 2 ** (streak - 1), BLOCKED_BACKOFF_MAX_MS) : 0;
  deps.log.error(blocked ? 'source blocked' : 'source failed', {
    sourceId: source.id,
    url: source.url,
    error: reason,
  });
  await deps.store
    .putSourceState({
      ...previous,
      sourceId: source.id,
      lastAttemptAt: at,
      lastError: reason,
      lastErrorAt: at,
      consecutiveFailures: previous.consecutiveFailures + 1,
      blockedBy: blocked,
      blockedSince: blocked ? (previous.blockedBy === blocked ? previous.blockedSince : at) : undefined,
      blockedStreak: streak,
      nextAttemptAfter: blocked ? new Date(now().getTime() + waitMs).toISOString() : undefined,
    })
    .catch((e: Error) =>
      deps.log.error('could not record source health', { sourceId: source.id, error: e.message }),
    );
  return { sourceId: source.id, ok: false, notModified: false, listed: 0, new: 0, error: reason, blocked };
}

/**
 * An unchanged source costs no table write: health is rewritten only when something a user would see
 * changed, or when the last recorded success is over an hour old.
 */
function healthChanged(a: SourceHealth, b: SourceHealth): boolean {
  if (a.consecutiveFailures !== b.consecutiveFailures) return true;
  if (a.etag !== b.etag || a.lastModified !== b.lastModified || a.itemsLastSeen !== b.itemsLastSeen)
    return true;
  if (a.validatorUrl !== b.validatorUrl || a.note !== b.note || a.pathUsed !== b.pathUsed) return true;
  if (a.blockedBy !== b.blockedBy) return true;
  if (!a.lastSuccessAt || !b.lastSuccessAt) return true;
  return Date.parse(b.lastSuccessAt) - Date.parse(a.lastSuccessAt) > 3_600_000;
}
