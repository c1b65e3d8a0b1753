import Parser from 'rss-parser';
import type { FeedEntry } from '../model';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { SourceDefinition } from './definitions';
import { decodeBody } from './http-client';
import type { SourceReadContext, SourceReadResult } from './source-reader';

type RssSource = Extract<SourceDefinition, { kind: 'rss' }>;

export async function readRss(source: RssSource, ctx: SourceReadContext): Promise<SourceReadResult> {
  const res = await ctx.http.request({
    url: source.url,
    etag: ctx.state?.etag,
    lastModified: ctx.state?.lastModified,
    headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
  });
  if (res.notModified) return { entries: [], notModified: true, etag: ctx.state?.etag, lastModified: ctx.state?.lastModified };
  const xml = decodeBody(res.body, res.headers.get('content-type'));
  // A fresh parser per feed: an instance reused after a failed parse can return raw entity text.
  const feed = await new Parser().parseString(xml).catch((err: Error) => {
    throw new Error(`malformed feed at ${source.url}: ${err.message.split('\n')[0]}`);
  });
  const entries: FeedEntry[] = [];
  for (const item of feed.items) {
    if (!item.link) continue;
    const url = new URL(item.link.trim(), res.url).toString();
    const canonicalUrl = canonicalizeUrl(url);
    const published = item.isoDate ?? (item.pubDate ? new Date(item.pubDate).toISOString() : null);
    entries.push({
      sourceId: source.id,
      itemId: itemIdFor(canonicalUrl),
      url,
      canonicalUrl,
      language: source.language,
      title: item.title?.trim() || null,
      publishedAt: published,
      summary: item.contentSnippet?.trim() || null,
    });
  }
  return {
    entries,
    notModified: false,
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
}
