import * as cheerio from 'cheerio/slim';
import { parseLocalDate } from '../extraction/dates';
import type { FeedEntry, Language } from '../model';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { HttpResponse } from './http-port';
import { SourceBlockedError, isCloudflareChallenge } from './source-failure';
import {
  type SourceReadContext,
  type SourceReadResult,
  allowedLink,
  dedupeEntries,
  notModifiedResult,
  validatorsFor,
  validatorsOf,
} from './source-result';
import { decodeBody } from './text-encoding';

/**
 * Kazinform list pages have changed card markup several times (`.allNewsCard` in 2025, `.catpageCard`
 * and `.tagpageCard` on category and tag pages, the 2026 `a.news-card` > `time.meta-date` +
 * `h3.card-title`), so the reader keeps every link to an article path rather than trusting one card
 * class, and reads the card's time by class first and by pattern last.
 *
 * An article path ends in an id: `_a<digits>` (old platform) or a dash (two on a truncated slug,
 * `…--4b7c9d1e`) and 6–8 hex digits. Whether that hex is certainly an id is canonical-url's concern.
 */
const ARTICLE_PATH =
  /\/(news|ru|kz|en|qz)\/(?:[^?#]*\/)?[^/?#]*[\p{L}\p{N}](_a\d+|-{1,2}[0-9a-f]{6,8})\/?$/iu;
const CARD = '.news-card, .allNewsCard, .catpageCard, .tagpageCard, article, li';
const TITLE =
  '.card-title, .allNewsCard_title, .catpageCard_title, .tagpageCard_title, h1, h2, h3, h4, [class*="title"]';
const TIME =
  'time.meta-date, .meta-date, .allNewsCard_time, .catpageCard_time, .tagpageCard_time, time, [class*="time"], [class*="date"]';
const TIME_TEXT =
  /\d{1,2}:\d{2},?\s+\d{1,2}\s+\p{L}+\.?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4},?\s+\d{1,2}:\d{2}|\d{1,2}\.\d{1,2}\.\d{4}(\s+\d{1,2}:\d{2})?/u;

export interface ListedArticle {
  url: string;
  title: string | null;
  publishedAt: string | null;
}

export function parseKazinformList(html: string, pageUrl: string): ListedArticle[] {
  const $ = cheerio.load(html);
  const found = new Map<string, ListedArticle>();
  $('a[href]').each((_, el) => {
    const url = articleUrl($(el).attr('href'), pageUrl);
    if (!url) return;
    const link = $(el);
    const card = link.is(CARD) ? link : link.closest(CARD).length > 0 ? link.closest(CARD).first() : link;
    const title =
      clean(link.find(TITLE).first().text()) ||
      clean(card.find(TITLE).first().text()) ||
      clean(link.attr('title')) ||
      clean(link.text()) ||
      null;
    const timeEl = card.find(TIME).first();
    const timeText =
      clean(timeEl.attr('datetime')) || clean(timeEl.text()) || TIME_TEXT.exec(card.text())?.[0] || '';
    const publishedAt = timeText ? parseLocalDate(timeText) : null;
    const previous = found.get(url);
    // The same article is often linked twice (image and headline): keep what each link tells.
    found.set(url, {
      url,
      title: previous?.title && (!title || previous.title.length >= title.length) ? previous.title : title,
      publishedAt: previous?.publishedAt ?? publishedAt,
    });
  });
  return [...found.values()];
}

function articleUrl(href: string | undefined, pageUrl: string): string | null {
  if (!href?.trim()) return null;
  let url: URL;
  try {
    url = new URL(href.trim(), pageUrl);
  } catch {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || !ARTICLE_PATH.test(safeDecode(url.pathname))) return null;
  url.hash = '';
  return url.toString();
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function clean(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Page N of a list (`?page=N`), the way Kazinform's lists page back; page 1 is the list itself. */
export function listPageUrl(listUrl: string, page: number): string {
  const url = new URL(listUrl);
  if (page <= 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  return url.toString();
}

/** A 200 that is a challenge page, not the list: said as such instead of "no article links". */
export function assertNotChallenge(res: HttpResponse, text: string): void {
  if (isCloudflareChallenge(res.status, res.headers, text)) {
    throw new SourceBlockedError(
      'cloudflare',
      `${res.url} answered with a challenge page instead of content. The monitor backs off and tries again later; if it persists, run from another network`,
    );
  }
}

export async function readKazinformList(
  source: { id: string; language: Language },
  ctx: SourceReadContext,
  listUrl: string,
  options: { conditional?: boolean } = {},
): Promise<SourceReadResult> {
  const res = await ctx.http.request({
    url: listUrl,
    ...(options.conditional === false ? {} : validatorsFor(ctx, listUrl)),
    headers: { accept: 'text/html,application/xhtml+xml' },
  });
  if (res.notModified) return notModifiedResult(ctx, listUrl, 'list');
  const html = decodeBody(res.body, res.headers.get('content-type'), `list page ${res.url}`);
  assertNotChallenge(res, html);
  const listed = parseKazinformList(html, res.url);
  if (listed.length === 0) {
    throw new Error(`list page ${listUrl} has no article links: the page markup may have changed`);
  }
  const refusedLinks: string[] = [];
  const entries: FeedEntry[] = [];
  for (const a of listed) {
    if (!allowedLink(ctx, source.id, a.url, refusedLinks)) continue;
    entries.push(listedEntry(source, a));
  }
  return {
    entries: dedupeEntries(entries),
    notModified: false,
    ...validatorsOf(res, listUrl),
    via: 'list',
    refusedLinks,
  };
}

export function listedEntry(source: { id: string; language: Language }, a: ListedArticle): FeedEntry {
  const canonicalUrl = canonicalizeUrl(a.url);
  return {
    sourceId: source.id,
    itemId: itemIdFor(canonicalUrl),
    url: a.url,
    canonicalUrl,
    language: source.language,
    title: a.title,
    publishedAt: a.publishedAt,
  };
}
