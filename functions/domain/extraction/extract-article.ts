/**
 * Article extraction on htmlparser2 (through `cheerio/slim`: no parse5). Pages in a layout the monitor
 * knows (old and new Kazinform, their AMP copies, the 2026 `article__content` variant) are read by their
 * markup; every other page by the generic extractor (content.ts), which finds the story by text and
 * link density and leaves related boxes, teaser lists and comments out.
 */
import type { ExtractedArticle, Language } from '../model';
import { genericStory } from './content';
import {
  type AnyNode,
  type Element,
  type PageIndex,
  indexPage,
  parseHtml,
  rawText,
  rawTextUpTo,
} from './dom';
import { languageFromCode, languageFromUrl, reconcileLanguage } from './language';
import { splitLead, standfirst } from './lead';
import {
  canonicalOf,
  elementText,
  type JsonLdArticle,
  meta,
  publishedAt,
  readJsonLd,
  tagsOf,
  withoutSiteName,
} from './metadata';
import { storyFromState } from './page-state';
import { dropRepeats, paragraphsFromNodes } from './paragraphs';
import { collectUnits } from './units';
import { normalizeText, stripDateStamp, stripDateline } from './text';

export { parseLocalDate } from './dates';
export { detectLanguage, languageFromCode, languageFromUrl } from './language';
export { htmlToParagraphs } from './paragraphs';
export { normalizeText, stripDateline } from './text';

export interface ExtractHints {
  language?: Language;
}

/** Body containers of the Kazinform layouts, newest first. */
const KNOWN_BODIES = [
  'article__body-text',
  'article__content',
  'body_article_bl',
  'article_body',
  'amp-article-body',
];

function titleOf(index: PageIndex, jsonLd: JsonLdArticle): string | null {
  const og = meta(index, 'og:title', 'twitter:title');
  const h1 = index.h1.map((h) => normalizeText(rawText(h))).find((t) => t.length > 0);
  const page = index.titleText ? normalizeText(index.titleText) : '';
  return (
    elementText(index.byClass.get('article__title')) ??
    elementText(index.byClass.get('title_article_bl')) ??
    (og ? withoutSiteName(og) : null) ??
    jsonLd.headline ??
    h1 ??
    elementText(index.byClass.get('amp-title')) ??
    (page ? withoutSiteName(page) : null)
  );
}

/**
 * The story's headline element: an h1 saying the title (or part of it, or more). An h1 that says
 * something else (a site logo) is no headline: the page is then read without one.
 */
function mainHeadline(index: PageIndex, title: string | null): Element | null {
  const texts = index.h1.map((h) => normalizeText(rawText(h)));
  const same = title ? texts.indexOf(title) : -1;
  if (same >= 0) return index.h1[same]!;
  const page = index.titleText ? normalizeText(index.titleText) : '';
  const related = texts.findIndex(
    (t) => t.length >= 10 && ((title && (t.includes(title) || title.includes(t))) || page.includes(t)),
  );
  return related >= 0 ? index.h1[related]! : null;
}

interface Body {
  lead: string | null;
  paragraphs: string[];
}

function knownLayoutBody(index: PageIndex): Body | null {
  const el = KNOWN_BODIES.map((c) => index.byClass.get(c)).find((e) => e != null);
  if (!el) return null;
  return {
    lead: elementText(index.byClass.get('article__description')),
    paragraphs: paragraphsFromNodes([el]),
  };
}

function genericBody(index: PageIndex, title: string | null, jsonLd: JsonLdArticle): Body {
  const h1 = mainHeadline(index, title);
  const headline = h1 ? normalizeText(rawText(h1)) : title;
  const keep = new Set<AnyNode>();
  for (let n: AnyNode | null = h1; n; n = n.parent as AnyNode | null) keep.add(n);
  const root = (index.body ?? index.doc) as Parameters<typeof collectUnits>[0];
  const units = collectUnits(root, keep);
  const story = genericStory(units, keep, headline);
  let body: Body = story
    ? { lead: standfirst(units, story, headline), paragraphs: story.units.map((u) => u.text) }
    : { lead: null, paragraphs: [] };
  const found = body.paragraphs.reduce((n, p) => n + p.length, 0);
  if (found < 400 && index.stateJson.length > 0) {
    // a client-rendered page: its markup holds a skeleton, its JSON state the story
    const state = storyFromState(index.stateJson);
    if (state && state.paragraphs.reduce((n, p) => n + p.length, 0) > found * 2) body = state;
  }
  if (body.paragraphs.length === 0 && jsonLd.articleBody) {
    body = {
      lead: null,
      paragraphs: jsonLd.articleBody
        .split(/\n\s*\n|\r?\n/)
        .map(normalizeText)
        .filter(Boolean),
    };
  }
  return body;
}

/** Drops repeats and the headline, removes the agency dateline, and keeps the lead out of the body. */
function tidy(body: Body, title: string | null): Body {
  let paragraphs = dropRepeats(body.paragraphs);
  if (title && paragraphs[0] === title) paragraphs.shift();
  if (paragraphs.length > 0) paragraphs[0] = stripDateline(stripDateStamp(paragraphs[0]!));
  paragraphs = paragraphs.filter((p) => p.length > 0);
  const lead = body.lead ? stripDateline(body.lead) : null;
  const split = splitLead(lead, paragraphs);
  return { lead: split.lead ? stripDateline(split.lead) : null, paragraphs: split.paragraphs };
}

function authorOf(index: PageIndex, jsonLd: JsonLdArticle): string | null {
  const byline = index.byClass.get('data_author_bl');
  const link = byline
    ? (byline.children.find((c) => c.type === 'tag' && c.name === 'a') as Element | undefined)
    : undefined;
  return (
    meta(index, 'author') ??
    elementText(link) ??
    elementText(index.byClass.get('article__author')) ??
    elementText(index.relAuthor) ??
    elementText(index.byClass.get('author')) ??
    jsonLd.author ??
    null
  );
}

function languageOf(
  index: PageIndex,
  jsonLd: JsonLdArticle,
  url: string,
  canonical: string | null,
  sample: string,
  hints?: ExtractHints,
): Language | null {
  if (hints?.language) return hints.language;
  const declared =
    languageFromCode(index.htmlLang) ??
    languageFromCode(meta(index, 'og:locale')) ??
    languageFromCode(jsonLd.inLanguage) ??
    languageFromUrl(url) ??
    languageFromUrl(canonical) ??
    null;
  return reconcileLanguage(declared, sample);
}

/**
 * Extracts title, publication instant, author, language, lead, paragraphs, canonical URL and tags from
 * an article page or body fragment. Never throws on odd markup; missing parts are null or empty. The
 * lead is never repeated as the first paragraph.
 */
export function extractArticle(html: string, url: string, hints?: ExtractHints): ExtractedArticle {
  const index = indexPage(parseHtml(html ?? ''));
  const jsonLd = readJsonLd(index);
  const title = titleOf(index, jsonLd);
  const known = knownLayoutBody(index);
  // a known layout with an empty body (rendered by script, or a changed template) is read as any page
  const raw = known && known.paragraphs.length > 0 ? known : genericBody(index, title, jsonLd);
  const { lead: leadOrNull, paragraphs } = tidy(raw, title);
  const lead =
    leadOrNull ??
    (() => {
      const d = meta(index, 'og:description', 'description') ?? jsonLd.description ?? null;
      return d ? stripDateline(d) : null;
    })();
  const bodyText = () => rawTextUpTo((index.body ?? index.doc) as unknown as AnyNode, 20000);
  const canonicalUrl = canonicalOf(index, url);
  const sample = [title ?? '', lead ?? '', ...paragraphs.slice(0, 6)].join(' ');
  return {
    title,
    publishedAt: publishedAt(index, jsonLd, bodyText),
    author: authorOf(index, jsonLd),
    language: languageOf(index, jsonLd, url, canonicalUrl, sample, hints),
    lead,
    paragraphs,
    canonicalUrl,
    tags: tagsOf(index),
  };
}
