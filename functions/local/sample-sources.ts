import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SourceDefinition } from '../domain/sources/definitions';
import { parseSources } from '../domain/sources/definitions';

/**
 * The bundled sample sources for `kzmon demo`: a Kazinform-shaped RSS feed (English and Russian) with
 * article pages in the old and new platform markup, and a gov.kz-shaped MFA news API behind its access
 * challenge, served on 127.0.0.1. Written by the team from the known structures of the real sites.
 */
const SAMPLE_DIR = join(__dirname, 'sample');
const CHALLENGE_HEADER = 'x-kzmon-demo-ticket';

interface SampleArticle {
  feed: 'en' | 'ru';
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
    feed: 'en',
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
  return a.feed === 'ru' ? `/ru/${a.slug}` : `/news/${a.slug}`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_RU = ['Января', 'Февраля', 'Марта', 'Апреля', 'Мая', 'Июня', 'Июля', 'Августа', 'Сентября', 'Октября', 'Ноября', 'Декабря'];

/** Astana wall-clock parts of an instant. */
function astana(iso: string) {
  const d = new Date(Date.parse(iso) + 5 * 3_600_000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return { day: d.getUTCDate(), month: d.getUTCMonth(), year: d.getUTCFullYear(), hh, mm };
}

function renderArticle(a: SampleArticle, origin: string): string {
  const t = astana(a.published);
  const canonical = `${origin}${articlePath(a)}`;
  if (a.platform === 'old') {
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title>
<link rel="canonical" href="${canonical}"></head><body>
<div class="header"><a href="/">Kazinform</a></div>
<div class="title_article_bl"><h1>${esc(a.title)}</h1></div>
<div class="time_article_bl">${t.day} ${MONTHS_EN[t.month]} ${t.year}, ${t.hh}:${t.mm}</div>
<div class="body_article_bl">${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="frame_news_article_adapt"><a href="/news/other_a1">Read also: another story</a></div></div>
<div class="keywords_bl"><a href="/tag/kazakhstan-usa">Kazakhstan – USA</a></div>
<script>window.analytics = {};</script></body></html>`;
  }
  const months = a.feed === 'ru' ? MONTHS_RU : MONTHS_EN;
  return `<!DOCTYPE html><html lang="${a.feed}"><head><meta charset="utf-8">
<meta property="og:title" content="${esc(a.title)} | Kazinform">
<meta name="article:published_time" content="${a.published}">
<meta name="author" content="Kazinform">
<link rel="canonical" href="${canonical}"><title>${esc(a.title)}</title></head><body>
<div class="article__body-main"><h1 class="article__title">${esc(a.title)}</h1>
<div class="article__date">${t.hh}:${t.mm}, ${t.day} ${months[t.month]} ${t.year}</div>
${a.lead ? `<div class="article__description">${esc(a.lead)}</div>` : ''}
<div class="article__body-text">${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</div>
<div class="share-buttons"><a href="#">Share</a></div></div></body></html>`;
}

function renderFeed(articles: SampleArticle[], origin: string, lang: 'en' | 'ru'): string {
  const items = articles
    .filter((a) => a.feed === lang)
    .map(
      (a) => `<item><title>${esc(a.title)}</title><link>${origin}${articlePath(a)}</link>
<guid isPermaLink="false">${createHash('md5').update(a.slug).digest('hex')}</guid>
<pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${esc(a.lead ?? a.paragraphs[0] ?? '')}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kazinform (${lang})</title>
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
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    requests.push(url.pathname);
    if (url.pathname === '/rss/eng.xml') return send(req, res, 200, 'application/rss+xml; charset=utf-8', renderFeed(sample.articles, origin, 'en'));
    if (url.pathname === '/rss/rus.xml') return send(req, res, 200, 'application/rss+xml; charset=utf-8', renderFeed(sample.articles, origin, 'ru'));
    if (url.pathname === '/api/v2/_/c/k6' && req.method === 'POST') {
      return send(req, res, 200, 'application/json', JSON.stringify({ [CHALLENGE_HEADER]: 'sample-ticket' }));
    }
    if (url.pathname === '/api/v1/public/content-manager/news') {
      if (req.headers[CHALLENGE_HEADER] !== 'sample-ticket') {
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
  const sources = parseSources([
    { id: 'kazinform-en', name: 'Kazinform English (sample)', kind: 'rss', language: 'en', url: `${origin}/rss/eng.xml` },
    { id: 'kazinform-ru', name: 'Kazinform Russian (sample)', kind: 'rss', language: 'ru', url: `${origin}/rss/rus.xml` },
    { id: 'mfa-en', name: 'MFA of Kazakhstan English (sample)', kind: 'govkz-news', language: 'en', url: origin },
  ]);
  return {
    origin,
    sources,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
