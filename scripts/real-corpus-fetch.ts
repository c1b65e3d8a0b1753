/**
 * `npm run eval:real -- --fetch`: rebuilds the text cache from the live pages, with the project's own
 * HTTP client (allowlisted hosts, timeouts, retries, size cap) and article extractor, so the cached text
 * is what the monitor itself would classify. An item that cannot be fetched keeps its previous cached
 * text, if any; each failure is logged with the item, the address and the reason, and the next item goes on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeBody, HttpClient } from '../functions/adapters/http-client';
import { classifierInput } from '../functions/domain/classification/input';
import { extractArticle } from '../functions/domain/extraction/extract-article';
import { type CachedText, loadCache, type RealItem } from './real-corpus';

async function fetchOne(client: HttpClient, item: RealItem): Promise<CachedText> {
  const res = await client.request({ url: item.url });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const html = decodeBody(res.body, res.headers.get('content-type'), item.url);
  const article = extractArticle(html, res.url, { language: item.language });
  const input = classifierInput(article, { language: item.language, url: item.url });
  if (input.body.trim().length === 0) throw new Error('the extractor found no article text on the page');
  return {
    url: item.url,
    title: input.title,
    body: input.body,
    origin: `live page fetched ${new Date().toISOString().slice(0, 10)}`,
  };
}

export async function fetchCorpus(corpus: RealItem[], cacheFile: string): Promise<void> {
  const cache = loadCache(cacheFile);
  const hosts = new Set(corpus.map((i) => new URL(i.url).hostname.toLowerCase()));
  const client = new HttpClient({ allowedHosts: hosts, maxAttempts: 2, timeoutMs: 15_000 });
  let ok = 0;
  let failed = 0;
  for (const item of corpus) {
    try {
      cache.set(item.url, await fetchOne(client, item));
      ok++;
    } catch (err) {
      failed++;
      const kept = cache.has(item.url) ? 'the cached copy is kept' : 'no text for this item';
      console.warn(`fetch failed ${item.id} ${item.url}: ${(err as Error).message} (${kept})`);
    }
  }
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, [...cache.values()].map((t) => JSON.stringify(t)).join('\n') + '\n');
  console.log(`fetched ${ok} of ${corpus.length} pages, ${failed} failed; cache: ${cacheFile}`);
}
