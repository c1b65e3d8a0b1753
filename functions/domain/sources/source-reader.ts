import type { FeedEntry, SourceHealth } from '../model';
import type { SourceDefinition } from './definitions';
import type { HttpClient } from './http-client';
import { readGovkzNews } from './govkz-news';
import { readKazinformList } from './kazinform-list';
import { readRss } from './rss-feed';

export interface SourceReadContext {
  http: HttpClient;
  /** The stored state of the source (validators for conditional GET). */
  state?: SourceHealth;
}

export interface SourceReadResult {
  entries: FeedEntry[];
  /** The source answered 304: nothing changed since the last fetch. */
  notModified: boolean;
  etag?: string;
  lastModified?: string;
}

/** Reads one source definition, whatever its kind, into feed entries. */
export async function readSource(source: SourceDefinition, ctx: SourceReadContext): Promise<SourceReadResult> {
  switch (source.kind) {
    case 'rss':
      return readRss(source, ctx);
    case 'kazinform-list':
      return readKazinformList(source, ctx);
    case 'govkz-news':
      return readGovkzNews(source, ctx);
  }
}
