import Parser from 'rss-parser';
import type { FeedEntry, Language } from '../model';
import { plainText } from './plain-text';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import { assertNotChallenge } from './kazinform-list';
import { decodeBody } from './text-encoding';
import {
  type SourceReadContext,
  type SourceReadResult,
  allowedLink,
  dedupeEntries,
  notModifiedResult,
  validatorsFor,
  validatorsOf,
} from './source-result';

/** Reads one RSS or Atom feed; a source tries it as one of its discovery paths (discovery.ts). */
export async function readFeed(
  source: { id: string; language: Language },
  ctx: SourceReadContext,
  feedUrl: string,
): Promise<SourceReadResult> {
  const res = await ctx.http.request({
    url: feedUrl,
    ...validatorsFor(ctx, feedUrl),
    headers: {
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    },
  });
  if (res.notModified) return notModifiedResult(ctx, feedUrl, 'feed');
  const xml = decodeBody(res.body, res.headers.get('content-type'), `feed at ${res.url}`);
  assertNotChallenge(res, xml);
  const refusedLinks: string[] = [];
  const skipped: SkippedFeedItem[] = [];
  const entries = await parseFeed(xml, feedUrl, res.url, skipped).then((items) =>
    items.flatMap((item): FeedEntry[] => {
      if (!allowedLink(ctx, source.id, item.url, refusedLinks)) return [];
      const canonicalUrl = canonicalizeUrl(item.url);
      return [
        {
          sourceId: source.id,
          itemId: itemIdFor(canonicalUrl),
          url: item.url,
          canonicalUrl,
          language: source.language,
          title: item.title,
          publishedAt: item.publishedAt,
          summary: item.summary,
        },
      ];
    }),
  );
  for (const item of skipped) {
    ctx.log?.warn('feed item skipped', {
      sourceId: source.id,
      feed: feedUrl,
      title: item.title,
      reason: item.reason,
    });
  }
  return {
    entries: dedupeEntries(entries),
    notModified: false,
    ...validatorsOf(res, feedUrl),
    via: 'feed',
    refusedLinks,
  };
}

export interface SkippedFeedItem {
  title: string | null;
  reason: string;
}

export interface ParsedFeedItem {
  url: string;
  title: string | null;
  publishedAt: string | null;
  summary: string | null;
  /** A hint only: feeds regenerate GUIDs, so identity comes from the link. */
  guid: string | null;
}

/** Parses RSS 2.0, RSS 1.0 or Atom text. Refuses DTD entity declarations rather than expanding them. */
export async function parseFeed(
  xml: string,
  feedUrl: string,
  baseUrl = feedUrl,
  skipped: SkippedFeedItem[] = [],
): Promise<ParsedFeedItem[]> {
  if (/<!DOCTYPE[^>]*\[[\s\S]*?<!ENTITY/i.test(xml.slice(0, 65_536))) {
    throw new Error(`feed at ${feedUrl} declares DTD entities; refused (entities are never expanded)`);
  }
  // A fresh parser per feed: an instance reused after a failed parse can return raw entity text.
  const feed = await new Parser().parseString(xml).catch((err: Error) => {
    throw new Error(`malformed feed at ${feedUrl}: ${err.message.split('\n')[0]}`);
  });
  const items: ParsedFeedItem[] = [];
  for (const item of feed.items ?? []) {
    const guid = typeof item.guid === 'string' ? item.guid.trim() : null;
    const link = item.link?.trim() || (guid && /^https?:\/\//i.test(guid) ? guid : '');
    const title = plainText(item.title);
    if (!link) {
      skipped.push({ title, reason: 'no link (an item is known by its address)' });
      continue;
    }
    let url: string;
    try {
      url = new URL(link, baseUrl).toString();
    } catch {
      skipped.push({ title, reason: `not a valid link: ${link.slice(0, 200)}` });
      continue;
    }
    items.push({
      url,
      title,
      publishedAt: toIso(item.isoDate) ?? toIso(item.pubDate),
      summary:
        (item.contentSnippet ?? (typeof item.summary === 'string' ? item.summary : ''))
          ?.replace(/\s+/g, ' ')
          .trim() || null,
      guid,
    });
  }
  return items;
}

function toIso(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
