import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSources, type SourceDefinitionInput } from '../../functions/domain/sources/definitions';
import { clearGovkzAccessCache } from '../../functions/domain/sources/govkz-news';
import { readSource } from '../../functions/domain/sources/source-reader';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';
import { memoryLog, testClient } from './helpers';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  clearGovkzAccessCache();
  server.reset();
  server.govkz = { challenge: 'v2', blocked: false, wrapped: false, pageBase: 1 };
});

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> & { id?: string } : never;
function source(def: WithoutId<SourceDefinitionInput>) {
  return parseSources([{ id: 'src', ...def } as SourceDefinitionInput])[0]!;
}
const read = (def: Parameters<typeof source>[0], log = memoryLog()) =>
  readSource(source(def), { http: testClient().http, log });

describe('RSS and Atom', () => {
  it('reads a UTF-8 RSS feed with Kazakh Latin and Cyrillic text intact and tracking parameters dropped', async () => {
    const r = await read({ kind: 'rss', language: 'en', url: server.url('/rss/en.xml') });
    expect(r.via).toBe('feed');
    expect(r.entries.map((e) => e.title)).toEqual([
      'Active cooperation with Washington to continue in areas of mutual interest for CA countries and US - Aibek Smadiyarov',
      'Kazakhstan and US discuss critical minerals cooperation in C5+1 format',
    ]);
    expect(r.entries[0]!.publishedAt).toBe('2021-04-28T09:47:00.000Z');
    expect(r.entries[0]!.canonicalUrl).not.toMatch(/utm_/);
    expect(r.entries[1]!.summary).toContain(
      'Qazaqstan Respublikasy men AQŞ: Ńyu-York kezdesýi, Қазақстан және АҚШ',
    );
    expect(r.etag).toMatch(/^"/);
    expect(r.validatorUrl).toBe(server.url('/rss/en.xml'));
  });

  it('reads a windows-1251 feed named only in its XML prolog', async () => {
    const r = await read({ kind: 'rss', language: 'ru', url: server.url('/rss/ru-1251.xml') });
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]!.title).toBe('Казахстан и США обсудили сотрудничество в формате С5+1');
    expect(r.entries[0]!.summary).toContain('Ёлка, щука, эхо');
    expect(r.entries[0]!.publishedAt).toBe('2026-08-18T00:10:00.000Z');
  });

  it('reads an Atom feed', async () => {
    const r = await read({ kind: 'rss', language: 'kk', url: server.url('/atom/kk.xml') });
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0]!.title).toBe('Qazaqstan men AQŞ ekonomikalyq yntymaqtastyqty talqylady');
    expect(r.entries[0]!.url).toBe(
      server.url('/news/qazaqstan-men-aqsh-ekonomikalyq-yntymaqtastyqty-talqylady-5d2e8f/'),
    );
    expect(r.entries[0]!.publishedAt).toBe('2026-08-18T04:00:00.000Z');
    expect(r.entries[0]!.summary).toContain('Qańtar aiynda bastalǵan');
  });

  it('answers not modified after an ETag, without entries', async () => {
    const first = await read({ kind: 'rss', language: 'en', url: server.url('/rss/en.xml') });
    const again = await readSource(source({ kind: 'rss', language: 'en', url: server.url('/rss/en.xml') }), {
      http: testClient().http,
      state: { sourceId: 'src', consecutiveFailures: 0, etag: first.etag, validatorUrl: first.validatorUrl },
    });
    expect(again.notModified).toBe(true);
    expect(again.entries).toEqual([]);
    expect(again.etag).toBe(first.etag);
  });

  it('reports malformed XML as a malformed feed', async () => {
    await expect(
      read({ kind: 'rss', language: 'en', url: server.url('/fault/malformed.xml') }),
    ).rejects.toThrow(/malformed feed at/);
  });

  it('refuses a feed that declares DTD entities instead of expanding them', async () => {
    const err = await read({ kind: 'rss', language: 'en', url: server.url('/fault/dtd.xml') }).catch(
      (e: Error) => e,
    );
    expect((err as Error).message).toMatch(/declares DTD entities; refused/);
    expect((err as Error).message).not.toContain('EXPANDED');
  });

  it('drops article links that point off the allowlist, and says which', async () => {
    const log = memoryLog();
    const r = await read({ kind: 'rss', language: 'en', url: server.url('/fault/ssrf-links.xml') }, log);
    expect(r.entries.map((e) => e.url)).toEqual([
      server.url('/news/kazakhstan-and-us-discuss-critical-minerals-cooperation-e8f1a2'),
    ]);
    expect(r.refusedLinks).toEqual([
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://10.0.0.5/news/internal-abcdef',
      'https://evil.example/news/story-abcdef',
    ]);
    expect(log.lines.filter((l) => l.message.startsWith('link refused'))).toHaveLength(3);
  });

  it('gives the same item ids when the feed regenerates its GUIDs', async () => {
    const a = await read({ kind: 'rss', language: 'en', url: server.url('/fault/guid-churn.xml') });
    const b = await read({ kind: 'rss', language: 'en', url: server.url('/fault/guid-churn.xml') });
    expect(a.entries).toHaveLength(2);
    expect(b.entries.map((e) => e.itemId)).toEqual(a.entries.map((e) => e.itemId));
  });

  it('falls back to the list page when the feed fails, and says why', async () => {
    const log = memoryLog();
    const r = await read(
      {
        kind: 'rss',
        language: 'en',
        url: server.url('/fault/404'),
        fallbackListUrl: server.url('/list/2026'),
      },
      log,
    );
    expect(r.via).toBe('list');
    expect(r.note).toMatch(/^feed \S+\/fault\/404: HTTP 404 .*; read list page \S+\/list\/2026$/);
    expect(r.pathUsed).toBe(`list ${server.url('/list/2026')}`);
    expect(r.entries.map((e) => e.title)).toContain(
      'Kazakhstan and US discuss critical minerals cooperation in C5+1 format',
    );
    expect(r.validatorUrl).toBe(server.url('/list/2026'));
    expect(log.lines.some((l) => l.level === 'warn' && l.message.startsWith('discovery path failed'))).toBe(
      true,
    );
  });

  it('falls back to the list page when the feed is empty or not a feed', async () => {
    for (const feed of ['/fault/empty.xml', '/fault/html']) {
      const r = await read({
        kind: 'rss',
        language: 'ru',
        url: server.url(feed),
        fallbackListUrl: server.url('/list/allnewscard'),
      });
      expect(r.via, feed).toBe('list');
      expect(r.entries.length, feed).toBe(2);
    }
  });

  it('reports both failures when the feed and the list page fail', async () => {
    await expect(
      read({
        kind: 'rss',
        language: 'en',
        url: server.url('/fault/malformed.xml'),
        fallbackListUrl: server.url('/fault/404'),
      }),
    ).rejects.toThrow(/every discovery path failed: feed \S+: malformed feed at .*; list page \S+: HTTP 404/);
  });
});

describe('Kazinform list pages, each markup generation', () => {
  it('.allNewsCard: titles and Russian genitive/nominative dates, links deduplicated', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'ru', url: server.url('/list/allnewscard') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Казахстан и США обсудили сотрудничество в формате С5+1', '2026-08-18T03:32:00.000Z'],
      ['Погода в Астане на выходных', '2026-08-18T02:15:00.000Z'],
    ]);
  });

  it('div.catpageCard: Kazakh Latin titles and months; off-allowlist links refused', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'kk', url: server.url('/list/catpage') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Qazaqstan men AQŞ ekonomikalyq yntymaqtastyqty talqylady', '2026-08-18T04:00:00.000Z'],
    ]);
    expect(r.refusedLinks).toEqual([
      'https://qz.inform.kz/news/amerika-qurama-shtattarynyn-elshisi-astanaga-keldi-7c3d1b/',
    ]);
  });

  it('2026 a.news-card with time.meta-date; navigation and category links ignored', async () => {
    const r = await read({ kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') });
    expect(r.entries.map((e) => [e.title, e.publishedAt])).toEqual([
      ['Kazakhstan and US discuss critical minerals cooperation in C5+1 format', '2026-08-18T03:32:00.000Z'],
      ['Astana hosts international book fair', '2026-08-18T02:05:00.000Z'],
    ]);
    expect(r.refusedLinks).toEqual(['http://169.254.169.254/news/latest-meta-data-a1b2c3']);
  });

  it('says the markup may have changed when a page has no article links', async () => {
    await expect(
      read({ kind: 'kazinform-list', language: 'en', url: server.url('/fault/html') }),
    ).rejects.toThrow(/no article links: the page markup may have changed/);
  });

  it('a list page and a feed give the same id for the same article', async () => {
    const list = await read({ kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') });
    const feed = await read({ kind: 'rss', language: 'en', url: server.url('/rss/en.xml') });
    expect(list.entries[0]!.itemId).toBe(feed.entries[1]!.itemId);
  });
});

describe('gov.kz news API', () => {
  const mfa = { kind: 'govkz-news' as const, language: 'en' as const };

  it('reads through the v2 exchange when the v1 ticket is refused, body HTML kept for extraction', async () => {
    const r = await read({ ...mfa, url: server.origin });
    expect(r.via).toBe('api');
    expect(r.pathUsed).toBe('gov.kz v2 header exchange');
    expect(r.entries.map((e) => e.title)).toEqual([
      'Kazakh Foreign Minister meets US Deputy Secretary of State',
      'Briefing by the Spokesperson of the MFA',
    ]);
    const [first, second] = r.entries;
    expect(first!.url).toBe(`${server.origin}/memleket/entities/mfa/press/news/details/1051234?lang=en`);
    expect(first!.publishedAt).toBe('2026-09-25T18:59:00.000Z');
    expect(first!.summary).toBe('The sides discussed the C5+1 agenda.');
    expect(first!.bodyHtml).toContain('strategic partnership');
    expect(second!.publishedAt).toBe('2026-09-24T10:30:00.000Z');
    const api = server.requests.find((q) => q.path === '/api/v1/public/content-manager/news')!;
    expect(api.query).toContain('projects=eq:mfa');
    expect(api.headers['accept-language']).toBe('en');
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
      'POST /api/v2/_/c/k6',
      'GET /api/v1/public/content-manager/news',
    ]);
  });

  it('v1 first: a fresh single-use ticket before every news request, with the section page as Referer', async () => {
    server.govkz.challenge = 'v1';
    const r = await read({ ...mfa, url: server.origin });
    expect(r.entries).toHaveLength(2);
    expect(r.pathUsed).toBe('gov.kz v1 ticket');
    expect(r.note).toBeUndefined();
    // Ticket, news; the second read needs a new ticket (the fixture refuses a used one) and gets it.
    const r2 = await read({ ...mfa, url: server.origin });
    expect(r2.entries).toHaveLength(2);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
    ]);
    const [t1, n1, , n2] = server.requests;
    expect(t1!.headers['content-type']).toBe('application/json');
    expect(t1!.headers.origin).toBe(server.origin);
    expect(n1!.headers.referer).toBe(`${server.origin}/memleket/entities/mfa/press/news?lang=en`);
    expect(n1!.headers.cookie).not.toBe(n2!.headers.cookie);
  });

  it('the path that worked last time is tried first', async () => {
    const r = await readSource(source({ ...mfa, url: server.origin }), {
      http: testClient().http,
      state: { sourceId: 'src', consecutiveFailures: 0, pathUsed: 'gov.kz v2 header exchange' },
    });
    expect(r.entries).toHaveLength(2);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /api/v2/_/c/k6',
      'GET /api/v1/public/content-manager/news',
    ]);
  });

  it('falls back to GraphQL when neither handshake is accepted, and health names it', async () => {
    server.govkz.challenge = 'graphql';
    const r = await read({ ...mfa, url: server.origin });
    expect(r.pathUsed).toBe('gov.kz graphql');
    expect(r.entries.map((e) => e.title)).toContain(
      'Kazakh Foreign Minister meets US Deputy Secretary of State',
    );
    expect(r.note).toMatch(
      /v1 ticket refused \(HTTP 400.*v2 header exchange refused \(HTTP 404.*read via gov\.kz graphql/,
    );
    const gql = server.requests.find((q) => q.path === '/graphql')!;
    expect(gql.method).toBe('POST');
  });

  it('the API answers 400 notAllowed without the challenge', async () => {
    const { http } = testClient();
    await expect(
      http.request({ url: server.url('/api/v1/public/content-manager/news?projects=eq:mfa&page=1&size=20') }),
    ).rejects.toThrow(/HTTP 400/);
  });

  it('reports a refused challenge in words, not as a parse error', async () => {
    server.govkz.challenge = 'refuse';
    await expect(read({ ...mfa, url: server.origin })).rejects.toThrow(
      /gov\.kz refused the news API on every path: v1 ticket refused \(HTTP 400/,
    );
  });

  it('reports a blocked address range (403) in words', async () => {
    server.govkz.blocked = true;
    await expect(read({ ...mfa, url: server.origin })).rejects.toThrow(
      /HTTP 403 Forbidden\): this address range may be blocked/,
    );
  });

  it('accepts a { content: [...] } wrapper', async () => {
    server.govkz.wrapped = true;
    const r = await read({ ...mfa, url: server.origin });
    expect(r.entries).toHaveLength(2);
  });

  it('tolerates pages counted from 0 and says how to configure it', async () => {
    server.govkz.challenge = 'v1';
    server.govkz.pageBase = 0;
    const r = await read({ ...mfa, url: server.origin });
    expect(r.entries).toHaveLength(2);
    expect(r.note).toMatch(/set "pageBase": 0/);
    server.reset();
    const configured = await read({ ...mfa, url: server.origin, pageBase: 0 });
    expect(configured.entries).toHaveLength(2);
    expect(server.hits('/api/v1/public/content-manager/news')).toBe(1);
  });

  it('builds item URLs for other projects and sections', async () => {
    const r = await read({ ...mfa, url: server.origin, project: 'mfa-washington', section: 'news' });
    expect(server.requests.find((q) => q.path.endsWith('/news'))!.query).toContain(
      'projects=eq:mfa-washington',
    );
    expect(r.entries).toHaveLength(2);
    expect(r.entries[0]!.url).toContain(
      '/memleket/entities/mfa-washington/press/news/details/1051234?lang=en',
    );
  });
});

describe('source definitions', () => {
  it('rejects bad definitions with a clear message', () => {
    expect(() => parseSources([{ id: 'X', kind: 'rss', language: 'en', url: 'https://a.kz/' }])).toThrow(
      /0\.id: lower-case/,
    );
    expect(() => parseSources([{ id: 'a', kind: 'ftp', language: 'en', url: 'https://a.kz/' }])).toThrow(
      /invalid source definitions/,
    );
    expect(() =>
      parseSources([
        { id: 'a', kind: 'rss', language: 'en', url: 'https://a.kz/' },
        { id: 'a', kind: 'rss', language: 'ru', url: 'https://a.kz/' },
      ]),
    ).toThrow(/duplicate source id a/);
  });
});
