import * as cheerio from 'cheerio';
import type { FeedEntry } from '../model';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { SourceDefinition } from './definitions';
import { decodeBody } from './http-client';
import type { SourceReadContext, SourceReadResult } from './source-reader';

/**
 * Kazinform list pages have changed card markup several times, so the reader keeps every link to an
 * article path rather than trusting one card class.
 */
const ARTICLE_PATH = /\/(news|ru|kz|en)\/[^?#]*[a-z0-9](_a\d+|-[0-9a-f]{6})\/?$/i;

export async function readKazinformList(
  source: { id: string; url: string; language: SourceDefinition['language'] },
  ctx: SourceReadContext,
  listUrl: string = source.url,
): Promise<SourceReadResult> {
  const res = await ctx.http.request({ url: listUrl, etag: ctx.state?.etag, lastModified: ctx.state?.lastModified });
  if (res.notModified) return { entries: [], notModified: true, etag: ctx.state?.etag, lastModified: ctx.state?.lastModified };
  const $ = cheerio.load(decodeBody(res.body, res.headers.get('content-type')));
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href');
    if (!href) return;
    let url: string;
    try {
      url = new URL(href, res.url).toString();
    } catch {
      return;
    }
    if (!ARTICLE_PATH.test(new URL(url).pathname)) return;
    const canonicalUrl = canonicalizeUrl(url);
    if (seen.has(canonicalUrl)) return;
    seen.add(canonicalUrl);
    const card = $(el);
    const title =
      card.find('h1,h2,h3,h4,[class*="title"]').first().text().trim() || card.attr('title')?.trim() || card.text().trim();
    entries.push({
      sourceId: source.id,
      itemId: itemIdFor(canonicalUrl),
      url,
      canonicalUrl,
      language: source.language,
      title: title.replace(/\s+/g, ' ') || null,
      publishedAt: null,
    });
  });
  return {
    entries,
    notModified: false,
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
}
