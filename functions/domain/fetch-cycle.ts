import type { FeedEntry, SourceHealth } from './model';
import type { ItemQueue, Log, MonitorStore } from './ports';
import type { SourceDefinition } from './sources/definitions';
import type { HttpPort } from './sources/http-port';
import { readSource } from './sources/source-reader';

export interface SourceOutcome {
  sourceId: string;
  ok: boolean;
  notModified: boolean;
  listed: number;
  new: number;
  /** How the entries were read: the feed, a list page (maybe as the feed's fallback) or an API. */
  via?: 'feed' | 'list' | 'api';
  note?: string;
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
  const outcomes = await Promise.all(enabled.map((source) => fetchOne(source, states.get(source.id), deps, now, claimed)));
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
  try {
    const read = await readSource(source, { http: deps.http, state: previous, log: deps.log });
    let fresh: FeedEntry[] = [];
    if (!read.notModified) {
      const byId = new Map(read.entries.map((e) => [e.itemId, e]));
      const unseen = await deps.store.findUnseen([...byId.keys()], now());
      fresh = [...byId.values()].filter((e) => unseen.has(e.itemId) && !claimed.has(e.itemId));
      for (const e of fresh) claimed.add(e.itemId);
      if (fresh.length > 0) await deps.queue.send(fresh);
    }
    const next: SourceHealth = {
      ...previous,
      sourceId: source.id,
      consecutiveFailures: 0,
      lastSuccessAt: now().toISOString(),
      itemsLastSeen: read.notModified ? previous.itemsLastSeen : read.entries.length,
      etag: read.etag,
      lastModified: read.lastModified,
      validatorUrl: read.validatorUrl,
      note: read.notModified ? previous.note : read.note,
    };
    if (healthChanged(previous, next)) await deps.store.putSourceState(next);
    deps.log.info('source read', {
      sourceId: source.id,
      via: read.via,
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
      note: read.note,
      refusedLinks: read.refusedLinks.length,
    };
  } catch (err) {
    const reason = (err as Error).message;
    deps.log.error('source failed', { sourceId: source.id, url: source.url, error: reason });
    const at = now().toISOString();
    await deps.store
      .putSourceState({
        ...previous,
        sourceId: source.id,
        lastAttemptAt: at,
        lastError: reason,
        lastErrorAt: at,
        consecutiveFailures: previous.consecutiveFailures + 1,
      })
      .catch((e: Error) => deps.log.error('could not record source health', { sourceId: source.id, error: e.message }));
    return { sourceId: source.id, ok: false, notModified: false, listed: 0, new: 0, error: reason };
  }
}

/**
 * An unchanged source costs no table write: health is rewritten only when something a user would see
 * changed, or when the last recorded success is over an hour old.
 */
function healthChanged(a: SourceHealth, b: SourceHealth): boolean {
  if (a.consecutiveFailures !== b.consecutiveFailures) return true;
  if (a.etag !== b.etag || a.lastModified !== b.lastModified || a.itemsLastSeen !== b.itemsLastSeen) return true;
  if (a.validatorUrl !== b.validatorUrl || a.note !== b.note) return true;
  if (!a.lastSuccessAt || !b.lastSuccessAt) return true;
  return Date.parse(b.lastSuccessAt) - Date.parse(a.lastSuccessAt) > 3_600_000;
}
