import * as cheerio from 'cheerio/slim';
import type { FeedEntry, Language } from '../model';
import { assertNotChallenge, listedEntry } from './kazinform-list';
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

export interface SitemapArticle {
  url: string;
  title: string | null;
  publishedAt: string | null;
}

/**
 * A Google News sitemap: `<urlset>` of `<url><loc>` with `<news:news><news:publication_date>` and
 * `<news:title>`; a plain sitemap's `<lastmod>` stands in for the date. A sitemap index lists sitemaps,
 * not articles, and is refused with the first address to use instead.
 */
export function parseNewsSitemap(xml: string, sitemapUrl: string): SitemapArticle[] {
  if (/<!DOCTYPE[^>]*\[[\s\S]*?<!ENTITY/i.test(xml.slice(0, 65_536))) {
    throw new Error(`sitemap at ${sitemapUrl} declares DTD entities; refused (entities are never expanded)`);
  }
  const $ = cheerio.load(xml, { xml: true });
  if ($('sitemapindex').length > 0) {
    const first = $('sitemapindex > sitemap > loc').first().text().trim();
    throw new Error(
      `${sitemapUrl} is a sitemap index, not a news sitemap${first ? `: name one of its sitemaps, e.g. ${first}` : ''}`,
    );
  }
  if ($('urlset').length === 0) throw new Error(`${sitemapUrl} is not a sitemap (no <urlset>)`);
  const out: SitemapArticle[] = [];
  $('urlset > url').each((_, el) => {
    const node = $(el);
    const loc = node.children('loc').first().text().trim();
    if (!loc) return;
    let url: string;
    try {
      url = new URL(loc, sitemapUrl).toString();
    } catch {
      return;
    }
    const date =
      node.find('news\\:publication_date').first().text().trim() ||
      node.children('lastmod').first().text().trim();
    const t = date ? Date.parse(date) : Number.NaN;
    out.push({
      url,
      title: node.find('news\\:title').first().text().replace(/\s+/g, ' ').trim() || null,
      publishedAt: Number.isNaN(t) ? null : new Date(t).toISOString(),
    });
  });
  return out;
}

export async function readSitemap(
  source: { id: string; language: Language },
  ctx: SourceReadContext,
  sitemapUrl: string,
): Promise<SourceReadResult> {
  const res = await ctx.http.request({
    url: sitemapUrl,
    ...validatorsFor(ctx, sitemapUrl),
    headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.5' },
  });
  if (res.notModified) return notModifiedResult(ctx, sitemapUrl, 'sitemap');
  const xml = decodeBody(res.body, res.headers.get('content-type'), `sitemap at ${res.url}`);
  assertNotChallenge(res, xml);
  const refusedLinks: string[] = [];
  const entries: FeedEntry[] = [];
  for (const a of parseNewsSitemap(xml, sitemapUrl)) {
    if (allowedLink(ctx, source.id, a.url, refusedLinks)) entries.push(listedEntry(source, a));
  }
  return {
    entries: dedupeEntries(entries),
    notModified: false,
    ...validatorsOf(res, sitemapUrl),
    via: 'sitemap',
    refusedLinks,
  };
}
