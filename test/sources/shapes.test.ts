import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { runFetchCycle } from '../../functions/domain/fetch-cycle';
import type { MonitorStore } from '../../functions/domain/ports';
import { canonicalizeUrl, identityKey, itemIdFor } from '../../functions/domain/sources/canonical-url';
import { type SourceDefinitionInput, parseSources } from '../../functions/domain/sources/definitions';
import { HttpStatusError, NetworkError } from '../../functions/domain/sources/http-port';
import { parseNewsSitemap } from '../../functions/domain/sources/sitemap';
import {
  SourceBlockedError,
  describeFailure,
  isCloudflareChallenge,
} from '../../functions/domain/sources/source-failure';
import { readSource } from '../../functions/domain/sources/source-reader';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';
import { memoryLog, testClient } from './helpers';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  server.govkz = { challenge: 'v1', blocked: false, wrapped: false, pageBase: 1 };
});

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Def = WithoutId<SourceDefinitionInput>;
const one = (def: Def) => parseSources([{ id: 'src', ...def } as SourceDefinitionInput])[0]!;
const read = (def: Def) => readSource(one(def), { http: testClient().http, log: memoryLog() });
const id = (u: string) => itemIdFor(canonicalizeUrl(u));

describe('list pages in every card generation', () => {
  it('www.inform.kz/ru/lenta 2026: 8-hex ids, a truncated "--" slug kept, one id under two slugs is one item', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'ru', url: server.url('/list/ru-2026') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Казахстан и США подписали меморандум о критических минералах', '2026-08-18T16:38:00.000Z'],
      ['Посол США встретился с акимом Алматы', '2026-08-18T14:05:00.000Z'],
      ['В Астане прошел фестиваль уличной еды', '2026-08-18T12:20:00.000Z'],
      ['Итоги десятилетия', null],
    ]);
    expect(r.entries[1]!.url).toMatch(/-mezhdu--8d1f0e24$/);
    // A slug ending in a word that merely looks hex is listed (it may be an article) but keyed on its
    // whole address, never on "decade" as if it were an id.
    const decade = r.entries.at(-1)!;
    expect(identityKey(decade.canonicalUrl)).toBe(decade.canonicalUrl);
    expect(identityKey(r.entries[0]!.canonicalUrl)).toMatch(/^kazinform:.*:-3e5a7c9b$/);
  });

  it('.tagpageCard: titles and "19 September 2026, 16:14" times (Astana)', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'en', url: server.url('/list/tagpage') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Kazakhstan–US Business Council meets in New York', '2026-09-19T11:14:00.000Z'],
      ['US Ambassador visits Karaganda', '2026-09-18T05:02:00.000Z'],
    ]);
  });

  it('kaz.inform.kz/lenta/: /news/<slug>-<hex>/ articles with Kazakh month names', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'kk', url: server.url('/kaz/lenta/') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Қазақстан мен АҚШ сыртқы істер министрлері кездесті', '2026-08-18T05:15:00.000Z'],
      ['Астанада кітап жәрмеңкесі ашылды', '2026-08-18T04:40:00.000Z'],
    ]);
  });

  it('a Google News sitemap gives the same items as the list (same ids), with titles and times', async () => {
    const sitemap = await read({
      kind: 'sitemap',
      language: 'ru',
      url: server.url('/sitemaps/google-news_ru.xml'),
    });
    expect(sitemap.via).toBe('sitemap');
    expect(sitemap.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Казахстан и США подписали меморандум о критических минералах', '2026-08-18T16:38:00.000Z'],
      ['В Астане прошел фестиваль уличной еды', '2026-08-18T12:20:00.000Z'],
    ]);
    const list = await read({ kind: 'kazinform-list', language: 'ru', url: server.url('/list/ru-2026') });
    expect(sitemap.entries.map((e) => e.itemId)).toEqual([list.entries[0]!.itemId, list.entries[2]!.itemId]);
  });

  it('a sitemap index is refused with the sitemap to name instead', () => {
    const xml =
      '<?xml version="1.0"?><sitemapindex><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>';
    expect(() => parseNewsSitemap(xml, 'https://example.org/index.xml')).toThrow(
      /sitemap index.*https:\/\/example\.org\/s1\.xml/,
    );
  });

  it('tries the discovery paths in order and names the one that worked', async () => {
    const r = await read({
      kind: 'kazinform-list',
      language: 'ru',
      url: server.url('/fault/404'),
      fallbacks: [
        { kind: 'kazinform-list', url: server.url('/fault/html') },
        { kind: 'sitemap', url: server.url('/sitemaps/google-news_ru.xml') },
        { kind: 'rss', url: server.url('/rss/en.xml') },
      ],
    });
    expect(r.pathUsed).toBe(`sitemap ${server.url('/sitemaps/google-news_ru.xml')}`);
    expect(r.note).toMatch(
      /list page .*\/fault\/404: HTTP 404.*list page .*\/fault\/html: .*no article links.*; read sitemap/,
    );
    expect(server.hits('/rss/')).toBe(0);
  });
});

describe('item identity on real URL shapes', () => {
  it('a truncated "--<hex>" slug and the full slug of one article are one item', () => {
    expect(id('https://www.inform.kz/ru/posol-ssha-vstretilsya-s-akimom-almaty-mezhdu--8d1f0e24')).toBe(
      id(
        'https://www.inform.kz/ru/posol-ssha-vstretilsya-s-akimom-almaty-obsudili-investicionnye-proekty-8d1f0e24',
      ),
    );
  });

  it('a changed slug of the same id stays one item on every edition', () => {
    expect(id('https://qazinform.com/news/kazakhstan-us-talks-e8f1a2')).toBe(
      id('https://qazinform.com/news/kazakhstan-and-us-hold-talks-e8f1a2'),
    );
    expect(id('https://qz.inform.kz/news/qazaqstan-aqsh-5d2e8f/')).toBe(
      id('https://qz.inform.kz/news/qazaqstan-men-aqsh-5d2e8f'),
    );
    expect(id('https://kaz.inform.kz/news/kazakstan-aksh-6a1b2c/')).toBe(
      id('https://kaz.inform.kz/news/kazakstan-men-aksh-6a1b2c/'),
    );
  });

  it('a slug whose last word only looks hex is no id: two such articles never collide', () => {
    const a = 'https://qazinform.com/news/kazakhstan-enters-a-new-decade';
    const b = 'https://qazinform.com/news/results-of-the-decade';
    expect(id(a)).not.toBe(id(b));
    expect(id('https://qazinform.com/news/a-restored-facade')).not.toBe(
      id('https://qazinform.com/news/another-facade'),
    );
  });

  it('the same hex on another edition or path is another article', () => {
    const ids = [
      'https://www.inform.kz/ru/x-3e5a7c9b',
      'https://kaz.inform.kz/news/x-3e5a7c9b/',
      'https://qz.inform.kz/news/x-3e5a7c9b/',
      'https://qazinform.com/news/x-3e5a7c9b',
      'https://www.inform.kz/ru/x_a3781891',
    ].map(id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('blocked is not broken', () => {
  it('recognises a Cloudflare challenge by its header, or by its page when the header is gone', () => {
    expect(isCloudflareChallenge(403, new Headers({ 'cf-mitigated': 'challenge' }), '')).toBe(true);
    expect(isCloudflareChallenge(503, new Headers(), '<html><head><title>Just a moment...</title>')).toBe(
      true,
    );
    expect(isCloudflareChallenge(403, new Headers(), '<html><body>403 Forbidden</body></html>')).toBe(false);
    expect(
      isCloudflareChallenge(200, new Headers(), '<html><body><p>Just a moment, says the minister</p>'),
    ).toBe(false);
    const feed =
      '<rss><channel><item><title>Just a moment...</title><link>https://qazinform.com/news/x-1a2b3c</link></item></channel></rss>';
    expect(isCloudflareChallenge(200, new Headers(), feed)).toBe(false);
    const script =
      '<title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>';
    expect(isCloudflareChallenge(200, new Headers(), script)).toBe(true);
  });

  it('a challenge answers "blocked by a Cloudflare challenge", is not retried, and ends the path walk', async () => {
    const { http, sleeps } = testClient();
    const source = one({
      kind: 'kazinform-list',
      language: 'ru',
      url: server.url('/cf/lenta'),
      fallbacks: [{ kind: 'rss', url: server.url('/rss/en.xml') }],
    });
    const err = await readSource(source, { http }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(SourceBlockedError);
    expect((err as Error).message).toMatch(/^blocked by a Cloudflare challenge: HTTP 403 challenge page/);
    expect(server.hits('/cf/lenta')).toBe(1);
    expect(sleeps).toEqual([]);
    expect(server.hits('/rss/')).toBe(0);
  });

  it('a challenge page where a feed or a sitemap was expected is a block too, not a malformed document', async () => {
    for (const kind of ['rss', 'sitemap'] as const) {
      await expect(read({ kind, language: 'ru', url: server.url('/cf/stripped') }), kind).rejects.toThrow(
        /^blocked by a Cloudflare challenge/,
      );
    }
  });

  it('a challenge page served as 200 without the header is recognised too', async () => {
    await expect(
      read({ kind: 'kazinform-list', language: 'ru', url: server.url('/cf/stripped') }),
    ).rejects.toThrow(/^blocked by a Cloudflare challenge/);
  });

  it('a DNS or offline failure says "no network?" and never blames gov.kz', () => {
    const dns = new NetworkError(
      'network error fetching https://www.gov.kz/api: ENOTFOUND',
      'https://www.gov.kz/api',
      'ENOTFOUND',
    );
    expect(describeFailure(dns)).toMatch(/could not resolve www\.gov\.kz \(DNS ENOTFOUND\): no network\?/);
    expect(describeFailure(dns)).not.toMatch(/block/i);
    expect(describeFailure(new HttpStatusError(500, 'https://x.example/', ''))).toBe(
      'HTTP 500 from https://x.example/',
    );
  });

  it('a gov.kz source on an unresolvable name fails as "no network?", not as blocking', async () => {
    const http = testClient({
      allowedHosts: ['127.0.0.1', 'kzmon-offline-test.invalid'],
      maxAttempts: 1,
    }).http;
    const source = one({ kind: 'govkz-news', language: 'en', url: 'https://kzmon-offline-test.invalid' });
    const err = await readSource(source, { http }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/no network\?/);
    expect((err as Error).message).not.toMatch(/block/i);
  });
});

describe('a stalled source', () => {
  it('says the real wait and the retries', async () => {
    const { http } = testClient({ timeoutMs: 300, maxAttempts: 3 });
    const err = await http.request({ url: server.url('/fault/slow') }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/^no answer within 0\.3 s .*, 3 attempts over \d+ s$/);
  });
});

describe('the cycle backs off a blocked source', () => {
  let dynamo: LocalDynamo;
  let store: MonitorStore;
  beforeEach(async () => {
    dynamo = await startLocalDynamo();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  });
  afterEach(() => dynamo.close());

  it('an offline machine is recorded as "no network?", not as a block, and is not backed off', async () => {
    const sources = parseSources([
      {
        id: 'offline',
        kind: 'kazinform-list',
        language: 'ru',
        url: 'https://kzmon-offline-test.invalid/ru/lenta',
      },
    ]);
    const http = testClient({
      allowedHosts: ['127.0.0.1', 'kzmon-offline-test.invalid'],
      maxAttempts: 1,
    }).http;
    const result = await runFetchCycle({
      sources,
      http,
      store,
      queue: { send: async () => {} },
      log: memoryLog(),
    });
    expect(result.sources[0]).toMatchObject({ ok: false });
    expect(result.sources[0]!.blocked).toBeUndefined();
    const health = (await store.getSourceStates(['offline'])).get('offline')!;
    expect(health.lastError).toMatch(
      /could not resolve kzmon-offline-test\.invalid \(DNS \w+\): no network\?/,
    );
    expect(health.blockedBy).toBeUndefined();
    expect(health.nextAttemptAfter).toBeUndefined();
  });

  it('records "blocked by a Cloudflare challenge", skips the source until the wait is over, then doubles it', async () => {
    const sources = parseSources([
      { id: 'cf', kind: 'kazinform-list', language: 'ru', url: server.url('/cf/lenta') },
      { id: 'ok', kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') },
    ]);
    let clock = Date.parse('2026-08-18T06:00:00Z');
    const deps = {
      sources,
      http: testClient().http,
      store,
      queue: { send: async () => {} },
      log: memoryLog(),
      now: () => new Date(clock),
    };
    const first = await runFetchCycle(deps);
    expect(first.sources.find((s) => s.sourceId === 'cf')).toMatchObject({
      ok: false,
      blocked: 'cloudflare',
    });
    expect(first.sources.find((s) => s.sourceId === 'ok')).toMatchObject({ ok: true });
    let health = (await store.getSourceStates(['cf'])).get('cf')!;
    expect(health).toMatchObject({
      blockedBy: 'cloudflare',
      blockedStreak: 1,
      blockedSince: '2026-08-18T06:00:00.000Z',
    });
    expect(health.lastError).toMatch(/^blocked by a Cloudflare challenge/);
    const firstWait = Date.parse(health.nextAttemptAfter!) - clock;
    expect(firstWait).toBeGreaterThan(0);

    clock += 60_000;
    const second = await runFetchCycle(deps);
    expect(second.sources.find((s) => s.sourceId === 'cf')).toMatchObject({
      skipped: true,
      blocked: 'cloudflare',
    });
    expect(server.hits('/cf/lenta')).toBe(1);

    clock = Date.parse(health.nextAttemptAfter!) + 1;
    await runFetchCycle(deps);
    expect(server.hits('/cf/lenta')).toBe(2);
    health = (await store.getSourceStates(['cf'])).get('cf')!;
    expect(health.blockedStreak).toBe(2);
    expect(Date.parse(health.nextAttemptAfter!) - clock).toBe(2 * firstWait);
    expect(health.blockedSince).toBe('2026-08-18T06:00:00.000Z');
  });
});

describe('no retry into a challenge', () => {
  it('a 503 challenge page without the header is not retried either', async () => {
    let hits = 0;
    server.route('/cf/503', (_req, res) => {
      hits++;
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>');
    });
    const { http, sleeps } = testClient({ maxAttempts: 3 });
    await expect(http.request({ url: server.url('/cf/503') })).rejects.toThrow(/HTTP 503/);
    expect(hits).toBe(1);
    expect(sleeps).toEqual([]);
  });
});
