import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitorStore } from '../../functions/adapters/monitor-store';
import { startLocalDynamo } from '../../functions/local/local-dynamodb';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';

const KZMON = join(__dirname, '..', '..', 'bin', 'kzmon.cjs');
let server: FixtureServer;
let dir: string;
let sourcesFile: string;

beforeAll(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'kzmon-sources-'));
  sourcesFile = join(dir, 'sources.json');
  writeFileSync(
    sourcesFile,
    JSON.stringify([
      { id: 'kz-rss', kind: 'rss', language: 'en', url: server.url('/rss/en.xml') },
      {
        id: 'kz-fallback',
        kind: 'rss',
        language: 'ru',
        url: server.url('/fault/404'),
        fallbackListUrl: server.url('/list/allnewscard'),
      },
      { id: 'kz-list', kind: 'kazinform-list', language: 'en', url: server.url('/list/2026') },
      { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin },
      { id: 'broken', kind: 'rss', language: 'en', url: server.url('/fault/malformed.xml') },
    ]),
  );
});
afterAll(() => server.close());

/** Runs the real CLI as its own process, as a user would. */
function kzmon(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KZMON, ...args], {
      cwd: dir,
      env: { ...process.env, KZMON_HOME: join(dir, '.kzmon') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kzmon sources check', () => {
  it('checks an RSS source: items, dates and extracted text of its articles; exit 0', async () => {
    const r = await kzmon(['sources', 'check', 'kz-rss', '--sources', sourcesFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read via feed: 2 item(s)');
    // Astana time, as the site prints it (09:47 UTC)
    expect(r.stdout).toContain('2021-04-28 14:47 Astana (UTC+5)');
    expect(r.stdout).toMatch(/ok +\d{3,} chars in \d+ paragraph\(s\), dated 2021-04-28 14:47 Astana \(UTC\+5\)/);
    expect(r.stdout).toMatch(/ok +\d{3,} chars in \d paragraph\(s\), dated 2026-08-18 08:32 Astana \(UTC\+5\)/);
    expect(r.stdout).toContain('Result: OK');
  });

  it('checks a kazinform-list source, naming the link it refused', async () => {
    const r = await kzmon(['sources', 'check', 'kz-list', '--sources', sourcesFile, '--articles', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read via list: 2 item(s)');
    expect(r.stdout).toContain(
      'Refused 1 link(s) off the allowlist: http://169.254.169.254/news/latest-meta-data-a1b2c3',
    );
    expect(r.stdout).toContain('Astana hosts international book fair');
  });

  it('checks a govkz-news source behind the challenge', async () => {
    const r = await kzmon(['sources', 'check', 'mfa-en', '--sources', sourcesFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read via api: 2 item(s)');
    expect(r.stdout).toContain('Kazakh Foreign Minister meets US Deputy Secretary of State');
    expect(r.stdout).toMatch(/ok +\d+ chars in 2 paragraph\(s\), dated 2026-09-25 23:59 Astana \(UTC\+5\)/);
  });

  it('exits 1 and says why when the source is broken, 2 for an unknown id', async () => {
    const broken = await kzmon(['sources', 'check', 'broken', '--sources', sourcesFile]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/FAILED: malformed feed at/);
    const unknown = await kzmon(['sources', 'check', 'nope', '--sources', sourcesFile]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no source "nope"; known: kz-rss, kz-fallback, kz-list, mfa-en, broken');
  });

  it('lists the sources with their stored health', async () => {
    // Health as a cycle leaves it, written straight into the store the CLI opens (a real cycle is
    // covered in fetch-cycle.test.ts; running one here would only add classification time).
    const db = await startLocalDynamo({ dir: join(dir, '.kzmon', 'db') });
    const store = createMonitorStore(db.client, { tableName: db.tableName });
    await store.putSourceState({
      sourceId: 'kz-rss',
      consecutiveFailures: 0,
      lastSuccessAt: '2026-08-18T04:00:00.000Z',
      itemsLastSeen: 2,
    });
    await store.putSourceState({
      sourceId: 'kz-fallback',
      consecutiveFailures: 0,
      lastSuccessAt: '2026-08-18T04:00:00.000Z',
      note: 'feed unusable (HTTP 404 from x); read the list page y',
    });
    await store.putSourceState({
      sourceId: 'broken',
      consecutiveFailures: 3,
      lastError: 'malformed feed at x: Unexpected close tag',
      lastErrorAt: '2026-08-18T04:00:00.000Z',
    });
    await db.close();
    const r = await kzmon(['sources', '--sources', sourcesFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/kz-rss +rss +en +ok/);
    expect(r.stdout).toMatch(/items seen +2/);
    expect(r.stdout).toMatch(/kz-list +kazinform-list +en +never fetched/);
    expect(r.stdout).toMatch(/broken +rss +en +FAILING \(3 in a row\)/);
    // Health times in Astana (UTC+5), as the web view's /sources page shows them.
    expect(r.stdout).toMatch(/last error +2026-08-18 09:00 Astana \(UTC\+5\): malformed feed at x/);
    expect(r.stdout).toMatch(/kz-fallback +rss +ru +ok\n(.*\n)*? +last success +2026-08-18 09:00 Astana \(UTC\+5\)\n/);
    expect(r.stdout).toMatch(/note +feed unusable \(HTTP 404/);
    expect(r.stdout).toContain(`then           list ${server.url('/list/allnewscard')}`);
  });
});

describe('kzmon sources check --all', () => {
  it('prints one row per source (path used, items, newest item, first article length, verdict) and exits 1 when one fails', async () => {
    const file = join(dir, 'all.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'ru-lenta',
          kind: 'kazinform-list',
          language: 'ru',
          url: server.url('/fault/404'),
          fallbacks: [{ kind: 'kazinform-list', url: server.url('/list/ru-2026') }],
        },
        { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: server.origin },
        { id: 'behind-cf', kind: 'kazinform-list', language: 'ru', url: server.url('/cf/lenta') },
      ]),
    );
    const r = await kzmon(['sources', 'check', '--all', '--sources', file]);
    expect(r.code).toBe(1);
    const rows = r.stdout.split('\n');
    expect(rows[0]).toMatch(/^SOURCE +PATH USED +ITEMS +NEWEST ITEM +FIRST ARTICLE +VERDICT$/);
    expect(rows.find((l) => l.startsWith('ru-lenta'))).toMatch(
      new RegExp(
        `^ru-lenta +list ${server.url('/list/ru-2026').replace(/[.?]/g, '\\$&')} +4 +2026-08-18 21:38 Astana \\(UTC\\+5\\) +\\d+ chars +ok$`,
      ),
    );
    expect(rows.find((l) => l.startsWith('mfa-en'))).toMatch(
      /^mfa-en +gov\.kz (v1 ticket|v2 header exchange) +2 +2026-09-25 23:59 Astana \(UTC\+5\) +\d+ chars +ok$/,
    );
    expect(rows.find((l) => l.startsWith('behind-cf'))).toMatch(
      /^behind-cf +- +0 +- +- +blocked by a Cloudflare challenge$/,
    );
    expect(r.stdout).toMatch(/^behind-cf: FAILED: blocked by a Cloudflare challenge: HTTP 403/m);
  });

  it('offline, says "no network?" once instead of blaming each site', async () => {
    const file = join(dir, 'offline.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'ru-offline',
          kind: 'kazinform-list',
          language: 'ru',
          url: 'https://kzmon-offline-test.invalid/ru/lenta',
        },
        { id: 'mfa-offline', kind: 'govkz-news', language: 'en', url: 'https://kzmon-offline-test.invalid' },
      ]),
    );
    const r = await kzmon(['sources', 'check', '--all', '--sources', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ru-offline +- +0 +- +- +no network\?$/m);
    expect(r.stdout).toMatch(/^mfa-offline +- +0 +- +- +no network\?$/m);
    expect(r.stdout.match(/No network\?/g)).toHaveLength(1);
    expect(r.stdout).not.toMatch(/block/i);
  });
});
