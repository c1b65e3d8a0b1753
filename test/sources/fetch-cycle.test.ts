import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { runFetchCycle } from '../../functions/domain/fetch-cycle';
import type { FeedEntry } from '../../functions/domain/model';
import type { MonitorStore } from '../../functions/domain/ports';
import { parseSources } from '../../functions/domain/sources/definitions';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';
import { memoryLog, testClient } from './helpers';

let server: FixtureServer;
let dynamo: LocalDynamo;
let store: MonitorStore;
/** Every DynamoDB command the store sends, by name, counted on the client's middleware stack. */
const commands: string[] = [];
const writes = () => commands.filter((c) => /Put|Update|Delete|BatchWrite|Transact/.test(c));

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  server.reset();
  dynamo = await startLocalDynamo();
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  commands.length = 0;
});
afterEach(() => dynamo.close());

/**
 * A fetch cycle followed by what the classify step does to each queued item that matters here: fetch
 * the article page (unless the API carried the body) and mark the item seen. Classification itself is
 * another module's concern and is left out so these counts depend on the fetch side only.
 */
async function cycle(sources: ReturnType<typeof parseSources>, log = memoryLog()) {
  const http = testClient().http;
  const queued: FeedEntry[] = [];
  const fetch = await runFetchCycle({
    sources,
    http,
    store,
    log,
    queue: { send: async (e) => void queued.push(...e) },
  });
  for (const entry of queued) {
    if (entry.bodyHtml == null) await http.request({ url: entry.url });
    await store.saveSeenMark(entry.itemId, entry.sourceId, new Date());
  }
  return { fetch };
}
const articleRequests = () => server.requests.filter((r) => /^\/(news|ru)\//.test(r.path)).map((r) => r.path);

describe('a cycle over the fixture sources', () => {
  it('a second cycle over unchanged sources makes no article requests and no table writes', async () => {
    const sources = parseSources([
      { id: 'kz-en-rss', kind: 'rss', language: 'en', url: server.url('/rss/en.xml') },
      { id: 'kz-ru-1251', kind: 'rss', language: 'ru', url: server.url('/rss/ru-1251.xml') },
      { id: 'kz-en-list', kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') },
      { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin },
    ]);
    const log = memoryLog();
    const first = await cycle(sources, log);
    expect(first.fetch.sources.every((s) => s.ok)).toBe(true);
    // The feed and the list page share one article: it is fetched once.
    expect(first.fetch.queued).toBe(6);
    const firstArticles = articleRequests();
    expect(firstArticles.length).toBe(4);
    expect(writes().length).toBeGreaterThan(0);

    server.reset();
    commands.length = 0;
    const second = await cycle(sources, log);
    expect(second.fetch.sources.map((s) => [s.sourceId, s.ok, s.notModified])).toEqual([
      ['kz-en-rss', true, true],
      ['kz-ru-1251', true, true],
      ['kz-en-list', true, true],
      ['mfa-en', true, true],
    ]);
    expect(second.fetch.queued).toBe(0);
    expect(articleRequests()).toEqual([]);
    expect(writes()).toEqual([]);
    // What the second cycle did cost: one conditional GET per source, plus the fresh handshake gov.kz
    // wants before every news request (only the path that worked last time: no refused v1 ticket
    // again), and reads only (the source states).
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/public/content-manager/news',
      'GET /list/2026',
      'GET /rss/en.xml',
      'GET /rss/ru-1251.xml',
      'POST /api/v2/_/c/k6',
    ]);
    process.stdout.write(
      `second cycle: ${server.requests.length} HTTP requests (${articleRequests().length} article), DynamoDB commands ${JSON.stringify(commands)} (${writes().length} writes)\n`,
    );
  });

  it('a feed that regenerates its GUIDs queues nothing new and writes nothing on the second cycle', async () => {
    const sources = parseSources([
      { id: 'churn', kind: 'rss', language: 'en', url: server.url('/fault/guid-churn.xml') },
    ]);
    const log = memoryLog();
    const first = await cycle(sources, log);
    expect(first.fetch.queued).toBe(2);
    server.reset();
    commands.length = 0;
    const second = await cycle(sources, log);
    expect(second.fetch.sources[0]).toMatchObject({ ok: true, notModified: false, listed: 2, new: 0 });
    expect(articleRequests()).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('one source failing never stops the others, and each health is stored with its reason', async () => {
    const sources = parseSources([
      { id: 'good', kind: 'rss', language: 'en', url: server.url('/rss/en.xml') },
      { id: 'broken', kind: 'rss', language: 'en', url: server.url('/fault/malformed.xml') },
      { id: 'slow', kind: 'rss', language: 'en', url: server.url('/fault/slow') },
      { id: 'huge', kind: 'rss', language: 'en', url: server.url('/fault/huge') },
      { id: 'refused', kind: 'govkz-news', language: 'en', url: server.origin },
      { id: 'redirected', kind: 'rss', language: 'en', url: server.url('/fault/redirect-metadata') },
    ]);
    server.govkz.challenge = 'refuse';
    const queued: FeedEntry[] = [];
    const log = memoryLog();
    // The slow fixture answers after 3 s; 1.5 s leaves room for a loaded CI machine to read the others.
    const http = testClient({ timeoutMs: 1500, maxAttempts: 1, maxBytes: 256 * 1024 }).http;
    const deps = {
      sources,
      http,
      store,
      queue: { send: async (e: FeedEntry[]) => void queued.push(...e) },
      log,
    };
    const result = await runFetchCycle(deps);
    expect(result.sources.map((s) => [s.sourceId, s.ok])).toEqual([
      ['good', true],
      ['broken', false],
      ['slow', false],
      ['huge', false],
      ['refused', false],
      ['redirected', false],
    ]);
    expect(queued).toHaveLength(2);
    await runFetchCycle(deps);
    const health = new Map((await store.listSourceStates()).map((h) => [h.sourceId, h]));
    expect(health.get('good')).toMatchObject({ consecutiveFailures: 0, itemsLastSeen: 2 });
    expect(health.get('good')!.lastSuccessAt).toBeTruthy();
    expect(health.get('broken')).toMatchObject({
      consecutiveFailures: 2,
      lastError: expect.stringMatching(/malformed feed/),
    });
    expect(health.get('slow')!.lastError).toMatch(/no answer within 1\.5 s \(timed out after 1500 ms\)/);
    expect(health.get('huge')!.lastError).toMatch(/byte cap/);
    expect(health.get('refused')!.lastError).toMatch(
      /gov\.kz refused the news API on every path: v1 ticket refused \(HTTP 400/,
    );
    expect(health.get('redirected')!.lastError).toMatch(/refused/);
    // Every failure was logged with the source it was working on.
    expect(log.lines.filter((l) => l.message === 'source failed').map((l) => l.extra?.sourceId)).toHaveLength(
      10,
    );
  });

  it('keeps the list page validators apart from the feed when the fallback is used', async () => {
    const sources = parseSources([
      {
        id: 'fb',
        kind: 'rss',
        language: 'en',
        url: server.url('/fault/404'),
        fallbackListUrl: server.url('/list/2026'),
      },
    ]);
    const deps = {
      sources,
      http: testClient().http,
      store,
      queue: { send: async () => {} },
      log: memoryLog(),
    };
    const first = await runFetchCycle(deps);
    expect(first.sources[0]).toMatchObject({ ok: true, via: 'list', listed: 2 });
    const [health] = await store.listSourceStates();
    expect(health).toMatchObject({
      validatorUrl: server.url('/list/2026'),
      pathUsed: `list ${server.url('/list/2026')}`,
      note: expect.stringMatching(/HTTP 404.*; read list page/),
    });
    server.reset();
    commands.length = 0;
    const second = await runFetchCycle(deps);
    expect(second.sources[0]).toMatchObject({ ok: true, notModified: true });
    // The list page worked last time, so it is asked first; the dead feed is not asked again, and
    // health still says the list is standing in for the feed.
    expect(server.requests.find((r) => r.path === '/fault/404')).toBeUndefined();
    expect(server.requests.find((r) => r.path === '/list/2026')!.headers['if-none-match']).toBe(health!.etag);
    expect(writes()).toEqual([]);
    // A changed list page: read again (no 304), still through the remembered path, and health says so.
    server.route('/list/2026', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<a class="news-card" href="/news/kazakhstan-us-new-talks-3c4d5e"><h3 class="card-title">New talks</h3></a>',
      );
    });
    const third = await runFetchCycle(deps);
    expect(third.sources[0]).toMatchObject({
      ok: true,
      notModified: false,
      pathUsed: `list ${server.url('/list/2026')}`,
    });
    expect((await store.listSourceStates())[0]!.note).toMatch(
      /worked before; the paths listed before it are tried only when it fails/,
    );
    server.unroute('/list/2026');
  });
});
