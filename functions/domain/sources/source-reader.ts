import type { SourceDefinition } from './definitions';
import { readDiscovered } from './discovery';
import { readGovkzNews } from './govkz-news';
import type { SourceReadContext, SourceReadResult } from './source-result';

export type { SourceReadContext, SourceReadResult } from './source-result';

/** Reads one source definition, whatever its kind, into feed entries. */
export async function readSource(
  source: SourceDefinition,
  ctx: SourceReadContext,
): Promise<SourceReadResult> {
  if (source.kind === 'govkz-news') return readGovkzNews(source, ctx);
  return readDiscovered(source, ctx);
}
