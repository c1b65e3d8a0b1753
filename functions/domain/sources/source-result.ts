/** What every source reader takes and returns, and the small steps they share. */
import type { FeedEntry, SourceHealth } from '../model';
import type { Log } from '../ports';
import type { HttpPort, HttpResponse } from './http-port';

export interface SourceReadContext {
  http: HttpPort;
  /** The stored state of the source (validators for conditional GET). */
  state?: SourceHealth;
  log?: Log;
}

export interface SourceReadResult {
  entries: FeedEntry[];
  /** The source answered 304: nothing changed since the last fetch. */
  notModified: boolean;
  etag?: string;
  lastModified?: string;
  /** The address the validators belong to (a fallback list page has its own). */
  validatorUrl?: string;
  /** How the entries were read. */
  via: 'feed' | 'list' | 'sitemap' | 'api';
  /** The discovery path that yielded the entries, in words health and the CLI show (`list https://…`). */
  pathUsed?: string;
  /** Something a person checking the source should know, e.g. why the fallback was used. */
  note?: string;
  /** Links the source listed that are not on the allowlist, never fetched. */
  refusedLinks: string[];
}

/** Conditional-GET validators to send for `url`: only those stored for that same address. */
export function validatorsFor(ctx: SourceReadContext, url: string): { etag?: string; lastModified?: string } {
  const s = ctx.state;
  if (!s || (s.validatorUrl !== undefined && s.validatorUrl !== url)) return {};
  return { etag: s.etag, lastModified: s.lastModified };
}

/** The result of a 304: the stored validators stay as they are. */
export function notModifiedResult(
  ctx: SourceReadContext,
  url: string,
  via: SourceReadResult['via'],
): SourceReadResult {
  return {
    entries: [],
    notModified: true,
    etag: ctx.state?.etag,
    lastModified: ctx.state?.lastModified,
    validatorUrl: url,
    via,
    refusedLinks: [],
  };
}

export function validatorsOf(
  res: HttpResponse,
  url: string,
): Pick<SourceReadResult, 'etag' | 'lastModified' | 'validatorUrl'> {
  return {
    etag: res.headers.get('etag') ?? undefined,
    lastModified: res.headers.get('last-modified') ?? undefined,
    validatorUrl: url,
  };
}

/**
 * Keeps a link found in a feed or list only when the monitor may fetch it: a feed must not be able to
 * send the monitor to an internal address.
 */
export function allowedLink(
  ctx: SourceReadContext,
  sourceId: string,
  url: string,
  refused: string[],
): boolean {
  if (ctx.http.isAllowed(url)) return true;
  refused.push(url);
  ctx.log?.warn('link refused: not on the allowlist', { sourceId, url });
  return false;
}

/** One entry per item id, first wins. */
export function dedupeEntries(entries: FeedEntry[]): FeedEntry[] {
  const byId = new Map<string, FeedEntry>();
  for (const e of entries) if (!byId.has(e.itemId)) byId.set(e.itemId, e);
  return [...byId.values()];
}
