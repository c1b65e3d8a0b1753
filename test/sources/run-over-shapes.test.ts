import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';

const KZMON = join(__dirname, '..', '..', 'bin', 'kzmon.cjs');
let server: FixtureServer;
let dir: string;
let sourcesFile: string;

beforeAll(async () => {
  server = await startFixtureServer();
  // gov.kz as verified in late 2026: single-use v1 tickets, no v2 exchange.
  server.govkz = { challenge: 'v1', blocked: false, wrapped: false, pageBase: 1 };
  dir = mkdtempSync(join(tmpdir(), 'kzmon-run-shapes-'));
  sourcesFile = join(dir, 'sources.json');
  writeFileSync(
    sourcesFile,
    JSON.stringify([
      { id: 'kz-ru', kind: 'kazinform-list', language: 'ru', url: server.url('/list/ru-2026') },
      // The same Russian articles again through a Google News sitemap: stored once.
      {
        id: 'kz-ru-sitemap',
        kind: 'sitemap',
        language: 'ru',
        url: server.url('/sitemaps/google-news_ru.xml'),
      },
      { id: 'kz-ru-2025', kind: 'kazinform-list', language: 'ru', url: server.url('/list/allnewscard') },
      { id: 'kz-en', kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') },
      { id: 'kz-en-tags', kind: 'kazinform-list', language: 'en', url: server.url('/list/tagpage') },
      { id: 'kz-kk', kind: 'kazinform-list', language: 'kk', url: server.url('/kaz/lenta/') },
      { id: 'kz-qz', kind: 'kazinform-list', language: 'kk', url: server.url('/list/catpage-local') },
      { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin },
      { id: 'behind-cf', kind: 'kazinform-list', language: 'ru', url: server.url('/cf/lenta') },
    ]),
  );
});
afterAll(() => server.close());

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

const articleRequests = () => server.requests.filter((r) => /^\/(news|ru)\//.test(r.path));

describe('kzmon run over every source shape', () => {
  it('stores every relevant item once, is silent the second time, and says the blocked source is behind Cloudflare', async () => {
    const first = await kzmon(['run', '--sources', sourcesFile]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Sources: 8/9 fetched');
    expect(first.stdout).toMatch(/behind-cf +FAILED: blocked by a Cloudflare challenge/);
    expect(first.stdout).not.toMatch(/^ +failed /m);
    const relevant = Number(/Items: \d+ new, \d+ already seen; (\d+) relevant/.exec(first.stdout)?.[1]);
    expect(relevant).toBeGreaterThan(0);
    // Every article page was fetched once, the sitemap's copies of the list's articles not at all.
    const fetched = articleRequests().map((r) => r.path);
    expect(new Set(fetched).size).toBe(fetched.length);
    expect(fetched.filter((p) => p.endsWith('3e5a7c9b'))).toHaveLength(1);

    const query = await kzmon(['query', '--json', '--all']);
    const items = query.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { itemId: string; url: string; sourceId: string });
    expect(items).toHaveLength(relevant);
    expect(new Set(items.map((i) => i.itemId)).size).toBe(items.length);
    // One article under two slugs (list card and a related link) and in the sitemap: one item.
    expect(items.filter((i) => i.url.includes('3e5a7c9b'))).toHaveLength(1);
    // The truncated "--<hex>" slug made it through, and gov.kz was read with v1 tickets.
    expect(items.some((i) => i.url.endsWith('-mezhdu--8d1f0e24'))).toBe(true);
    expect(items.some((i) => i.sourceId === 'mfa-en')).toBe(true);
    for (const generation of ['kz-ru', 'kz-ru-2025', 'kz-en', 'kz-en-tags', 'kz-kk', 'kz-qz']) {
      expect(
        items.some((i) => i.sourceId === generation),
        generation,
      ).toBe(true);
    }

    server.reset();
    const second = await kzmon(['run', '--sources', sourcesFile]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/Items: 0 new/);
    expect(second.stdout).toMatch(/Alerts: 0 sent/);
    expect(articleRequests()).toEqual([]);
    // Backing off: the challenged address is not asked again this soon.
    expect(server.hits('/cf/')).toBe(0);

    const health = await kzmon(['sources', '--sources', sourcesFile]);
    expect(health.stdout).toMatch(
      /behind-cf +kazinform-list +ru +blocked by a Cloudflare challenge \(since /,
    );
    expect(health.stdout).toMatch(/path used +gov\.kz v1 ticket/);
  }, 180_000);
});
