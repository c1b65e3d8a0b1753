import { routingAttributes } from './alerts/format-alert';
import { recordStoryAndAlert } from './alerts/prepare-alert';
import { assignStory } from './alerts/stories';
import { classify } from './classification/classify';
import { buildGist } from './classification/gist';
import { leadAndBody } from './classification/input';
import { extractArticle, htmlToParagraphs } from './extraction/extract-article';
import { splitLead } from './extraction/lead';
import type { ExtractedArticle, FeedEntry, StoredItem } from './model';
import type { Log, MonitorStore } from './ports';
import type { HttpPort } from './sources/http-port';
import { decodeBody } from './sources/text-encoding';

export const BODY_LIMIT_CHARS = 20_000;

export type ProcessOutcome = 'relevant' | 'not-relevant' | 'duplicate';

export interface ProcessDeps {
  http: HttpPort;
  store: MonitorStore;
  log: Log;
  now?: () => Date;
}

/**
 * Everything that happens to one new item: fetch and extract the article, classify it, group it with
 * other copies of the same story, record the alert it deserves and store it (conditionally, so a
 * redelivered message changes nothing).
 */
export interface ProcessOptions {
  /**
   * The caller checked this very entry against the store moments ago (the local cycle's fetch step, in
   * the same process and cycle), so the re-check is skipped. A queue consumer must never set it: a
   * redelivered or duplicated message is only recognised by the re-check (the conditional saves would
   * still change nothing, but the item would be fetched and classified again).
   */
  knownUnseen?: boolean;
  /**
   * History, not news (`kzmon backfill`, or a queue message marked `backfill: true`): the item is stored,
   * grouped into its story and queryable, but no alert is recorded for it.
   */
  backfill?: boolean;
}

export async function processEntry(
  entry: FeedEntry,
  deps: ProcessDeps,
  options: ProcessOptions = {},
): Promise<ProcessOutcome> {
  const now = deps.now?.() ?? new Date();
  if (!options.knownUnseen) {
    const unseen = await deps.store.findUnseen([entry.itemId], now);
    if (!unseen.has(entry.itemId)) return 'duplicate';
  }

  const article = await readArticle(entry, deps.http);
  const body = article.paragraphs.join('\n\n');
  const title = article.title ?? entry.title ?? '';
  const classification = classify({
    title,
    body: leadAndBody(article.lead, article.paragraphs),
    language: article.language ?? entry.language,
    url: entry.url,
  });
  if (!classification.relevant) {
    await deps.store.saveSeenMark(entry.itemId, entry.sourceId, now);
    deps.log.info('item not relevant', { sourceId: entry.sourceId, itemId: entry.itemId });
    return 'not-relevant';
  }
  const item: StoredItem = {
    itemId: entry.itemId,
    sourceId: entry.sourceId,
    url: entry.url,
    canonicalUrl: entry.canonicalUrl,
    language: classification.language,
    title: title || entry.canonicalUrl,
    lead: article.lead,
    body: body.slice(0, BODY_LIMIT_CHARS),
    author: article.author,
    publishedAt: plausiblePublishedAt(article.publishedAt ?? entry.publishedAt, now, deps.log, entry),
    fetchedAt: now.toISOString(),
    classification,
    storyId: entry.itemId,
  };
  item.gist = buildGist(classification, item.publishedAt);
  // Story membership and the alert are recorded before the item: the item is the commit point, so a
  // crash anywhere before it is repaired by redelivery (both steps find their earlier records), and an
  // alert is never lost. Every copy gets an alert record; the sweep decides whether a later copy of a
  // story has anyone left to tell.
  const { storyId, seq, matchedBy } = options.backfill
    ? await groupWithoutAlert(item, deps.store, now)
    : await recordStoryAndAlert(item, deps.store, now);
  await deps.store.saveRelevantItem(item);
  deps.log.info('item relevant', {
    sourceId: entry.sourceId,
    itemId: entry.itemId,
    storyId,
    storySeq: seq,
    storyMatchedBy: matchedBy,
    categories: classification.categories,
  });
  return 'relevant';
}

/** The story grouping of recordStoryAndAlert, without the pending alert: backfilled history alerts no one. */
async function groupWithoutAlert(item: StoredItem, store: MonitorStore, now: Date) {
  const { storyId: _unknown, ...attributes } = routingAttributes(item);
  const { storyId, seq, matchedBy } = await assignStory(item, attributes, store, now);
  item.storyId = storyId;
  return { storyId, seq, matchedBy };
}

async function readArticle(entry: FeedEntry, http: HttpPort): Promise<ExtractedArticle> {
  if (entry.bodyHtml != null) {
    // gov.kz sends the first paragraph again as the summary: stored as the lead, once, as from a page.
    const { lead, paragraphs } = splitLead(entry.summary ?? null, htmlToParagraphs(entry.bodyHtml));
    return {
      title: entry.title,
      publishedAt: entry.publishedAt ?? null,
      author: null,
      language: entry.language,
      lead,
      paragraphs,
      canonicalUrl: entry.canonicalUrl,
      tags: [],
    };
  }
  const res = await http.request({ url: entry.url, headers: { accept: 'text/html,application/xhtml+xml' } });
  return extractArticle(decodeBody(res.body, res.headers.get('content-type')), res.url, {
    language: entry.language,
  });
}

/** Kazinform's archive starts in the 1990s; a story dated earlier, or later than tomorrow, is a bad date. */
const EARLIEST_PLAUSIBLE = Date.parse('1991-01-01T00:00:00Z');
const FUTURE_SLACK_MS = 24 * 3_600_000;

/**
 * The publication time as stored: the page's or feed's own time when it is plausible, else the fetch
 * time, with the reason logged. An item dated 2099 would sit on top of every listing for decades; one
 * dated 1900 would never be seen.
 */
export function plausiblePublishedAt(
  candidate: string | null | undefined,
  now: Date,
  log: Log,
  entry: Pick<FeedEntry, 'sourceId' | 'itemId' | 'url'>,
): string {
  if (!candidate) return now.toISOString();
  const t = Date.parse(candidate);
  const problem = Number.isNaN(t)
    ? 'not a date'
    : t > now.getTime() + FUTURE_SLACK_MS
      ? 'in the future'
      : t < EARLIEST_PLAUSIBLE
        ? 'before 1991'
        : null;
  if (!problem) return new Date(t).toISOString();
  log.warn('implausible publication date; using the fetch time', {
    sourceId: entry.sourceId,
    itemId: entry.itemId,
    url: entry.url,
    publishedAt: candidate,
    reason: problem,
  });
  return now.toISOString();
}
