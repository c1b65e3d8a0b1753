import { type DiscoveryKind, type SourceDefinition, discoveryPaths } from './definitions';
import { readKazinformList } from './kazinform-list';
import { readFeed } from './rss-feed';
import { readSitemap } from './sitemap';
import { SourceBlockedError, asBlocked, describeFailure, isOfflineError } from './source-failure';
import type { SourceReadContext, SourceReadResult } from './source-result';

type DiscoveredSource = Exclude<SourceDefinition, { kind: 'govkz-news' }>;
type Path = { kind: DiscoveryKind; url: string };

const LABEL: Record<DiscoveryKind, string> = {
  rss: 'feed',
  'kazinform-list': 'list page',
  sitemap: 'sitemap',
};

/** How a path is named in health and the CLI: `list https://www.inform.kz/ru/lenta`. */
export function describePath(path: Path): string {
  return `${path.kind === 'kazinform-list' ? 'list' : path.kind} ${path.url}`;
}

function readPath(source: DiscoveredSource, ctx: SourceReadContext, path: Path): Promise<SourceReadResult> {
  switch (path.kind) {
    case 'rss':
      return readFeed(source, ctx, path.url);
    case 'sitemap':
      return readSitemap(source, ctx, path.url);
    case 'kazinform-list':
      return readKazinformList(source, ctx, path.url);
  }
}

/**
 * The path that worked last time first (no failed request every cycle for an address known not to
 * answer), then the others in the order the definition gives.
 */
export function pathsInOrder(source: DiscoveredSource, ctx: SourceReadContext): Path[] {
  const paths = discoveryPaths(source);
  const used = ctx.state?.pathUsed;
  const i = used ? paths.findIndex((p) => describePath(p) === used) : -1;
  return i > 0 ? [paths[i]!, ...paths.slice(0, i), ...paths.slice(i + 1)] : paths;
}

/**
 * Reads a Kazinform-style source by trying its discovery paths in turn until one lists articles. A
 * challenge or an offline machine ends the walk at once: every path is on the same site, and trying the
 * others would only repeat the failure.
 */
export async function readDiscovered(
  source: DiscoveredSource,
  ctx: SourceReadContext,
): Promise<SourceReadResult> {
  const failures: string[] = [];
  const paths = pathsInOrder(source, ctx);
  for (const path of paths) {
    try {
      const read = await readPath(source, ctx, path);
      if (!read.notModified && read.entries.length === 0) {
        failures.push(`${LABEL[path.kind]} ${path.url}: listed no articles`);
        continue;
      }
      const declaredFirst = describePath(discoveryPaths(source)[0]!) === describePath(path);
      const note =
        failures.length > 0
          ? `${failures.join('; ')}; read ${LABEL[path.kind]} ${path.url}`
          : declaredFirst
            ? read.note
            : `read ${LABEL[path.kind]} ${path.url}, which worked before; the paths listed before it are tried only when it fails`;
      return { ...read, note, pathUsed: describePath(path) };
    } catch (err) {
      const failure = asBlocked(err);
      if (failure instanceof SourceBlockedError || isOfflineError(failure) || paths.length === 1)
        throw failure;
      ctx.log?.warn('discovery path failed; trying the next', {
        sourceId: source.id,
        path: describePath(path),
        error: describeFailure(failure),
      });
      failures.push(`${LABEL[path.kind]} ${path.url}: ${describeFailure(failure)}`);
    }
  }
  throw new Error(
    failures.length === 1 ? failures[0]! : `every discovery path failed: ${failures.join('; ')}`,
  );
}
