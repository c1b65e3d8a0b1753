import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SourceDefinition } from '../domain/sources/definitions';
import { parseSources } from '../domain/sources/definitions';

/**
 * The bundled sample sources for `kzmon demo`, served on 127.0.0.1 in the shapes of the real sites as
 * public scrapers describe them (shared notes): Kazinform's 2026 list pages (`a.news-card` with
 * `time.meta-date` and `h3.card-title`) in English and Kazakh, its Russian RSS feed, article pages in
 * the 2026 markup (the seed in the old platform's), and the gov.kz MFA news API behind its access
 * challenge in English and Russian. Written by the team; nothing is captured from the sites.
 *
 * The demo's sources have their own ids (`demo-…`), so nothing the demo records can pass for the health
 * of a live source.
 */
const SAMPLE_DIR = join(__dirname, 'sample');
const CHALLENGE_HEADER = 'x-kzmon-demo-ticket';
const TICKET_COOKIE = 'kzmon_demo_ticket';

type Edition = 'en' | 'ru' | 'kk';

interface SampleArticle {
  edition: Edition;
  platform: 'old' | 'new';
  slug: string;
  title: string;
  published: string;
  lead?: string;
  paragraphs: string[];
}

interface SampleMfaItem {
  id: number;
  lang: string;
  title: string;
  created_date: string;
  short_description: string;
  body: string;
}

const SEED_SLUG =
  'active-cooperation-with-washington-to-continue-in-areas-of-mutual-interest-for-ca-countries-and-us-aibek-smadiyarov_a3781891';

export function loadSample(): { articles: SampleArticle[]; mfa: SampleMfaItem[] } {
  const data = JSON.parse(readFileSync(join(SAMPLE_DIR, 'articles.json'), 'utf8')) as {
    kazinform: SampleArticle[];
    mfa: SampleMfaItem[];
  };
  const seed = readFileSync(join(SAMPLE_DIR, 'seed-article.txt'), 'utf8');
  const match = /^\s*date (\d{4}-\d{2}-\d{2})\s+/.exec(seed);
  const paragraphs = seed
    .slice(match?.[0].length ?? 0)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const seedArticle: SampleArticle = {
    edition: 'en',
    platform: 'old',
    slug: SEED_SLUG,
    title:
      'Active cooperation with Washington to continue in areas of mutual interest for CA countries and US - Aibek Smadiyarov',
    // The seed gives the day only; the time of day is the team's placeholder.
    published: `${match?.[1] ?? '2021-04-28'}T14:47:00+05:00`,
    paragraphs,
  };
  return { articles: [seedArticle, ...data.kazinform], mfa: data.mfa };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function articlePath(a: SampleArticle): string {
  if (a.platform === 'old') return `/news/${a.slug}/`;
  if (a.edition === 'ru') return `/ru/${a.slug}`;
  return a.edition === 'kk' ? `/kz/news/${a.slug}/` : `/news/${a.slug}`;
}

const MONTHS: Record<Edition, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  ru: ['Января', 'Февраля', 'Марта', 'Апреля', 'Мая', 'Июня', 'Июля', 'Августа', 'Сентября', 'Октября', 'Ноября', 'Декабря'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
};

/** Astana wall-clock parts of an instant. */
function astana(iso: string) {
  const d = new Date(Date.parse(iso) + 5 * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return { day: d.getUTCDate(), month: d.getUTCMonth(), year: d.getUTCFullYear(), hh, mm };
}

/** `09:15, 27 November 2026`: the 2026 sites' date line, Astana time. */
function dateLine(a: SampleArticle): string {
  const t = astana(a.published);
  return `${t.hh}:${t.mm}, ${t.day} ${MONTHS[a.edition][t.month]} ${t.year}`;
}

function renderOldArticle(a: SampleArticle, canonical: string): string {
  const t = astana(a.published);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<link rel="canonical" href="${canonical}"></head><body>
<div class="header"><a href="/">Kazinform</a></div>
<div class="title_article_bl"><h1>${esc(a.title)}</h1></div>
<div class="time_article_bl">${t.day} ${MONTHS.en[t.month]} ${t.year}, ${t.hh}:${t.mm}</div>
<div class="body_article_bl">${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="frame_news_article_adapt"><a href="/news/other_a1">Read also: another story</a></div></div>
<div class="keywords_bl"><a href="/tag/kazakhstan-usa">Kazakhstan – USA</a></div>
<script>window.analytics = {};</script></body></html>`;
}

/** The 2026 article page; the Kazakh edition shows the `article__content` + `article__tags` variant. */
function renderArticle(a: SampleArticle, origin: string): string {
  const canonical = `${origin}${articlePath(a)}`;
  if (a.platform === 'old') return renderOldArticle(a, canonical);
  const paragraphs = a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const body =
    a.edition === 'kk'
      ? `<div class="article__content">${paragraphs}</div><div class="article__tags"><a href="/kz/tag/ortalyk-aziya">Орталық Азия</a></div>`
      : `<div class="article__body-text">${paragraphs}</div>`;
  return `<!DOCTYPE html><html lang="${a.edition}"><head><meta charset="utf-8">
<meta property="og:title" content="${esc(a.title)} | Kazinform">
<meta name="article:published_time" content="${a.published}">
<meta name="author" content="Kazinform">
<link rel="canonical" href="${canonical}"><title>${esc(a.title)}</title></head><body>
<header class="site-header"><a href="/">Kazinform</a></header>
<div class="article__body-main"><h1 class="article__title">${esc(a.title)}</h1>
<div class="article__time">${dateLine(a)}</div>
${a.lead ? `<div class="article__description">${esc(a.lead)}</div>` : ''}
${body}
<div class="share-buttons"><a href="#">Share</a></div></div>
<aside class="related"><a href="/news/other-story-0a0a0a" class="news-card"><h3 class="card-title">Another story</h3></a></aside></body></html>`;
}

/** A 2026 list page: one `a.news-card` per article, newest first, with the time and the headline inside. */
function renderList(articles: SampleArticle[], edition: Edition): string {
  const cards = articles
    .filter((a) => a.edition === edition && a.platform === 'new')
    .sort((x, y) => Date.parse(y.published) - Date.parse(x.published))
    .map(
      (a) => `<a href="${articlePath(a)}" class="news-card"><div class="news-card__image"><img src="/img/${a.slug}.jpg" alt=""></div>
<time class="meta-date">${dateLine(a)}</time><h3 class="card-title">${esc(a.title)}</h3></a>`,
    );
  // The old platform's seed article is linked from the English list as the site still links old pages.
  const old = articles
    .filter((a) => a.edition === edition && a.platform === 'old')
    .map((a) => `<a href="${articlePath(a)}" class="news-card"><h3 class="card-title">${esc(a.title)}</h3></a>`);
  return `<!DOCTYPE html><html lang="${edition}"><head><meta charset="utf-8"><title>Kazinform (${edition})</title></head><body>
<header class="site-header"><a href="/">Kazinform</a><nav><a href="/about">About</a></nav></header>
<main><section class="news-list">${[...cards, ...old].join('\n')}</section></main></body></html>`;
}

function renderFeed(articles: SampleArticle[], origin: string, edition: Edition): string {
  const items = articles
    .filter((a) => a.edition === edition)
    .map(
      (a) => `<item><title>${esc(a.title)}</title><link>${origin}${articlePath(a)}</link>
<guid isPermaLink="false">${createHash('md5').update(a.slug).digest('hex')}</guid>
<pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${esc(a.lead ?? a.paragraphs[0] ?? '')}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kazinform (${edition})</title>
<link>${origin}/</link><description>Sample Kazinform feed</description>${items}</channel></rss>`;
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string) {
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': type, etag });
  res.end(body);
}

/** The demo's own sources: ids of their own, one per edition the sample serves. */
export function sampleSources(origin: string): SourceDefinition[] {
  return parseSources([
    { id: 'demo-kazinform-en', name: 'Kazinform English (sample)', kind: 'kazinform-list', language: 'en', url: `${origin}/lenta` },
    { id: 'demo-kazinform-ru', name: 'Kazinform Russian (sample)', kind: 'rss', language: 'ru', url: `${origin}/rss/rus.xml` },
    { id: 'demo-kazinform-kk', name: 'Kazinform Kazakh (sample)', kind: 'kazinform-list', language: 'kk', url: `${origin}/kz/lenta/` },
    { id: 'demo-mfa-en', name: 'MFA of Kazakhstan English (sample)', kind: 'govkz-news', language: 'en', url: origin },
    { id: 'demo-mfa-ru', name: 'MFA of Kazakhstan Russian (sample)', kind: 'govkz-news', language: 'ru', url: origin },
  ]);
}

/** The text the sample serves at an address (an article page or an MFA item), for the demo's summary. */
export function sampleTextAt(url: string): { title: string; lead: string | null; paragraphs: string[] } | undefined {
  const sample = loadSample();
  const path = new URL(url).pathname;
  const article = sample.articles.find((a) => articlePath(a) === path);
  if (article) return { title: article.title, lead: article.lead ?? null, paragraphs: article.paragraphs };
  const id = Number(/\/details\/(\d+)$/.exec(path)?.[1]);
  const item = sample.mfa.find((m) => m.id === id);
  if (!item) return undefined;
  const paragraphs = [...item.body.matchAll(/<p>(.*?)<\/p>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
  return { title: item.title, lead: item.short_description, paragraphs };
}

/** The ids of the demo's sources, for views that list them before the first fetch. */
export const SAMPLE_SOURCE_IDS = sampleSources('http://127.0.0.1').map((s) => s.id);

export interface SampleServer {
  origin: string;
  sources: SourceDefinition[];
  /** Requests served, by path, for tests that count what a cycle fetched. */
  requests: string[];
  close(): Promise<void>;
}

export async function startSampleServer(): Promise<SampleServer> {
  const sample = loadSample();
  const requests: string[] = [];
  let origin = '';
  let tickets = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    if (url.pathname === '/lenta') return send(req, res, 200, 'text/html; charset=utf-8', renderList(sample.articles, 'en'));
    if (url.pathname === '/kz/lenta/') return send(req, res, 200, 'text/html; charset=utf-8', renderList(sample.articles, 'kk'));
    if (url.pathname === '/rss/rus.xml') return send(req, res, 200, 'application/rss+xml; charset=utf-8', renderFeed(sample.articles, origin, 'ru'));
    // gov.kz's handshakes: the v1 ticket (a cookie that admits a news request) and the v2 exchange (headers).
    if (url.pathname === '/api/v1/public/_/c/k6' && req.method === 'POST') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `${TICKET_COOKIE}=${++tickets}; Path=/; HttpOnly` });
      res.end('{}');
      return;
    }
    if (url.pathname === '/api/v2/_/c/k6' && req.method === 'POST') {
      return send(req, res, 200, 'application/json', JSON.stringify({ [CHALLENGE_HEADER]: 'sample-ticket' }));
    }
    if (url.pathname === '/api/v1/public/content-manager/news') {
      const ticket = new RegExp(`(?:^|; )${TICKET_COOKIE}=\\d+`).test(req.headers.cookie ?? '');
      if (req.headers[CHALLENGE_HEADER] !== 'sample-ticket' && !ticket) {
        return send(req, res, 400, 'application/json', JSON.stringify({ error: 'notAllowed' }));
      }
      const lang = url.searchParams.get('lang') ?? req.headers['accept-language'] ?? 'en';
      return send(req, res, 200, 'application/json; charset=utf-8', JSON.stringify(sample.mfa.filter((m) => m.lang === lang)));
    }
    const article = sample.articles.find((a) => articlePath(a) === url.pathname);
    if (article) return send(req, res, 200, 'text/html; charset=utf-8', renderArticle(article, origin));
    send(req, res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sources = sampleSources(origin);
  return {
    origin,
    sources,
    requests,
    // Idle keep-alive connections would hold close() for seconds after the demo is done.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
