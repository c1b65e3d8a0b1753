import * as cheerio from 'cheerio/slim';
import { parseLocalDate } from '../extraction/extract-article';
import type { FeedEntry, Language } from '../model';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
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

/**
 * Kazinform list pages have changed card markup several times (`.allNewsCard`, `div.catpageCard`, the
 * 2026 `a.news-card`), so the reader keeps every link to an article path rather than trusting one card
 * class, and reads the card's time by pattern.
 */
const ARTICLE_PATH = /\/(news|ru|kz|en|qz)\/(?:[^?#]*\/)?[^/?#]*[a-z0-9](_a\d+|-[0-9a-f]{6,8})\/?$/i;
const CARD = '.allNewsCard, .catpageCard, .news-card, article, li';
const TITLE = '.allNewsCard_title, .catpageCard_title, .card-title, h1, h2, h3, h4, [class*="title"]';
const TIME = '.allNewsCard_time, .catpageCard_time, time, .meta-date, [class*="time"], [class*="date"]';
const TIME_TEXT = /\d{1,2}:\d{2},?\s+\d{1,2}\s+\p{L}+\.?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4},?\s+\d{1,2}:\d{2}|\d{1,2}\.\d{1,2}\.\d{4}(\s+\d{1,2}:\d{2})?/u;

export interface ListedArticle {
  url: string;
  title: string | null;
  publishedAt: string | null;
}

export function parseKazinformList(html: string, pageUrl: string): ListedArticle[] {
  const $ = cheerio.load(html);
  const found = new Map<string, ListedArticle>();
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')?.trim();
    if (!href) return;
    let url: URL;
    try {
      url = new URL(href, pageUrl);
    } catch {
      return;
    }
    if (!/^https?:$/.test(url.protocol) || !ARTICLE_PATH.test(url.pathname)) return;
    url.hash = '';
    const key = url.toString();
    const link = $(el);
    const card = link.is(CARD) ? link : link.closest(CARD).length > 0 ? link.closest(CARD).first() : link;
    const title =
      clean(link.find(TITLE).first().text()) ||
      clean(card.find(TITLE).first().text()) ||
      clean(link.attr('title')) ||
      clean(link.text()) ||
      null;
    const timeEl = card.find(TIME).first();
    const timeText = clean(timeEl.attr('datetime')) || clean(timeEl.text()) || TIME_TEXT.exec(card.text())?.[0] || '';
    const publishedAt = timeText ? parseLocalDate(timeText) : null;
    const previous = found.get(key);
    // The same article is often linked twice (image and headline): keep what each link tells.
    found.set(key, {
      url: key,
      title: previous?.title && (!title || previous.title.length >= title.length) ? previous.title : title,
      publishedAt: previous?.publishedAt ?? publishedAt,
    });
  });
  return [...found.values()];
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export async function readKazinformList(
  source: { id: string; url: string; language: Language },
  ctx: SourceReadContext,
  listUrl: string = source.url,
): Promise<SourceReadResult> {
  const res = await ctx.http.request({
    url: listUrl,
    ...validatorsFor(ctx, listUrl),
    headers: { accept: 'text/html,application/xhtml+xml' },
  });
  if (res.notModified) return notModifiedResult(ctx, listUrl, 'list');
  const listed = parseKazinformList(decodeBody(res.body, res.headers.get('content-type'), `list page ${res.url}`), res.url);
  if (listed.length === 0) {
    throw new Error(`list page ${listUrl} has no article links: the page markup may have changed`);
  }
  const refusedLinks: string[] = [];
  const entries: FeedEntry[] = [];
  for (const a of listed) {
    if (!allowedLink(ctx, source.id, a.url, refusedLinks)) continue;
    const canonicalUrl = canonicalizeUrl(a.url);
    entries.push({
      sourceId: source.id,
      itemId: itemIdFor(canonicalUrl),
      url: a.url,
      canonicalUrl,
      language: source.language,
      title: a.title,
      publishedAt: a.publishedAt,
    });
  }
  return { entries: dedupeEntries(entries), notModified: false, ...validatorsOf(res, listUrl), via: 'list', refusedLinks };
}
