import * as cheerio from 'cheerio/slim';
import * as z from 'zod/mini';
import type { FeedEntry } from '../model';
import { plainText } from './plain-text';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { SourceDefinition } from './definitions';
import { HttpStatusError, NetworkError } from './http-port';
import { decodeBody } from './text-encoding';
import {
  type SourceReadContext,
  type SourceReadResult,
  dedupeEntries,
  notModifiedResult,
  validatorsFor,
  validatorsOf,
} from './source-result';

type GovkzSource = Extract<SourceDefinition, { kind: 'govkz-news' }>;

/** gov.kz said no: the challenge was not accepted or the address range is blocked. Said in words. */
export class SourceRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceRefusedError';
  }
}

const newsItemSchema = z.object({
  id: z.union([z.number(), z.string().check(z.minLength(1))]),
  title: z.nullish(z.string()),
  slug: z.nullish(z.string()),
  body: z.nullish(z.string()),
  short_description: z.nullish(z.string()),
  created_date: z.nullish(z.string()),
  publication_date: z.nullish(z.string()),
  updated_date: z.nullish(z.string()),
  heropic: z.nullish(z.string()),
});
type NewsItem = z.infer<typeof newsItemSchema>;

/** How the access challenge was passed: the headers to add to every API call. */
interface Access {
  how: 'v2 header exchange' | 'v1 cookie ticket' | 'none';
  headers: Record<string, string>;
}

export function govkzOrigin(source: GovkzSource): string {
  return new URL(source.url).origin;
}

/** The public page of an item, the address people open and the item's identity. */
export function govkzItemUrl(source: GovkzSource, id: string | number): string {
  return `${govkzOrigin(source)}/memleket/entities/${source.project}/press/${source.section}/details/${encodeURIComponent(String(id))}?lang=${source.language}`;
}

export function govkzApiUrl(source: GovkzSource, page: number): string {
  const q = new URLSearchParams({
    projects: `eq:${source.project}`,
    page: String(page),
    size: String(source.pageSize),
    'sort-by': 'created_date:DESC',
    lang: source.language,
  });
  return `${govkzOrigin(source)}/api/v1/public/content-manager/${source.section}?${q.toString().replace(/%3A/gi, ':')}`;
}

/**
 * Passed challenges, per site origin, reused until refused or stale: the three MFA sources share one
 * handshake, and a warm Lambda or a second cycle in one process makes no challenge request at all.
 */
const ACCESS_TTL_MS = 15 * 60_000;
const accessCache = new Map<string, { access: Promise<Access>; at: number }>();

export function clearGovkzAccessCache(): void {
  accessCache.clear();
}

function cachedChallenge(origin: string, ctx: SourceReadContext, sourceId: string): { access: Promise<Access>; fresh: boolean } {
  const hit = accessCache.get(origin);
  if (hit && Date.now() - hit.at < ACCESS_TTL_MS) return { access: hit.access, fresh: false };
  const access = passChallengeV2(origin, ctx, sourceId);
  accessCache.set(origin, { access, at: Date.now() });
  return { access, fresh: true };
}

export async function readGovkzNews(source: GovkzSource, ctx: SourceReadContext): Promise<SourceReadResult> {
  const origin = govkzOrigin(source);
  const url = govkzApiUrl(source, source.pageBase);
  const first = cachedChallenge(origin, ctx, source.id);
  let access = await first.access;
  let res: Awaited<ReturnType<typeof ctx.http.request>> | undefined;
  try {
    res = await getList(source, ctx, url, access, true);
  } catch (err) {
    if (!isRefusal(err)) throw explain(err, origin);
    if (accessCache.get(origin)?.access === first.access) accessCache.delete(origin);
    if (!first.fresh) {
      // A remembered pass may have expired on the server's side: pass the challenge anew first.
      access = await cachedChallenge(origin, ctx, source.id).access;
      res = await getList(source, ctx, url, access, true).catch((again) => {
        if (!isRefusal(again)) throw explain(again, origin);
        accessCache.delete(origin);
        return undefined;
      });
    }
    if (!res) {
      // The newer header exchange was not enough (or absent): try the older cookie ticket once.
      ctx.log?.warn('gov.kz refused the API call; trying the v1 cookie ticket', { sourceId: source.id, after: access.how });
      access = await passChallengeV1(origin, ctx, source.id);
      try {
        res = await getList(source, ctx, url, access, true);
      } catch (again) {
        throw explain(again, origin);
      }
      accessCache.set(origin, { access: Promise.resolve(access), at: Date.now() });
    }
  }
  if (res.notModified) return notModifiedResult(ctx, url, 'api');
  let items = parseNewsList(res.body, res.headers.get('content-type'), origin);
  let note: string | undefined;
  if (items.length === 0) {
    // Clients disagree whether pages count from 0 or 1: an empty first page may be the wrong guess.
    const other = source.pageBase === 1 ? 0 : 1;
    const retry = await getList(source, ctx, govkzApiUrl(source, other), access, false).catch((e: Error) => {
      throw explain(e, origin);
    });
    items = parseNewsList(retry.body, retry.headers.get('content-type'), origin);
    if (items.length > 0) note = `page ${source.pageBase} was empty, page ${other} was not: set "pageBase": ${other}`;
  }
  const entries = items.map((item) => toEntry(source, item));
  if (access.how !== 'v2 header exchange') note = [note, `access via ${access.how}`].filter(Boolean).join('; ');
  return { entries: dedupeEntries(entries), notModified: false, ...validatorsOf(res, url), via: 'api', note, refusedLinks: [] };
}

function getList(source: GovkzSource, ctx: SourceReadContext, url: string, access: Access, conditional: boolean) {
  return ctx.http.request({
    url,
    ...(conditional ? validatorsFor(ctx, url) : {}),
    headers: {
      accept: 'application/json',
      'accept-language': source.language,
      referer: `${govkzOrigin(source)}/memleket/entities/${source.project}/press/${source.section}?lang=${source.language}`,
      ...access.headers,
    },
  });
}

/** Accepts a bare array or a `{ content: [...] }` page; items that do not fit are skipped, not fatal. */
export function parseNewsList(body: Buffer, contentType: string | null, origin: string): NewsItem[] {
  let json: unknown;
  const text = decodeBody(body, contentType, `gov.kz news API at ${origin}`);
  try {
    json = JSON.parse(text);
  } catch {
    const looksHtml = /^\s*</.test(text);
    throw new Error(
      `gov.kz news API at ${origin} did not answer JSON${looksHtml ? ' (an HTML page came back: the API address or the challenge may have changed)' : ''}`,
    );
  }
  const list = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { content?: unknown }).content)
      ? (json as { content: unknown[] }).content
      : null;
  if (!list) throw new Error(`gov.kz news API at ${origin} answered JSON that is neither a list nor {content: [...]}`);
  const items = list.flatMap((raw) => {
    const parsed = newsItemSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (list.length > 0 && items.length === 0) {
    throw new Error(`gov.kz news API at ${origin} answered ${list.length} items of an unexpected shape (no id)`);
  }
  return items;
}

function toEntry(source: GovkzSource, item: NewsItem): FeedEntry {
  const url = govkzItemUrl(source, item.id);
  const canonicalUrl = canonicalizeUrl(url);
  const published = [item.publication_date, item.created_date].find((d) => d && !Number.isNaN(Date.parse(d)));
  const summary = item.short_description ? cheerio.load(item.short_description).text().replace(/\s+/g, ' ').trim() : '';
  return {
    sourceId: source.id,
    itemId: itemIdFor(canonicalUrl),
    url,
    canonicalUrl,
    language: source.language,
    title: plainText(item.title),
    publishedAt: published ? new Date(published).toISOString() : null,
    summary: summary || null,
    // The API carries the body (HTML, sometimes a whole document): no page fetch is needed.
    bodyHtml: item.body ?? item.short_description ?? '',
  };
}

function isRefusal(err: unknown): boolean {
  return err instanceof HttpStatusError && (err.status === 400 || err.status === 401 || err.status === 403);
}

/** Turns a failure into words a person checking the source can act on. */
function explain(err: unknown, origin: string): Error {
  if (err instanceof HttpStatusError) {
    if (err.status === 400 || err.status === 401) {
      const why = /notAllowed/i.test(err.bodyText) ? ' notAllowed' : '';
      return new SourceRefusedError(
        `gov.kz refused the news API (HTTP ${err.status}${why}): the access challenge was not accepted (tried the v2 header exchange and the v1 cookie ticket)`,
      );
    }
    if (err.status === 403) {
      return new SourceRefusedError(
        `gov.kz refused access (HTTP 403 Forbidden): this address range may be blocked by gov.kz, which refuses some cloud ranges`,
      );
    }
  }
  if (err instanceof NetworkError) {
    return new Error(`${err.message} (could not reach ${origin}; gov.kz is known to drop connections from some address ranges; if this persists, the range may be blocked)`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The 2026 challenge: POST `/api/v2/_/c/k6` with `{}`; the JSON answer names headers for the API call. */
async function passChallengeV2(origin: string, ctx: SourceReadContext, sourceId: string): Promise<Access> {
  try {
    const res = await ctx.http.request({
      url: `${origin}/api/v2/_/c/k6`,
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin },
    });
    const value = JSON.parse(res.body.toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const headers = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).filter(
          ([k, v]) => typeof v === 'string' && /^[A-Za-z0-9-]+$/.test(k) && !/^(host|cookie|content-length|origin)$/i.test(k),
        ),
      ) as Record<string, string>;
      if (Object.keys(headers).length > 0) return { how: 'v2 header exchange', headers };
    }
    ctx.log?.warn('gov.kz v2 challenge answered no headers', { sourceId, origin });
  } catch (err) {
    ctx.log?.warn('gov.kz v2 challenge failed', { sourceId, origin, error: (err as Error).message });
  }
  return { how: 'none', headers: {} };
}

/** The older challenge: POST `/api/v1/public/_/c/k6`; the ticket comes back as a cookie. */
async function passChallengeV1(origin: string, ctx: SourceReadContext, sourceId: string): Promise<Access> {
  try {
    const res = await ctx.http.request({
      url: `${origin}/api/v1/public/_/c/k6`,
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin },
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!.trim())
      .filter((c) => c.includes('='))
      .join('; ');
    if (cookie) return { how: 'v1 cookie ticket', headers: { cookie } };
    ctx.log?.warn('gov.kz v1 challenge set no cookie', { sourceId, origin });
  } catch (err) {
    ctx.log?.warn('gov.kz v1 challenge failed', { sourceId, origin, error: (err as Error).message });
  }
  return { how: 'none', headers: {} };
}
