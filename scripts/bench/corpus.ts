/**
 * A seeded generator of article pages in every markup the monitor reads, each with the body it is
 * known to contain. Pages are generated at bench time (nothing large is committed) and are the same on
 * every run for the same seed, so figures from two runs compare.
 *
 * The markup follows ../shared/notes/sources.md (old and new Kazinform, AMP copies, the 2026
 * `article__content` variant, gov.kz API bodies) plus generic news pages, with the clutter real pages
 * carry: navigation, share bars, "read also" blocks, inline scripts and JSON state, figures with
 * captions, comment threads, sidebars of other headlines, cookie banners, long footers.
 */

import { seededRandom } from '../../test/support/seeded-random';
import {
  type Bank,
  BANKS,
  esc,
  headline,
  hex,
  int,
  type Lang,
  paragraph,
  pick,
  type R,
  slugify,
} from './corpus-text';
import {
  astanaParts,
  comments,
  figure,
  footer,
  header,
  headlinesList,
  inlineScripts,
  readAlso,
  share,
} from './corpus-clutter';

export type PageKind =
  | 'kazinform-old'
  | 'kazinform-old-article-body'
  | 'kazinform-old-amp'
  | 'kazinform-new-en'
  | 'kazinform-new-ru'
  | 'kazinform-new-kk'
  | 'kazinform-new-amp'
  | 'kazinform-2026'
  | 'govkz-body'
  | 'generic';

export const PAGE_KINDS: PageKind[] = [
  'kazinform-old',
  'kazinform-old-article-body',
  'kazinform-old-amp',
  'kazinform-new-en',
  'kazinform-new-ru',
  'kazinform-new-kk',
  'kazinform-new-amp',
  'kazinform-2026',
  'govkz-body',
  'generic',
];

/** Script: `kk` pages on the old platform are Cyrillic, on qz.inform.kz Latin. */
export type { Lang } from './corpus-text';

export interface BenchPage {
  id: number;
  kind: PageKind;
  lang: Lang;
  url: string;
  html: string;
  title: string;
  lead: string | null;
  /** The story's paragraphs as a reader sees them (no dateline, no clutter). */
  paragraphs: string[];
  publishedAt: string;
  /** Whether the text was written to be about Kazakhstan–US or C5+1. */
  relevant: boolean;
}

/** Deterministic: the same seed gives the same sequence. */
export const rng = seededRandom;

// ----------------------------------------------------------------------------- page kinds

interface Story {
  lang: Lang;
  title: string;
  lead: string | null;
  paragraphs: string[];
  publishedAt: string;
  relevant: boolean;
}

function story(r: R, lang: Lang, withLead: boolean, relevant: boolean, year: number): Story {
  const b = BANKS[lang];
  const count = int(r, 3, 12);
  const paragraphs = Array.from({ length: count }, () => paragraph(r, b, int(r, 1, 4)));
  if (relevant) {
    paragraphs[0] = `${pick(r, b.relevant)}. ${paragraphs[0]}`;
    if (count > 3) paragraphs[int(r, 1, count - 1)] += ` ${pick(r, b.relevant)}.`;
  }
  const t = Date.UTC(year, int(r, 0, 11), int(r, 1, 28), int(r, 0, 23), int(r, 0, 59));
  return {
    lang,
    title: headline(r, b, relevant),
    lead: withLead ? paragraph(r, b, 1) : null,
    paragraphs,
    publishedAt: new Date(t).toISOString().replace('.000Z', 'Z'),
    relevant,
  };
}

const pTags = (s: Story, b: Bank, dateline: boolean) =>
  s.paragraphs.map((p, i) => `<p>${i === 0 && dateline ? esc(b.dateline) : ''}${esc(p)}</p>`).join('\n');

function doc(lang: string, head: string, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}
<link rel="stylesheet" href="/static/css/main.${Math.abs(head.length * 7919) % 99999}.css"><style>.header{display:flex}.menu li{display:inline-block}.comment{margin:8px 0}</style></head><body>${body}</body></html>`;
}

function oldKazinform(r: R, s: Story, url: string, variant: 'bl' | 'article_body'): string {
  const b = BANKS[s.lang];
  const t = astanaParts(s.publishedAt);
  const htmlLang = s.lang === 'en' ? 'en' : s.lang === 'ru' ? 'ru' : 'kk';
  const head = `<title>${esc(s.title)}</title><meta name="description" content="${esc(s.paragraphs[0]!.slice(0, 150))}"><link rel="canonical" href="${url}">
<meta property="og:title" content="${esc(s.title)}"><meta property="og:type" content="article"><meta property="og:image" content="/uploads/${hex(r, 10)}.jpg">`;
  const date = `${t.day} ${b.months[t.month]} ${t.year}, ${t.hh}:${t.mm}`;
  const bodyInner =
    variant === 'bl'
      ? `<div class="title_article_bl"><h1>${esc(s.title)}</h1></div><div class="time_article_bl">${date}</div>
<div class="data_author_bl"><a href="/author/${hex(r, 4)}">${esc(pick(r, ['Aigerim Ospanova', 'Dana Sarsenova', 'Yerlan Abenov', 'Ainur Kassymova']))}</a></div>
${share('share_article_bl social')}
<div class="body_article_bl">${r() < 0.5 ? figure(r, b) : ''}${s.paragraphs
          .map(
            (p, i) =>
              `<p>${i === 0 ? esc(b.dateline) : ''}${esc(p)}</p>${i === 1 ? `<div class="frame_news_article_adapt">${readAlso(r, b, 'frame_news_in')}</div>` : ''}`,
          )
          .join('\n')}</div>
<div class="keywords_bl"><a href="/tag/1">${esc(pick(r, b.nav))}</a> <a href="/tag/2">${esc(pick(r, b.nav))}</a></div>`
      : `<h1 class="article_title">${esc(s.title)}</h1><div class="article_date">${date}</div>
<div class="article_body">${pTags(s, b, true)}</div>${readAlso(r, b, 'read_also_block')}`;
  return doc(
    htmlLang,
    head,
    `${header(r, b, 'Kazinform')}<div class="breadcrumbs"><a href="/">Kazinform</a> / <a href="/news/">${esc(pick(r, b.nav))}</a></div>
<div class="container"><div class="col-main">${bodyInner}${share()}
${headlinesList(r, b, 'related_news', 5, b.readAlso)}</div>
<div class="col-side">${headlinesList(r, b, 'lenta', 15, b.latest)}<div class="banner"><a href="/ad"><img src="/ad.jpg"></a></div></div></div>
${r() < 0.4 ? comments(r, b) : ''}${footer(r, b)}${inlineScripts(r, b, int(r, 8000, 40000))}`,
  );
}

function oldAmp(r: R, s: Story, url: string): string {
  const b = BANKS[s.lang];
  const t = astanaParts(s.publishedAt);
  const head = `<title>${esc(s.title)}</title><link rel="canonical" href="${url.replace(/amp\/?$/, '')}">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: s.title, datePublished: s.publishedAt, publisher: { name: 'Kazinform' } })}</script>`;
  return `<!doctype html><html amp lang="${s.lang === 'ru' ? 'ru' : 'en'}"><head><meta charset="utf-8">${head}</head><body>
<amp-sidebar id="menu" layout="nodisplay"><ul>${b.nav.map((n) => `<li><a href="/${slugify(n)}">${esc(n)}</a></li>`).join('')}</ul></amp-sidebar>
<header class="amp-header"><a href="/">Kazinform</a><button on="tap:menu.toggle">☰</button></header>
<article class="amp-article"><h1 class="amp-title">${esc(s.title)}</h1><div class="amp-date">${t.day} ${b.months[t.month]} ${t.year}, ${t.hh}:${t.mm}</div>
<amp-img src="/uploads/${hex(r, 10)}.jpg" width="800" height="450" layout="responsive"></amp-img>
<div class="article_amp_text" itemprop="articleBody">${pTags(s, b, true)}</div>
<amp-social-share type="facebook"></amp-social-share><amp-social-share type="telegram"></amp-social-share>
${readAlso(r, b, 'amp-related')}</article>
${headlinesList(r, b, 'amp-latest', 10, b.latest)}<amp-analytics type="gtag"><script type="application/json">{"vars":{"gtag_id":"UA-1"}}</script></amp-analytics>
<footer class="amp-footer"><p>${esc(b.footer[0]!)}</p></footer></body></html>`;
}

function newKazinform(r: R, s: Story, url: string, variant: 'body-text' | 'content-2026'): string {
  const b = BANKS[s.lang];
  const t = astanaParts(s.publishedAt);
  const htmlLang = s.lang === 'en' ? 'en' : s.lang === 'ru' ? 'ru' : 'kk';
  const author = pick(r, ['Aigerim Ospanova', 'Dana Sarsenova', 'Yerlan Abenov', 'Ainur Kassymova']);
  const head = `<title>${esc(s.title)} | Kazinform</title><link rel="canonical" href="${url}">
<meta property="og:title" content="${esc(s.title)} | Qazinform"><meta property="og:description" content="${esc(s.lead ?? '')}">
<meta property="og:image" content="https://qazinform.com/uploads/${hex(r, 10)}.jpg"><meta name="author" content="${esc(author)}">
<meta name="article:published_time" content="${s.publishedAt}">`;
  const body = pTags(s, b, true);
  const inner =
    variant === 'body-text'
      ? `<div class="article__body-text">${r() < 0.6 ? figure(r, b) : ''}${body.replace('</p>\n', `</p>\n${r() < 0.5 ? readAlso(r, b, 'read-also') : ''}\n`)}</div>`
      : `<div class="article__content">${body}${r() < 0.5 ? `<blockquote class="twitter-tweet"><p>${esc(headline(r, b, false))}</p>— MFA (@MFA_KZ)</blockquote>` : ''}</div>
<div class="article__tags"><a href="/tag/a">#${esc(pick(r, b.nav))}</a><a href="/tag/b">#${esc(pick(r, b.nav))}</a></div>`;
  return doc(
    htmlLang,
    head,
    `${header(r, b, 'Qazinform')}<main class="main"><div class="article">
<div class="article__body-main"><div class="breadcrumbs"><a href="/">Home</a> › <a href="/category/${hex(r, 3)}">${esc(pick(r, b.nav))}</a></div>
<h1 class="article__title">${esc(s.title)}</h1>
<div class="article__info"><span class="article__date">${t.hh}:${t.mm}, ${t.day} ${b.months[t.month]} ${t.year}</span> <span class="article__views">${int(r, 10, 9000)}</span></div>
${s.lead ? `<div class="article__description">${esc(s.lead)}</div>` : ''}
${share('article__share share')}
${inner}
<div class="article__author">${esc(author)}</div>
${share('article__share-bottom share')}</div>
${headlinesList(r, b, 'read-also-list', 4, b.readAlso)}
<aside class="sidebar">${headlinesList(r, b, 'news-feed', 20, b.latest)}<div class="subscribe"><p>Subscribe to our Telegram channel</p></div></aside>
</div></main>${r() < 0.3 ? comments(r, b) : ''}${footer(r, b)}${inlineScripts(r, b, int(r, 15000, 60000))}`,
  );
}

function newAmp(r: R, s: Story, url: string): string {
  const b = BANKS[s.lang];
  const t = astanaParts(s.publishedAt);
  return `<!doctype html><html ⚡ lang="${s.lang === 'ru' ? 'ru' : 'en'}"><head><meta charset="utf-8"><title>${esc(s.title)} | Qazinform</title>
<link rel="canonical" href="${url.replace('/amp/', '/news/').replace(/\/$/, '')}"><meta name="article:published_time" content="${s.publishedAt}">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>.a{color:#000}</style></head><body>
<header class="amp-header"><a href="/">Qazinform</a></header>
<nav class="amp-nav">${b.nav.map((n) => `<a href="/${slugify(n)}">${esc(n)}</a>`).join('')}</nav>
<div class="article__body-main"><h1 class="article__title">${esc(s.title)}</h1><div class="article__date">${t.hh}:${t.mm}, ${t.day} ${b.months[t.month]} ${t.year}</div>
${s.lead ? `<div class="article__description">${esc(s.lead)}</div>` : ''}
<amp-img src="/uploads/${hex(r, 10)}.jpg" width="800" height="450" layout="responsive"></amp-img>
<div class="article__body-text">${pTags(s, b, true)}</div>
<amp-social-share type="facebook"></amp-social-share></div>
${headlinesList(r, b, 'amp-read-also', 5, b.readAlso)}
<amp-analytics type="metrika"><script type="application/json">{"vars":{"counterId":"1"}}</script></amp-analytics>
<footer><p>${esc(b.footer[0]!)}</p></footer></body></html>`;
}

/** A gov.kz API `body`: a fragment (paragraphs, or `<br>`-separated lines) or sometimes a whole document. */
function govkzBody(r: R, s: Story): string {
  const b = BANKS[s.lang];
  const style = int(r, 0, 2);
  const img = r() < 0.4 ? `<p><img src="/uploads/2026/${hex(r, 8)}.jpg" style="width:100%"></p>` : '';
  let frag: string;
  if (style === 0)
    frag = s.paragraphs
      .map((p) => `<p style="text-align: justify;"><span style="font-size:14pt">${esc(p)}</span></p>`)
      .join('');
  else if (style === 1) frag = `<p>${s.paragraphs.map(esc).join('<br><br>')}</p>`;
  else frag = s.paragraphs.map((p) => `<div><span>${esc(p)}</span></div>`).join('\n');
  frag = `${img}${frag}`;
  if (r() < 0.25) {
    frag = `<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>${frag}<p>&nbsp;</p></body></html>`;
  } else if (r() < 0.5) {
    frag += `<p><strong>${esc(pick(r, b.footer))}</strong></p>`.replace(
      /<strong>.*<\/strong>/,
      '<strong>#MFA #Kazakhstan</strong>',
    );
  }
  return frag;
}

function generic(r: R, s: Story, url: string): string {
  const b = BANKS[s.lang];
  const htmlLang = s.lang === 'en' ? 'en' : s.lang === 'ru' ? 'ru' : 'kk';
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: s.title,
    datePublished: s.publishedAt,
    author: { '@type': 'Person', name: 'Staff' },
  };
  const head = `<title>${esc(s.title)} — ${esc(pick(r, ['Astana Times', 'Tengrinews', 'The Diplomat', 'Kursiv', 'Times of Central Asia']))}</title>
<link rel="canonical" href="${url}"><meta property="og:title" content="${esc(s.title)}"><script type="application/ld+json">${JSON.stringify(ld)}</script>`;
  const ps = s.paragraphs.map((p) => `<p>${esc(p)}</p>`);
  if (ps.length > 3)
    ps.splice(2, 0, `<div class="ad-slot"><p>Advertisement</p></div>`, readAlso(r, b, 'related-inline'));
  return doc(
    htmlLang,
    head,
    `${header(r, b, 'News')}<div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a></div>
<main><article class="post"><header class="post-header"><h1>${esc(s.title)}</h1><time datetime="${s.publishedAt}">${s.publishedAt.slice(0, 10)}</time><span class="byline">By Staff</span></header>
${r() < 0.5 ? figure(r, b) : ''}<div class="entry-content">${ps.join('\n')}</div>
${share('social-share')}<div class="tags"><a rel="tag" href="/t/1">${esc(pick(r, b.nav))}</a></div></article>
${headlinesList(r, b, 'related-posts', 6, b.readAlso)}${comments(r, b)}</main>
<aside class="widget-area">${headlinesList(r, b, 'popular', 10, b.latest)}<div class="newsletter"><p>Get the best stories of the week in your inbox every Friday morning.</p><input type="email"></div></aside>
${footer(r, b)}${inlineScripts(r, b, int(r, 5000, 30000))}`,
  );
}

/** The page of one kind for a story: its address (real URL shapes, or `site` for a local server) and markup. */
function renderKind(
  kind: PageKind,
  r: R,
  s: Story,
  ctx: { lang: Lang; id: number; site: (real: string) => string },
): { url: string; html: string } {
  const { lang, id, site } = ctx;
  const slug = `${slugify(s.title)}`;
  let url: string;
  let html: string;
  switch (kind) {
    case 'kazinform-old':
      url = `${site('https://www.inform.kz')}/${lang === 'kk' ? 'kz' : lang}/${slug}_a${3_000_000 + id}`;
      html = oldKazinform(r, s, url, 'bl');
      break;
    case 'kazinform-old-article-body':
      url = `${site(lang === 'kk' ? 'https://kaz.inform.kz' : 'https://www.inform.kz')}/news/${slug}_a${2_000_000 + id}/`;
      html = oldKazinform(r, s, url, 'article_body');
      break;
    case 'kazinform-old-amp':
      url = `${site('https://en.inform.kz')}/news/${slug}_a${2_500_000 + id}/amp`;
      html = oldAmp(r, s, url);
      break;
    case 'kazinform-new-en':
      url = `${site('https://qazinform.com')}/news/${slug}-${hex(r, 6)}`;
      html = newKazinform(r, s, url, 'body-text');
      break;
    case 'kazinform-new-ru':
      url = `${site('https://www.inform.kz')}/ru/${slug}-${hex(r, 6)}`;
      html = newKazinform(r, s, url, 'body-text');
      break;
    case 'kazinform-new-kk':
      url = `${site('https://qz.inform.kz')}/news/${slug}-${hex(r, 6)}/`;
      html = newKazinform(r, s, url, 'body-text');
      break;
    case 'kazinform-new-amp':
      url = `${site('https://qazinform.com')}/amp/${slug}-${hex(r, 6)}/`;
      html = newAmp(r, s, url);
      break;
    case 'kazinform-2026':
      url = `${site('https://qazinform.com')}/news/${slug}-${hex(r, 6)}`;
      html = newKazinform(r, s, url, 'content-2026');
      break;
    case 'govkz-body':
      url = `${site('https://www.gov.kz')}/memleket/entities/mfa/press/news/details/${900_000 + id}?lang=${lang}`;
      html = govkzBody(r, s);
      break;
    case 'generic':
      url = `${site('https://example-news.kz')}/world/${slug}-${id}`;
      html = generic(r, s, url);
      break;
  }
  return { url, html };
}

/** One page of the given kind; `n` makes its URL unique. */
export function generatePage(
  kind: PageKind,
  id: number,
  r: R,
  origin?: string,
  relevantShare = 0.3,
): BenchPage {
  const relevant = r() < relevantShare;
  const langFor: Record<PageKind, () => Lang> = {
    'kazinform-old': () => pick(r, ['en', 'ru', 'kk'] as Lang[]),
    'kazinform-old-article-body': () => pick(r, ['ru', 'kk'] as Lang[]),
    'kazinform-old-amp': () => pick(r, ['en', 'ru'] as Lang[]),
    'kazinform-new-en': () => 'en',
    'kazinform-new-ru': () => 'ru',
    'kazinform-new-kk': () => 'kk-latn',
    'kazinform-new-amp': () => 'en',
    'kazinform-2026': () => pick(r, ['en', 'ru', 'kk-latn'] as Lang[]),
    'govkz-body': () => pick(r, ['en', 'ru', 'kk'] as Lang[]),
    generic: () => pick(r, ['en', 'ru'] as Lang[]),
  };
  const lang = langFor[kind]();
  const newPlatform = kind.startsWith('kazinform-new') || kind === 'kazinform-2026';
  const s = story(
    r,
    lang,
    newPlatform && r() < 0.85,
    relevant,
    kind.includes('old') ? int(r, 2019, 2022) : int(r, 2023, 2026),
  );
  const { url, html } = renderKind(kind, r, s, { lang, id, site: (real: string) => origin ?? real });
  return {
    id,
    kind,
    lang,
    url,
    html,
    title: s.title,
    lead: s.lead,
    paragraphs: s.paragraphs,
    publishedAt: s.publishedAt,
    relevant,
  };
}

/** `perKind` pages of every kind, interleaved, from one seed. */
export function generateCorpus(perKind: number, seed = 20261127): BenchPage[] {
  const r = rng(seed);
  const pages: BenchPage[] = [];
  for (let i = 0; i < perKind; i++)
    for (const kind of PAGE_KINDS) pages.push(generatePage(kind, pages.length, r));
  return pages;
}
