import * as cheerio from 'cheerio/slim';
import * as z from 'zod/mini';
import type { FeedEntry } from '../model';
import { plainText } from './plain-text';
import { canonicalizeUrl, itemIdFor } from './canonical-url';
import type { SourceDefinition } from './definitions';
import { isHttpStatusError, isNetworkError } from './http-port';
import { SourceBlockedError, asBlocked, isOfflineError, offlineMessage } from './source-failure';
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

/** The ways into the news, in the order the evidence ranks them (docs/sources.md). */
export const GOVKZ_PATHS = ['v1 ticket', 'v2 header exchange', 'graphql'] as const;
export type GovkzPath = (typeof GOVKZ_PATHS)[number];

/** How health names a gov.kz path. */
export function describeGovkzPath(path: GovkzPath): string {
  return `gov.kz ${path}`;
}

/** Kept for callers of the earlier cached handshake: every news request now gets a fresh ticket. */
export function clearGovkzAccessCache(): void {}

export interface GovkzPage {
  items: NewsItem[];
  notModified: boolean;
  path: GovkzPath;
  /** Paths refused before this one worked, in words. */
  refused: string[];
  validators: Pick<SourceReadResult, 'etag' | 'lastModified' | 'validatorUrl'>;
}

export async function readGovkzNews(source: GovkzSource, ctx: SourceReadContext): Promise<SourceReadResult> {
  const origin = govkzOrigin(source);
  const first = await readGovkzPage(source, ctx, source.pageBase, { conditional: true });
  if (first.notModified)
    return {
      ...notModifiedResult(ctx, govkzApiUrl(source, source.pageBase), 'api'),
      pathUsed: describeGovkzPath(first.path),
    };
  let page = first;
  const notes =
    first.refused.length > 0
      ? [`${first.refused.join('; ')}; read via ${describeGovkzPath(first.path)}`]
      : [];
  if (first.items.length === 0) {
    // Clients disagree whether pages count from 0 or 1: an empty first page may be the wrong guess.
    const other = source.pageBase === 1 ? 0 : 1;
    const retry = await readGovkzPage(source, ctx, other, { conditional: false, prefer: first.path });
    if (retry.items.length > 0) {
      page = retry;
      notes.push(`page ${source.pageBase} was empty, page ${other} was not: set "pageBase": ${other}`);
    }
  }
  ctx.log?.debug?.('gov.kz news read', {
    sourceId: source.id,
    origin,
    path: page.path,
    items: page.items.length,
  });
  const entries = page.items.map((item) => govkzEntry(source, item));
  return {
    entries: dedupeEntries(entries),
    notModified: false,
    ...first.validators,
    via: 'api',
    note: notes.join('; ') || undefined,
    pathUsed: describeGovkzPath(page.path),
    refusedLinks: [],
  };
}

/**
 * One page of the news, through the first path that works: the path that worked last time (health's
 * `pathUsed`), else the v1 ticket, the v2 exchange, then GraphQL. A 403, a challenge page or an offline
 * machine ends the walk: the other paths would meet the same wall.
 */
export async function readGovkzPage(
  source: GovkzSource,
  ctx: SourceReadContext,
  page: number,
  options: { conditional: boolean; prefer?: GovkzPath },
): Promise<GovkzPage> {
  const origin = govkzOrigin(source);
  const refused: string[] = [];
  for (const path of govkzPathsInOrder(source, ctx, options.prefer)) {
    try {
      const url = govkzApiUrl(source, page);
      if (path === 'graphql') {
        const items = await readViaGraphql(source, ctx, page);
        return { items, notModified: false, path, refused, validators: {} };
      }
      const access =
        path === 'v1 ticket' ? await passTicketV1(source, ctx) : await passExchangeV2(source, ctx);
      const res = await getList(source, ctx, url, access, options.conditional);
      const validators = validatorsOf(res, url);
      if (res.notModified) return { items: [], notModified: true, path, refused, validators };
      return {
        items: parseNewsList(res.body, res.headers.get('content-type'), origin),
        notModified: false,
        path,
        refused,
        validators,
      };
    } catch (err) {
      const failure = asBlocked(err);
      if (!isPathRefusal(failure)) throw explain(failure, origin);
      refused.push(`${path} refused (${(failure as Error).message})`);
      ctx.log?.warn('gov.kz path refused; trying the next', {
        sourceId: source.id,
        path,
        error: (failure as Error).message,
      });
    }
  }
  throw new SourceRefusedError(
    `gov.kz refused the news API on every path: ${refused.join('; ')}. The access challenge may have changed; see docs/sources.md`,
  );
}

function govkzPathsInOrder(source: GovkzSource, ctx: SourceReadContext, prefer?: GovkzPath): GovkzPath[] {
  const used = prefer ?? GOVKZ_PATHS.find((p) => describeGovkzPath(p) === ctx.state?.pathUsed);
  // GraphQL serves the news section only.
  const paths = GOVKZ_PATHS.filter((p) => p !== 'graphql' || source.section === 'news');
  return used && paths.includes(used) ? [used, ...paths.filter((p) => p !== used)] : [...paths];
}

function sectionPage(source: GovkzSource): string {
  return `${govkzOrigin(source)}/memleket/entities/${source.project}/press/${source.section}?lang=${source.language}`;
}

function getList(
  source: GovkzSource,
  ctx: SourceReadContext,
  url: string,
  accessHeaders: Record<string, string>,
  conditional: boolean,
) {
  return ctx.http.request({
    url,
    ...(conditional ? validatorsFor(ctx, url) : {}),
    headers: {
      accept: 'application/json',
      'accept-language': source.language,
      referer: sectionPage(source),
      ...accessHeaders,
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
  if (!list)
    throw new Error(`gov.kz news API at ${origin} answered JSON that is neither a list nor {content: [...]}`);
  const items = list.flatMap((raw) => {
    const parsed = newsItemSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (list.length > 0 && items.length === 0) {
    throw new Error(
      `gov.kz news API at ${origin} answered ${list.length} items of an unexpected shape (no id)`,
    );
  }
  return items;
}

export function govkzEntry(source: GovkzSource, item: NewsItem): FeedEntry {
  const url = govkzItemUrl(source, item.id);
  const canonicalUrl = canonicalizeUrl(url);
  const published = [item.publication_date, item.created_date].find((d) => d && !Number.isNaN(Date.parse(d)));
  const summary = item.short_description
    ? cheerio.load(item.short_description).text().replace(/\s+/g, ' ').trim()
    : '';
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

/** Thrown when a handshake gives nothing to send: the path is refused, the next one is tried. */
class HandshakeRefused extends Error {}

/**
 * A refusal of this path only: 400/401 (notAllowed), the handshake endpoint missing (404/405) or giving
 * nothing, a GraphQL error. A 403 or a challenge page is not: it is the site refusing this address.
 */
function isPathRefusal(err: unknown): boolean {
  if (err instanceof HandshakeRefused) return true;
  return isHttpStatusError(err) && [400, 401, 404, 405].includes(err.status);
}

/** Turns a failure into words a person checking the source can act on. */
function explain(err: unknown, origin: string): Error {
  if (err instanceof SourceBlockedError) return err;
  if (isHttpStatusError(err) && err.status === 403) {
    return new SourceRefusedError(
      `gov.kz refused access (HTTP 403 Forbidden): this address range may be blocked by gov.kz, which refuses some cloud ranges. Run kzmon sources check mfa-en from another network to compare`,
    );
  }
  // Kept a network error (with its code), so callers still tell an offline machine from a refusing site.
  if (isOfflineError(err)) {
    err.message = offlineMessage(err);
    return err;
  }
  if (isNetworkError(err)) {
    return new Error(
      `${err.message} (reached no answer from ${origin}; if this persists while other sites answer, gov.kz may be dropping connections from this address range)`,
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

function handshakeHeaders(source: GovkzSource): Record<string, string> {
  const origin = govkzOrigin(source);
  return {
    'content-type': 'application/json',
    accept: 'application/json',
    origin,
    referer: sectionPage(source),
  };
}

/**
 * The v1 ticket, the one handshake verified working in late 2026: POST `/api/v1/public/_/c/k6` (JSON,
 * with Origin) sets a cookie that admits one news request, so a fresh ticket precedes every request.
 */
async function passTicketV1(source: GovkzSource, ctx: SourceReadContext): Promise<Record<string, string>> {
  const res = await ctx.http.request({
    url: `${govkzOrigin(source)}/api/v1/public/_/c/k6`,
    method: 'POST',
    body: '{}',
    headers: handshakeHeaders(source),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!.trim())
    .filter((c) => c.includes('='))
    .join('; ');
  if (!cookie) throw new HandshakeRefused('the v1 ticket request set no cookie');
  return { cookie };
}

/** The v2 exchange in the site's script (unverified live): POST `{}`, the JSON answer names headers to send. */
async function passExchangeV2(source: GovkzSource, ctx: SourceReadContext): Promise<Record<string, string>> {
  const res = await ctx.http.request({
    url: `${govkzOrigin(source)}/api/v2/_/c/k6`,
    method: 'POST',
    body: '{}',
    headers: handshakeHeaders(source),
  });
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch {
    throw new HandshakeRefused('the v2 exchange did not answer JSON');
  }
  const headers =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (Object.fromEntries(
          Object.entries(value as Record<string, unknown>).filter(
            ([k, v]) =>
              typeof v === 'string' &&
              /^[A-Za-z0-9-]+$/.test(k) &&
              !/^(host|cookie|content-length|origin)$/i.test(k),
          ),
        ) as Record<string, string>)
      : {};
  if (Object.keys(headers).length === 0) throw new HandshakeRefused('the v2 exchange named no headers');
  return headers;
}

/** The GraphQL endpoint, used in 2026 without a challenge: `news(projects, _size, _page, _sort, _lang)`. */
async function readViaGraphql(
  source: GovkzSource,
  ctx: SourceReadContext,
  page: number,
): Promise<NewsItem[]> {
  const origin = govkzOrigin(source);
  const query = `query { news(projects: ${JSON.stringify(`EQ:${source.project}`)}, _size: ${source.pageSize}, _page: ${page}, _sort: "created_date:DESC", _lang: ${JSON.stringify(source.language)}) { id title slug created_date body short_description } }`;
  const res = await ctx.http.request({
    url: `${origin}/graphql`,
    method: 'POST',
    body: JSON.stringify({ query }),
    headers: { ...handshakeHeaders(source), 'accept-language': source.language },
  });
  let json: { data?: { news?: unknown }; errors?: { message?: string }[] };
  try {
    json = JSON.parse(decodeBody(res.body, res.headers.get('content-type'), `gov.kz GraphQL at ${origin}`));
  } catch {
    throw new HandshakeRefused('GraphQL did not answer JSON');
  }
  if (json.errors?.length)
    throw new HandshakeRefused(`GraphQL error: ${json.errors.map((e) => e.message).join('; ')}`);
  const news = json.data?.news;
  return parseNewsList(Buffer.from(JSON.stringify(news ?? null)), 'application/json', origin);
}
