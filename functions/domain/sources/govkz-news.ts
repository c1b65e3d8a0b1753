import { z } from 'zod';
import type { FeedEntry } from '../model';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { SourceDefinition } from './definitions';
import { HttpStatusError, decodeBody } from './http-client';
import type { SourceReadContext, SourceReadResult } from './source-reader';

type GovkzSource = Extract<SourceDefinition, { kind: 'govkz-news' }>;

const newsItemSchema = z.object({
  id: z.union([z.number(), z.string()]),
  title: z.string().nullish(),
  body: z.string().nullish(),
  short_description: z.string().nullish(),
  created_date: z.string().nullish(),
  publication_date: z.string().nullish(),
});
const newsListSchema = z.union([z.array(newsItemSchema), z.object({ content: z.array(newsItemSchema) })]);

export function govkzItemUrl(source: GovkzSource, id: string | number): string {
  return `${source.url.replace(/\/$/, '')}/memleket/entities/${source.project}/press/${source.section}/details/${id}?lang=${source.language}`;
}

export async function readGovkzNews(source: GovkzSource, ctx: SourceReadContext): Promise<SourceReadResult> {
  const origin = source.url.replace(/\/$/, '');
  const challengeHeaders = await passChallenge(origin, ctx);
  const api = `${origin}/api/v1/public/content-manager/news?projects=eq:${encodeURIComponent(source.project)}&page=1&size=20&sort-by=created_date:DESC&lang=${source.language}`;
  let res: Awaited<ReturnType<typeof ctx.http.request>>;
  try {
    res = await ctx.http.request({
      url: api,
      headers: { accept: 'application/json', 'accept-language': source.language, ...challengeHeaders },
      etag: ctx.state?.etag,
      lastModified: ctx.state?.lastModified,
    });
  } catch (err) {
    if (err instanceof HttpStatusError && (err.status === 400 || err.status === 403)) {
      throw new Error(
        `gov.kz refused the request (HTTP ${err.status}${/notAllowed/i.test(err.bodyText) ? ' notAllowed' : ''}): the access challenge was not accepted or this address range is blocked`,
      );
    }
    throw err;
  }
  if (res.notModified) return { entries: [], notModified: true, etag: ctx.state?.etag, lastModified: ctx.state?.lastModified };
  let json: unknown;
  try {
    json = JSON.parse(decodeBody(res.body, res.headers.get('content-type')));
  } catch {
    throw new Error(`gov.kz news API at ${origin} did not answer JSON`);
  }
  const parsed = newsListSchema.safeParse(json);
  if (!parsed.success) throw new Error(`gov.kz news API answered an unexpected shape: ${parsed.error.issues[0]?.message}`);
  const items = Array.isArray(parsed.data) ? parsed.data : parsed.data.content;
  const entries: FeedEntry[] = items.map((item) => {
    const url = govkzItemUrl(source, item.id);
    const canonicalUrl = canonicalizeUrl(url);
    const published = item.publication_date ?? item.created_date;
    return {
      sourceId: source.id,
      itemId: itemIdFor(canonicalUrl),
      url,
      canonicalUrl,
      language: source.language,
      title: item.title?.trim() || null,
      publishedAt: published && !Number.isNaN(Date.parse(published)) ? new Date(published).toISOString() : null,
      summary: item.short_description ?? null,
      bodyHtml: item.body ?? item.short_description ?? '',
    };
  });
  return {
    entries,
    notModified: false,
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
  };
}

/** The 2026 access challenge: a POST whose JSON answer names headers to send with the API call. */
async function passChallenge(origin: string, ctx: SourceReadContext): Promise<Record<string, string>> {
  try {
    const res = await ctx.http.request({
      url: `${origin}/api/v2/_/c/k6`,
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', origin },
    });
    const value = JSON.parse(res.body.toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>;
    }
  } catch {
    // The challenge is absent on some deployments; the API call itself reports a refusal in words.
  }
  return {};
}
