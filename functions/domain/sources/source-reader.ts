import type { SourceDefinition } from './definitions';
import { readGovkzNews } from './govkz-news';
import { readKazinformList } from './kazinform-list';
import { readRss } from './rss-feed';
import type { SourceReadContext, SourceReadResult } from './source-result';

export type { SourceReadContext, SourceReadResult } from './source-result';

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
