/**
 * History: walks a source's pages back in time (`?page=N` on a Kazinform list, the page number of the
 * gov.kz API) and hands every entry in the date range to the same per-item step as a cycle. It stops at
 * the first page whose dated entries are all older than `since`, so at most one page past the range is
 * ever asked for. Entries the store already holds are not handed on: a run that was interrupted picks up
 * without fetching their articles again.
 */
import type { FeedEntry } from '../model';
import type { Log, MonitorStore } from '../ports';
import { type SourceDefinition, discoveryPaths } from '../sources/definitions';
import { describePath } from '../sources/discovery';
import { GOVKZ_PATHS, describeGovkzPath, govkzEntry, readGovkzPage } from '../sources/govkz-news';
import type { HttpPort } from '../sources/http-port';
import { listPageUrl, readKazinformList } from '../sources/kazinform-list';

export interface BackfillRange {
  since: Date;
  /** Inclusive upper bound; entries newer than it are passed over. */
  until: Date;
}

export interface BackfillProgress {
  sourceId: string;
  page: number;
  /** Entries in the range so far, and how many of them were handed on (not already stored). */
  inRange: number;
  handled: number;
  relevant: number;
  /** Oldest entry time seen so far, for an estimate of how far the walk still has to go. */
  reachedBack: string | null;
}

export interface BackfillSourceResult extends BackfillProgress {
  stoppedBecause: string;
  failures: number;
}

export interface BackfillDeps {
  http: HttpPort;
  store: MonitorStore;
  log: Log;
  /** The per-item step: processEntry locally, or a queue send marked `backfill`. Returns whether it was relevant. */
  handle(entry: FeedEntry): Promise<'relevant' | 'not-relevant' | 'duplicate' | 'queued'>;
  onPage?(progress: BackfillProgress): void;
  now?: () => Date;
  /** Pages walked at most per source, whatever the dates say (a site that ignores `?page=`). */
  maxPages?: number;
}

type PageReader = (page: number) => Promise<FeedEntry[] | null>;

/** How to read page N of a source, or why it cannot be walked back. */
function pageReader(source: SourceDefinition, deps: BackfillDeps, pathUsed?: string): PageReader {
  const ctx = { http: deps.http, log: deps.log };
  if (source.kind === 'govkz-news') {
    // The way in that worked (last cycle, then the page before) is tried first on every page.
    let prefer = GOVKZ_PATHS.find((p) => describeGovkzPath(p) === pathUsed);
    return async (page) => {
      const read = await readGovkzPage(source, ctx, source.pageBase + page - 1, {
        conditional: false,
        prefer,
      });
      prefer = read.path;
      return read.items.map((item) => govkzEntry(source, item));
    };
  }
  const lists = discoveryPaths(source).filter((p) => p.kind === 'kazinform-list');
  const list = lists.find((p) => describePath(p) === pathUsed) ?? lists[0];
  if (!list)
    throw new Error(
      `source ${source.id} has no list page to walk back (only a feed or sitemap); add a kazinform-list path`,
    );
  return async (page) => {
    try {
      return (await readKazinformList(source, ctx, listPageUrl(list.url, page), { conditional: false }))
        .entries;
    } catch (err) {
      // Past the last page a list shows no article links: that is the end of the history, not a failure.
      if (page > 1 && /has no article links/.test((err as Error).message)) return null;
      throw err;
    }
  };
}

export async function backfillSource(
  source: SourceDefinition,
  range: BackfillRange,
  deps: BackfillDeps,
): Promise<BackfillSourceResult> {
  const state = (await deps.store.getSourceStates([source.id])).get(source.id);
  const readPage = pageReader(source, deps, state?.pathUsed);
  const progress: BackfillSourceResult = {
    sourceId: source.id,
    page: 0,
    inRange: 0,
    handled: 0,
    relevant: 0,
    reachedBack: null,
    failures: 0,
    stoppedBecause: '',
  };
  let previousPage = '';
  const maxPages = deps.maxPages ?? 500;
  for (let page = 1; page <= maxPages; page++) {
    progress.page = page;
    const entries = await readPage(page);
    if (!entries || entries.length === 0) {
      return { ...progress, stoppedBecause: `page ${page} lists nothing: the start of the history` };
    }
    const signature = entries.map((e) => e.itemId).join(',');
    if (signature === previousPage) {
      return {
        ...progress,
        stoppedBecause: `page ${page} repeats page ${page - 1}: the site does not page back`,
      };
    }
    previousPage = signature;
    const allOlder = await handlePage(source, entries, range, deps, progress);
    const { failures: _f, stoppedBecause: _s, ...shown } = progress;
    deps.onPage?.(shown);
    if (allOlder) {
      return {
        ...progress,
        stoppedBecause: `page ${page} is entirely older than ${range.since.toISOString()}`,
      };
    }
  }
  return { ...progress, stoppedBecause: `stopped after ${maxPages} pages (the limit)` };
}

/**
 * Hands the page's entries in range that the store does not hold to the per-item step, counting into
 * `progress`; answers whether every dated entry on the page is older than the range (the walk's end).
 */
async function handlePage(
  source: SourceDefinition,
  entries: FeedEntry[],
  range: BackfillRange,
  deps: BackfillDeps,
  progress: BackfillSourceResult,
): Promise<boolean> {
  const dated = entries.filter((e) => e.publishedAt);
  for (const e of dated) {
    if (!progress.reachedBack || e.publishedAt! < progress.reachedBack) progress.reachedBack = e.publishedAt!;
  }
  const wanted = entries.filter((e) => inRange(e, range));
  progress.inRange += wanted.length;
  const now = deps.now?.() ?? new Date();
  const unseen =
    wanted.length > 0
      ? await deps.store.findUnseen(
          wanted.map((e) => e.itemId),
          now,
        )
      : new Set<string>();
  for (const entry of wanted.filter((e) => unseen.has(e.itemId))) {
    try {
      const outcome = await deps.handle(entry);
      progress.handled++;
      if (outcome === 'relevant') progress.relevant++;
    } catch (err) {
      progress.failures++;
      deps.log.error('backfill item failed; run backfill again to retry it', {
        sourceId: source.id,
        url: entry.url,
        error: (err as Error).message,
      });
    }
  }
  return dated.length > 0 && dated.every((e) => Date.parse(e.publishedAt!) < range.since.getTime());
}

/** An entry without a date cannot be placed: it is kept, as the site listed it among dated ones in range. */
function inRange(entry: FeedEntry, range: BackfillRange): boolean {
  if (!entry.publishedAt) return true;
  const t = Date.parse(entry.publishedAt);
  return t >= range.since.getTime() && t <= range.until.getTime();
}
