import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../fixtures/sources/fixture-server';

const KZMON = join(__dirname, '..', '..', 'bin', 'kzmon.cjs');
let server: FixtureServer;
let dir: string;
beforeAll(async () => {
  server = await startFixtureServer();
  dir = mkdtempSync(join(tmpdir(), 'kzmon-api-tty-'));
});
afterAll(() => server.close());

function run(command: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: dir,
      env: { ...process.env, KZMON_STORE: join(dir, '.kzmon'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kzmon sources --api URL', () => {
  it("shows the deployed store's health from the API's /sources, the request signed", async () => {
    const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
    const api = createServer((req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          sources: [
            {
              sourceId: 'kazinform-ru',
              consecutiveFailures: 3,
              blockedBy: 'cloudflare',
              blockedSince: '2026-11-29T20:00:00.000Z',
              nextAttemptAfter: '2026-11-30T04:00:00.000Z',
              lastError:
                'blocked by a Cloudflare challenge: HTTP 403 challenge page from https://www.inform.kz/ru/lenta',
            },
            {
              sourceId: 'mfa-en',
              consecutiveFailures: 0,
              lastSuccessAt: '2026-11-30T01:00:00.000Z',
              pathUsed: 'gov.kz v1 ticket',
              itemsLastSeen: 20,
            },
          ],
        }),
      );
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const r = await run(process.execPath, [KZMON, 'sources', '--api', url], {
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'test-access-key',
      AWS_SECRET_ACCESS_KEY: 'test-secret-not-a-real-key',
    });
    api.close();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen.map((s) => s.path)).toEqual(['/sources']);
    expect(String(seen[0]!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test-access-key\/\d{8}\/eu-central-1\/execute-api\//,
    );
    expect(r.stdout).toMatch(
      /kazinform-ru +kazinform-list +ru +blocked by a Cloudflare challenge \(since 2026-11-30 01:00 Astana \(UTC\+5\); next try after 2026-11-30 09:00 Astana \(UTC\+5\)\)/,
    );
    expect(r.stdout).toMatch(/mfa-en +govkz-news +en +ok\n(.*\n)*? +path used +gov\.kz v1 ticket/);
    expect(r.stdout).toMatch(/kazinform-kk-latn +kazinform-list +kk +never fetched/);
  }, 60_000);
});

describe('kzmon backfill on a terminal', () => {
  it('rewrites one progress line (pages, items, relevant, ETA) instead of printing a line per page', async () => {
    const sourcesFile = join(dir, 'archive.json');
    writeFileSync(
      sourcesFile,
      JSON.stringify([
        { id: 'archive', kind: 'kazinform-list', language: 'ru', url: server.url('/archive/lenta') },
      ]),
    );
    const cli = [
      process.execPath,
      KZMON,
      'backfill',
      '--since',
      '2026-08-17',
      '--until',
      '2026-08-18',
      '--sources',
      sourcesFile,
      '--rate',
      '50',
    ];
    // `script` gives the command a terminal, as a person running it would have.
    const r = await run('script', ['-qec', cli.map((a) => `'${a}'`).join(' '), '/dev/null'], {
      CI: undefined,
      TERM: 'xterm',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\r\x1b\[2Karchive: page 1, 4 item\(s\) in range, 4 new, 2 relevant, back to [^\r]*, ETA \d+ s/,
    );
    expect(r.stdout).toMatch(
      /archive: 2 page\(s\), 4 item\(s\) in range, 4 new, 2 relevant; page 2 is entirely older/,
    );
    expect(r.stdout).not.toMatch(/^archive: page 1, .*\n/m);
  }, 60_000);
});
