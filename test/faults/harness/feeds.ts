/**
 * Puts generated corpora on a source server as Kazinform-shaped RSS feeds (with article pages) and
 * gov.kz-shaped news APIs (bodies inline), and returns the source definitions and the expected outcome.
 */
import { parseSources, type SourceDefinition } from '../../../functions/domain/sources/definitions';
import { govkzItemUrl } from '../../../functions/domain/sources/govkz-news';
import {
  type GenArticle,
  generateArticles,
  govkzItem,
  renderArticlePage,
  renderRss,
  rssItemFor,
} from './corpus';
import type { SourceServer } from './source-server';
import type { Expected } from './world';

export interface FeedSpec {
  id: string;
  kind: 'rss' | 'govkz-news';
  lang: 'en' | 'ru';
  count: number;
  relevantShare: number;
  seed: number;
  /** First gov.kz news id (default 100000): sources sharing one store need ids of their own. */
  firstId?: number;
}

export interface BuiltFeeds {
  sources: SourceDefinition[];
  expected: Expected[];
  articles: Map<string, GenArticle>;
}

export function buildFeeds(server: SourceServer, specs: FeedSpec[], now: Date): BuiltFeeds {
  const defs: unknown[] = [];
  const expected: Expected[] = [];
  const articles = new Map<string, GenArticle>();
  for (const spec of specs) {
    const prefix = spec.lang === 'en' ? '/news' : '/ru';
    const list = generateArticles({
      tag: spec.id,
      count: spec.count,
      lang: spec.lang,
      relevantShare: spec.relevantShare,
      seed: spec.seed,
      prefix,
      now,
    });
    if (spec.kind === 'rss') {
      const feedPath = `/rss/${spec.id}.xml`;
      for (const a of list) {
        server.routes.set(a.path, {
          kind: 'body',
          type: 'text/html; charset=utf-8',
          body: renderArticlePage(a, server.origin),
          etag: false,
        });
        const url = `${server.origin}${a.path}`;
        articles.set(url, a);
        expected.push({ url, relevant: a.relevant });
      }
      const xml = renderRss(
        list.map((a) => rssItemFor(a, server.origin)),
        server.origin,
        spec.id,
      );
      server.routes.set(feedPath, { kind: 'body', type: 'application/rss+xml; charset=utf-8', body: xml });
      defs.push({ id: spec.id, kind: 'rss', language: spec.lang, url: `${server.origin}${feedPath}` });
    } else {
      const project = spec.id;
      const def = parseSources([
        { id: spec.id, kind: 'govkz-news', language: spec.lang, url: server.origin, project },
      ])[0] as Extract<SourceDefinition, { kind: 'govkz-news' }>;
      const first = spec.firstId ?? 100_000;
      const items = list.map((a, i) => govkzItem(a, first + i));
      server.routes.set(`govkz:${project}:${spec.lang}`, { kind: 'govkz', items });
      list.forEach((a, i) => {
        const url = govkzItemUrl(def, first + i);
        articles.set(url, a);
        expected.push({ url, relevant: a.relevant });
      });
      defs.push(def);
    }
  }
  return { sources: parseSources(defs), expected, articles };
}
