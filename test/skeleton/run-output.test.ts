import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'bin/kzmon.cjs');
const work = mkdtempSync(join(tmpdir(), 'kzmon-run-'));

function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const { CI: _ci, ...base } = process.env;
    const child = spawn(command, args, { cwd: ROOT, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const kzmon = (args: string[], env: Record<string, string | undefined> = {}) =>
  run(process.execPath, [CLI, ...args], { KZMON_STORE: join(work, 'store'), ...env });

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('kzmon run with no network', () => {
  // Names under .invalid never resolve (RFC 2606): what every lookup meets on a machine that is offline.
  const sources = join(work, 'offline.json');
  beforeAll(() => {
    writeFileSync(
      sources,
      JSON.stringify([
        { id: 'kazinform-en', kind: 'kazinform-list', language: 'en', url: 'https://news.invalid/lenta' },
        { id: 'kazinform-ru', kind: 'rss', language: 'ru', url: 'https://feeds.invalid/rss/rus.xml' },
        { id: 'mfa-en', kind: 'govkz-news', language: 'en', url: 'https://gov.invalid' },
      ]),
    );
  });

  it('says it once, in a short human summary, with no log lines', async () => {
    const r = await kzmon(['run', '--sources', sources], { CI: 'true' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect((r.stdout.match(/no network\?/gi) ?? []).length).toBe(1);
    expect(r.stdout).toMatch(/^No network\? /m);
    expect(r.stdout).toMatch(/^ {2}kazinform-en\s+not reached \(could not resolve news\.invalid/m);
    expect(r.stdout.split('\n').length).toBeLessThan(15);
  });

  it('writes JSON log lines only when asked: --log-json, or -v for every step', async () => {
    const json = await kzmon(['run', '--sources', sources, '--log-json'], { CI: 'true' });
    const lines = json.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), message: expect.any(String) });
    }
    expect(lines.map((l) => JSON.parse(l).sourceId)).toEqual(expect.arrayContaining(['kazinform-en', 'mfa-en']));
    const verbose = await kzmon(['run', '--sources', sources, '-v'], { CI: 'true' });
    expect(verbose.stderr).toMatch(/source failed .*"sourceId":"mfa-en"/);
  });
});

describe('progress while a cycle runs', () => {
  let server: Server;
  let sources: string;
  beforeAll(async () => {
    // A feed that takes a few seconds to answer, as a slow site does.
    server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (req.url === '/slow.xml') {
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/rss+xml' });
          res.end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>${origin}/</link><description>d</description>` +
              `<item><title>Astana hosts a book fair</title><link>${origin}/news/astana-hosts-a-book-fair-1a2b3c</link>` +
              '<pubDate>Mon, 23 Nov 2026 05:00:00 GMT</pubDate></item></channel></rss>',
          );
        }, 3500);
        return;
      }
      if (req.url === '/news/astana-hosts-a-book-fair-1a2b3c') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<html><body><h1 class="article__title">Astana hosts a book fair</h1><div class="article__body-text">' +
            '<p>More than two hundred publishers from fifteen countries take part in the fair in the capital.</p></div></body></html>',
        );
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sources = join(work, 'slow.json');
    writeFileSync(sources, JSON.stringify([{ id: 'slow-feed', kind: 'rss', language: 'en', url: `${origin}/slow.xml` }]));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('shows each source and the request it waits for on a terminal', async () => {
    // `script` gives the command a terminal, as a person running it has.
    const line = `"${process.execPath}" "${CLI}" run --sources "${sources}"`;
    const r = await run('script', ['-qfec', line, '/dev/null'], { KZMON_STORE: join(work, 'tty-store'), TERM: 'xterm' });
    expect(r.stdout).toMatch(/Reading sources: 0\/1 done/);
    expect(r.stdout).toMatch(/slow-feed\s+… reading \(\d+ s\)/);
    expect(r.stdout).toMatch(/waiting \d+ s for http:\/\/127\.0\.0\.1:\d+\/slow\.xml/);
    expect(r.stdout).toMatch(/Sources: 1\/1 fetched/);
  });

  it('stays plain in a pipe: no progress, no terminal codes', async () => {
    const r = await kzmon(['run', '--sources', sources]);
    expect(r.stdout).toMatch(/Sources: 1\/1 fetched/);
    expect(r.stdout + r.stderr).not.toMatch(/Reading sources|\x1b\[/);
  });
});
