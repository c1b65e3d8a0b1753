/**
 * Article extraction with cheerio (htmlparser2 via `cheerio/slim`: no parse5, smaller and faster).
 * Reads old and new Kazinform pages, their AMP copies, gov.kz item bodies and, failing those, any page
 * through meta / Open Graph / JSON-LD and its densest text block.
 */
import type { CheerioAPI, Cheerio } from 'cheerio/slim';
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { ExtractedArticle, Language } from '../model';
import { parseLocalDate } from './dates';
import { languageFromCode, languageFromUrl, reconcileLanguage } from './language';
import { isWidget, paragraphsFromNodes } from './paragraphs';
import { normalizeText, stripDateline } from './text';

export { parseLocalDate } from './dates';
export { detectLanguage, languageFromCode, languageFromUrl } from './language';
export { normalizeText, stripDateline } from './text';

export interface ExtractHints {
  language?: Language;
}

/** Turns an HTML fragment or document (e.g. a gov.kz API `body`) into clean paragraphs. */
export function htmlToParagraphs(html: string): string[] {
  if (!html) return [];
  const $ = load(html);
  const body = $('body');
  const root = body.length > 0 ? body.get() : $.root().children().get();
  return dedupe(paragraphsFromNodes(root as AnyNode[]));
}

function dedupe(paragraphs: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paragraphs) {
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
  }
  return out;
}

const SITE_SUFFIX_RE = /\s*[|│]\s*[^|│]{1,60}$/;

function meta($: CheerioAPI, selector: string): string | null {
  const v = $(selector).first().attr('content');
  const t = v ? normalizeText(v) : '';
  return t || null;
}

function text($el: Cheerio<AnyNode>): string | null {
  if ($el.length === 0) return null;
  const t = normalizeText(paragraphsFromNodes($el.first().get() as AnyNode[]).join(' '));
  return t || null;
}

interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  author?: string;
  articleBody?: string;
  inLanguage?: string;
  description?: string;
}

function readJsonLd($: CheerioAPI): JsonLdArticle {
  const out: JsonLdArticle = {};
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      return;
    }
    const queue: unknown[] = [data];
    while (queue.length > 0) {
      const item = queue.shift();
      if (Array.isArray(item)) {
        queue.push(...item);
        continue;
      }
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]));
      const type = String(o['@type'] ?? '');
      if (!/Article|NewsArticle|BlogPosting|Report/i.test(type)) continue;
      if (typeof o.headline === 'string' && !out.headline) out.headline = normalizeText(o.headline);
      if (typeof o.datePublished === 'string' && !out.datePublished) out.datePublished = o.datePublished;
      if (typeof o.articleBody === 'string' && !out.articleBody) out.articleBody = o.articleBody;
      if (typeof o.inLanguage === 'string' && !out.inLanguage) out.inLanguage = o.inLanguage;
      if (typeof o.description === 'string' && !out.description) out.description = normalizeText(o.description);
      const a = o.author;
      const first = Array.isArray(a) ? a[0] : a;
      if (!out.author) {
        if (typeof first === 'string') out.author = normalizeText(first);
        else if (first && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string')
          out.author = normalizeText((first as { name: string }).name);
      }
    }
  });
  return out;
}

/** Picks the element whose direct <p> children carry the most text: the generic body. */
function densestBlock($: CheerioAPI): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  const scores = new Map<Element, number>();
  $('p').each((_, p) => {
    const parent = p.parent as Element | null;
    if (parent?.type !== 'tag') return;
    const len = normalizeText($(p).text()).length;
    if (len < 25) return;
    scores.set(parent, (scores.get(parent) ?? 0) + len);
  });
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** Drops empty, duplicate and widget elements inside a chosen body before it is walked. */
function cleanBody($: CheerioAPI, $body: Cheerio<Element>): void {
  $body.find('.frame_news_article_adapt, figcaption, .caption, script, style, aside').remove();
  $body.find('*').each((_, el) => {
    if (el.type === 'tag' && isWidget(el)) $(el).remove();
  });
}

function pickFirst($: CheerioAPI, selectors: string[]): Cheerio<Element> | null {
  for (const s of selectors) {
    const el = $(s).first();
    if (el.length > 0) return el as Cheerio<Element>;
  }
  return null;
}

/**
 * Extracts title, publication instant, author, language, lead, paragraphs, canonical URL and tags
 * from an article page or body fragment. Never throws on odd markup; missing parts are null/empty.
 */
export function extractArticle(html: string, url: string, hints?: ExtractHints): ExtractedArticle {
  const $ = load(html ?? '');
  const jsonLd = readJsonLd($);

  // --- title ---------------------------------------------------------------------------------
  const ogTitleRaw = meta($, 'meta[property="og:title"]') ?? meta($, 'meta[name="twitter:title"]');
  const ogTitle = ogTitleRaw ? ogTitleRaw.replace(SITE_SUFFIX_RE, '').trim() || null : null;
  const title =
    text($('h1.article__title')) ??
    text($('div.title_article_bl')) ??
    ogTitle ??
    jsonLd.headline ??
    text($('article h1, main h1, .amp-title, h1')) ??
    (() => {
      const t = $('title').first().text();
      return t ? normalizeText(t).replace(SITE_SUFFIX_RE, '').trim() || null : null;
    })();

  // --- body -----------------------------------------------------------------------------------
  let lead: string | null = text($('.article__description')) ?? null;
  const tags = dedupe(
    $('div.keywords_bl a, .article__tags a, a[rel="tag"], .tags a')
      .map((_, a) => normalizeText($(a).text()).replace(/^#/, ''))
      .get()
      .filter((t) => t.length > 0),
  );

  let paragraphs: string[] = [];
  const newBody = pickFirst($, ['.article__body-text', 'div.article__content']);
  const oldBody = pickFirst($, ['div.body_article_bl', 'div.article_body']);
  const ampBody = pickFirst($, ['.amp-article-body', '.article-body', '[itemprop="articleBody"]']);
  const body = newBody ?? oldBody ?? ampBody;
  if (body) {
    cleanBody($, body);
    // .article__body-text p, div.article_body p: the <p> are the paragraphs, but walking the block keeps
    // headings/lists too and never glues elements
    paragraphs = paragraphsFromNodes(body.get() as AnyNode[]);
  } else if ($('html').length === 0 || $('body').children().length > 0) {
    const dense = densestBlock($);
    const hasDocument = $('head').children().length > 0 || $('article, main').length > 0;
    if (dense && (hasDocument || $('p').length > 2)) {
      const $dense = $(dense);
      cleanBody($, $dense);
      paragraphs = paragraphsFromNodes([dense]);
    } else {
      // a bare fragment (gov.kz body): the whole of it
      paragraphs = htmlToParagraphs(html);
    }
  }
  if (paragraphs.length === 0 && jsonLd.articleBody) {
    paragraphs = jsonLd.articleBody
      .split(/\n\s*\n|\r?\n/)
      .map(normalizeText)
      .filter(Boolean);
  }
  paragraphs = dedupe(paragraphs);
  if (title && paragraphs[0] === title) paragraphs.shift();
  if (paragraphs.length > 0) paragraphs[0] = stripDateline(paragraphs[0]);
  paragraphs = paragraphs.filter((p) => p.length > 0);
  if (lead) {
    lead = stripDateline(lead);
    if (paragraphs[0] === lead) paragraphs.shift();
  } else {
    const description = meta($, 'meta[property="og:description"]') ?? jsonLd.description ?? null;
    // the lead is the first paragraph, dateline removed
    lead = paragraphs.length > 0 ? paragraphs[0] : description ? stripDateline(description) : null;
  }

  // --- time -----------------------------------------------------------------------------------
  const timeCandidates = [
    meta($, 'meta[name="article:published_time"]'),
    meta($, 'meta[property="article:published_time"]'),
    meta($, 'meta[itemprop="datePublished"]'),
    jsonLd.datePublished ?? null,
    $('time[datetime]').first().attr('datetime') ?? null,
    text($('div.time_article_bl')),
    text($('.article__date, .article__time, .article-date, time, .date, .time')),
  ];
  let publishedAt: string | null = null;
  for (const c of timeCandidates) {
    if (!c) continue;
    publishedAt = parseLocalDate(c);
    if (publishedAt) break;
  }
  if (!publishedAt) {
    // AMP pages print "19 September 2022, 16:14" in a plain block near the title
    const m = /\d{1,2}\s+\p{L}+\s+\d{4},?\s+\d{1,2}:\d{2}|\d{1,2}:\d{2},\s+\d{1,2}\s+\p{L}+\s+\d{4}/u.exec(
      normalizeText($('body').text().slice(0, 20000)),
    );
    if (m) publishedAt = parseLocalDate(m[0]);
  }

  // --- author, canonical ------------------------------------------------------------------------
  const author =
    meta($, 'meta[name="author"]') ??
    text($('div.data_author_bl a')) ??
    text($('.article__author, [rel="author"], .author')) ??
    jsonLd.author ??
    null;
  const canonicalRaw = $('link[rel="canonical"]').attr('href') ?? meta($, 'meta[property="og:url"]');
  let canonicalUrl: string | null = null;
  if (canonicalRaw) {
    try {
      canonicalUrl = new URL(canonicalRaw, url || undefined).toString();
    } catch {
      canonicalUrl = null;
    }
  }

  // --- language -------------------------------------------------------------------------------
  const declared =
    hints?.language ??
    languageFromCode($('html').attr('lang')) ??
    languageFromCode(meta($, 'meta[property="og:locale"]')) ??
    languageFromCode(jsonLd.inLanguage) ??
    languageFromUrl(url) ??
    languageFromUrl(canonicalUrl) ??
    null;
  const sample = [title ?? '', lead ?? '', ...paragraphs.slice(0, 6)].join(' ');
  const language = hints?.language ?? reconcileLanguage(declared, sample);

  return { title, publishedAt, author, language, lead, paragraphs, canonicalUrl, tags };
}
