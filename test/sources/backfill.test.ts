import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { RateLimitedHttp } from '../../functions/adapters/rate-limited-http';
import { backfillSource } from '../../functions/domain/backfill/walk-history';
import type { FeedEntry } from '../../functions/domain/model';
import type { MonitorStore } from '../../functions/domain/ports';
import { processEntry } from '../../functions/domain/process-entry';
import { parseSources } from '../../functions/domain/sources/definitions';
import { type LocalDynamo, startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';
import { memoryLog, testClient } from './helpers';

const KZMON = join(__dirname, '..', '..', 'bin', 'kzmon.cjs');
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/**
 * The archive fixture: 4 cards a page, 12 h apart back from 2026-08-18 12:00 Astana, card i on page
 * floor(i/4)+1, even cards Kazakhstan–US news. 14–16 August (Astana days) are cards 4–9 on pages 2–3;
 * page 4 (11–12 August) is the first page entirely older than the range.
 */
const since = new Date('2026-08-14T00:00:00+05:00');
const until = new Date(new Date('2026-08-17T00:00:00+05:00').getTime() - 1);
const archivePages = () =>
  server.requests
    .filter((r) => r.path === '/archive/lenta')
    .map((r) => new URLSearchParams(r.query).get('page') ?? '1');
const articles = () => server.requests.filter((r) => r.path.startsWith('/ru/')).map((r) => r.path);

describe('backfill over a multi-page list', () => {
  let dynamo: LocalDynamo;
  let store: MonitorStore;
  beforeEach(async () => {
    server.reset();
    dynamo = await startLocalDynamo();
    store = createMonitorStore(dynamo.client, { tableName: dynamo.tableName });
  });
  afterEach(() => dynamo.close());

  const [archive] = parseSources([
    { id: 'archive', kind: 'kazinform-list', language: 'ru', url: 'http://127.0.0.1:1/archive/lenta' },
  ]);
  const source = () => ({ ...archive!, url: server.url('/archive/lenta') });
  const deps = (http = testClient().http, handle?: (e: FeedEntry) => Promise<never>) => ({
    http,
    store,
    log: memoryLog(),
    handle:
      handle ??
      ((e: FeedEntry) =>
        processEntry(e, { http, store, log: memoryLog() }, { knownUnseen: true, backfill: true })),
  });

  it('stores only the items within the dates, alerts no one, and asks for one page past --since at most', async () => {
    const result = await backfillSource(source(), { since, until }, deps());
    expect(archivePages()).toEqual(['1', '2', '3', '4']);
    expect(result.stoppedBecause).toMatch(/page 4 is entirely older/);
    expect(result).toMatchObject({ inRange: 6, handled: 6, relevant: 3 });
    // Only the articles in range were fetched, and every one once.
    expect(
      articles()
        .map((p) => Number(/-(\d+)-1[0-9a-f]{7}$/.exec(p)?.[1]))
        .sort(),
    ).toEqual([4, 5, 6, 7, 8, 9]);

    const stored = await store.queryItems({ limit: 50 });
    const titles = stored.items.map((i) => i.title).sort();
    expect(titles).toHaveLength(3);
    for (const t of titles) expect(t).toMatch(/ssha obsudili partnerstvo (4|6|8)$/);
    for (const i of stored.items) {
      expect(Date.parse(i.publishedAt)).toBeGreaterThanOrEqual(since.getTime());
      expect(Date.parse(i.publishedAt)).toBeLessThanOrEqual(until.getTime());
    }
    expect(await store.listPendingAlerts(new Date('2100-01-01'))).toEqual([]);
  });

  it('the same items through a cycle-like step (no backfill flag) would alert: the flag is what keeps them quiet', async () => {
    const http = testClient().http;
    await backfillSource(
      source(),
      { since, until },
      {
        ...deps(http),
        handle: (e) => processEntry(e, { http, store, log: memoryLog() }, { knownUnseen: true }),
      },
    );
    expect((await store.listPendingAlerts(new Date('2100-01-01'))).length).toBe(3);
  });

  it('resumes after an interruption without fetching again the articles it stored', async () => {
    const http = testClient().http;
    const interrupted = backfillSource(
      source(),
      { since, until },
      {
        ...deps(http),
        onPage: (p) => {
          if (p.page === 2) throw new Error('interrupted');
        },
      },
    );
    await expect(interrupted).rejects.toThrow('interrupted');
    const before = articles();
    expect(before.length).toBe(4);
    server.reset();
    const result = await backfillSource(source(), { since, until }, deps(http));
    const after = articles();
    expect(after.length).toBe(2);
    for (const p of after) expect(before).not.toContain(p);
    expect(result).toMatchObject({ inRange: 6, handled: 2 });
  });

  it('keeps to the rate: one request per second per host by default', async () => {
    let clock = 0;
    const waits: number[] = [];
    const http = new RateLimitedHttp(testClient().http, 1, {
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await backfillSource(source(), { since, until }, deps(http as never));
    const requests = server.requests.length;
    expect(http.perHost.get(new URL(server.origin).host)).toBe(requests);
    // Every request after the first waited for its one-second slot.
    expect(waits.length).toBe(requests - 1);
    expect(clock).toBe((requests - 1) * 1000);
  });

  it('walks the gov.kz API pages with a fresh ticket each, and stops at the empty page', async () => {
    server.govkz = { challenge: 'v1', blocked: false, wrapped: false, pageBase: 1 };
    const [mfa] = parseSources([{ id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin }]);
    const seen: FeedEntry[] = [];
    const result = await backfillSource(
      mfa!,
      { since: new Date('2026-09-01T00:00:00Z'), until: new Date('2026-10-01T00:00:00Z') },
      {
        ...deps(),
        handle: async (e) => {
          seen.push(e);
          return 'queued';
        },
      },
    );
    expect(seen.map((e) => e.title)).toEqual([
      'Kazakh Foreign Minister meets US Deputy Secretary of State',
      'Briefing by the Spokesperson of the MFA',
    ]);
    expect(result.stoppedBecause).toMatch(/page 2 lists nothing/);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
    ]);
  });

  it('on gov.kz, the way in that worked on one page is tried first on the next', async () => {
    server.govkz = { challenge: 'v2', blocked: false, wrapped: false, pageBase: 1 };
    const [mfa] = parseSources([{ id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin }]);
    await backfillSource(
      mfa!,
      { since: new Date('2026-09-01T00:00:00Z'), until: new Date('2026-10-01T00:00:00Z') },
      {
        ...deps(),
        handle: async () => 'queued',
      },
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/public/_/c/k6',
      'GET /api/v1/public/content-manager/news',
      'POST /api/v2/_/c/k6',
      'GET /api/v1/public/content-manager/news',
      'POST /api/v2/_/c/k6',
      'GET /api/v1/public/content-manager/news',
    ]);
  });
});

describe('kzmon backfill (the real CLI)', () => {
  let dir: string;
  let sourcesFile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kzmon-backfill-'));
    sourcesFile = join(dir, 'sources.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify([
        { id: 'archive', kind: 'kazinform-list', language: 'ru', url: server.url('/archive/lenta') },
      ]),
    );
  });

  function kzmon(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [KZMON, ...args], {
        cwd: dir,
        env: { ...process.env, KZMON_STORE: join(dir, '.kzmon'), CI: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('walks back to --since with plain progress lines, and a second run fetches no article again', async () => {
    server.reset();
    const args = [
      'backfill',
      '--since',
      '2026-08-14',
      '--until',
      '2026-08-16',
      '--sources',
      sourcesFile,
      '--rate',
      '50',
    ];
    const first = await kzmon(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^archive: page 1, 0 item\(s\) in range/m);
    expect(first.stdout).toMatch(
      /^archive: 4 page\(s\), 6 item\(s\) in range, 6 new, 3 relevant; page 4 is entirely older/m,
    );
    expect(first.stdout).toContain('Backfilled items send no alert.');
    expect(archivePages()).toEqual(['1', '2', '3', '4']);
    expect(articles()).toHaveLength(6);

    server.reset();
    const second = await kzmon(args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^archive: 4 page\(s\), 6 item\(s\) in range, 0 new, 0 relevant/m);
    expect(articles()).toEqual([]);
  }, 60_000);

  it('refuses a bad date and an unknown source with exit code 2', async () => {
    const bad = await kzmon(['backfill', '--since', '14.08.2026', '--sources', sourcesFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since 14\.08\.2026: not a date/);
    const unknown = await kzmon([
      'backfill',
      '--since',
      '2026-08-14',
      '--source',
      'nope',
      '--sources',
      sourcesFile,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no source "nope"; known: archive/);
  }, 60_000);
});
